"""iCalendar feeds (parsed with the icalendar library), RSS and Atom feeds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import make_meeting
from saferhub.opendata.tests.factories import build_world

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal):
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_committee_feed_is_rfc5545_with_timezone_status_and_stable_uids(client):
    world = build_world(render=False)
    committee = world.panel.committee
    url = f"/committees/{committee.slug}/meetings.ics"
    cal = parse(client.get(url))
    assert cal["version"] == "2.0" and "SaferHub" in str(cal["prodid"])
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    found = events(cal)
    assert len(found) == 4  # held, unpublished, upcoming, cancelled
    upcoming = next(e for e in found.values() if str(e["url"]).endswith(f"/meetings/{world.upcoming.pk}/"))
    start = upcoming.decoded("dtstart")
    assert start == dt.datetime.combine(world.upcoming.date, dt.time(10), tzinfo=LONDON)
    assert upcoming["dtstart"].params["TZID"] == "Europe/London"
    assert str(upcoming["location"]) == "County Hall, Norwich"
    assert str(upcoming["status"]) == "CONFIRMED"
    assert upcoming.decoded("dtstamp").tzinfo is not None
    cancelled = next(e for e in found.values() if str(e["url"]).endswith(f"/meetings/{world.cancelled.pk}/"))
    assert str(cancelled["status"]) == "CANCELLED" and str(cancelled["summary"]).startswith("Cancelled")
    assert int(cancelled["sequence"]) >= 0
    # UIDs are stable between requests, and a change raises the SEQUENCE.
    again = events(parse(client.get(url)))
    assert set(again) == set(found)
    uid = str(upcoming["uid"])
    before = int(upcoming["sequence"])
    meeting = world.upcoming
    meeting.refresh_from_db()
    from django.utils import timezone

    # SEQUENCE counts seconds from creation to the last change: make the meeting older than the test.
    type(meeting).objects.filter(pk=meeting.pk).update(created_at=timezone.now() - dt.timedelta(seconds=30))
    meeting.refresh_from_db()
    governance.update_meeting(meeting, venue="The Cabinet Room", acting_user=SYSTEM)
    after = events(parse(client.get(url)))[uid]
    assert str(after["location"]) == "The Cabinet Room" and int(after["sequence"]) > before


def test_meeting_ics_and_month_only_meetings(client):
    world = build_world(render=False)
    cal = parse(client.get(f"/meetings/{world.held.pk}.ics"))
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]) == next(iter(events(parse(client.get(f"/meetings/{world.held.pk}.ics")))))
    assert event.decoded("dtstart").date() == world.held.date
    month_only = make_meeting(world.panel, date=dt.date(2031, 3, 1), items=0)
    type(month_only).objects.filter(pk=month_only.pk).update(date_precision="month")
    assert client.get(f"/meetings/{month_only.pk}.ics").status_code == 404
    assert client.get("/meetings/99999999.ics").status_code == 404
    assert client.get("/committees/no-such-committee/meetings.ics").status_code == 404


def test_committee_feed_queries_are_constant(client):
    world = build_world(render=False)
    url = f"/committees/{world.panel.committee.slug}/meetings.ics"
    client.get(url)  # warm: the site configuration is cached after the first request
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(5):
        make_meeting(world.panel, date=dt.date(2024, 1, 1) + dt.timedelta(days=n), items=0)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def _rss_items(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return root.findall("./channel/item")


def _atom_entries(response):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return root.findall("{http://www.w3.org/2005/Atom}entry")


def test_document_feeds_show_only_published_documents(client):
    world = build_world(render=True)
    items = _rss_items(client.get("/feeds/documents.rss"))
    titles = [i.findtext("title") for i in items]
    assert any(t.startswith("Agenda pack") for t in titles)
    assert any("Serious violence data" in t for t in titles)  # the annex, published with the agenda
    assert any(t.startswith("Minutes") for t in titles)
    links = [i.findtext("link") for i in items]
    assert all("/files/" in link for link in links)
    entries = _atom_entries(client.get(f"/committees/{world.panel.committee.slug}/documents.atom"))
    assert len(entries) == len(items)
    # A draft annex on another meeting does not appear.
    from saferhub.papers import actions as papers
    from saferhub.papers.tests.factories import final_report, pdf_bytes

    item = governance.add_agenda_item(world.unpublished, title="Late report", kind="report", acting_user=SYSTEM)
    report = final_report(item)
    papers.upload_annex(report, title="Secret draft", content=pdf_bytes(1), filename="x.pdf", acting_user=SYSTEM)
    titles = [i.findtext("title") for i in _rss_items(client.get("/feeds/documents.rss"))]
    assert not any("Secret draft" in t for t in titles)


def test_decision_feeds_show_only_published_records(client):
    world = build_world(render=False)
    items = _rss_items(client.get("/feeds/decisions.rss"))
    assert len(items) == 1  # the held meeting's; the unpublished record's decision is not shown
    assert "RECOMMENDED" in items[0].findtext("title")
    assert items[0].findtext("link").endswith(f"/meetings/{world.held.pk}/#agenda")
    entries = _atom_entries(client.get(f"/committees/{world.panel.committee.slug}/decisions.atom"))
    assert len(entries) == 1
    assert client.get("/committees/nope/decisions.rss").status_code == 404
