"""The community tension log under /api/v1/returns/tensions (a signed-in session or a bearer token), for the
police's systems and analysts' tools. The same reads and actions as the pages, with the same rule: a report the
caller may not read (``returns.view_tension``: its partnership's analysts, its submitter, its named contacts)
answers 404, the same as one that does not exist.

- ``GET /tensions``: the reports the caller may read, newest first.
- ``POST /tensions``: report a tension (422 naming the rule when the text seems to name a person and
  ``confirm_personal`` is not set, or when someone working for several partnerships gives none).
- ``GET /tensions/{id}``: one report.
- ``POST /tensions/{id}/triage`` and ``/escalate``: the analyst's grade and the escalation to the National
  Community Tension Team.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from saferhub.core.api_auth import write_auth
from saferhub.core.models import Organisation
from saferhub.core.params import Id, Limit500, Offset
from saferhub.core.permissions import can
from saferhub.core.problems import problems
from saferhub.returns import actions, queries_logs, rules
from saferhub.returns.actions.tensions import current_settings
from saferhub.returns.models import TensionReport

router = Router(tags=["Community tension log"])


class TensionOut(Schema):
    id: int
    reference: str
    partnership: str
    status: str
    what: str
    where: str
    occurred_on: dt.date
    communities: str
    source: str
    submitted_at: dt.datetime
    grade: str
    triaged_at: dt.datetime | None
    escalated_on: dt.date | None
    triage_late: bool = Field(description="Not triaged within the log's configured hours")
    erased: bool = Field(description="The free text was erased under the retention policy")


class TensionIn(Schema):
    what: str = Field(max_length=10_000)
    where: str = Field(max_length=300)
    occurred_on: dt.date
    communities: str = Field(max_length=300)
    source: str = Field(max_length=300)
    confirm_personal: bool = Field(False, description="The submitter confirms the report needs the details about "
                                                      "a person that the warning found")
    partnership_id: Id | None = Field(None, description="Whose log: needed only by someone working for several "
                                                        "partnerships")


class TriageIn(Schema):
    grade: str = Field(max_length=60)
    note: str = Field("", max_length=5000)


class EscalateIn(Schema):
    escalated_on: dt.date
    note: str = Field("", max_length=2000)


def _out(report: TensionReport, *, hours: int, now: dt.datetime) -> dict:
    return {"id": report.pk, "reference": report.reference, "partnership": report.partnership.name,
            "status": report.status, "what": report.what, "where": report.where, "occurred_on": report.occurred_on,
            "communities": report.communities, "source": report.source, "submitted_at": report.submitted_at,
            "grade": report.grade, "triaged_at": report.triaged_at, "escalated_on": report.escalated_on,
            "triage_late": rules.triage_late(submitted_at=report.submitted_at, triaged_at=report.triaged_at,
                                             now=now, hours=hours),
            "erased": report.erased_at is not None}


def _readable(request, pk: int) -> TensionReport:
    report = queries_logs.tension(pk)
    if report is None or not can(request.user, "returns.view_tension", report):
        raise Http404
    return report


def _one(request, pk: int) -> dict:
    return _out(_readable(request, pk), hours=current_settings().triage_hours, now=timezone.now())


@router.get("/tensions", auth=write_auth, response={200: list[TensionOut], **problems(401, 404, 422)},
            summary="The tension reports the caller may read, newest first")
def list_tensions(request, limit: Limit500 = 100, offset: Offset = 0):
    if not can(request.user, "returns.submit_tension"):
        raise Http404
    hours, now = current_settings().triage_hours, timezone.now()
    reports = queries_logs.tensions_for(request.user).select_related("partnership")[offset:offset + limit]
    return [_out(r, hours=hours, now=now) for r in reports]


@router.post("/tensions", auth=write_auth, response={201: TensionOut, **problems(400, 401, 403, 404, 422)},
             summary="Report a tension to a partnership's log")
def submit_tension(request, payload: TensionIn):
    if not can(request.user, "returns.submit_tension"):
        raise Http404
    partnership = None
    if payload.partnership_id is not None:
        partnership = Organisation.objects.filter(pk=payload.partnership_id).first()
        if partnership is None:
            raise Http404
    report = actions.submit_tension(
        acting_user=request.user, what=payload.what, where=payload.where, occurred_on=payload.occurred_on,
        communities=payload.communities, source=payload.source, confirm_personal=payload.confirm_personal,
        partnership=partnership)
    return Status(201, _one(request, report.pk))


@router.get("/tensions/{report_id}", auth=write_auth, response={200: TensionOut, **problems(401, 404, 422)},
            summary="One tension report")
def get_tension(request, report_id: Id):
    return _one(request, report_id)


@router.post("/tensions/{report_id}/triage", auth=write_auth,
             response={200: TensionOut, **problems(400, 401, 403, 404, 422)},
             summary="Grade a report (again, to re-grade it)")
def triage_tension(request, report_id: Id, payload: TriageIn):
    report = _readable(request, report_id)
    actions.triage_tension(report, acting_user=request.user, grade=payload.grade, note=payload.note)
    return _one(request, report_id)


@router.post("/tensions/{report_id}/escalate", auth=write_auth,
             response={200: TensionOut, **problems(400, 401, 403, 404, 422)},
             summary="Record the escalation to the National Community Tension Team")
def escalate_tension(request, report_id: Id, payload: EscalateIn):
    report = _readable(request, report_id)
    actions.escalate_tension(report, acting_user=request.user, escalated_on=payload.escalated_on,
                             note=payload.note)
    return _one(request, report_id)
