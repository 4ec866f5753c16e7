"""Reads for ASB pages, the API, the dashboard and the statistics. No writes here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from saferhub.asb import clocks
from saferhub.asb.config import current_settings
from saferhub.asb.models import (
    ActionItem,
    Appeal,
    AuditChecklist,
    Case,
    CaseClock,
    CaseStatus,
    ClockStep,
    InformationRequest,
    NotificationKind,
    OptArea,
    PanelMember,
)
from saferhub.asb.policies import _assignments, can_asb, county_partnership_ids
from saferhub.core.models import AuditEvent

CLOCK_ORDER = [s.value for s in ClockStep]


def today() -> dt.date:
    return timezone.localdate()


# ---------------------------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------------------------


def cases_for(user) -> QuerySet[Case]:
    """The cases ``user`` may see (the same answer as ``asb.view_case`` object by object)."""
    qs = Case.objects.select_related("area")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    # A superuser without an ASB role sees no case: the list agrees with can_asb().
    a = _assignments(user)
    areas = a["areas"] | a["inspector_areas"]
    orgs = a["organisations"]
    condition = Q(pk__in=[])
    county = county_partnership_ids(user)
    if county:  # the county team sees every case of its own partnerships, no other's
        condition |= Q(partnership_id__in=county)
    if areas:
        condition |= Q(area_id__in=areas) | Exists(Appeal.objects.filter(case=OuterRef("pk"),
                                                                         reviewing_area_id__in=areas))
    if orgs:
        condition |= (
            Q(lead_agency_id__in=orgs)
            | Exists(InformationRequest.objects.filter(case=OuterRef("pk"), agency_id__in=orgs))
            | Exists(PanelMember.objects.filter(case=OuterRef("pk"), organisation_id__in=orgs))
            | Exists(ActionItem.objects.filter(case=OuterRef("pk"), owner_id__in=orgs))
        )
    return qs.filter(condition)


def case_detail_queryset() -> QuerySet[Case]:
    return Case.objects.select_related(
        "area", "area__spoc", "area__inspector", "lead_agency", "decision_signed_by", "submitted_by",
    ).prefetch_related(
        "complaints__agency", "clocks", "notifications", "information_requests__agency", "panel_members__organisation",
        "actions__owner", "appeals__reviewing_area", "documents",
    )


def get_case_for(user, pk, perm: str = "asb.view_case") -> Case:
    """One case, or 404 when it does not exist or ``user`` may not see it."""
    try:
        case = case_detail_queryset().get(pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_asb(user, perm, case):
        raise Http404
    return case


def get_case_by_reference_for(user, reference: str) -> Case:
    case = case_detail_queryset().filter(reference=reference).first()
    if case is None or not can_asb(user, "asb.view_case", case):
        raise Http404
    return case


def triage_queue(user) -> QuerySet[Case]:
    """Applications awaiting triage in the partnerships whose county team ``user`` is on."""
    return (Case.objects.select_related("area").filter(status="triage", partnership_id__in=county_partnership_ids(user))
            .order_by("application_date", "id"))


# ---------------------------------------------------------------------------------------------
# Clocks
# ---------------------------------------------------------------------------------------------


CLOCK_DAYS_FIELD = {
    ClockStep.ACKNOWLEDGEMENT: "acknowledgement_days", ClockStep.DETERMINATION: "determination_days",
    ClockStep.INFORMATION_REQUESTS: "information_request_days", ClockStep.INITIAL_REVIEW: "initial_review_days",
    ClockStep.DECISION_LETTER: "decision_letter_days", ClockStep.OVERALL: "overall_days",
}


@dataclass
class ClockRow:
    """One step's clock on a case, as the case page and the API show it (the one home of clock rows)."""

    step: str
    label: str
    days: int | None
    started_on: dt.date | None
    due_on: dt.date | None
    done_on: dt.date | None
    state: str  # what the staff page shows (clocks.clock_state: not started, done late, ...)
    status: str | None  # what the API reports (clocks.clock_status), None before the step starts

    @property
    def late(self) -> bool:
        return clocks.is_done_late(self.due_on, self.done_on)

    @property
    def on_time(self) -> bool | None:
        return None if self.done_on is None else not self.late


