"""Governance's sections of the shared pages: the committees and next meetings on the home page,
and each committee's block on a signed-in user's dashboard (registered with ``core.pages``)."""

from __future__ import annotations

from django.utils import timezone

from saferhub.core.pages import Section
from saferhub.core.permissions import can
from saferhub.governance import extensions, queries
from saferhub.governance.models import Committee, Meeting, MeetingStatus


def home_section(request) -> Section:
    """Active committees and the next five scheduled meetings, on the home page."""
    from saferhub.governance.directory import home_committees, visible_committees

    today = timezone.localdate()
    user = getattr(request, "user", None)
    committees, total = home_committees(user)
    upcoming = (
        Meeting.objects.filter(date__gte=today, status=MeetingStatus.SCHEDULED,
                               committee__in=visible_committees(user).values("pk"))
        .select_related("committee")
        .order_by("date", "start_time")[:5]
    )
    return Section("governance/sections/home.html", {"committees": committees, "total": total, "upcoming": upcoming})


def dashboard_section(request) -> Section:
    """The committees the user prepares or records, with what needs doing."""
    return Section("governance/sections/dashboard.html", dashboard_context(request.user, request))


def dashboard_context(user, request=None) -> dict:
    today = timezone.localdate()
    blocks = []
    committees = Committee.objects.filter(is_active=True).order_by("name")
    for committee in committees:
        can_record = can(user, "governance.record_meeting", committee)
        if not (can_record or can(user, "governance.view_draft", committee)):
            continue
        meetings = list(Meeting.objects.filter(committee=committee).order_by("date"))
        warnings = queries.frequency_warnings(committee, today) if can_record else []
        gap = queries.upcoming_gap_warning(committee, today) if can_record else None
        if gap:
            warnings.append(gap)
        blocks.append({
            "committee": committee,
            "can_record": can_record,
            "needs_recording": [
                m for m in meetings
                if m.status == MeetingStatus.SCHEDULED and m.date <= today and m.date_precision == "day"
            ] if can_record else [],
            "unpublished": [
                m for m in meetings if m.attendance_finalised and not m.record_published
            ],
            "upcoming": [m for m in meetings if m.status == MeetingStatus.SCHEDULED and m.date > today][:4],
            "warnings": warnings[-8:],
            "panels": extensions.dashboard_panels(request, committee) if request is not None else [],
        })
    return {"committees": blocks}
