"""The public meetings calendar, the open data page, and the links added to committee and meeting pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saferhub.governance.tests.factories import make_meeting
from saferhub.opendata.tests.factories import build_world

pytestmark = pytest.mark.django_db


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_calendar_shows_upcoming_and_recent_and_filters_by_committee(client):
    world = build_world(render=False)
    other = make_meeting(build_world(render=False).panel, date=timezone.localdate() + dt.timedelta(days=3), items=0)
    page = client.get("/meetings/").content.decode()
    assert "Coming up" in page and "Recent meetings" in page
    assert f'href="/meetings/{world.upcoming.pk}/"' in page and f'href="/meetings/{other.pk}/"' in page
    assert f'href="/meetings/{world.held.pk}/"' in page
    filtered = client.get("/meetings/", {"committee": world.panel.committee.slug}).content.decode()
    assert f'href="/meetings/{other.pk}/"' not in filtered and f'href="/meetings/{world.upcoming.pk}/"' in filtered
    assert f"/committees/{world.panel.committee.slug}/meetings.ics" in filtered
    assert 'rel="alternate" type="application/rss+xml"' in page


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_calendar_by_month_and_year(client):
    world = build_world(render=False)
    june = client.get("/meetings/", {"year": "2023", "month": "6"}).content.decode()
    assert "June 2023" in june and f'href="/meetings/{world.held.pk}/"' in june
    assert f'href="/meetings/{world.unpublished.pk}/"' not in june  # September
    assert "May 2023" in june and "July 2023" in june  # previous and next month links
    year = client.get("/meetings/", {"year": "2023"}).content.decode()
    assert f'href="/meetings/{world.unpublished.pk}/"' in year and "2 meetings in 2023" in year


@pytest.mark.parametrize("query", [
    {"year": "abc"}, {"month": "13", "year": "2023"}, {"month": "6"}, {"committee": "nope"},
    {"year": "2023", "month": "6", "page": "zzz"}, {"committee": "a\x00b"}, {"committee": "x" * 300},
])
def test_calendar_bad_input_is_a_400_page_with_an_error_summary_not_a_500(client, query):
    if query.get("page"):
        query = {**query, "year": str(timezone.localdate().year)}  # this year is always in the calendar's range
    response = client.get("/meetings/", query)
    if query.get("page"):
        assert response.status_code == 200  # a bad page number shows the first page
        return
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: " in page


@pytest.mark.date_sensitive("2026-12-03")  # this year is always in range
def test_calendar_years_stop_at_the_first_year_and_the_year_after_the_last(client):
    world = build_world(render=False)
    first = world.panel.committee.meetings.order_by("date").first().date.year
    last = max(world.panel.committee.meetings.order_by("-date").first().date.year + 1, timezone.localdate().year)
    top = client.get("/meetings/", {"year": str(last)}).content.decode()
    assert f"year={last + 1}" not in top and f"year={last - 1}" in top
    bottom = client.get("/meetings/", {"year": str(first)}).content.decode()
    assert f"year={first - 1}" not in bottom
    assert f"year={first - 1}&amp;month=12" not in client.get("/meetings/", {"year": str(first), "month": "1"}).content.decode()
    assert f"year={last + 1}&amp;month=1" not in client.get("/meetings/", {"year": str(last), "month": "12"}).content.decode()
    for year in (last + 1, first - 1, 3000):
        assert client.get("/meetings/", {"year": str(year)}).status_code == 404


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_calendar_queries_are_constant(client):
    world = build_world(render=False)

    def count(params):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/meetings/", params).status_code == 200
        return len(ctx)

    client.get("/meetings/")  # warm: the site configuration is cached after the first request
    before = (count({}), count({"year": "2023"}))
    for n in range(10):
        make_meeting(world.panel, date=dt.date(2023, 7, 1) + dt.timedelta(days=n), items=0)
        make_meeting(world.panel, date=timezone.localdate() + dt.timedelta(days=n + 1), items=0)
    assert (count({}), count({"year": "2023"})) == before


def test_committee_and_meeting_pages_link_to_feeds(client):
    world = build_world(render=False)
    committee = client.get(world.panel.committee.get_absolute_url()).content.decode()
    slug = world.panel.committee.slug
    assert f'href="/committees/{slug}/meetings.ics"' in committee
    assert '<link rel="alternate" type="text/calendar"' in committee
    assert f'/committees/{slug}/documents.rss' in committee and f'/committees/{slug}/decisions.atom' in committee
    listing = client.get(f"/committees/{slug}/meetings/").content.decode()
    assert f'<link rel="alternate" type="text/calendar" title="{world.panel.committee.name}: meetings (iCalendar)"' in listing
    assert f'href="/committees/{slug}/meetings.ics"' in listing
    meeting = client.get(world.upcoming.get_absolute_url()).content.decode()
    assert f'href="/meetings/{world.upcoming.pk}.ics"' in meeting
    assert f'href="/oparl/v1/meeting/{world.upcoming.pk}"' in meeting
    assert '<link rel="alternate" type="text/calendar"' in meeting


def test_meeting_page_offers_add_to_calendar_links_without_javascript(client):
    import html
    from urllib.parse import parse_qs, urlsplit

    world = build_world(render=False)
    meeting, slug = world.upcoming, world.panel.committee.slug
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Add to calendar" in page
    assert f'href="webcal://testserver/committees/{slug}/meetings.ics"' in page
    assert f'href="/meetings/{meeting.pk}.ics" type="text/calendar" download' in page
    hrefs = [html.unescape(h) for h in __import__("re").findall(r'href="(https://[^"]+)"', page)]
    google = parse_qs(urlsplit(next(h for h in hrefs if "calendar.google.com" in h)).query)
    outlook = parse_qs(urlsplit(next(h for h in hrefs if "outlook.live.com" in h)).query)
    assert google["action"] == ["TEMPLATE"] and google["text"] == [world.panel.committee.name]
    assert google["location"] == ["County Hall, Norwich"] and google["dates"][0].endswith("Z")
    start = f"{meeting.date:%Y-%m-%d}T10:00:00"
    assert outlook["subject"] == [world.panel.committee.name] and outlook["startdt"][0].startswith(start)
    assert outlook["enddt"][0].startswith(f"{meeting.date:%Y-%m-%d}T12:00:00")
    assert f"http://testserver/meetings/{meeting.pk}/" in google["details"][0]


def test_open_data_page(client):
    page = client.get("/open-data/").content.decode()
    assert "http://testserver/oparl/v1/system" in page


def test_meeting_page_shows_written_questions_once_the_record_is_published(client):
    world = build_world(render=False)
    held = client.get(world.held.get_absolute_url()).content.decode()
    assert "Questions requiring written responses" in held
    assert "Twelve orders were made in the year." in held and "Awaiting response" in held
    unpublished = client.get(world.unpublished.get_absolute_url()).content.decode()
    assert "Questions requiring written responses" not in unpublished


def test_decisions_list_filters_by_date_verb_and_words_and_pages(client):
    from saferhub.core.actors import SYSTEM
    from saferhub.governance import actions as governance
    from saferhub.opendata import views
    from saferhub.opendata.tests.factories import held_meeting

    world = build_world(render=False)
    later = held_meeting(world.panel, dt.date(2024, 3, 14), publish=False)
    governance.record_decision(later.agenda_items.get(kind="report"), verb="NOTED", text="the knife crime figures.",
                               acting_user=SYSTEM)
    governance.publish_meeting_record(later, acting_user=SYSTEM)
    hidden = held_meeting(world.panel, dt.date(2024, 5, 9), publish=False)  # record not published
    governance.record_decision(hidden.agenda_items.get(kind="report"), verb="NOTED", text="an unpublished matter.",
                               acting_user=SYSTEM)
    url = f"/committees/{world.panel.committee.slug}/decisions/"
    page = client.get(url).content.decode()
    assert "3 decisions" in page and "the knife crime figures." in page and "unpublished matter" not in page
    assert "1 decision<" in client.get(url, {"verb": "NOTED"}).content.decode()
    assert "1 decision<" in client.get(url, {"q": "knife"}).content.decode()
    assert "2 decisions" in client.get(url, {"from": "2024-01-01"}).content.decode()
    assert "1 decision<" in client.get(url, {"to": "2023-12-31"}).content.decode()
    for bad in ({"from": "2024-13-01"}, {"verb": "SHOUTED"}, {"from": "2024-02-01", "to": "2024-01-01"}):
        response = client.get(url, bad)
        assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert client.get(url, {"page": "x"}).status_code == 404
    views.PER_PAGE, saved = 2, views.PER_PAGE
    try:
        first = client.get(url, {"verb": "RECOMMENDED"}).content.decode()
        assert "Page 1 of 1" not in first
        paged = client.get(url).content.decode()
        assert "Page 1 of 2" in paged and 'href="?page=2"' in paged
    finally:
        views.PER_PAGE = saved
    assert f'href="/committees/{world.panel.committee.slug}/decisions/"' in client.get(
        world.panel.committee.get_absolute_url()).content.decode()


def test_decisions_list_of_a_private_body_is_not_found(client):
    from saferhub.core.actors import SYSTEM
    from saferhub.governance import actions as governance

    world = build_world(render=False)
    committee = governance.create_committee(name="Private Delivery Group", slug="private-delivery-group",
                                            organisation=world.panel.committee.organisation, is_public=False,
                                            quorum=3, acting_user=SYSTEM)
    assert client.get(f"/committees/{committee.slug}/decisions/").status_code == 404


def test_back_links_and_breadcrumbs_sit_inside_the_main_landmark(client):
    """axe "region": nothing outside a landmark. The base template's before_content block (back
    links, breadcrumbs) is inside <main>."""
    world = build_world(render=False)
    for url in (world.upcoming.get_absolute_url(), "/meetings/", f"/committees/{world.panel.committee.slug}/decisions/"):
        page = client.get(url).content.decode()
        assert page.index('<main') < page.index('class="govuk-breadcrumbs"') < page.index('</main>'), url
