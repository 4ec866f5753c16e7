"""Pages for committees, meetings and people, and the committee officer's recording pages.

Views read through ``queries`` and write only through ``actions``; templates get booleans such
as ``can_record`` and compute no rules.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.core import actions as core_actions
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import can
from saferhub.core.queries import find_person
from saferhub.governance import actions, extensions, queries
from saferhub.governance.forms import (
    AgendaItemForm,
    ChairForm,
    DecisionForm,
    DeclarationForm,
    FinaliseForm,
    OfficerAttendanceForm,
    ScheduleMeetingForm,
    SeatAttendanceForm,
)
from saferhub.governance.interests import dispensations_for_meeting
from saferhub.governance.models import (
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    Committee,
    Declaration,
    Meeting,
    MeetingStatus,
)
from saferhub.governance.recording import apply_seat_choices, initial_seat_choices

# ---------------------------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------------------------


def committee_list(request):
    from saferhub.governance.directory import directory

    found = directory(request.user, request.GET)
    return render(request, "governance/committee_list.html", {
        "directory": found, "committees": found.page.object_list, "nav": "committees"})


def committee_detail(request, slug):
    committee = get_object_or_404(
        Committee.objects.select_related("organisation", "parent", "scrutinises"), slug=slug, is_active=True
    )
    if not can(request.user, "governance.view_committee", committee):
        raise Http404
    today = timezone.localdate()
    composition = queries.composition_on(committee, today)
    holders = queries.office_holders(committee)
    current = queries.current_office_holders(committee, today)
    meetings = queries.meetings_for(committee)
    upcoming = list(meetings.filter(date__gte=today, status=MeetingStatus.SCHEDULED).order_by("date")[:4])
    recent = list(meetings.filter(date__lt=today).order_by("-date")[:6])
    can_record = can(request.user, "governance.record_meeting", committee)
    warnings = []
    if can_record:
        warnings = queries.frequency_warnings(committee, today)
        gap = queries.upcoming_gap_warning(committee, today)
        if gap:
            warnings.append(gap)
    return render(request, "governance/committee_detail.html", {
        "committee": committee, "composition": composition, "holders": holders, "current": current,
        "seat_groups": committee.seat_groups.select_related("organisation"), "upcoming": upcoming, "recent": recent,
        "can_record": can_record, "warnings": warnings, "nav": "committees",
        "panels": extensions.committee_panels(request, committee),
    })


def committee_meetings(request, slug):
    committee = get_object_or_404(Committee, slug=slug, is_active=True)
    if not can(request.user, "governance.view_committee", committee):
        raise Http404
    page = Paginator(queries.meetings_for(committee).order_by("-date"), 25).get_page(request.GET.get("page"))
    return render(request, "governance/committee_meetings.html", {"committee": committee, "page": page, "nav": "committees"})


def _with_dispensations(meeting: Meeting) -> list[Declaration]:
    """The meeting's declarations, each with the dispensations that cover its member then."""
    declarations = list(meeting.declarations.all())
    found = dispensations_for_meeting(meeting) if declarations else {}
    for d in declarations:
        d.dispensations = found.get(d.person_id, [])
    return declarations


def meeting_detail(request, pk):
    try:
        meeting = queries.meeting_with_record(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not can(request.user, "governance.view_committee", meeting.committee):
        raise Http404
    visible = queries.record_visible(request.user, meeting)
    items = list(meeting.agenda_items.all())
    links = extensions.agenda_item_links(request, meeting)
    private = extensions.private_items(request.user, meeting)
    for item in items:
        item.links = links.get(item.pk, [])
        item.private_paragraph = private.get(item.pk)
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting,
        "panels": extensions.meeting_panels(request, meeting),
        "visible": visible,
        "quorum": queries.quorum_for(meeting),
        "attendance": queries.grouped_attendance(meeting) if visible else {},
        "items": items,
        "declarations": _with_dispensations(meeting) if visible else [],
        "can_record": can(request.user, "governance.record_meeting", meeting),
        "nav": "committees",
    })


