"""Actions on a meeting's place in the calendar and its outcome: scheduling, changing,
cancelling and postponing a meeting, and recording an outcome known without attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance import rules as gov_rules
from saferhub.governance.actions.common import ERROR_CODE, full_clean
from saferhub.governance.models import (
    AgendaItem,
    Attendance,
    Committee,
    DatePrecision,
    Meeting,
    MeetingStatus,
)
from saferhub.governance.models.choices import SUBSTANTIVE_KINDS
from saferhub.governance.signals import business_not_transacted

MEETING_FIELDS = ["date", "date_precision", "start_time", "venue", "livestream_url", "finished_at", "note"]


def today() -> dt.date:
    return timezone.localdate()


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)


def _require_open(meeting: Meeting, what: str) -> None:
    if meeting.status in {MeetingStatus.CANCELLED, MeetingStatus.POSTPONED}:
        raise RuleViolation(f"This meeting was {meeting.status}; {what} cannot be changed.",
                            code="governance.meeting_closed")
    if meeting.attendance_finalised:
        raise RuleViolation(
            f"Attendance for this meeting has been confirmed; reopen it before changing {what}.",
            code="governance.attendance_final",
        )


@transaction.atomic
def schedule_meeting(
    committee: Committee,
    *,
    date: dt.date,
    acting_user: Actor,
    date_precision: str = DatePrecision.DAY,
    start_time: dt.time | None = None,
    venue: str | None = None,
    livestream_url: str = "",
    note: str = "",
) -> Meeting:
    """Put a meeting in the committee's calendar, with the committee's usual time and venue by default."""
    require(acting_user, "governance.record_meeting", committee)
    if not committee.is_active:
        raise RuleViolation("This committee is no longer active.", code="governance.committee_inactive")
    if date_precision == DatePrecision.DAY and Meeting.objects.filter(
        committee=committee, date=date, date_precision=DatePrecision.DAY
    ).exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]).exists():
        raise RuleViolation(
            f"{committee} already has a meeting on {gov_rules.fmt_date(date)}.", code="governance.duplicate_meeting",
            field="date",
        )
    meeting = Meeting(
        committee=committee,
        date=date.replace(day=1) if date_precision == DatePrecision.MONTH else date,
        date_precision=date_precision,
        start_time=start_time if start_time is not None else committee.default_start_time,
        venue=committee.default_venue if venue is None else venue,
        livestream_url=livestream_url,
        note=note,
    )
    full_clean(meeting)
    meeting.save()
    audit.record("governance.meeting.scheduled", actor=acting_user, target=meeting,
                 data=audit.snapshot(meeting, ["date", "date_precision", "start_time", "venue"]))
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, acting_user: Actor, **data: Any) -> Meeting:
    """Change a meeting's date, time, venue, livestream link, finishing time or note."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if ("date" in data or "date_precision" in data) and meeting.attendance_finalised:
        raise RuleViolation("The meeting has taken place; its date cannot change.", code="governance.attendance_final",
                            field="date")
    return writes.update_with_audit(meeting, allowed=MEETING_FIELDS, data=data, acting_user=acting_user,
                                    audit_code="governance.meeting.updated", error_code=ERROR_CODE, check=_check_times)


def _check_times(meeting: Meeting) -> None:
    if meeting.finished_at and meeting.start_time and meeting.finished_at < meeting.start_time:
        raise RuleViolation("The finishing time is before the start time.", code="governance.times", field="finished_at")


