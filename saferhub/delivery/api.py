"""The Plan in the JSON API: the published plan (themes, outcomes, measures, actions with latest RAG),
a measure's values, and recording a value (a rule breach is 422 problem+json, saferhub/api.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from saferhub.core.api_auth import write_auth
from saferhub.core.params import Id, IsoDate, Text
from saferhub.core.problems import problems
from saferhub.delivery import actions, queries
from saferhub.delivery.models import Measure, Plan

router = Router(tags=["Plan"])


class MeasureOut(Schema):
    id: int
    name: str
    geography: str
    direction: str
    data_source: str
    baseline_value: Decimal | None
    target_value: Decimal | None


class ActionOut(Schema):
    id: int
    identity: str | None
    number: str
    version: str
    action: str
    success_measure: str
    owners: list[str]
    due_text: str
    due_as_printed: str
    cross_references: list[str]
    latest_rag: str | None


class OutcomeOut(Schema):
    number: int
    appendix_number: int | None
    title: str
    theme: str
    measures: list[MeasureOut]
    has_measures_in_source: bool
    actions: list[ActionOut]


class PlanOut(Schema):
    slug: str
    title: str
    period: str
    outcomes: list[OutcomeOut]


class ValueIn(Schema):
    period_start: IsoDate
    period_end: IsoDate
    geography: Literal["county", "district", "locality"] = "county"
    area: Text = Field("", max_length=100)
    value: Decimal = Field(max_digits=14, decimal_places=2)
    data_quality_note: Text = Field("", max_length=2000)


class ValueOut(Schema):
    id: int
    measure: int
    period_start: dt.date
    period_end: dt.date
    geography: str
    area: str
    value: Decimal
    data_quality_note: str


def _action(row, update) -> dict:
    return {"id": row.pk, "identity": row.identity.key if row.identity_id else None, "number": row.number,
            "version": row.plan.label or row.plan.title, "action": row.action, "success_measure": row.success_measure,
            "owners": [str(o) for o in row.owners.all()], "due_text": row.due_text, "due_as_printed": row.due,
            "cross_references": row.cross_references, "latest_rag": update.rag if update else None}


@router.get("/plans/{slug}", response=PlanOut)
def get_plan(request, slug: str):
    """The published plan: outcomes (Delivery Plan numbering, with the Plan appendix's as an alias),
    their measures and the actions serving each, as last published, with their latest RAG."""
    plan = get_object_or_404(Plan, slug=slug[:80])
    page = queries.plan_page(plan, published_only=True)
    outcomes = []
    for theme in page["themes"]:
        for o in theme["outcomes"]:
            outcome = o["outcome"]
            outcomes.append({"number": outcome.number, "appendix_number": outcome.appendix_number,
                             "title": outcome.title, "theme": theme["theme"].title,
                             "measures": o["measures"], "has_measures_in_source": bool(o["measures"]),
                             "actions": [_action(r, u) for r, u in o["actions"]]})
    return {"slug": plan.slug, "title": plan.title, "period": plan.period_text, "outcomes": outcomes}


@router.get("/plan-measures/{measure_id}/values", response=list[ValueOut])
def list_values(request, measure_id: Id):
    measure = get_object_or_404(Measure, pk=measure_id)
    return [{**{f: getattr(v, f) for f in ("id", "period_start", "period_end", "geography", "area", "value",
                                          "data_quality_note")}, "measure": measure.pk}
            for v in measure.values.order_by("period_start", "area")]


@router.post("/plan-measures/{measure_id}/values", response={201: ValueOut, **problems(403)}, auth=write_auth)
def record_value(request, measure_id: Id, payload: ValueIn):
    """Record a value of a measure. A period that is not whole months, outside the plan, a level finer
    than the measure's or a second value for the same period and area is answered 422 with the rule."""
    measure = get_object_or_404(Measure.objects.select_related("outcome__plan"), pk=measure_id)
    value = actions.record_value(measure, acting_user=request.user, **payload.dict())
    fields = ("id", "period_start", "period_end", "geography", "area", "value", "data_quality_note")
    return Status(201, {**{f: getattr(value, f) for f in fields}, "measure": measure.pk})
