"""Councillor pages: "Your councillors", each councillor's page (attendance, meetings, register of
interests), a committee's attendance table; and staff pages for the attendance grid and the
monitoring officer's tasks. Reads through ``councillors``/``interests``/``queries``; writes only through
``actions``. Private bodies (``Committee.is_public`` False) never appear on the public pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.core.charts import Bar, bar_chart
from saferhub.core.exceptions import RuleViolation
from saferhub.core.middleware import public_page
from saferhub.core.models import Person
from saferhub.core.params import parse_id, parse_page
from saferhub.core.permissions import can
from saferhub.governance import actions, councillors, extensions, interests, queries
from saferhub.governance.forms import SeatAttendanceForm
from saferhub.governance.models import (
    Committee,
    Declaration,
    Meeting,
    MeetingStatus,
    Membership,
    MonitoringOfficerTask,
    OfficeHolder,
    RegisterEntry,
)
from saferhub.governance.recording import apply_seat_choices, initial_seat_choices

PER_PAGE = 50


@public_page
def councillor_list(request):
    try:
        council = parse_id(request.GET.get("council"))
    except ValueError:
        council = None
    committee = None
    slug = (request.GET.get("committee") or "")[:100]
    councils, committees = councillors.filter_options()
    if slug:
        committee = next((c for c in committees if c.slug == slug), None)
    parties = councillors.party_options()
    party = (request.GET.get("party") or "")[:100]
    party = party if party in parties else ""
    people = councillors.public_councillors(council=council, committee=committee, party=party)
    paginator = Paginator(people, PER_PAGE)
    page = paginator.get_page(min(parse_page(request.GET.get("page")), paginator.num_pages or 1))
    query = urlencode([(k, v) for k, v in (("council", council), ("committee", slug if committee else ""),
                                           ("party", party)) if v])
    return render(request, "governance/councillor_list.html", {
        "page": page, "councils": councils, "committees": committees, "council": council,
        "committee": committee, "parties": parties, "party": party, "query": query, "nav": "councillors",
    })


@public_page
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("organisation", "party_affiliation"), pk=pk)
    memberships = list(
        Membership.objects.filter(councillors.PUBLIC, person=person)
        .select_related("committee", "seat__organisation").order_by("-start_date")
    )
    if not (person.is_councillor or memberships):
        raise Http404
    offices = list(OfficeHolder.objects.filter(person=person, committee__is_public=True)
                   .select_related("committee").order_by("-civic_year"))
    declarations = list(
        Declaration.objects.filter(person=person, meeting__record_published=True, meeting__committee__is_public=True)
        .select_related("meeting__committee", "agenda_item").order_by("-meeting__date")[:50]
    )
    show_sensitive = can(request.user, "governance.view_sensitive_interests")
    register = list(RegisterEntry.objects.filter(person=person, ended_on__isnull=True).order_by("interest_type", "category", "pk"))
    labels = dict(interests.code_categories())
    for entry in register:
        entry.code_label = labels.get(entry.code_category, "")
        entry.withheld = entry.sensitive and not show_sensitive
    stats = queries.attendance_statistics(person, public_only=True)
    chart = bar_chart(
        [Bar(f"{s.committee_name[:14]} {s.civic_year}", s.attendance_rate or 0) for s in stats if s.expected],
        title=f"Attendance of {person.display_name} by civic year, per cent",
        description="Per cent of expected meetings attended in person; the table gives the numbers.", ident="attendance-chart",
    ) if any(s.expected for s in stats) else ""
    return render(request, "governance/person_detail.html", {
        "person": person, "memberships": memberships, "offices": offices, "stats": stats, "chart": chart,
        "meetings": councillors.meetings_of(person), "declarations": declarations,
        "dpis": [r for r in register if r.interest_type == "DPI"],
        "others": [r for r in register if r.interest_type != "DPI"],
        "can_update_register": person.is_councillor and can(request.user, "governance.update_register", person),
        "own_register": getattr(request.user, "person", None) == person,
        "panels": extensions.person_panels(request, person),
        "nav": "councillors",
    })


@public_page
def committee_attendance(request, slug):
    committee = get_object_or_404(Committee, slug=slug, is_active=True)
    if not committee.is_public:
        raise Http404  # attendance tables are public pages; private bodies never appear on them
    years = councillors.civic_years(committee)
    year = request.GET.get("year") or (years[0] if years else "")
    if year and year not in years:
        raise Http404
    meetings, rows = councillors.committee_attendance(committee, year) if year else ([], [])
    for row in rows:
        row.labelled = [councillors.CELL_LABELS[c] for c in row.cells]
    return render(request, "governance/committee_attendance.html", {
        "committee": committee, "years": years, "year": year, "meetings": meetings, "rows": rows, "nav": "committees",
    })


def _recordable(request, pk) -> Meeting:
    try:
        meeting = queries.meeting_with_record(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not can(request.user, "governance.record_meeting", meeting):
        raise Http404
    return meeting


@login_required
def attendance_grid(request, pk):
    """Every seat's member as a row with one choice each, and "Mark all as present" (a submit
    button, so it works without JavaScript: it fills the grid, and nothing is saved until "Save")."""
    meeting = _recordable(request, pk)
    open_ = not meeting.attendance_finalised and meeting.status == MeetingStatus.SCHEDULED
    composition = queries.composition_on(meeting.committee, meeting.date)
    rows = list(meeting.attendances.all())
    initial = initial_seat_choices(composition, rows)
    notice = error = ""
    form = None
    if request.method == "POST" and open_:
        if "all_present" in request.POST:
            filled = {f"seat_{r.seat.pk}": "present" for r in composition.seats if r.member is not None}
            filled.update({f"coopted_{m.person_id}": "present" for m in composition.co_opted})
            form = SeatAttendanceForm(rows=composition.seats, co_opted=composition.co_opted, initial_choices=filled, prefix="grid")
            notice = "Everyone is marked as present. Change anyone who was not, then save."
        else:
            form = SeatAttendanceForm(request.POST, rows=composition.seats, co_opted=composition.co_opted,
                                      initial_choices=initial, prefix="grid")
            if form.is_valid():
                try:
                    with transaction.atomic():  # all rows or none
                        changed = apply_seat_choices(meeting, composition, rows, form.cleaned_data, acting_user=request.user)
                except RuleViolation as exc:
                    form.add_rule_violation(exc)
                    error = exc.text
                else:
                    messages.success(request, f"Attendance saved ({changed} change{'s' if changed != 1 else ''}).")
                    return redirect(reverse("governance:meeting-record", args=[meeting.pk]) + "#quorum")
    elif request.method == "POST":
        raise Http404
    if form is None and open_:
        form = SeatAttendanceForm(rows=composition.seats, co_opted=composition.co_opted, initial_choices=initial, prefix="grid")
    grid = []
    if form is not None:
        names = {r.seat.pk: r for r in form.rows}
        for bound in form:
            seat_id = int(bound.name.removeprefix("seat_")) if bound.name.startswith("seat_") else None
            who = names[seat_id].member.person.display_name if seat_id else bound.label
            grid.append({"field": bound, "who": who, "place": bound.label if seat_id else "Co-opted",
                         "value": str(bound.value() or "")})
    return render(request, "governance/attendance_grid.html", {
        "meeting": meeting, "form": form, "grid": grid, "open": open_, "notice": notice, "error": error,
        "quorum": queries.quorum_for(meeting), "nav": "dashboard",
    })


@login_required
def monitoring_tasks(request):
    if not can(request.user, "governance.view_monitoring_tasks"):
        raise Http404
    tasks = MonitoringOfficerTask.objects.select_related("person", "meeting__committee", "declaration").order_by("status", "due_on", "pk")
    return render(request, "governance/monitoring_tasks.html", {
        "tasks": list(tasks[:200]), "can_close": can(request.user, "governance.monitoring_officer"),
        "today": timezone.localdate(), "nav": "dashboard",
    })


@login_required
@require_POST
def monitoring_task_close(request, pk):
    if not can(request.user, "governance.monitoring_officer"):
        raise Http404
    task = get_object_or_404(MonitoringOfficerTask.objects.select_related("person", "meeting"), pk=pk)
    try:
        actions.close_monitoring_task(task, outcome=request.POST.get("outcome", "")[:2000], acting_user=request.user)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, f"Task for {task.person.display_name} closed.")
    return redirect("governance:monitoring-tasks")
