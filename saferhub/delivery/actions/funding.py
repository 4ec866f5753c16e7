"""Funding: recording a fund, allocating it to actions or projects, and recording spend and evaluation.
The allocations of a fund never add up to more than the fund, and spend never passes its allocation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.delivery import rules
from saferhub.delivery.models import ActionIdentity, Allocation, Fund, Plan

ERROR = "delivery.invalid_funding"


@transaction.atomic
def add_fund(plan: Plan, *, name: str, amount: Decimal, acting_user: Actor, provider=None, managed_by=None,
             source: str = "", note: str = "") -> Fund:
    require(acting_user, "delivery.manage_plan", plan)
    name = " ".join((name or "").split())
    if not name:
        raise RuleViolation("Enter the fund's name.", code="delivery.fund_name_required", field="name")
    if amount is None or amount <= 0:
        raise RuleViolation("Enter the fund's amount, more than £0.", code="delivery.fund_positive", field="amount")
    if Fund.objects.filter(plan=plan, name=name).exists():
        raise RuleViolation("A fund with that name is already recorded.", code="delivery.duplicate_fund", field="name")
    fund = Fund(plan=plan, name=name[:200], amount=amount, provider=provider, managed_by=managed_by,
                source=source.strip()[:200], note=note.strip())
    writes.full_clean(fund, code=ERROR, exclude=["plan", "provider", "managed_by"])
    fund.save()
    audit.record("delivery.fund.added", actor=acting_user, target=plan, data={"fund": fund.name, "amount": str(amount)})
    return fund


@transaction.atomic
def allocate(fund: Fund, *, amount: Decimal, allocated_on: dt.date, acting_user: Actor,
             action: ActionIdentity | None = None, project: str = "") -> Allocation:
    require(acting_user, "delivery.manage_plan", fund.plan)
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    if action is not None and action.plan_id != fund.plan_id:
        raise RuleViolation("That action is not in this fund's plan.", code="delivery.allocation_other_plan",
                            field="action")
    allocated = fund.allocations.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    rules.check_allocation(amount=amount, fund_amount=fund.amount, allocated=allocated, action=action is not None,
                           project=project)
    allocation = Allocation(fund=fund, action=action, project=" ".join(project.split())[:200], amount=amount,
                            allocated_on=allocated_on)
    writes.full_clean(allocation, code=ERROR, exclude=["fund", "action"])
    allocation.save()
    audit.record("delivery.fund.allocated", actor=acting_user, target=fund.plan,
                 data={"fund": fund.name, "amount": str(amount), "action": action.key if action else None,
                       "project": allocation.project})
    return allocation


@transaction.atomic
def record_spend(allocation: Allocation, *, spent: Decimal, acting_user: Actor, evaluation: str | None = None) -> Allocation:
    require(acting_user, "delivery.manage_plan", allocation.fund.plan)
    allocation = Allocation.objects.select_for_update().select_related("fund__plan").get(pk=allocation.pk)
    rules.check_spend(spent=spent, amount=allocation.amount)
    data = {"spent": spent}
    if evaluation is not None:
        data["evaluation"] = evaluation.strip()
    return writes.update_with_audit(allocation, allowed=list(data), data=data, acting_user=acting_user,
                                    audit_code="delivery.fund.spend_recorded", error_code=ERROR,
                                    target=allocation.fund.plan, audit_data={"fund": allocation.fund.name})