def _mark_carry_forward(meeting: Meeting) -> int:
    return AgendaItem.objects.filter(meeting=meeting, kind__in=SUBSTANTIVE_KINDS).update(carry_forward=True, updated_at=timezone.now())


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, reason: str, acting_user: Actor) -> Meeting:
    """Cancel a scheduled meeting; its business is marked to carry forward."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation(f"Only a scheduled meeting can be cancelled; this one is {meeting.get_status_display().lower()}.",
                            code="governance.meeting_status")
    if not reason.strip():
        raise RuleViolation("Give the reason for cancelling.", code="governance.reason_required", field="reason")
    meeting.status = MeetingStatus.CANCELLED
    meeting.note = (meeting.note + "\n" if meeting.note else "") + f"Cancelled: {reason.strip()}"
    meeting.save(update_fields=["status", "note", "updated_at"])
    carried = _mark_carry_forward(meeting)
    audit.record("governance.meeting.cancelled", actor=acting_user, target=meeting,
                 data={"reason": reason.strip(), "items_carried_forward": carried})
    business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def postpone_meeting(
    meeting: Meeting, *, acting_user: Actor, new_date: dt.date | None = None, to_meeting: Meeting | None = None
) -> Meeting:
    """Postpone a scheduled meeting to a new date (or an existing later meeting); its substantive
    items move to that meeting, linked to where they came from. Returns the new meeting."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation("Only a scheduled meeting can be postponed.", code="governance.meeting_status")
    if to_meeting is None:
        if new_date is None:
            raise RuleViolation("Enter the new date.", code="governance.new_date", field="new_date")
        if new_date <= meeting.date:
            raise RuleViolation("The new date must be after the original date.", code="governance.new_date",
                                field="new_date")
        to_meeting = Meeting.objects.filter(
            committee=meeting.committee, date=new_date, status=MeetingStatus.SCHEDULED
        ).first() or schedule_meeting(
            meeting.committee, date=new_date, start_time=meeting.start_time, venue=meeting.venue,
            acting_user=acting_user,
        )
    if to_meeting.committee_id != meeting.committee_id or to_meeting.date <= meeting.date:
        raise RuleViolation("Postpone to a later meeting of the same committee.", code="governance.new_date",
                            field="new_date")
    meeting.status = MeetingStatus.POSTPONED
    meeting.postponed_to = to_meeting
    meeting.save(update_fields=["status", "postponed_to", "updated_at"])
    _mark_carry_forward(meeting)
    moved = 0
    for item in AgendaItem.objects.filter(meeting=meeting, carry_forward=True).order_by("position"):
        _copy_item(item, to_meeting)
        moved += 1
    audit.record("governance.meeting.postponed", actor=acting_user, target=meeting,
                 data={"to_meeting": to_meeting.pk, "to_date": to_meeting.date, "items_moved": moved})
    business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
    return to_meeting


def _next_position(meeting: Meeting) -> int:
    return (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0) + 1


def _copy_item(item: AgendaItem, to_meeting: Meeting) -> AgendaItem:
    if AgendaItem.objects.filter(meeting=to_meeting, carried_from=item).exists():
        return AgendaItem.objects.get(meeting=to_meeting, carried_from=item)
    return AgendaItem.objects.create(
        meeting=to_meeting, position=_next_position(to_meeting), number="", title=item.title,
        description=item.description, kind=item.kind, carried_from=item,
    )


@transaction.atomic
def record_outcome_without_attendance(meeting: Meeting, *, status: str, evidence: str, acting_user: Actor) -> Meeting:
    """Record that a past meeting was held (or was inquorate, or cancelled) when its attendance is
    not on record, for example a meeting known only because later minutes confirm its minutes.

    The evidence is kept in the meeting's note. No quorum is computed and no decisions can be
    recorded for such a meeting, because there is no attendance to support them.
    """
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    status = MeetingStatus(status)
    if status == MeetingStatus.SCHEDULED:
        raise RuleViolation("Choose what happened to the meeting.", code="governance.meeting_status", field="status")
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation("The outcome of this meeting is already recorded.", code="governance.meeting_status")
    if meeting.date > today():
        raise RuleViolation("This meeting has not taken place yet.", code="governance.meeting_not_held")
    if Attendance.objects.filter(meeting=meeting).exists():
        raise RuleViolation("Attendance is recorded for this meeting; confirm the attendance instead.",
                            code="governance.attendance_recorded")
    if not evidence.strip():
        raise RuleViolation("Say what shows the meeting's outcome (for example, later minutes).",
                            code="governance.evidence_required", field="evidence")
    meeting.status = status
    meeting.note = (meeting.note + "\n" if meeting.note else "") + evidence.strip()
    meeting.save(update_fields=["status", "note", "updated_at"])
    if status in {MeetingStatus.CANCELLED, MeetingStatus.INQUORATE}:
        _mark_carry_forward(meeting)
    audit.record("governance.meeting.outcome_recorded", actor=acting_user, target=meeting,
                 data={"status": status.value, "evidence": evidence.strip()})
    if status in {MeetingStatus.CANCELLED, MeetingStatus.INQUORATE}:
        business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
    return meeting
