"""What a signed-in user sees on their dashboard for governance work."""

from __future__ import annotations

from django.utils import timezone

from saferhub.core.permissions import can
from saferhub.governance import extensions, queries
from saferhub.governance.models import Committee, Meeting, MeetingStatus


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
    return {"committees": blocks, "config_warnings": []}