def case_clock_rows(case: Case, case_clocks: list[CaseClock], day: dt.date, s) -> list[ClockRow]:
    """Every step in order, started or not; a case closed with Letter B skips the review's steps."""
    by_step = {c.step: c for c in case_clocks}
    closed = case.status == CaseStatus.CLOSED
    rows = []
    for step in CLOCK_ORDER:
        clock = by_step.get(step)
        if clock is None and step in (ClockStep.INFORMATION_REQUESTS, ClockStep.INITIAL_REVIEW,
                                      ClockStep.DECISION_LETTER) and case.determination == "B":
            continue
        rows.append(ClockRow(
            step, ClockStep(step).label, getattr(s, CLOCK_DAYS_FIELD[step], None),
            clock.started_on if clock else None, clock.due_on if clock else None, clock.done_on if clock else None,
            clocks.clock_state(clock, day, at_risk_days=s.at_risk_days, region=s.region, closed=closed),
            clocks.clock_status(clock.due_on, clock.done_on, day, s.at_risk_days, s.region) if clock else None,
        ))
    return rows


def clock_rows(case: Case, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Each started step's clock on a case (the API): label, due, done, and status done / overdue / at_risk /
    due. Built from ``case_clock_rows``."""
    return [
        {"step": r.step, "label": r.label, "started_on": r.started_on, "due_on": r.due_on, "done_on": r.done_on,
         "status": r.status, "on_time": r.on_time}
        for r in case_clock_rows(case, list(case.clocks.all()), on or today(), current_settings(case))
        if r.started_on is not None
    ]


def needs_overrun_notice(case: Case, on: dt.date | None = None) -> bool:
    """The 30-working-day expectation is passed (or at risk) and the victim has not been told yet."""
    settings = current_settings(case)
    day = on or today()
    overall = next((c for c in case.clocks.all() if c.step == ClockStep.OVERALL), None)
    if overall is None or overall.done_on is not None:
        return False
    status = clocks.clock_status(overall.due_on, None, day, settings.at_risk_days, settings.region)
    if status not in (clocks.CLOCK_OVERDUE, clocks.CLOCK_AT_RISK):
        return False
    return not any(n.kind == NotificationKind.OVERRUN for n in case.notifications.all())


def overrun_prompts(user, on: dt.date | None = None) -> QuerySet[Case]:
    """Cases whose overall clock is overdue with no notice to the victim recorded."""
    day = on or today()
    return (cases_for(user)
            .filter(clocks__step=ClockStep.OVERALL, clocks__done_on__isnull=True, clocks__due_on__lt=day)
            .exclude(notifications__kind=NotificationKind.OVERRUN)
            .order_by("application_date"))


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """"This week", Monday to Sunday; at the weekend it is the coming working week. The one home of the
    dashboard's and the API's "due this week"."""
    monday = day - dt.timedelta(days=day.weekday())
    if day.weekday() >= 5:
        monday += dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=6)


def _open_clocks_for(user) -> QuerySet[CaseClock]:
    qs = CaseClock.objects.filter(done_on__isnull=True)
    if user is not None:
        county = county_partnership_ids(user)
        if county and not (_assignments(user)["organisations"] or _assignments(user)["areas"]
                           or _assignments(user)["inspector_areas"]):
            return qs.filter(case__partnership_id__in=county)
        qs = qs.filter(case__in=cases_for(user).values("pk"))
    return qs


def due_this_week(user=None, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Open clocks due this week (Monday to Sunday), grouped by area: [{area, clocks: [...]}, ...].

    ``user=None`` means every case (the county view); otherwise only cases the user may see."""
    day = on or today()
    start, end = week_bounds(day)
    open_clocks = (_open_clocks_for(user).filter(due_on__range=(start, end))
                   .select_related("case", "area").order_by("area__position", "area__name", "due_on", "id"))
    settings = current_settings()
    grouped: dict[int, dict[str, Any]] = {}
    for clock in open_clocks:
        group = grouped.setdefault(clock.area_id, {"area": clock.area, "clocks": []})
        group["clocks"].append({
            "case": clock.case, "reference": clock.case.reference, "step": clock.step,
            "label": clock.get_step_display(), "due_on": clock.due_on,
            "status": clocks.clock_status(clock.due_on, None, day, settings.at_risk_days, settings.region),
        })
    return list(grouped.values())


def due_this_week_counts(on: dt.date | None = None, partnerships=None) -> dict[str, int]:
    """Area name → number of open clocks due this week (one aggregate query)."""
    start, end = week_bounds(on or today())
    rows = (CaseClock.objects.filter(done_on__isnull=True, due_on__range=(start, end),
                                     case__partnership_id__in=scope_ids(partnerships))
            .values("area__name").annotate(n=Count("id")).order_by("area__name"))
    return {r["area__name"]: r["n"] for r in rows}


def overdue_clocks(user=None, on: dt.date | None = None, area: OptArea | None = None,
                   limit: int | None = 200) -> list[dict[str, Any]]:
    """Open clocks past their due date, oldest first (uses the partial index on open due dates)."""
    day = on or today()
    qs = _open_clocks_for(user).filter(due_on__lt=day)
    if area is not None:
        qs = qs.filter(area=area)
    qs = qs.select_related("case", "area").order_by("due_on", "id")
    if limit:
        qs = qs[:limit]
    return [
        {"case": c.case, "reference": c.case.reference, "area": c.area.name, "step": c.step,
         "label": c.get_step_display(), "due_on": c.due_on, "days_overdue": (day - c.due_on).days}
        for c in qs
    ]


def at_risk_clocks(user=None, on: dt.date | None = None, limit: int | None = 200) -> list[dict[str, Any]]:
    """Open clocks not yet overdue but with ``at_risk_days`` working days or fewer left, soonest first."""
    settings = current_settings()
    day = on or today()
    horizon = clocks.at_risk_until(day, settings.at_risk_days, settings.region)
    qs = (_open_clocks_for(user).filter(due_on__gte=day, due_on__lte=horizon)
          .select_related("case", "area").order_by("due_on", "id"))
    if limit:
        qs = qs[:limit]
    return [
        {"case": c.case, "reference": c.case.reference, "area": c.area.name, "step": c.step,
         "label": c.get_step_display(), "due_on": c.due_on}
        for c in qs
    ]


def overdue_counts(on: dt.date | None = None, partnerships=None) -> dict[str, int]:
    """Area name → open clocks overdue (one aggregate query)."""
    day = on or today()
    rows = (CaseClock.objects.filter(done_on__isnull=True, due_on__lt=day, case__partnership_id__in=scope_ids(partnerships))
            .values("area__name").annotate(n=Count("id")).order_by("area__name"))
    return {r["area__name"]: r["n"] for r in rows}


# ---------------------------------------------------------------------------------------------
# History (the county team's view of every change)
# ---------------------------------------------------------------------------------------------


def case_history(case: Case) -> QuerySet[AuditEvent]:
    """Every audit row about the case, oldest first: who, when, what (with old/new values in ``data``)."""
    return (AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(Case), target_id=str(case.pk))
            .select_related("actor").order_by("created_at", "id"))


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


