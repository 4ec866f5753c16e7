"""Performance: measure targets and values (one, or a whole checked file), and owners' RAG updates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from saferhub.core import audit, writes
from saferhub.core.actors import Actor, is_system
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.delivery import rules
from saferhub.delivery.models import (
    ActionIdentity,
    ActionUpdate,
    DeliveryAction,
    Measure,
    MeasureValue,
    ReportingRound,
)

ERROR = "delivery.invalid_value"


@transaction.atomic
def set_measure_target(measure: Measure, *, acting_user: Actor, baseline_value: Decimal | None = None,
                       baseline_label: str = "", target_value: Decimal | None = None, direction: str | None = None,
                       data_quality_note: str | None = None, frequency: str | None = None) -> Measure:
    require(acting_user, "delivery.manage_plan", measure.outcome.plan)
    data = {"baseline_value": baseline_value, "baseline_label": baseline_label, "target_value": target_value}
    if direction is not None:
        data["direction"] = direction
    if data_quality_note is not None:
        data["data_quality_note"] = data_quality_note
    if frequency is not None:
        data["frequency"] = frequency
    if target_value is not None and (direction or measure.direction) == "neutral":
        raise RuleViolation("A neutral measure has no target: its direction is unclear because of under-reporting "
                            "(Plan Appendix 1, A1.2).", code="delivery.neutral_has_no_target", field="target_value")
    return writes.update_with_audit(measure, allowed=list(data), data=data, acting_user=acting_user,
                                    audit_code="delivery.measure.target_set", error_code=ERROR,
                                    target=measure.outcome.plan, audit_data={"measure": measure.pk})


def _checked_value(measure: Measure, *, period_start, period_end, value, geography="county", area="",
                   data_quality_note="") -> MeasureValue:
    plan = measure.outcome.plan
    rules.check_value(period_start=period_start, period_end=period_end, geography=geography,
                      measure_geography=measure.geography, plan_start_year=plan.start_year,
                      plan_end_year=plan.end_year, extended=plan.extended, frequency=measure.frequency)
    area = " ".join((area or "").split()) or ("Norfolk" if geography == "county" else "")
    if not area:
        raise RuleViolation("Name the district or locality the value is for.", code="delivery.area_required",
                            field="area")
    return MeasureValue(measure=measure, period_start=period_start, period_end=period_end, geography=geography,
                        area=area[:100], value=Decimal(value), data_quality_note=data_quality_note)


@transaction.atomic
def record_value(measure: Measure, *, acting_user: Actor, **fields) -> MeasureValue:
    """Record one value of a measure; a second value for the same period and area is refused."""
    require(acting_user, "delivery.manage_plan", measure.outcome.plan)
    obj = _checked_value(measure, **fields)
    if MeasureValue.objects.filter(measure=measure, period_start=obj.period_start, period_end=obj.period_end,
                                   geography=obj.geography, area=obj.area).exists():
        raise RuleViolation("A value for this period and area is already recorded.", code="delivery.duplicate_value",
                            field="period_start")
    writes.full_clean(obj, code=ERROR)
    obj.save()
    audit.record("delivery.value.recorded", actor=acting_user, target=measure.outcome.plan,
                 data={"measure": measure.pk, "period_start": obj.period_start, "area": obj.area,
                       "value": str(obj.value)})
    return obj


@transaction.atomic
def record_values(plan, *, rows: list[dict], acting_user: Actor) -> list[MeasureValue]:
    """Record many values at once (a CSV upload): each row is checked as ``record_value`` checks it and
    the first refusal saves nothing (all or nothing). Each row is ``{"measure": Measure, ...}``."""
    require(acting_user, "delivery.manage_plan", plan)
    objs, seen = [], set()
    existing = set(MeasureValue.objects.filter(measure__outcome__plan=plan)
                   .values_list("measure_id", "period_start", "period_end", "geography", "area"))
    for index, row in enumerate(rows, start=1):
        fields = dict(row)
        measure = fields.pop("measure")
        try:
            obj = _checked_value(measure, **fields)
        except RuleViolation as exc:
            raise RuleViolation(f"Row {fields.get('line', index)}: {exc.text}", code=exc.rule_code,
                                field="file") from None
        key = (measure.pk, obj.period_start, obj.period_end, obj.geography, obj.area)
        if key in existing or key in seen:
            raise RuleViolation(f"Row {index}: a value for this measure, period and area is already recorded.",
                                code="delivery.duplicate_value", field="file")
        seen.add(key)
        objs.append(obj)
    MeasureValue.objects.bulk_create(objs, batch_size=1000)
    audit.record("delivery.values.imported", actor=acting_user, target=plan, data={"rows": len(objs)})
    return objs


@transaction.atomic
def submit_update(row: DeliveryAction, *, rag: str, commentary: str, submitted_on: dt.date, acting_user: Actor,
                  period_end: dt.date | None = None, due_by: dt.date | None = None, status: str = "",
                  evidence: str = "", round: ReportingRound | None = None) -> ActionUpdate:  # noqa: A002
    """An owner's periodic update on an action (kept for ever, against the action's stable identity). In a
    reporting round the period and the due date are the round's; a closed round takes no more updates, and
    an action not in the round's version is not part of it. A later update in the same round supersedes the
    earlier one on the round's page; both stay in the history."""
    require(acting_user, "delivery.update_action", row)
    if row.identity_id is None:
        raise RuleViolation("This action has no identity in the register yet.", code="delivery.no_identity",
                            field="rag")
    if round is not None:
        round = ReportingRound.objects.select_for_update().get(pk=round.pk)
        if not round.is_open:
            raise RuleViolation(f"“{round.title}” closed on {round.closed_on:%-d %B %Y}: it takes no more updates.",
                                code="delivery.round_closed", field="rag")
        if round.plan_id != row.plan.plan_id or not DeliveryAction.objects.filter(
                plan_id=round.version_id, identity_id=row.identity_id).exists():
            raise RuleViolation("This action is not part of the round.", code="delivery.round_other_action",
                                field="rag")
        period_end, due_by = round.period_end, round.due_by
    if period_end is None or due_by is None:
        raise RuleViolation("Enter the end of the reporting period and the date the update was due.",
                            code="delivery.update_period_required", field="period_end")
    rules.check_update(rag=rag, commentary=commentary, evidence=evidence, submitted_on=submitted_on,
                       due_by=due_by, period_end=period_end)
    identity = ActionIdentity.objects.select_for_update(of=("self",)).get(pk=row.identity_id)
    update = ActionUpdate(identity=identity, row=row, rag=rag, status=status.strip()[:200],
                          commentary=commentary.strip(), evidence=evidence.strip(), period_end=period_end,
                          due_by=due_by, submitted_on=submitted_on, round=round,
                          author=None if is_system(acting_user) else acting_user)
    writes.full_clean(update, code=ERROR, exclude=["identity", "row", "author", "round"])
    update.save()
    audit.record("delivery.update.submitted", actor=acting_user, target=row.plan,
                 data={"number": row.number, "rag": rag, "late": update.is_late,
                       "round": round.pk if round is not None else None})
    return update
