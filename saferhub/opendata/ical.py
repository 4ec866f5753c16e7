"""iCalendar (RFC 5545) feeds of meetings, built with the ``icalendar`` library.

Each meeting is one VEVENT whose UID never changes (``meeting-<pk>@<site>``); SEQUENCE grows with
every change to the meeting (seconds between its creation and last update), so calendar apps
replace the old copy. Times are local (``TZID=Europe/London``) with the VTIMEZONE included. A
cancelled or postponed meeting stays in the feed with ``STATUS:CANCELLED``. Meetings known only by
month (date to be confirmed) are left out: they have no date to put in a calendar.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import slugify
from icalendar import Calendar, Event

from saferhub.core.site import get_site_configuration
from saferhub.governance.models import Meeting, MeetingStatus

ASSUMED_LENGTH = dt.timedelta(hours=2)
STATUS = {
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.INQUORATE: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
    MeetingStatus.POSTPONED: "CANCELLED",
}


def uid_domain() -> str:
    return f"{slugify(get_site_configuration().council_name) or 'council'}.saferhub"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{uid_domain()}"


def sequence(meeting: Meeting) -> int:
    if not meeting.created_at or not meeting.updated_at:
        return 0
    return max(0, int((meeting.updated_at - meeting.created_at).total_seconds()))


def new_calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//SaferHub//Meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def meeting_event(meeting: Meeting, root: str) -> Event:
    tz = ZoneInfo(settings.TIME_ZONE)
    committee = meeting.committee
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", (meeting.updated_at or meeting.created_at).astimezone(dt.UTC))
    if meeting.updated_at:
        event.add("last-modified", meeting.updated_at.astimezone(dt.UTC))
    event.add("sequence", sequence(meeting))
    if meeting.start_time is None:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
        end = dt.datetime.combine(meeting.date, meeting.finished_at, tzinfo=tz) if meeting.finished_at else None
        event.add("dtstart", start)
        event.add("dtend", end if end and end > start else start + ASSUMED_LENGTH)
    summary = committee.name
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        summary = f"{meeting.get_status_display()}: {summary}"
    event.add("summary", summary)
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    if meeting.venue:
        event.add("location", meeting.venue)
    url = f"{root}{meeting.get_absolute_url()}"
    event.add("url", url)
    lines = [f"Meeting of the {committee.name}.", f"Status: {meeting.get_status_display()}."]
    if meeting.status == MeetingStatus.POSTPONED and meeting.postponed_to_id and meeting.postponed_to:
        lines.append(f"Postponed to {meeting.postponed_to.date_display}: {root}{meeting.postponed_to.get_absolute_url()}")
    if meeting.livestream_url:
        lines.append(f"Watch: {meeting.livestream_url}")
    lines.append(f"Agenda and papers: {url}")
    event.add("description", "\n".join(lines))
    event.add("transp", "OPAQUE")
    return event


def event_times(meeting: Meeting) -> tuple[dt.datetime | dt.date, dt.datetime | dt.date]:
    """Start and end as in the feed: local times (two hours assumed), or the whole day."""
    if meeting.start_time is None:
        return meeting.date, meeting.date + dt.timedelta(days=1)
    tz = ZoneInfo(settings.TIME_ZONE)
    start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
    end = dt.datetime.combine(meeting.date, meeting.finished_at, tzinfo=tz) if meeting.finished_at else None
    return start, end if end and end > start else start + ASSUMED_LENGTH


def add_to_calendar_links(meeting: Meeting, root: str) -> dict[str, str]:
    """"Add to calendar" links that work without JavaScript: the committee's feed by webcal://, this
    meeting's .ics file, and the event templates of Google Calendar and Outlook.com (title, times,
    place and a link back filled in)."""
    from urllib.parse import urlencode

    committee = meeting.committee
    host = root.split("://", 1)[-1]
    links = {"webcal": f"webcal://{host}/committees/{committee.slug}/meetings.ics"}
    if meeting.date_precision != "day":
        return links
    links["ics"] = f"{root}/meetings/{meeting.pk}.ics"
    start, end = event_times(meeting)
    title, url = committee.name, f"{root}{meeting.get_absolute_url()}"
    details = f"Meeting of the {committee.name}. Agenda and papers: {url}"
    if isinstance(start, dt.datetime):
        google_dates = "/".join(t.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ") for t in (start, end))
        outlook_times = {"startdt": start.isoformat(), "enddt": end.isoformat()}
    else:
        google_dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
        outlook_times = {"startdt": start.isoformat(), "enddt": end.isoformat(), "allday": "true"}
    links["google"] = "https://calendar.google.com/calendar/render?" + urlencode({
        "action": "TEMPLATE", "text": title, "dates": google_dates, "details": details,
        "location": meeting.venue or "", "ctz": settings.TIME_ZONE,
    })
    links["outlook"] = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": title, **outlook_times,
        "body": details, "location": meeting.venue or "",
    })
    return links


def calendar_for(meetings, name: str, root: str) -> bytes:
    cal = new_calendar(name)
    for meeting in meetings:
        if meeting.date_precision != "day":
            continue
        cal.add_component(meeting_event(meeting, root))
    cal.add_missing_timezones()
    return cal.to_ical()