def scope_ids(partnerships=None) -> list[int]:
    """The partnerships figures are for: the ids given, else the public partnership (the public pages)."""
    if partnerships is not None:
        return sorted(partnerships)
    from saferhub.asb.config import public_partnership_id

    home = public_partnership_id()
    return [home] if home else []


def year_bounds(year: int, basis: str = "calendar") -> tuple[dt.date, dt.date]:
    """Calendar year, or the financial year starting 1 April ``year``."""
    if basis == "financial":
        return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _areas(partnerships=None) -> list[OptArea]:
    return list(OptArea.objects.filter(partnership_id__in=scope_ids(partnerships)).order_by("position", "name"))


def annual_figures(year: int, basis: str = "calendar", partnerships=None) -> list[dict[str, Any]]:
    """The four figures councils publish each year, per area and for the county (last row):
    applications received; times the threshold was not met; reviews carried out; reviews that resulted in
    recommendations. A year counts applications by their application date.

    - threshold not met: Letter B sent;
    - review carried out: a decision letter (D or E) was sent;
    - with recommendations: Letter E (an action plan)."""
    start, end = year_bounds(year, basis)
    rows = (Case.objects.filter(application_date__range=(start, end), partnership_id__in=scope_ids(partnerships))
            .values("area_id")
            .annotate(
                received=Count("id"),
                threshold_not_met=Count("id", filter=Q(determination="B")),
                reviews=Count("id", filter=Q(decision_letter__in=["D", "E"])),
                with_recommendations=Count("id", filter=Q(decision_letter="E")),
            ))
    by_area = {r["area_id"]: r for r in rows}
    keys = ("received", "threshold_not_met", "reviews", "with_recommendations")
    out = []
    total = dict.fromkeys(keys, 0)
    for area in _areas(partnerships):
        r = by_area.get(area.pk, {})
        row = {"area": area.name, "area_code": area.code, **{k: r.get(k, 0) for k in keys}}
        for k in keys:
            total[k] += row[k]
        out.append(row)
    out.append({"area": "County", "area_code": "county", **total})
    return out


