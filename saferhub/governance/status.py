"""What a meeting's status says to a reader, worked out from the facts in one place (pure Python).

The stored ``Meeting.status`` stays "scheduled" until someone records the meeting, so on its own it
goes stale: a meeting whose date has passed with nothing recorded is not "Scheduled" any more, and
the honest thing to say is that there is no record of it (issue 16 item 2). Pages, lists and the
documents panel ask :func:`meeting_status` rather than showing the stored value; every date is
passed in, never read from the clock here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from saferhub.governance.models.choices import DatePrecision, MeetingStatus

NO_RECORD = "no_record"


@dataclass(frozen=True)
class DisplayedStatus:
    key: str  #: a ``MeetingStatus`` value or ``NO_RECORD``; it picks the tag colour
    label: str
    explanation: str = ""


def last_possible_day(date: dt.date, precision: str) -> dt.date:
    """The last day the meeting could be on: the day itself, or the end of the month when only the
    month is known ("February 2024, date to be confirmed")."""
    if precision == DatePrecision.MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date


def meeting_status(*, status: str, date: dt.date, date_precision: str, today: dt.date) -> DisplayedStatus:
    """The status to show. Recorded outcomes (held, inquorate, cancelled, postponed) are shown as
    recorded; a scheduled meeting is "Scheduled" until its (last possible) day has passed, and then
    "No record of this meeting"."""
    if status != MeetingStatus.SCHEDULED:
        return DisplayedStatus(status, MeetingStatus(status).label)
    if last_possible_day(date, date_precision) < today:
        return DisplayedStatus(
            NO_RECORD, "No record of this meeting",
            "This meeting was scheduled, but nothing has been recorded about it: no attendance, minutes or "
            "decisions, and no record that it was cancelled or postponed.",
        )
    return DisplayedStatus(MeetingStatus.SCHEDULED, MeetingStatus.SCHEDULED.label)


def minutes_item_wording(status: str) -> str:
    """How a minutes item names the earlier meetings it lists: confirmed only where the meeting was
    held and so transacted its business; before that they are only to be confirmed there (issue 16
    item 1); an inquorate, cancelled or postponed meeting confirmed nothing (seed 001:238-243)."""
    if status == MeetingStatus.HELD:
        return "Minutes confirmed"
    if status == MeetingStatus.SCHEDULED:
        return "Minutes to be confirmed"
    return "Minutes that were to be confirmed (not taken: no business was transacted)"


def minutes_wording(*, confirmed: bool, later_meeting_passed: bool) -> str:
    """What to say beside a "Draft" tag on a meeting's own minutes: "to be confirmed at a later
    meeting" only while that can still happen; once a later quorate meeting has taken place, or one
    has passed with no record, say plainly that there is no record of their confirmation."""
    if confirmed:
        return ""
    if later_meeting_passed:
        return "no record that these minutes were confirmed"
    return "to be confirmed at a later meeting"
