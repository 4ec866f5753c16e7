"""The staff review screen shows the flags for an import of the seeds; pages pass axe-core and work
without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, ensure_role_groups
from saferhub.importer import actions
from saferhub.importer.tests.conftest import seed_files
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server):
    ensure_role_groups()
    user = get_user_model().objects.create_user("officer", password="a-long-password-1")
    core_actions.set_user_roles(user, roles=[Role.COMMITTEE_OFFICER], acting_user=SYSTEM)
    sign_in(page, live_server, "officer", password="a-long-password-1")


def test_review_screen_shows_the_flags_and_is_accessible(page, live_server):
    files = seed_files()
    if len(files) != 5:
        pytest.skip("seed documents not available")
    batch = actions.read_files(files, acting_user=SYSTEM)
    _login(page, live_server)
    page.goto(f"{live_server.url}/import/{batch.pk}/")
    table = page.locator("#flag-table")
    assert "16 September 2022" in table.inner_text()
    assert "listed against Norfolk County Council" in table.inner_text()
    assert "Cllr Ashby" in table.inner_text()
    screenshot(page, "importer-review")
    assert axe_violations(page) == []
    page.check(f"input[name='flag-{batch.flags.get(kind='minutes_date_after_meeting', source__startswith='002').pk}'][value='2021-09-16']")
    page.click("text=Save decisions on flags")
    expect(page.get_by_text(re.compile(r"\d+ flags? updated"))).to_be_visible()  # wait for the next page
    page.click("text=Commit the import", timeout=120_000)
    expect(page.get_by_text("The import was committed")).to_be_visible(timeout=120_000)
    page.goto(f"{live_server.url}/import/")
    assert axe_violations(page) == []
    screenshot(page, "importer-upload")


def test_public_search_without_javascript(no_js_page, live_server):
    files = seed_files()
    if len(files) != 5:
        pytest.skip("seed documents not available")
    batch = actions.read_files(files, acting_user=SYSTEM)
    actions.commit_batch(batch, acting_user=SYSTEM)
    page = no_js_page
    page.goto(f"{live_server.url}/search/")
    page.fill("input[name=q]", "community trigger")
    page.click("button:has-text('Search')")
    assert page.locator("mark").count() > 5
    screenshot(page, "search-results")
    page.locator(".sh-results a").first.click()
    assert page.locator("ol.sh-source li").count() > 0


def test_review_page_venue_typed_date_and_proposed_seats(page, live_server):
    """Issue 15: where and when each meeting was (remote, venue, times); a date typed for undated minutes; seats
    proposed from a Present list, placed only once chosen; the page passes axe-core."""
    from pathlib import Path

    from playwright.sync_api import expect

    from saferhub.governance.models import Meeting

    corpus = Path(__file__).resolve().parents[2] / "saferhub" / "importer" / "tests" / "corpus"
    name = "bracebridge-heath-pc-full-council-2020-05-05.txt"
    undated = (b"Ashbury Community Safety Committee\n\nMinutes of the meeting held in the Council Chamber, Ashbury\n\n"
               b"Present:\n\nCouncillor Ann Lee (Chair)\tAshbury District Council\n\n1. Anti-social behaviour\n\n"
               b"1.1 The Committee NOTED the report.\n")
    batch = actions.read_files([(name, (corpus / name).read_bytes()), ("undated.txt", undated)], acting_user=SYSTEM,
                               inline=True)
    _login(page, live_server)
    page.goto(f"{live_server.url}/import/{batch.pk}/")
    expect(page.get_by_text("Remote meeting (Zoom)")).to_be_visible()
    assert "Started 19:30" in page.content()
    dated = batch.flags.get(kind="meeting_date_missing")
    seats = batch.flags.get(kind="seats_proposed")
    page.check(f"#flag-{dated.pk}-typed")
    page.fill(f"#flag-{dated.pk}-day", "7")
    page.fill(f"#flag-{dated.pk}-month", "3")
    page.fill(f"#flag-{dated.pk}-year", "2024")
    page.check(f"input[name='flag-{seats.pk}'][value='seats']")
    screenshot(page, "importer-review-typed")
    assert axe_violations(page) == []
    page.click("text=Save decisions on flags")
    expect(page.get_by_text("2 flags updated")).to_be_visible()
    page.click("text=Commit the import", timeout=120_000)
    expect(page.get_by_text("The import was committed")).to_be_visible()
    parish = Meeting.objects.get(committee__name="Bracebridge Heath Parish Council")
    assert parish.venue == "Remote meeting (Zoom)" and parish.attendances.filter(status="present").count() == 12
    assert Meeting.objects.filter(date="2024-03-07").exists()
