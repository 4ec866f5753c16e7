"""The Partnership team's changes to a draft version by hand: add a row, reword a row, remove a row. Each
refuses a published version (``delivery.version_published``); the version page shows the diff and publishes.
Starting the draft is ``create_version(copy_published=True)``."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.permissions import require
from saferhub.delivery import rules
from saferhub.delivery.actions.versions import add_version_row
from saferhub.delivery.models import ActionIdentity, DeliveryAction, DeliveryPlan, Outcome


def _open_version(version: DeliveryPlan) -> DeliveryPlan:
    version = DeliveryPlan.objects.select_for_update(of=("self",)).get(pk=version.pk)
    rules.check_version_open(published=version.published_at is not None)
    return version


def _open_row(row: DeliveryAction) -> DeliveryAction:
    row = DeliveryAction.objects.select_for_update(of=("self",)).select_related("plan", "identity").get(pk=row.pk)
    rules.check_version_open(published=row.plan.published_at is not None)
    return row


def _new_key(version: DeliveryPlan, number: str) -> str:
    base = f"v{version.pk}-{number.replace('.', '-')}"[:50]
    taken = set(ActionIdentity.objects.filter(plan_id=version.plan_id, key__startswith=base)
                .values_list("key", flat=True))
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def add_draft_row(version: DeliveryPlan, *, number: str, action: str, due: str, acting_user: Actor,
                  owners=(), outcomes: list[Outcome] = (), success_measure: str = "") -> DeliveryAction:
    """A new action in a draft version, with a new stable identity; the due date must be read (a date,
    Ongoing or TBC) and the number must be free in this version."""
    require(acting_user, "delivery.manage_plan", version)
    version = _open_version(version)
    rules.check_row_entry(number=number, action=action)
    rules.check_numbers_unique([*version.actions.values_list("number", flat=True), number.strip()])
    rules.check_due(due)
    return add_version_row(version, key=_new_key(version, number.strip()), number=number, action=action,
                           success_measure=success_measure, owners=owners, due=due, outcomes=list(outcomes),
                           acting_user=acting_user)


@transaction.atomic
def reword_row(row: DeliveryAction, *, action: str, acting_user: Actor,
               success_measure: str | None = None) -> DeliveryAction:
    """New wording for a row of a draft version; its cross-references are read again from the wording."""
    require(acting_user, "delivery.manage_plan", row.plan)
    row = _open_row(row)
    rules.check_row_entry(number=None, action=action)
    old = row.action
    row.action = " ".join(action.split())
    if success_measure is not None:
        row.success_measure = success_measure.strip()
    row.cross_references = rules.find_cross_references(f"{row.action} {row.success_measure}")
    row.save(update_fields=["action", "success_measure", "cross_references"])
    audit.record("delivery.action.reworded", actor=acting_user, target=row.plan,
                 data={"number": row.number, "old": old, "new": row.action})
    return row


@transaction.atomic
def remove_row(row: DeliveryAction, *, acting_user: Actor) -> None:
    """Take a row out of a draft version; its identity and its history in earlier versions stay."""
    require(acting_user, "delivery.manage_plan", row.plan)
    row = _open_row(row)
    version, number = row.plan, row.number
    key = row.identity.key if row.identity_id else ""
    row.delete()
    audit.record("delivery.action.removed", actor=acting_user, target=version, data={"number": number, "key": key})
