"""The only writes to delivery plans: each checks permission, saves in one transaction and audits."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.core.writes import BulkOutcome
from saferhub.delivery import rules
from saferhub.delivery.models import DeliveryAction, DeliveryPlan

ACTION_FIELDS = ["theme", "action", "success_measure", "owner", "due", "update"]


def _derived(fields: dict, action: str) -> dict:
    """What the printed date and wording mean: the due date read by ``rules.read_due`` (raw text kept in
    ``due``) and the cross-references cited ("CLSG Action 2")."""
    reading = rules.read_due(fields.get("due", ""))
    text = f"{action} {fields.get('success_measure', '')}"
    try:
        refs = rules.find_cross_references(text)
    except RuleViolation:
        refs = []
    return {"due_kind": reading.kind, "due_date": reading.date, "due_flag": reading.flag[:200],
            "cross_references": refs}


@transaction.atomic
def create_plan(*, title: str, acting_user: Actor, partnership: Organisation | None = None, period: str = "",
                version_date: dt.date | None = None) -> DeliveryPlan:
    """Create a delivery plan; the same title and version date twice is refused."""
    require(acting_user, "delivery.manage_plan")
    title = " ".join(title.split())
    if not title:
        raise RuleViolation("Enter the plan's title.", code="delivery.title_required", field="title")
    if DeliveryPlan.objects.filter(title=title, version_date=version_date).exists():
        raise RuleViolation("That plan is already recorded.", code="delivery.duplicate_plan", field="title")
    plan = DeliveryPlan.objects.create(title=title, partnership=partnership, period=period, version_date=version_date)
    audit.record("delivery.plan.created", actor=acting_user, target=plan,
                 data={"title": title, "version_date": version_date})
    return plan


@transaction.atomic
def add_action(plan: DeliveryPlan, *, number: str, action: str, acting_user: Actor, **fields) -> DeliveryAction:
    """Add one action to a plan. Numbers are unique within a plan ("1.14")."""
    require(acting_user, "delivery.manage_plan", plan)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    number = number.strip()
    if not number or not action.strip():
        raise RuleViolation("Enter the action's number and wording.", code="delivery.action_required", field="action")
    if DeliveryAction.objects.filter(plan=plan, number=number).exists():
        raise RuleViolation(f"Action {number} is already in this plan.", code="delivery.duplicate_action",
                            field="number")
    position = (DeliveryAction.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0) + 1
    fields = {k: (v or "").strip() for k, v in fields.items()}
    row = DeliveryAction.objects.create(plan=plan, number=number, action=action.strip(), position=position,
                                        **fields, **_derived(fields, action))
    audit.record("delivery.action.added", actor=acting_user, target=plan, data={"number": number})
    return row


@transaction.atomic
def add_actions(plan: DeliveryPlan, *, rows: list[dict], acting_user: Actor, collect_refusals: bool = False):
    """Add many actions to a plan at once, each checked as ``add_action`` checks it (in order), with
    one insert and one audit row per action. A refusal raises (nothing saved) unless
    ``collect_refusals`` is set, when the refused rows are left out and returned."""
    require(acting_user, "delivery.manage_plan", plan)
    taken = set(DeliveryAction.objects.filter(plan=plan).values_list("number", flat=True))
    position = DeliveryAction.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0
    outcome = BulkOutcome(records=[None] * len(rows))
    accepted = []
    for index, row in enumerate(rows):
        fields = {k: v for k, v in row.items() if k not in {"number", "action"}}
        unknown = set(fields) - set(ACTION_FIELDS)
        if unknown:
            raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
        number, action = str(row.get("number", "")).strip(), str(row.get("action", ""))
        try:
            if not number or not action.strip():
                raise RuleViolation("Enter the action's number and wording.", code="delivery.action_required",
                                    field="action")
            if number in taken:
                raise RuleViolation(f"Action {number} is already in this plan.", code="delivery.duplicate_action",
                                    field="number")
        except RuleViolation as exc:
            if not collect_refusals:
                raise
            outcome.refused[index] = exc
            continue
        taken.add(number)
        position += 1
        fields = {k: (v or "").strip() for k, v in fields.items()}
        obj = DeliveryAction(plan=plan, number=number, action=action.strip(), position=position,
                             **fields, **_derived(fields, action))
        accepted.append(obj)
        outcome.records[index] = obj
    DeliveryAction.objects.bulk_create(accepted, batch_size=500)
    audit.record_many("delivery.action.added", actor=acting_user, events=[(plan, {"number": a.number}) for a in accepted])
    return outcome


@transaction.atomic
def update_action(row: DeliveryAction, *, acting_user: Actor, **fields) -> DeliveryAction:
    """Change an action's wording, owner, date or progress update."""
    require(acting_user, "delivery.manage_plan", row.plan)
    data = {k: (v or "").strip() for k, v in fields.items()}
    if {"due", "action", "success_measure"} & set(data):
        merged = {"due": row.due, "success_measure": row.success_measure, **data}
        data.update(_derived(merged, data.get("action", row.action)))
    return writes.update_with_audit(
        row, allowed=[*ACTION_FIELDS, "due_kind", "due_date", "due_flag", "cross_references"], data=data,
        acting_user=acting_user,
        audit_code="delivery.action.updated", error_code="delivery.invalid_value", target=row.plan,
        audit_data={"number": row.number}, clean=False,
    )
