"""The Plan in the JSON API: the plans, a published plan (themes, outcomes, measures with their county
values and distance to target, actions with their latest RAG), a measure's values, and recording a value
(a rule breach is 422 problem+json, saferhub/api.py). OParl has no type for a plan, so this is where open
data users find it (docs/opendata.md, "The Plan")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from pydantic import Field

from saferhub.core.api_auth import write_auth
from saferhub.core.params import Id, IsoDate, Text
from saferhub.core.problems import problems
from saferhub.delivery import actions, queries, rules
from saferhub.delivery.models import Measure, Plan

router = Router(tags=["Plan"])


class PointOut(Schema):
    period_start: dt.date
    period_end: dt.date
    value: Decimal


class MeasureOut(Schema):
    id: int
    position: int
    name: str
    geography: str = Field(description="The finest level it is measured at: county, district or locality.")
    direction: str = Field(description="Intended direction: increase, decrease, neutral or not_stated.")
    data_source: str
    owner: str | None
    baseline_value: Decimal | None
    baseline_label: str
    target_value: Decimal | None
    data_quality_note: str
    county_values: list[PointOut] = Field(description="The county values, oldest first.")
    latest_value: Decimal | None
    target_met: bool | None
    distance_to_target: str = Field(description="In words: how far the latest county value is from the target.")
    values_url: str = Field(description="Every value of the measure, by period and area.")


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
    outcomes: list[int]
    latest_rag: str | None = Field(description="red, amber, green, complete or not_started; null before any update.")
    latest_rag_label: str
    latest_update_period_end: dt.date | None
    latest_update_round: str | None = Field(description="The closed reporting round the latest update answered.")


class OutcomeOut(Schema):
    number: int
    appendix_number: int | None
    title: str
    theme: str
    measures: list[MeasureOut]
    has_measures_in_source: bool
    actions: list[ActionOut]


class ThemeOut(Schema):
    number: int
    title: str
    outcomes: list[int]


class RoundOut(Schema):
    title: str
    period_start: dt.date
    period_end: dt.date
    due_by: dt.date
    is_open: bool


class PlanOut(Schema):
    slug: str
    title: str
    period: str
    partnership: str | None
    version: str | None = Field(description="The published version whose actions are listed.")
    latest_round: RoundOut | None
    rag_summary: dict[str, int] = Field(description="How many actions have each latest RAG status (no_update: none).")
    themes: list[ThemeOut]
    outcomes: list[OutcomeOut]
    web: str


class PlanSummaryOut(Schema):
    slug: str
    title: str
    period: str
    partnership: str | None
    url: str
    web: str


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
            "owners": [str(o) for o in row.owner_list], "due_text": row.due_text, "due_as_printed": row.due,
            "cross_references": row.cross_references, "outcomes": [o.number for o in row.outcome_list],
            "latest_rag": update.rag if update else None,
            "latest_rag_label": update.get_rag_display() if update else "No update yet",
            "latest_update_period_end": update.period_end if update else None,
            "latest_update_round": update.round.title if update and update.round_id else None}


def _measure(request, measure, county) -> dict:
    latest = county[-1].value if county else None
    distance = rules.distance_to_target(latest=latest, baseline=measure.baseline_value, target=measure.target_value,
                                        direction=measure.direction)
    fields = ("id", "position", "name", "geography", "direction", "data_source", "baseline_value", "baseline_label",
              "target_value", "data_quality_note")
    return {**{f: getattr(measure, f) for f in fields}, "owner": str(measure.owner) if measure.owner else None,
            "county_values": county, "latest_value": latest, "target_met": distance.met,
            "distance_to_target": distance.text,
            "values_url": request.build_absolute_uri(f"/api/v1/plan-measures/{measure.pk}/values")}


@router.get("/plans", response=list[PlanSummaryOut])
def list_plans(request):
    """Every partnership plan, with the address of each in this API and on the website."""
    return [{"slug": p.slug, "title": p.title, "period": p.period_text,
             "partnership": str(p.partnership) if p.partnership_id else None,
             "url": request.build_absolute_uri(f"/api/v1/plans/{p.slug}"),
             "web": request.build_absolute_uri(reverse("delivery:plan", args=[p.slug]))}
            for p in Plan.objects.select_related("partnership").order_by("-start_year", "title")[:500]]


@router.get("/plans/{slug}", response=PlanOut)
def get_plan(request, slug: str):
    """The published plan: its themes; its outcomes (Delivery Plan numbering, with the Plan appendix's as an
    alias), each with its measures (county values, distance to target) and the actions serving it, as last
    published, with their latest RAG (the newest update of a closed reporting round: an open round's updates
    may still be revised)."""
    plan = get_object_or_404(Plan.objects.select_related("partnership"), slug=slug[:80])
    page = queries.plan_page(plan, published_only=True)
    county = queries.county_values(plan)
    outcomes, themes = [], []
    for theme in page["themes"]:
        themes.append({"number": theme["theme"].number, "title": theme["theme"].title,
                       "outcomes": [o["outcome"].number for o in theme["outcomes"]]})
        for o in theme["outcomes"]:
            outcome = o["outcome"]
            outcomes.append({"number": outcome.number, "appendix_number": outcome.appendix_number,
                             "title": outcome.title, "theme": theme["theme"].title,
                             "measures": [_measure(request, m, county.get(m.pk, [])) for m in o["measures"]],
                             "has_measures_in_source": bool(o["measures"]),
                             "actions": [_action(r, u) for r, u in o["actions"]]})
    version = queries.current_version(plan, published_only=True)
    return {"slug": plan.slug, "title": plan.title, "period": plan.period_text,
            "partnership": str(plan.partnership) if plan.partnership_id else None,
            "version": str(version) if version else None, "latest_round": page["latest_round"],
            "rag_summary": dict(page["overall"]), "themes": themes, "outcomes": outcomes,
            "web": request.build_absolute_uri(reverse("delivery:plan", args=[plan.slug]))}


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