# ---------------------------------------------------------------------------------------------
# Recording a meeting (committee officers)
# ---------------------------------------------------------------------------------------------


def _meeting_for_recording(request, pk) -> Meeting:
    try:
        meeting = queries.meeting_with_record(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not can(request.user, "governance.record_meeting", meeting):
        raise Http404
    return meeting


def _addressees(committee: Committee) -> list[tuple[str, str]]:
    from saferhub.core.site import get_site_configuration

    options = []
    if committee.scrutinises_id:
        options.append((f"org:{committee.scrutinises_id}", committee.scrutinises.name))
    partnership = get_site_configuration().partnership
    if partnership and partnership.pk != committee.scrutinises_id:
        options.append((f"org:{partnership.pk}", partnership.name))
    if committee.parent_id:
        options.append((f"committee:{committee.parent_id}", committee.parent.name))
    return options


def _record_context(request, meeting: Meeting, **forms) -> dict:
    composition = queries.composition_on(meeting.committee, meeting.date)
    rows = list(meeting.attendances.all())
    present = [a for a in rows if a.status == AttendanceStatus.PRESENT and a.role != AttendanceRole.OFFICER]
    items = list(meeting.agenda_items.all())
    business_items = [i for i in items if i.kind != "inquorate"]
    quorum = queries.quorum_for(meeting)
    context = {
        "meeting": meeting,
        "panels": extensions.record_panels(request, meeting),
        "composition": composition,
        "quorum": quorum,
        "officers": [a for a in rows if a.role == AttendanceRole.OFFICER],
        "attendance": queries.grouped_attendance(meeting),
        "items": items,
        "declarations": list(meeting.declarations.all()),
        "can_publish": can(request.user, "governance.publish_record", meeting),
        "can_decide": meeting.status == MeetingStatus.HELD,
        "has_decisions": any(i.decisions.all() for i in items),
        "today": timezone.localdate(),
        "nav": "dashboard",
    }
    if not meeting.attendance_finalised and meeting.status == MeetingStatus.SCHEDULED:
        context["attendance_form"] = forms.get("attendance") or SeatAttendanceForm(
            rows=composition.seats, co_opted=composition.co_opted,
            initial_choices=initial_seat_choices(composition, rows), prefix="att",
        )
        context["officer_form"] = forms.get("officers") or OfficerAttendanceForm(prefix="off")
        context["finalise_form"] = forms.get("finalise") or FinaliseForm(prefix="fin")
    context["chair_form"] = forms.get("chair") or ChairForm(
        present=present, prefix="chair",
        initial={"person": meeting.chaired_by_id, "capacity": meeting.chair_capacity or "chair", "note": meeting.chair_note},
    )
    context["declaration_form"] = forms.get("declarations") or DeclarationForm(present=present, items=business_items, prefix="dec")
    context["item_form"] = forms.get("items") or AgendaItemForm(prefix="item")
    if context["can_decide"]:
        context["decision_form"] = forms.get("decisions") or DecisionForm(
            items=business_items, addressees=_addressees(meeting.committee), prefix="dcn"
        )
    context["error_form"] = next((f for f in forms.values() if f is not None and f.errors), None)
    return context


@login_required
def meeting_record(request, pk):
    meeting = _meeting_for_recording(request, pk)
    return render(request, "governance/meeting_record.html", _record_context(request, meeting))


def _done(request, meeting, message, anchor=""):
    messages.success(request, message)
    return redirect(reverse("governance:meeting-record", args=[meeting.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def meeting_record_post(request, pk, section):
    meeting = _meeting_for_recording(request, pk)
    handler = SECTION_HANDLERS.get(section)
    if handler is None:
        raise Http404
    form = None
    try:
        result = handler(request, meeting)
        if isinstance(result, tuple):
            form, response = result
            if response is not None:
                return response
        else:
            return result
    except ActionPermissionDenied:
        raise Http404 from None
    except RuleViolation as exc:
        if form is None:
            messages.error(request, exc.text)
            return redirect("governance:meeting-record", pk=meeting.pk)
        form.add_rule_violation(exc)
    meeting = queries.meeting_with_record(meeting.pk)
    return render(request, "governance/meeting_record.html", _record_context(request, meeting, **{section: form}))


class _FormError(Exception):
    pass


def _with_form(form, run):
    """Validate ``form``; run the action; return (form, response) so errors re-render the page."""
    if not form.is_valid():
        return form, None
    try:
        return form, run(form.cleaned_data)
    except RuleViolation as exc:
        form.add_rule_violation(exc)
        return form, None


def _save_attendance(request, meeting):
    composition = queries.composition_on(meeting.committee, meeting.date)
    rows = list(meeting.attendances.all())
    form = SeatAttendanceForm(
        request.POST, rows=composition.seats, co_opted=composition.co_opted,
        initial_choices=initial_seat_choices(composition, rows), prefix="att",
    )

    def run(data):
        with transaction.atomic():
            changed = apply_seat_choices(meeting, composition, rows, data, acting_user=request.user)
        return _done(request, meeting, f"Attendance saved ({changed} change{'s' if changed != 1 else ''}).", "quorum")

    return _with_form(form, run)


def _add_officer(request, meeting):
    form = OfficerAttendanceForm(request.POST, prefix="off")

    def run(data):
        with transaction.atomic():
            person = find_person(data["name"])
            created = person is None
            if created:
                person = core_actions.create_person(name=data["name"], job_title=data["title"], acting_user=request.user)
            actions.record_attendance(
                meeting, person=person, status=data["status"], role=AttendanceRole.OFFICER, title=data["title"],
                recorded_name=data["name"], acting_user=request.user,
            )
        note = " They were not known before, so a new person record was created." if created else ""
        return _done(request, meeting, f"{person.display_name} recorded as {'in attendance' if data['status'] == 'in_attendance' else 'sending apologies'}.{note}", "officers")

    return _with_form(form, run)


def _remove_attendance(request, meeting):
    attendance = get_object_or_404(Attendance, pk=request.POST.get("attendance"), meeting=meeting)
    name = attendance.person.display_name
    actions.remove_attendance(attendance, acting_user=request.user)
    return _done(request, meeting, f"{name} removed from the attendance.", "officers")


def _record_chair(request, meeting):
    present = [a for a in meeting.attendances.all() if a.status == AttendanceStatus.PRESENT and a.role != AttendanceRole.OFFICER]
    form = ChairForm(request.POST, present=present, prefix="chair")

    def run(data):
        person = get_object_or_404(Person, pk=data["person"])
        actions.record_chair(meeting, person=person, capacity=data["capacity"], note=data["note"], acting_user=request.user)
        return _done(request, meeting, f"{person.display_name} recorded as chairing the meeting.", "chair")

    return _with_form(form, run)


def _finalise(request, meeting):
    form = FinaliseForm(request.POST, prefix="fin")

    def run(data):
        result = actions.finalise_attendance(meeting, declared_at=data.get("declared_at"), acting_user=request.user)
        if result.status == MeetingStatus.INQUORATE:
            return _done(request, meeting, "Attendance confirmed. The meeting was inquorate: no business was transacted and its items will carry forward.", "quorum")
        return _done(request, meeting, "Attendance confirmed. The meeting was quorate.", "quorum")

    return _with_form(form, run)


def _reopen(request, meeting):
    actions.reopen_attendance(meeting, acting_user=request.user)
    return _done(request, meeting, "Attendance reopened for correction.", "attendance")


def _declare(request, meeting):
    present = [a for a in meeting.attendances.all() if a.status == AttendanceStatus.PRESENT and a.role != AttendanceRole.OFFICER]
    items = [i for i in meeting.agenda_items.all() if i.kind != "inquorate"]
    form = DeclarationForm(request.POST, present=present, items=items, prefix="dec")

    def run(data):
        person = get_object_or_404(Person, pk=data["person"])
        item = next((i for i in items if i.pk == data["agenda_item"]), None) if data["agenda_item"] else None
        declaration = actions.record_declaration(
            meeting, person=person, interest_type=data["interest_type"], nature=data["nature"], agenda_item=item,
            during_meeting=data["during_meeting"], acting_user=request.user,
        )
        extra = " They took no part in the item." if declaration.took_no_part else ""
        return _done(request, meeting, f"Declaration by {person.display_name} recorded.{extra}", "declarations")

    return _with_form(form, run)


def _decide(request, meeting):
    items = [i for i in meeting.agenda_items.all() if i.kind != "inquorate"]
    form = DecisionForm(request.POST, items=items, addressees=_addressees(meeting.committee), prefix="dcn")

    def run(data):
        item = next((i for i in items if i.pk == data["agenda_item"]), None)
        if item is None:
            raise RuleViolation("Choose an agenda item.", code="governance.item", field="agenda_item")
        recommendations = []
        texts = form.recommendation_texts()
        if texts:
            kind, _, ident = (data.get("addressee") or "").partition(":")
            addressee = {}
            if kind == "org":
                addressee["addressee_organisation"] = get_object_or_404(Organisation, pk=ident)
            elif kind == "committee":
                addressee["addressee_committee"] = get_object_or_404(Committee, pk=ident)
            else:
                raise RuleViolation("Say who the recommendations are addressed to.", code="governance.addressee",
                                    field="addressee")
            recommendations = [{"text": t, **addressee} for t in texts]
        decision = actions.record_decision(
            item, verb=data["verb"], text=data["text"], recommendations=recommendations, acting_user=request.user
        )
        return _done(request, meeting, f"Decision recorded under item {item.number or item.title}: {decision.verb} {decision.text[:60]}", "decisions")

    return _with_form(form, run)


def _add_item(request, meeting):
    form = AgendaItemForm(request.POST, prefix="item")

    def run(data):
        item = actions.add_agenda_item(
            meeting, title=data["title"], kind=data["kind"], description=data["description"], acting_user=request.user
        )
        return _done(request, meeting, f"Item {item.number} added to the agenda.", "agenda")

    return _with_form(form, run)


def _publish(request, meeting):
    actions.publish_meeting_record(meeting, acting_user=request.user)
    return _done(request, meeting, "The meeting record is now public.")


SECTION_HANDLERS = {
    "attendance": _save_attendance,
    "officers": _add_officer,
    "remove-attendance": _remove_attendance,
    "chair": _record_chair,
    "finalise": _finalise,
    "reopen": _reopen,
    "declarations": _declare,
    "decisions": _decide,
    "items": _add_item,
    "publish": _publish,
}


@login_required
def meeting_schedule(request, slug):
    committee = get_object_or_404(Committee, slug=slug, is_active=True)
    if not can(request.user, "governance.record_meeting", committee):
        raise Http404
    form = ScheduleMeetingForm(request.POST or None, prefix="mtg", initial={
        "start_time": committee.default_start_time, "venue": committee.default_venue,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.schedule_meeting(
                committee, date=data["date"], start_time=data["start_time"], venue=data["venue"],
                livestream_url=data["livestream_url"], acting_user=request.user,
            )
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"Meeting scheduled for {meeting.date_display}.")
            gap = queries.upcoming_gap_warning(committee)
            if gap:
                messages.warning(request, gap)
            return redirect("governance:meeting-record", pk=meeting.pk)
    return render(request, "governance/meeting_schedule.html", {
        "committee": committee, "form": form, "warning": queries.upcoming_gap_warning(committee), "nav": "dashboard",
    })
