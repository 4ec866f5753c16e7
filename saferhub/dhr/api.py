"""Review endpoints under /api/v1/dhr/.

- ``GET /numbers``: reviews under way and published, per partnership (public; numbers only).
- ``GET /sub-panel``: the Sub Panel report's numbers (public; numbers only).
- ``GET /cases`` and ``GET /cases/{id}``: the caller's partnerships' cases (a bearer token or a signed-in
  session of the review team); any other case answers 404. Reading a case is audited, as on the pages.
  Neither gives the victim's details: the reference, stage, dates and clocks only.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from saferhub.core.api_auth import write_auth
from saferhub.core.params import Limit500, Offset
from saferhub.core.problems import problems
from saferhub.dhr import actions, clocks, queries, status
from saferhub.dhr.policies import can_dhr

router = Router(tags=["Domestic Homicide Reviews"])


class DhrNumbers(Schema):
    partnership: str
    under_way: int
    published: int


class DhrClockOut(Schema):
    name: str
    due: dt.date | None
    done_on: dt.date | None
    state: str


class DhrCaseOut(Schema):
    id: int
    reference: str
    partnership: str
    date_notified: dt.date
    stage: str
    closed_on: dt.date | None
    clocks: list[DhrClockOut]


def _out(case, settings_map, today) -> DhrCaseOut:
    return DhrCaseOut(id=case.pk, reference=case.reference, partnership=case.partnership.name,
                   date_notified=case.date_notified, stage=status.stage(case), closed_on=case.closed_on,
                   clocks=[DhrClockOut(name=c.name, due=c.due, done_on=c.done_on, state=c.state)
                           for c in clocks.case_clocks(case, settings_map[case.partnership_id], today)])


@router.get("/numbers", response=list[DhrNumbers], summary="Reviews under way and published, per partnership")
def numbers(request):
    return [DhrNumbers(partnership=r["partnership__name"], under_way=r["open"], published=r["published"])
            for r in queries.aggregate_counts()]


class DhrCount(Schema):
    label: str
    number: int


class DhrSubPanelOut(Schema):
    notifications: int
    in_progress: int
    paused: int
    published: int
    withheld: int
    outstanding_total: int
    decisions: list[DhrCount]
    stages: list[DhrCount]
    overdue: list[DhrCount]
    outstanding: list[DhrCount]


@router.get("/sub-panel", response=DhrSubPanelOut, summary="The Sub Panel report's numbers (public; no case detail)")
def sub_panel(request):
    from saferhub.dhr.reporting import sub_panel_numbers

    n = sub_panel_numbers(timezone.localdate())
    counts = {k: [DhrCount(label=str(label), number=v) for label, v in n[k]]
              for k in ("decisions", "stages", "overdue", "outstanding")}
    return DhrSubPanelOut(notifications=n["notifications"], in_progress=n["in_progress"], paused=n["paused"],
                          published=n["published"],
                          withheld=n["withheld"], outstanding_total=n["outstanding_total"], **counts)


@router.get("/cases", auth=write_auth, response={200: list[DhrCaseOut], **problems(404)},
            summary="The caller's partnerships' cases")
def list_cases(request, limit: Limit500 = 100, offset: Offset = 0):
    if not can_dhr(request.auth, "dhr.view_case_list"):
        raise Http404
    cases = list(queries.cases_for(request.auth)[offset:offset + limit])
    settings_map = queries.settings_by_partnership({c.partnership_id for c in cases})
    today = timezone.localdate()
    return [_out(c, settings_map, today) for c in cases]


@router.get("/cases/{case_id}", auth=write_auth, response={200: DhrCaseOut, **problems(404)},
            summary="One case (404 if not visible)")
def case_detail(request, case_id: int):
    case = queries.cases_for(request.auth).filter(pk=case_id).first()
    if case is None or not can_dhr(request.auth, "dhr.view_case", case):
        raise Http404
    actions.record_case_viewed(case, acting_user=request.auth, page="api")
    return _out(case, queries.settings_by_partnership({case.partnership_id}), timezone.localdate())
