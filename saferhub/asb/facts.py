"""Gather the facts the pure rules need from the database."""

from __future__ import annotations

from django.db.models import Q

from saferhub.asb import rules as asb_rules
from saferhub.asb.config import current_settings
from saferhub.asb.models import AsbSettings, Case, LocalThresholdRoute, OptArea


def threshold_config(settings: AsbSettings | None = None, area: OptArea | None = None) -> asb_rules.ThresholdConfig:
    s = settings or current_settings(area)
    # The partnership's own routes (no area) always apply; an area's routes apply to its cases. Another
    # partnership's routes never do.
    where = Q(area__isnull=True) | Q(area=area) if area is not None else Q(area__isnull=True)
    pid = area.partnership_id if area is not None else s.partnership_id
    routes = tuple(
        asb_rules.LocalRoute(r.name, r.min_distinct_reporters, r.window_months, r.kind, r.window_days)
        for r in LocalThresholdRoute.objects.filter(where, active=True, partnership_id=pid).order_by("area_id", "id")
    )
    return asb_rules.ThresholdConfig(
        threshold_count=s.threshold_count,
        window_months=s.window_months,
        report_within_months=s.report_within_months,
        application_within_months=s.application_within_months,
        local_routes=routes,
    )


def complaint_inputs(case: Case) -> list[asb_rules.ComplaintInput]:
    return [
        asb_rules.ComplaintInput(
            c.behaviour_date, c.reported_date,
            c.agency.name if c.agency_id else c.agency_name, c.reference, c.reporter, c.location, c.hate_incident,
        )
        for c in case.complaints.select_related("agency").order_by("position", "id")
    ]


def evaluate_case(case: Case, settings: AsbSettings | None = None) -> asb_rules.ThresholdResult:
    return asb_rules.evaluate_threshold(
        case.application_date, complaint_inputs(case), threshold_config(settings, case.area),
        discretion_by=case.discretion_by, discretion_reason=case.discretion_reason,
    )


def panel_facts(case: Case) -> asb_rules.PanelFacts:
    return asb_rules.PanelFacts(
        victim_age=case.victim_age, perpetrator_age=case.perpetrator_age,
        victim_housed_by_provider=case.victim_housed_by_provider,
        perpetrator_housed_by_provider=case.perpetrator_housed_by_provider,
        drugs=case.flag_drugs, alcohol=case.flag_alcohol, mental_health=case.flag_mental_health,
    )


def body_kind_of(organisation) -> str:
    """The ASB part an organisation plays: its RelevantBody kind, else a guess from its core kind."""
    if organisation is None:
        return "other"
    if hasattr(organisation, "asb_body"):
        return organisation.asb_body.kind
    mapping = {
        "district_council": "district_council", "unitary_council": "district_council", "police": "police",
        "health": "health", "housing_provider": "housing_provider", "youth_offending": "yot",
        "childrens_services": "childrens_services", "school": "school",
    }
    return mapping.get(getattr(organisation, "kind", ""), "other")
