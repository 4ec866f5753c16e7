"""Helpers shared by the ASB actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from saferhub.asb import clocks
from saferhub.asb.models import AsbSettings, Case, CaseClock
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation, rule_violation_from

# Case fields whose old and new values go into the audit trail (the case's history).
CASE_FIELDS = [f.name for f in Case._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at",
                                                                            "submitted_at", "threshold_result"}]


def today() -> dt.date:
    return timezone.localdate()


def full_clean(instance, exclude: list[str] | None = None) -> None:
    """Model validation; the first problem becomes a ``RuleViolation`` naming the field."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code="asb.invalid_value", name_field=True) from exc


def lock_case(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)


def snapshot(case: Case) -> dict[str, Any]:
    return audit.snapshot(case, CASE_FIELDS)


def _readable(changes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Foreign keys in the history by name (``old``/``new``), with their ids kept as ``old_id``/``new_id``,
    so the county team reads names, not numbers."""
    for name, change in changes.items():
        field = Case._meta.get_field(name)
        if field.is_relation:
            model = field.related_model
            for side in ("old", "new"):
                pk = change[side]
                change[f"{side}_id"] = pk
                if pk is not None:
                    obj = model._default_manager.filter(pk=pk).first()
                    change[side] = str(obj) if obj is not None else f"#{pk}"
    return changes


def save_case(case: Case, before: dict[str, Any], code: str, *, actor: Actor, data: dict | None = None) -> Case:
    """Validate and save the case, then write the audit row with what changed (the case's history)."""
    full_clean(case)
    case.save()
    changes = _readable(audit.changes(before, snapshot(case)))
    record(code, case, actor=actor, data={**(data or {}), "changes": changes})
    return case


def record(code: str, case: Case, *, actor: Actor, data: dict | None = None):
    """Every ASB audit row targets the case, so a case's history is one query."""
    return audit.record(code, actor=actor, target=case, data=data or {})


def start_clock(case: Case, step: str, start: dt.date, days: int, settings: AsbSettings) -> CaseClock:
    due = clocks.due_date(start, days, settings.region)
    clock, _ = CaseClock.objects.update_or_create(
        case=case, step=step,
        defaults={"area_id": case.area_id, "started_on": start, "due_on": due, "done_on": None},
    )
    return clock


def finish_clock(case: Case, step: str, done_on: dt.date) -> None:
    CaseClock.objects.filter(case=case, step=step, done_on__isnull=True).update(done_on=done_on)


def not_before(day: dt.date, earliest: dt.date, what: str, field: str) -> None:
    if day < earliest:
        raise RuleViolation(f"{what} cannot be before {earliest:%-d %B %Y}.", code="asb.date_order", field=field)


def not_future(day: dt.date, what: str, field: str) -> None:
    if day > today():
        raise RuleViolation(f"{what} cannot be in the future.", code="asb.date_future", field=field)


def require_status(case: Case, allowed: set[str], doing: str) -> None:
    if case.status not in allowed:
        raise RuleViolation(
            f"This case is at the stage '{case.get_status_display()}', so you cannot {doing} now.",
            code="asb.wrong_stage", field=None,
        )
