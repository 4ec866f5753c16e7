"""Every public page type passes axe-core (WCAG 2.2 A and AA) with no violation, the meetings
calendar works without JavaScript, and the feed links are on the pages. Screenshots go to
test-artifacts/ (and /tmp/saferhub-opendata-shots/ for review)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.opendata.tests.factories import build_world
from saferhub.papers import actions as papers
from saferhub.papers.models import Document
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/saferhub-opendata-shots")


def shot(page, name: str) -> None:
    path = screenshot(page, f"opendata-{name}")
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def public_pages(world) -> dict[str, str]:
    panel, held = world.panel, world.held
    slug = panel.committee.slug
    minutes_html = Document.objects.filter(meeting=held, kind="minutes", format="html", deleted_at__isnull=True).first()
    pack_html = Document.objects.filter(meeting=world.upcoming, kind="agenda_pack", format="html").first()
    return {
        "home": "/",
        "committee-list": "/committees/",
        "committee": f"/committees/{slug}/",
        "committee-meetings": f"/committees/{slug}/meetings/",
        "calendar": "/meetings/",
        "calendar-month": f"/meetings/?year={held.date.year}&month={held.date.month}&committee={slug}",
        "calendar-error": "/meetings/?year=abc&month=6",
        "meeting-upcoming": f"/meetings/{world.upcoming.pk}/",
        "meeting-held": f"/meetings/{held.pk}/",
        "meeting-cancelled": f"/meetings/{world.cancelled.pk}/",
        "person": f"/people/{panel.member(0).pk}/",
        "person-substitute": f"/people/{panel.substitute(5).pk}/",
        "recommendations": f"/committees/{slug}/recommendations/",
        "work-programme": f"/committees/{slug}/work-programme/",
        "agenda-html": f"/meetings/{world.upcoming.pk}/agenda/",
        "minutes-html": f"/meetings/{held.pk}/minutes/",
        "document-minutes-file": f"/files/{minutes_html.pk}/",
        "document-pack-file": f"/files/{pack_html.pk}/",
        "search": "/search/?q=partnership",
        "open-data": "/open-data/",
        "accessibility": "/accessibility/",
    }


def test_every_public_page_type_has_no_axe_violations(page, live_server):
    world = build_world()
    panel = world.panel
    governance.record_declaration(world.held, person=panel.member(1), interest_type="Other",
                                  nature="Member of a local charity", acting_user=SYSTEM)
    governance.add_register_entry(panel.member(0), interest_type="Other", category="body_membership",
                                  code_category="charity", description="Trustee of a youth club", registered_on=world.held.date,
                                  acting_user=SYSTEM)
    papers.add_work_programme_entry(panel.committee, report="Modern slavery", issues="Progress on the plan",
                                    target_meeting=world.upcoming, acting_user=SYSTEM)
    failures = {}
    for name, url in public_pages(world).items():
        response = page.goto(live_server.url + url)
        assert response is not None and response.status in (200, 400), (name, url, response and response.status)
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
        shot(page, name)
    assert failures == {}


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_calendar_works_without_javascript_and_links_to_meetings_and_feeds(no_js_page, live_server):
    world = build_world(render=False)
    page = no_js_page
    page.goto(f"{live_server.url}/meetings/")
    assert page.locator("h1").inner_text() == "Meetings calendar"
    page.get_by_label("Committee").select_option(world.panel.committee.slug)
    page.get_by_label("Month").select_option(str(world.held.date.month))
    page.get_by_label("Year").fill(str(world.held.date.year))
    page.get_by_role("button", name="Show meetings").click()
    assert "June 2023" in page.locator("h1").inner_text()
    page.get_by_role("link", name=world.panel.committee.name).first.click()
    assert page.url.endswith(f"/meetings/{world.held.pk}/")
    ics = page.get_by_role("link", name="Download this meeting (.ics file)")
    assert ics.get_attribute("href") == f"/meetings/{world.held.pk}.ics"
    alternates = page.locator("head link[rel=alternate]")
    assert alternates.count() >= 2
    shot(page, "meeting-no-js")
    page.goto(f"{live_server.url}/meetings/?year=abc")
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