def years_with_cases(partnerships=None) -> list[int]:
    dates = Case.objects.filter(partnership_id__in=scope_ids(partnerships)).dates("application_date", "year", order="DESC")
    return [d.year for d in dates]


def timeliness(year: int, basis: str = "calendar", area: OptArea | None = None,
               partnerships=None) -> list[dict[str, Any]]:
    """Per clock: how many were done on time, done late, still open and overdue, still open in time
    (for the county, or one area)."""
    start, end = year_bounds(year, basis)
    day = today()
    clocks = CaseClock.objects.filter(case__application_date__range=(start, end),
                                      case__partnership_id__in=scope_ids(partnerships))
    if area is not None:
        clocks = clocks.filter(area=area)
    rows = (clocks
            .values("step")
            .annotate(
                total=Count("id"),
                on_time=Count("id", filter=Q(done_on__isnull=False, done_on__lte=F("due_on"))),
                late=Count("id", filter=Q(done_on__isnull=False, done_on__gt=F("due_on"))),
                open_overdue=Count("id", filter=Q(done_on__isnull=True, due_on__lt=day)),
                open_in_time=Count("id", filter=Q(done_on__isnull=True, due_on__gte=day)),
            ))
    by_step = {r["step"]: r for r in rows}
    out = []
    for step in ClockStep:
        r = by_step.get(step.value, {})
        done = r.get("on_time", 0) + r.get("late", 0)
        out.append({
            "step": step.value, "label": step.label, "total": r.get("total", 0), "on_time": r.get("on_time", 0),
            "late": r.get("late", 0), "open_overdue": r.get("open_overdue", 0), "open_in_time": r.get("open_in_time", 0),
            "percent_on_time": round(100 * r.get("on_time", 0) / done) if done else None,
        })
    return out


def channels(year: int, basis: str = "calendar", partnerships=None) -> list[dict[str, Any]]:
    from saferhub.asb.models import Channel

    start, end = year_bounds(year, basis)
    counts = dict(Case.objects.filter(application_date__range=(start, end), partnership_id__in=scope_ids(partnerships))
                  .values_list("channel")
                  .annotate(n=Count("id")).values_list("channel", "n"))
    return [{"channel": c.value, "label": c.label, "count": counts.get(c.value, 0)} for c in Channel]


def appeals(year: int, basis: str = "calendar", partnerships=None) -> dict[str, Any]:
    start, end = year_bounds(year, basis)
    qs = Appeal.objects.filter(received_on__range=(start, end), case__partnership_id__in=scope_ids(partnerships))
    agg = qs.aggregate(
        received=Count("id"),
        upheld=Count("id", filter=Q(outcome="upheld")),
        not_upheld=Count("id", filter=Q(outcome="not_upheld")),
        open=Count("id", filter=Q(decided_on__isnull=True)),
        about_application=Count("id", filter=Q(grounds="application")),
        about_review=Count("id", filter=Q(grounds="review")),
    )
    return agg


