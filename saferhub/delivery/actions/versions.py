"""Versions of the delivery plan: a version's rows with stable identities, owners, renumbering and
publication (with the diff from the previous version)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.delivery import rules
from saferhub.delivery.facts import version_diff
from saferhub.delivery.models import ActionIdentity, ActionOwner, DeliveryAction, DeliveryPlan, Outcome, Plan

ERROR = "delivery.invalid_value"


@transaction.atomic
def create_version(plan: Plan, *, title: str, stage: str, label: str, acting_user: Actor,
                   version_date: dt.date | None = None, previous: DeliveryPlan | None = None,
                   source: str = "", is_partial: bool = False, copy_published: bool = False) -> DeliveryPlan:
    """A new version of the plan's delivery plan (draft, final, revised); ``previous`` is the version
    it revises, which publishing compares it with. With ``copy_published`` (the team's "Start a new version")
    it revises the current published version and starts as a copy of every row of it; it is refused while
    another version of the plan waits to be published."""
    require(acting_user, "delivery.manage_plan", plan)
    if copy_published:
        Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one start at a time per plan
        rules.check_one_draft([str(v) for v in plan.versions.filter(published_at__isnull=True)])
        previous = (plan.versions.filter(published_at__isnull=False, is_partial=False)
                    .order_by("-version_date", "-pk").first())
        if previous is None:
            raise RuleViolation("Publish a complete version of the plan first: a new version starts as a copy of it.",
                                code="delivery.version_needs_published", field="label")
    if previous is not None and previous.plan_id != plan.pk:
        raise RuleViolation("The previous version belongs to another plan.", code="delivery.version_plan",
                            field="previous")
    if DeliveryPlan.objects.filter(title=title, version_date=version_date).exists():
        raise RuleViolation("That version is already recorded.", code="delivery.duplicate_plan", field="title")
    version = DeliveryPlan(plan=plan, title=title, stage=stage, label=label, version_date=version_date,
                           previous=previous, partnership=plan.partnership, source=source, is_partial=is_partial,
                           period=f"{plan.start_year}-{str(plan.end_year)[-2:]}")
    writes.full_clean(version, code=ERROR)
    version.save()
    copied = _copy_rows(previous, version) if copy_published else 0
    audit.record("delivery.version.created", actor=acting_user, target=version,
                 data={"label": label, **({"copied_from": previous.pk, "rows": copied} if copy_published else {})})
    return version


def _copy_rows(source: DeliveryPlan, version: DeliveryPlan) -> int:
    """Every row of ``source`` into ``version``: the same identity, number, wording, owners, due date,
    cross-references and outcome links (not the progress column a source printed for that version)."""
    rows = list(source.actions.select_related("identity").prefetch_related("owners", "outcomes")
                .order_by("position", "id"))
    copies = []
    for row in rows:
        identity = row.identity or ActionIdentity.objects.get_or_create(plan_id=version.plan_id,
                                                                        key=f"row-{row.pk}")[0]
        copies.append(DeliveryAction(
            plan=version, identity=identity, number=row.number, theme=row.theme, action=row.action,
            success_measure=row.success_measure, owner=row.owner, due=row.due, due_kind=row.due_kind,
            due_date=row.due_date, due_flag=row.due_flag, cross_references=list(row.cross_references),
            position=row.position))
    DeliveryAction.objects.bulk_create(copies)
    ActionOwner.objects.bulk_create([
        ActionOwner(action=copy, position=o.position, organisation_id=o.organisation_id, body_id=o.body_id)
        for row, copy in zip(rows, copies, strict=True) for o in row.owners.all()])
    links = DeliveryAction.outcomes.through
    links.objects.bulk_create([links(deliveryaction_id=copy.pk, outcome_id=o.pk)
                               for row, copy in zip(rows, copies, strict=True) for o in row.outcomes.all()])
    return len(copies)


def _check_owner(owner):
    from saferhub.governance.models import Committee

    if isinstance(owner, Committee):
        return {"body": owner}
    if isinstance(owner, Organisation):
        return {"organisation": owner}
    raise RuleViolation("Each owner is an organisation or a partnership group, not free text.",
                        code="delivery.owner_kind", field="owners")


def _write_owners(row: DeliveryAction, owners) -> None:
    links = [_check_owner(o) for o in owners]
    row.owners.all().delete()
    ActionOwner.objects.bulk_create([ActionOwner(action=row, position=i, **link) for i, link in enumerate(links, 1)])


@transaction.atomic
def add_version_row(version: DeliveryPlan, *, key: str, number: str, action: str, acting_user: Actor,
                    success_measure: str = "", owners=(), owner_text: str = "", due: str = "", theme: str = "",
                    outcomes: list[Outcome] = (), cross_references: list[str] | None = None,
                    update: str = "", note: str = "") -> DeliveryAction:
    """Add an action to a version under its stable ``key`` (created on first use); the number is the one
    printed in this version. Cross-references are read from the wording unless given."""
    require(acting_user, "delivery.manage_plan", version)
    if version.plan_id is None:
        raise RuleViolation("Link the version to its plan first.", code="delivery.version_plan", field="plan")
    if version.published_at:
        raise RuleViolation("This version is published: start a new version to change it.",
                            code="delivery.version_published", field="number")
    number = number.strip()
    if not number or not action.strip():
        raise RuleViolation("Enter the action's number and wording.", code="delivery.action_required", field="action")
    rules.check_numbers_unique([*version.actions.values_list("number", flat=True), number])
    identity, _ = ActionIdentity.objects.get_or_create(plan_id=version.plan_id, key=key,
                                                       defaults={"note": note.strip()})
    if version.actions.filter(identity=identity).exists():
        raise RuleViolation(f"Action {key} is already in this version.", code="delivery.duplicate_identity",
                            field="number")
    refs = ([rules.check_cross_reference(r) for r in cross_references] if cross_references is not None
            else rules.find_cross_references(f"{action} {success_measure}"))
    reading = rules.read_due(due)
    position = (version.actions.aggregate(m=Max("position"))["m"] or 0) + 1
    row = DeliveryAction(plan=version, identity=identity, number=number, action=" ".join(action.split()),
                         success_measure=success_measure.strip(), owner=owner_text[:300], due=due.strip()[:100],
                         due_kind=reading.kind, due_date=reading.date, due_flag=reading.flag[:200],
                         theme=theme[:200], update=update, cross_references=refs, position=position)
    writes.full_clean(row, code=ERROR, exclude=["plan", "identity"])
    row.save()
    for outcome in outcomes:
        if outcome.plan_id != version.plan_id:
            raise RuleViolation("That outcome belongs to another plan.", code="delivery.outcome_plan", field="outcomes")
    row.outcomes.set(outcomes)
    _write_owners(row, owners)
    audit.record("delivery.action.added", actor=acting_user, target=version, data={"number": number, "key": key})
    return row


@transaction.atomic
def set_owners(row: DeliveryAction, *, owners, acting_user: Actor) -> DeliveryAction:
    require(acting_user, "delivery.manage_plan", row.plan)
    _write_owners(row, owners)
    audit.record("delivery.action.owners_set", actor=acting_user, target=row.plan,
                 data={"number": row.number, "owners": [str(o) for o in owners]})
    return row


@transaction.atomic
def renumber_row(row: DeliveryAction, *, number: str, acting_user: Actor) -> DeliveryAction:
    """Give a row of an unpublished version a new number; a number another row has is refused."""
    require(acting_user, "delivery.manage_plan", row.plan)
    row = DeliveryAction.objects.select_for_update(of=("self",)).select_related("plan").get(pk=row.pk)
    if row.plan.published_at:
        raise RuleViolation("This version is published: start a new version to change it.",
                            code="delivery.version_published", field="number")
    number = number.strip()
    others = list(row.plan.actions.exclude(pk=row.pk).values_list("number", flat=True))
    rules.check_numbers_unique([*others, number])
    old = row.number
    row.number = number
    row.save(update_fields=["number"])
    audit.record("delivery.action.renumbered", actor=acting_user, target=row.plan, data={"old": old, "new": number})
    return row


@transaction.atomic
def publish_version(version: DeliveryPlan, *, acting_user: Actor) -> rules.VersionDiff:
    """Publish a version (it can no longer change) and return, and audit, what it changes from the
    version it revises: added, renumbered, reworded and removed actions."""
    require(acting_user, "delivery.manage_plan", version)
    version = DeliveryPlan.objects.select_for_update(of=("self",)).get(pk=version.pk)
    if version.published_at:
        raise RuleViolation("This version is already published.", code="delivery.version_published", field="version")
    if not version.actions.exists():
        raise RuleViolation("A version with no actions cannot be published.", code="delivery.version_empty",
                            field="version")
    diff = version_diff(version)
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    audit.record("delivery.version.published", actor=acting_user, target=version, data={
        "added": [r.number for r in diff.added], "removed": [r.number for r in diff.removed],
        "renumbered": [[a.number, b.number] for a, b in diff.renumbered],
        "reworded": [b.number for _, b in diff.reworded]})
    return diff
