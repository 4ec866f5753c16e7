"""Read pages: the register, a body, its Terms of Reference, action log, roster, meetings and reports."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from saferhub.core.params import parse_id, parse_page
from saferhub.core.permissions import can
from saferhub.governance.models import AgendaItem, Attendance, Meeting, MeetingStatus
from saferhub.governance.models.committee import BodyKind
from saferhub.groups import queries, rules
from saferhub.groups.forms import (
    ActionForm,
    ActionUpdateForm,
    AttendanceForm,
    ElectionForm,
    ReportForm,
    ReviewNoChangeForm,
    ScheduleForm,
)
from saferhub.groups.models import ActionCarry, TermsOfReference
from saferhub.groups.views.common import body_for, meeting_for


def register(request):
    """The list of bodies, as ModernGov lists committees: public ones for everyone, and the private bodies a
    signed-in user may see; 50 a page, filtered by name, partnership or council, the body it reports to, kind
    and (for those who may see private bodies) public or private. Plain GET parameters, no JavaScript."""
    params = request.GET
    kind = params.get("kind", "")
    visibility = params.get("visibility", "")
    filters = queries.RegisterFilters(
        q=params.get("q", "").replace("\x00", "").strip()[:100],
        organisation=parse_id(params.get("organisation")), parent=parse_id(params.get("parent")),
        kind=kind if kind in BodyKind.values else "",
        visibility=visibility if visibility in queries.VISIBILITIES else "")
    found = queries.register(request.user, filters, parse_page(params.get("page")), timezone.localdate())
    return render(request, "groups/register.html", {
        "register": found, "bodies": found.page.object_list, "kinds": BodyKind.choices, "nav": "groups"})


def body_detail(request, slug, review_form=None):
    body = body_for(request, slug)
    today = timezone.localdate()
    tor = queries.version_in_force(body, today)
    chairs = [c for c in body.chair_terms.select_related("person") if c.start_date <= today
              and (c.end_date is None or c.end_date >= today)]
    meetings = list(Meeting.objects.filter(committee=body).exclude(status=MeetingStatus.CANCELLED).order_by("-date")[:8])
    secretariat = can(request.user, "groups.run_secretariat", body)
    warnings = [w for w in (rules.term_warning(c.end_date, today) for c in chairs) if w] if secretariat else []
    review = queries.review_due_on(tor) if tor else None
    tasks = queries.review_tasks(body, today) if secretariat else []
    late_tasks, late_total = queries.overdue_meeting_tasks(body, today) if secretariat else ([], 0)
    overdue = [r for r in tasks if r.overdue]
    if overdue:
        warnings.append(f"The Terms of Reference review was due by {rules.fmt(overdue[-1].task.due)} and is overdue.")
    elif secretariat and rules.review_due(review, today, 60):
        warnings.append(f"The Terms of Reference are due for review by {rules.fmt(review)}.")
    if secretariat and tor is not None and review_form is None:
        review_form = ReviewNoChangeForm(prefix="rev")
    return render(request, "groups/body_detail.html", {
        "tasks": tasks, "review_form": review_form if secretariat and tor is not None else None,
        "overdue_actions": queries.overdue_count(body, today), "late_tasks": late_tasks, "late_total": late_total,
        "body": body, "tor": tor, "chairs": chairs, "meetings": meetings, "secretariat": secretariat,
        "members": queries.members_on(body, today), "versions": body.tor_versions.all(), "warnings": warnings,
        # A private group reporting to a public board is not named to those who may not see it.
        "sub_bodies": [s for s in body.sub_committees.filter(is_active=True).order_by("name")
                       if can(request.user, "groups.view_body", s)], "nav": "groups",
    }, status=422 if review_form is not None and review_form.errors else 200)


def tor_version(request, slug, version):
    body = body_for(request, slug)
    tor = get_object_or_404(TermsOfReference.objects.prefetch_related("required_members").select_related("agreed_at", "from_amendment__agreed_item"), body=body, version=version)
    previous = queries.previous_version(tor)
    changes = queries.tor_changes(previous, tor) if previous else []
    return render(request, "groups/tor_version.html", {"body": body, "tor": tor, "previous": previous,
                                                       "changes": changes, "nav": "groups"})


def tor_on_date(request, slug):
    """What rules applied on a date (?on=YYYY-MM-DD)."""
    body = body_for(request, slug)
    try:
        day = dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        day = timezone.localdate()
    tor = queries.version_in_force(body, day)
    return render(request, "groups/tor_version.html", {"body": body, "tor": tor, "on": day, "nav": "groups"})


def action_log(request, slug, form=None):
    body = body_for(request, slug)
    today = timezone.localdate()
    secretariat = can(request.user, "groups.run_secretariat", body)
    rows, page = queries.action_log(body, today, page=request.GET.get("page") or 1)
    if secretariat and form is None:
        form = action_form(body)
    # groups.update_action for every row at once: the secretariat updates any action, an owner their own.
    person_id = getattr(getattr(request.user, "person", None), "pk", None) if request.user.is_authenticated else None
    for row in rows:
        row.can_update = secretariat or (person_id is not None and row.action.owner_person_id == person_id)
    return render(request, "groups/action_log.html", {
        "body": body, "rows": rows, "form": form, "secretariat": secretariat, "nav": "groups",
        "page": page, "overdue": queries.overdue_count(body, today)}, status=422 if form is not None and form.errors else 200)


def action_update(request, body, action, form=None):
    form = form or ActionUpdateForm(prefix="upd", initial={"status": action.status, "date": timezone.localdate()})
    return render(request, "groups/action_update.html", {"body": body, "action": action, "form": form,
                                                         "nav": "groups"}, status=422 if form.errors else 200)


def action_form(body, data=None):
    from saferhub.core.models import Organisation
    from saferhub.delivery.models import DeliveryAction

    members = queries.members_on(body, timezone.localdate())
    people = [(m.person_id, f"{m.person.display_name} ({m.organisation.name})") for m in members]
    orgs = [(o.pk, o.name) for o in Organisation.objects.order_by("name")]
    meetings = [(m.pk, m.date_display) for m in Meeting.objects.filter(committee=body).order_by("-date")[:12]]
    delivery = [(d.pk, f"{d.number} {d.action[:70]}") for d in
                DeliveryAction.objects.select_related("plan").order_by("plan_id", "position")[:300]]
    return ActionForm(data, prefix="act", people=people, organisations=orgs, meetings=meetings, delivery=delivery)


def roster(request, slug):
    body = body_for(request, slug)
    today = timezone.localdate()
    try:
        requested = int(request.GET["n"]) if request.GET.get("n") else None
    except ValueError:
        requested = None
    tor, rows, held = queries.roster(body, today, requested)
    n = rules.absence_meetings(requested, tor.absence_meetings if tor else None)
    return render(request, "groups/roster.html", {
        "body": body, "tor": tor, "rows": rows, "n": n, "held": held, "configured": requested is None,
        "gaps": sum(1 for r in rows if r.unrepresented), "absent": sum(1 for r in rows if r.absent_throughout),
        "nav": "groups"})


def meeting(request, pk, schedule_form=None, attendance_form=None):
    meeting = meeting_for(request, pk)
    body = meeting.committee
    today = timezone.localdate()
    secretariat = can(request.user, "groups.run_secretariat", body)
    tasks = queries.tasks_for([meeting], today).get(meeting.pk, [])
    members = queries.members_on(body, meeting.date)
    attendance = list(Attendance.objects.filter(meeting=meeting).select_related("person", "organisation"))
    if secretariat and attendance_form is None:
        recorded = {a.person_id: a.status for a in attendance}
        attendance_form = AttendanceForm(prefix="att", members=members, initial={
            f"m{m.pk}": ("present" if recorded.get(m.person_id) == "in_attendance" else recorded.get(m.person_id, ""))
            for m in members})
    carried = ActionCarry.objects.filter(meeting=meeting).select_related("action", "action__owner_person",
                                                                         "action__owner_organisation")
    return render(request, "groups/meeting.html", {
        "meeting": meeting, "body": body, "tasks": tasks, "secretariat": secretariat, "attendance": attendance,
        "form": attendance_form, "carried": carried, "nav": "groups",
        "items": AgendaItem.objects.filter(meeting=meeting).order_by("position"),
    }, status=422 if attendance_form is not None and attendance_form.errors else 200)


def schedule(request, slug, form=None):
    body = body_for(request, slug, "groups.run_secretariat")
    tor = queries.version_in_force(body, timezone.localdate())
    return render(request, "groups/schedule.html", {
        "body": body, "tor": tor, "form": form or ScheduleForm(prefix="mtg"), "nav": "groups"},
        status=422 if form is not None else 200)


def elect(request, slug, form=None):
    body = body_for(request, slug, "groups.run_secretariat")
    form = form or ElectionForm(prefix="el", people=queries.election_candidates(body))
    return render(request, "groups/elect.html", {"body": body, "form": form, "nav": "groups"},
                  status=422 if form.errors else 200)


def report(request, slug, year, quarter, form=None):
    body = body_for(request, slug)
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404
    today = timezone.localdate()
    data = queries.quarter_report(body, year, quarter, today)
    written = body.progress_reports.filter(year=year, quarter=quarter).select_related("to_meeting").first()
    secretariat = can(request.user, "groups.run_secretariat", body)
    if secretariat and not written and form is None:
        parent_meetings = (Meeting.objects.filter(committee=body.parent, date__gte=data["end"] - dt.timedelta(days=31))
                           .order_by("date")[:6] if body.parent_id else [])
        form = ReportForm(prefix="rep", meetings=[(m.pk, f"{body.parent} – {m.date_display}") for m in parent_meetings])
    return render(request, "groups/report.html", {
        "body": body, "year": year, "quarter": quarter, "written": written, "form": form, "secretariat": secretariat,
        "nav": "groups", **data}, status=422 if form is not None and form.errors else 200)


def report_document(request, slug, year, quarter, fmt):
    """The report as a tagged PDF or a Word document, for the parent's agenda pack."""
    from django.http import HttpResponse

    from saferhub.groups import rendering

    body = body_for(request, slug)
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100 or fmt not in ("pdf", "docx"):
        raise Http404
    data = queries.quarter_report(body, year, quarter, timezone.localdate())
    context = {"body": body, "year": year, "quarter": quarter, **data,
               "written": body.progress_reports.filter(year=year, quarter=quarter).first(),
               "sections": [("Actions completed in the quarter", data["completed"]), ("Open actions", data["open"])]}
    name = f"{body.slug}-progress-report-{year}-q{quarter}.{fmt}"
    if fmt == "pdf":
        response = HttpResponse(rendering.report_pdf(context), content_type="application/pdf")
    else:
        response = HttpResponse(rendering.report_docx(context), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


MY_ACTIONS_PER_PAGE = 100


@login_required
def my_actions(request):
    """A person's open actions on every body they may see, the most urgent first, 100 a page."""
    person = getattr(request.user, "person", None)
    rows = queries.my_actions(person, timezone.localdate()) if person else []
    visible: dict[int, str | None] = {}  # per body, once: its action log's address, or None if not visible
    for row in rows:
        body = row.action.body
        if body.pk not in visible:
            visible[body.pk] = (reverse("groups:action-log", args=[body.slug])
                                if can(request.user, "groups.view_body", body) else None)
        row.url = visible[body.pk]
    rows = [r for r in rows if r.url is not None]
    page = Paginator(rows, MY_ACTIONS_PER_PAGE).get_page(request.GET.get("page") or 1)
    return render(request, "groups/my_actions.html", {
        "rows": list(page), "page": page, "total": len(rows), "overdue": sum(r.overdue for r in rows), "nav": "groups"})