def local_variant_use(year: int, basis: str = "calendar", partnerships=None) -> list[dict[str, Any]]:
    """Applications that met the threshold only through a local route (reported as a local variant)."""
    start, end = year_bounds(year, basis)
    rows = (Case.objects.filter(application_date__range=(start, end), threshold_route="local_variant",
                                partnership_id__in=scope_ids(partnerships))
            .values("area__name").annotate(n=Count("id")).order_by("area__name"))
    return [{"area": r["area__name"], "count": r["n"]} for r in rows]


def outcomes(year: int, basis: str = "calendar", partnerships=None) -> dict[str, int]:
    start, end = year_bounds(year, basis)
    qs = Case.objects.filter(application_date__range=(start, end), partnership_id__in=scope_ids(partnerships))
    return qs.aggregate(
        letter_b=Count("id", filter=Q(determination="B")),
        letter_c_i=Count("id", filter=Q(determination="C_i")),
        letter_c_ii=Count("id", filter=Q(determination="C_ii")),
        letter_d=Count("id", filter=Q(decision_letter="D")),
        letter_e=Count("id", filter=Q(decision_letter="E")),
        vexatious=Count("id", filter=Q(vexatious=True)),
        closed=Count("id", filter=Q(status="closed")),
        open=Count("id", filter=~Q(status="closed")),
    )


def applications_by_month(year: int, basis: str = "calendar", partnerships=None) -> list[tuple[dt.date, int]]:
    """Applications received in each month of the period, every month listed (one aggregate query)."""
    from django.db.models.functions import TruncMonth

    start, end = year_bounds(year, basis)
    rows = (Case.objects.filter(application_date__range=(start, end), partnership_id__in=scope_ids(partnerships))
            .annotate(month=TruncMonth("application_date"))
            .values("month").annotate(n=Count("id")))
    counts = {(r["month"].year, r["month"].month): r["n"] for r in rows}
    out, day = [], start.replace(day=1)
    while day <= end:
        out.append((day, counts.get((day.year, day.month), 0)))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def sub_panel_report(year: int, basis: str = "calendar", partnerships=None) -> dict[str, Any]:
    """The figures of ``partnerships`` (the home partnership by default) for the Sub Panel."""
    p = scope_ids(partnerships)
    return {
        "by_month": applications_by_month(year, basis, p),
        "year": year, "basis": basis, "annual_figures": annual_figures(year, basis, p),
        "timeliness": timeliness(year, basis, partnerships=p),
        "timeliness_by_area": {a.name: timeliness(year, basis, a, p) for a in _areas(p)},
        "channels": channels(year, basis, p), "appeals": appeals(year, basis, p),
        "outcomes": outcomes(year, basis, p), "local_variant_use": local_variant_use(year, basis, p),
    }


# ---------------------------------------------------------------------------------------------
# Audit report
# ---------------------------------------------------------------------------------------------


def audit_report(year: int | None = None, partnerships=None) -> dict[str, Any]:
    """Across the cases of ``partnerships``: how many closed cases were audited, and for each checklist item how
    many passed (it names the cases not audited, so it is for the partnership's county team only)."""
    from saferhub.asb.actions.records import AUDIT_CHECKLIST

    closed = Case.objects.filter(status="closed", partnership_id__in=scope_ids(partnerships))
    if year is not None:
        closed = closed.filter(closed_on__year=year)
    checklists = AuditChecklist.objects.filter(case__in=closed.values("pk"))
    per_item: dict[str, int] = defaultdict(int)
    n = 0
    for answers in checklists.values_list("answers", flat=True):
        n += 1
        for code, ok in (answers or {}).items():
            if ok:
                per_item[code] += 1
    return {
        "closed_cases": closed.count(),
        "audited": n,
        "not_audited": list(closed.exclude(pk__in=checklists.values("case_id")).values_list("reference", flat=True)[:200]),
        "items": [{"code": code, "question": q, "passed": per_item.get(code, 0), "of": n,
                   "percent": round(100 * per_item.get(code, 0) / n) if n else None} for code, q in AUDIT_CHECKLIST],
    }
