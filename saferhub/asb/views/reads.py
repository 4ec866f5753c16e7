"""Reads for the ASB staff pages, each a fixed number of queries whatever the size of the case.

Where the core ``saferhub.asb.queries`` offers the same read it is used; these cover what the pages
need on top (the clock table with states, the case page bundle, the dashboard per area).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from saferhub.asb import clocks
from saferhub.asb.config import current_settings
from saferhub.asb.models import (
    AsbSettings,
    Case,
    CaseClock,
    CaseStatus,
    ClockStep,
    NotificationKind,
)

# Clock rows and "this week" have one home: ``saferhub.asb.queries`` (the API builds on the same rows).
from saferhub.asb.queries import CLOCK_DAYS_FIELD, CLOCK_ORDER, ClockRow, week_bounds  # noqa: F401


def case_queryset():
    return Case.objects.select_related("area__spoc", "area__inspector", "lead_agency", "decision_signed_by")


def visible_cases(user):
    """Cases the user may see (core ``queries.cases_for``: the same answer as ``asb.view_case``)."""
    from saferhub.asb import queries

    return queries.cases_for(user)


def clock_state(clock: CaseClock | None, today: dt.date, s: AsbSettings, *, closed: bool = False) -> str:
    return clocks.clock_state(clock, today, at_risk_days=s.at_risk_days, region=s.region, closed=closed)


def clock_rows(case: Case, case_clocks: list[CaseClock], today: dt.date, s: AsbSettings) -> list[ClockRow]:
    from saferhub.asb import queries

    return queries.case_clock_rows(case, case_clocks, today, s)


def _complaint_rows(case: Case, complaints) -> list[dict]:
    result = case.threshold_result or {}
    reasons = {row.get("index"): row.get("reason", "") for row in result.get("not_qualifying", []) if isinstance(row, dict)}
    qualifying = set(result.get("qualifying", []) or [])
    rows = []
    for index, complaint in enumerate(complaints):
        qualifies = index in qualifying if result else complaint.qualifies
        rows.append({"complaint": complaint, "number": index + 1, "qualifies": qualifies,
                     "reason": reasons.get(index) or complaint.reason})
    return rows


def case_page(case: Case, today: dt.date) -> dict:
    """Everything the case page shows, in a fixed number of queries."""
    s = current_settings(case)
    complaints = list(case.complaints.select_related("agency").order_by("position", "id"))
    clocks = list(case.clocks.all())
    notifications = list(case.notifications.all())
    information_requests = list(case.information_requests.select_related("agency"))
    panel_members = list(case.panel_members.select_related("organisation"))
    action_items = list(case.actions.select_related("owner"))
    appeals = list(case.appeals.select_related("reviewing_area", "escalated_to"))
    documents = list(case.documents.order_by("-uploaded_at", "-id"))
    audit = getattr(case, "audit_checklist", None) if _has_related(case, "audit_checklist") else None
    summary = getattr(case, "published_summary", None) if _has_related(case, "published_summary") else None
    peer_review = _peer_review(case)
    acknowledged = any(n.kind == NotificationKind.ACKNOWLEDGEMENT for n in notifications)
    rows = clock_rows(case, clocks, today, s)
    overall = next((r for r in rows if r.step == ClockStep.OVERALL), None)
    overrun_told = any(n.kind == NotificationKind.OVERRUN for n in notifications)
    overrun_prompt = bool(overall and overall.done_on is None and overall.state in ("overdue", "at_risk")
                          and not overrun_told and case.status != CaseStatus.CLOSED)
    open_appeal = next((a for a in appeals if a.decided_on is None), None)
    appealable = (not open_appeal and not case.anonymised_at
                  and (case.determination == "B" or bool(case.decision_letter)))
    result = case.threshold_result or {}
    return {
        "settings": s,
        "clocks": rows,
        "complaints": _complaint_rows(case, complaints),
        "threshold": result,
        "notifications": notifications,
        "acknowledged": acknowledged,
        "information_requests": information_requests,
        "panel_members": panel_members,
        "actions": action_items,
        "open_actions": sum(1 for a in action_items if a.done_on is None),
        "appeals": appeals,
        "open_appeal": open_appeal,
        "appealable": appealable,
        "documents": documents,
        "audit": audit,
        "summary": summary,
        "peer_review": peer_review,
        "overrun_prompt": overrun_prompt,
        "overrun_told": overrun_told,
    }


def _has_related(case: Case, name: str) -> bool:
    try:
        getattr(case, name)
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False
    return True


def _peer_review(case: Case):
    try:
        from saferhub.asb.models import PeerReview
    except ImportError:
        return None
    return PeerReview.objects.filter(case=case).select_related("reviewer__person", "reviewer__council").first()


def triage_queue(user):
    """Applications awaiting triage in the partnerships whose county team ``user`` is on."""
    from saferhub.asb.policies import county_partnership_ids

    return list(
        Case.objects.filter(status=CaseStatus.TRIAGE, partnership_id__in=county_partnership_ids(user))
        .select_related("area").prefetch_related(
            Prefetch("clocks", queryset=CaseClock.objects.filter(step=ClockStep.DETERMINATION), to_attr="determination_clock")
        ).order_by("application_date", "id")
    )


def dashboard(user, today: dt.date) -> dict:
    """Open clocks due this week (to the coming Sunday) per area, and every overdue clock, for the cases the
    user may see. Two queries for the clocks plus one for the areas, whatever the number of cases."""
    from saferhub.asb.policies import staff_partnership_ids

    s = current_settings(min(staff_partnership_ids(user), default=None))
    _, week_end = week_bounds(today)  # Monday to Sunday; at the weekend, the coming working week
    open_clocks = CaseClock.objects.filter(done_on__isnull=True).exclude(case__status=CaseStatus.CLOSED)
    # Only the cases the user may see: the county team's are its own partnership's (queries.cases_for).
    open_clocks = open_clocks.filter(case__in=visible_cases(user).values("pk"))
    open_clocks = open_clocks.select_related("case", "area")
    due = list(open_clocks.filter(due_on__gte=today, due_on__lte=week_end).order_by("due_on", "id")[:500])
    overdue = list(open_clocks.filter(due_on__lt=today).order_by("due_on", "id")[:500])
    # The areas of those clocks (already joined): never another partnership's areas.
    areas = sorted({c.area_id: c.area for c in [*due, *overdue]}.values(), key=lambda a: (a.position, a.name))
    per_area = []
    for area in areas:
        items = [c for c in due if c.area_id == area.pk]
        late = [c for c in overdue if c.area_id == area.pk]
        if items or late:
            per_area.append({"area": area, "due": [(c, clock_state(c, today, s)) for c in items], "overdue": len(late)})
    from saferhub.asb import queries

    overrun = list(queries.overrun_prompts(user, today).exclude(status=CaseStatus.CLOSED)[:200])
    return {
        "overrun": overrun,
        "week_end": week_end,
        "per_area": per_area,
        "overdue": [(c, (today - c.due_on).days) for c in overdue],
    }


def agency_requests(user) -> list:
    """The information requests addressed to the user's own agencies (an agency officer's work list), open ones
    first; empty for everyone else. One query."""
    from saferhub.asb.models import InformationRequest
    from saferhub.asb.policies import _assignments

    orgs = _assignments(user)["organisations"]
    if not orgs:
        return []
    return list(InformationRequest.objects.filter(agency_id__in=orgs, case__anonymised_at__isnull=True)
                .select_related("case", "agency").order_by("-responded_on", "due_on", "id")[:200])


def history(case: Case) -> list:
    """The case's audit trail (every change: who, when, what), newest first."""
    from saferhub.asb import history as case_history
    from saferhub.asb import queries

    return case_history.rows_for(queries.case_history(case).reverse())
