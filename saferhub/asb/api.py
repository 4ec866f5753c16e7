"""ASB Case Review endpoints under /api/v1/asb/.

- ``POST /threshold``: the threshold engine (public; stores nothing). The request and answer shapes are a
  contract other tools rely on (docs/processes/asb.md); change them only by adding fields.
- ``GET /stats/{year}``: the four published annual figures (public).
- Case reads, the dashboard and the Sub Panel report need a signed-in session or a bearer token, and show
  only the cases the caller may see (others answer 404).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.db import DatabaseError
from django.http import Http404, JsonResponse
from django.utils import timezone
from ninja import Router, Schema

from saferhub.asb import facts, queries
from saferhub.asb import rules as asb_rules
from saferhub.asb.models import CaseStatus
from saferhub.asb.policies import can_asb
from saferhub.core.api_auth import write_auth
from saferhub.core.params import Code, Limit500, Offset
from saferhub.core.permissions import can
from saferhub.core.problems import problems

router = Router(tags=["ASB Case Reviews"])

StatusName = Literal[tuple(CaseStatus.values)]

MAX_COMPLAINTS = 1000

THRESHOLD_REQUEST_SCHEMA = {
    "type": "object",
    "required": ["application_date", "complaints"],
    "properties": {
        "application_date": {"type": "string", "format": "date"},
        "area": {"type": "string", "description": "Optional OPT area code; adds that area's local routes."},
        "discretion": {"type": "object", "description": "Optional: a senior manager's discretion.",
                       "properties": {"by": {"type": "string"}, "reason": {"type": "string"}}},
        "complaints": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["behaviour_date", "reported_date"],
                "properties": {
                    "behaviour_date": {"type": "string", "format": "date"},
                    "reported_date": {"type": "string", "format": "date"},
                    "agency": {"type": "string"},
                    "reference": {"type": "string"},
                    "reporter": {"type": "string", "description": "Optional: who reported it (local routes)."},
                    "location": {"type": "string", "description": "Optional: where; linked locations share a name."},
                    "hate": {"type": "boolean", "description": "Optional: a hate incident or crime."},
                },
            },
        },
    },
}


class NotQualifying(Schema):
    index: int
    reason: str


class ThresholdOut(Schema):
    met: bool
    required: int
    qualifying: list[int]
    not_qualifying: list[NotQualifying]
    route: str
    explanation: list[str] = []
    local_route: str = ""
    routes_met: list[str] = []


def threshold_answer(data: Any, explain: bool = True) -> dict[str, Any]:
    """Validate a threshold request and answer it (shared by the API and ``manage.py asb_threshold``)."""
    application_date, complaints, area_code = asb_rules.parse_threshold_request(data)
    discretion_by, discretion_reason = asb_rules.parse_discretion(data)
    if len(complaints) > MAX_COMPLAINTS:
        raise asb_rules.ThresholdInputError(f"Send at most {MAX_COMPLAINTS} complaints.")
    try:
        area = None
        if area_code:
            from saferhub.asb.config import public_areas

            area = public_areas().filter(code=area_code).first()
            if area is None:
                codes = ", ".join(public_areas().values_list("code", flat=True)) or "none"
                raise asb_rules.ThresholdInputError(f"Unknown area {area_code!r}; use one of: {codes}.")
        config = facts.threshold_config(area=area)
    except DatabaseError:
        # No database yet (a fresh checkout): the statutory defaults still answer; local routes need the data.
        if area_code:
            raise asb_rules.ThresholdInputError(
                "Area rules need the ASB configuration: run manage.py migrate and load_asb_config.") from None
        config = asb_rules.DEFAULT_CONFIG
    return asb_rules.evaluate_threshold(application_date, complaints, config, discretion_by=discretion_by,
                                        discretion_reason=discretion_reason).as_dict(explain=explain)


def _problem(status: int, title: str, detail: str) -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JsonResponse(body, status=status, content_type="application/problem+json")


@router.post(
    "/threshold",
    response={200: ThresholdOut},
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": THRESHOLD_REQUEST_SCHEMA}}},
        "responses": {"422": {"description": "The request is malformed; `detail` says what to fix."}},
    },
    summary="Does an application meet the ASB Case Review threshold?",
)
def threshold(request):
    try:
        data = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return _problem(422, "Invalid request", "The body must be JSON: {\"application_date\": \"YYYY-MM-DD\", "
                                                "\"complaints\": [...]}.")
    try:
        return threshold_answer(data)
    except asb_rules.ThresholdInputError as exc:
        return _problem(422, "Invalid request", str(exc))


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


class AnnualFigure(Schema):
    area: str
    area_code: str
    received: int
    threshold_not_met: int
    reviews: int
    with_recommendations: int


def _year(year: int) -> int:
    if not 2014 <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


@router.get("/stats/{year}", response=list[AnnualFigure], summary="The four published figures, per area and county")
def annual_stats(request, year: int, basis: Literal["calendar", "financial"] = "calendar"):
    return queries.annual_figures(_year(year), basis)


@router.get("/stats/{year}/report", auth=write_auth, summary="Sub Panel report: timeliness, channels, appeals")
def sub_panel_report(request, year: int, basis: Literal["calendar", "financial"] = "calendar"):
    if not can(request.auth, "asb.view_stats"):
        raise Http404
    from saferhub.asb.policies import staff_partnership_ids

    return queries.sub_panel_report(_year(year), basis, staff_partnership_ids(request.auth) or None)


# ---------------------------------------------------------------------------------------------
# Cases (permission-filtered)
# ---------------------------------------------------------------------------------------------


class ClockOut(Schema):
    step: str
    label: str
    due_on: dt.date
    done_on: dt.date | None
    status: str


class CaseSummary(Schema):
    reference: str
    area: str
    status: str
    channel: str
    application_date: dt.date
    threshold_route: str
    determination: str
    decision_letter: str


class ComplaintOut(Schema):
    behaviour_date: dt.date
    reported_date: dt.date
    agency: str
    reference: str
    qualifies: bool | None
    reason: str


class CaseDetail(CaseSummary):
    victim_type: str
    applicant_relationship: str
    lead_agency: str | None
    panel_date: dt.date | None
    panel_held_on: dt.date | None
    closed_on: dt.date | None
    appeal_deadline: dt.date | None
    complaints: list[ComplaintOut]
    clocks: list[ClockOut]
    threshold: dict


def _summary(case) -> dict[str, Any]:
    return {
        "reference": case.reference, "area": case.area.name, "status": case.status, "channel": case.channel,
        "application_date": case.application_date, "threshold_route": case.threshold_route,
        "determination": case.determination, "decision_letter": case.decision_letter,
    }


@router.get("/cases", auth=write_auth, response=list[CaseSummary], summary="Cases the caller may see")
def list_cases(request, status: StatusName | None = None, area: Code | None = None,
               limit: Limit500 = 100, offset: Offset = 0):
    qs = queries.cases_for(request.auth).order_by("-application_date", "-id")
    if status:
        qs = qs.filter(status=status)
    if area:
        qs = qs.filter(area__code=area)
    return [_summary(c) for c in qs[offset:offset + limit]]


@router.get("/cases/{reference}", auth=write_auth, response=CaseDetail, summary="One case (404 if not visible)")
def case_detail(request, reference: Code):
    from saferhub.asb.actions import appeal_deadline_for

    case = queries.get_case_by_reference_for(request.auth, reference)
    return {
        **_summary(case),
        "victim_type": case.victim_type, "applicant_relationship": case.applicant_relationship,
        "lead_agency": case.lead_agency.name if case.lead_agency_id else None,
        "panel_date": case.panel_date, "panel_held_on": case.panel_held_on, "closed_on": case.closed_on,
        "appeal_deadline": appeal_deadline_for(case),
        "complaints": [
            {"behaviour_date": c.behaviour_date, "reported_date": c.reported_date,
             "agency": c.agency.name if c.agency_id else c.agency_name, "reference": c.reference,
             "qualifies": c.qualifies, "reason": c.reason}
            for c in case.complaints.all()
        ],
        "clocks": queries.clock_rows(case),
        "threshold": case.threshold_result,
    }


class HistoryOut(Schema):
    at: dt.datetime
    actor: str
    code: str
    what: str
    data: dict


@router.get("/cases/{reference}/history", auth=write_auth, response=list[HistoryOut],
            summary="Every change to a case (county team)")
def case_history(request, reference: Code):
    from saferhub.core.audit import label_for

    case = queries.get_case_by_reference_for(request.auth, reference)
    if not can_asb(request.auth, "asb.view_history", case):
        raise Http404
    return [{"at": e.created_at, "actor": e.actor_repr, "code": e.code, "what": label_for(e.code), "data": e.data}
            for e in queries.case_history(case)]


@router.get("/dashboard", auth=write_auth, response={200: dict[str, Any], **problems(404)},
            summary="Due this week per area, and overdue clocks")
def dashboard(request):
    user = request.auth
    if not can(user, "asb.view_dashboard"):
        raise Http404
    week = queries.due_this_week(user)
    return {
        "due_this_week": [
            {"area": g["area"].name, "clocks": [{k: v for k, v in c.items() if k != "case"} for c in g["clocks"]]}
            for g in week
        ],
        "overdue": [{k: v for k, v in c.items() if k != "case"} for c in queries.overdue_clocks(user, limit=100)],
    }
