"""The attendance grid in a real browser: "Mark all as present" fills every seat, one seat is changed
to its named substitute, and "Save attendance" records the whole meeting at once – with and without
JavaScript; axe-core finds no WCAG 2.2 AA violation on the grid."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.governance.models import Attendance
from saferhub.governance.tests.factories import committee_officer, make_meeting, make_panel
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup():
    panel = make_panel()
    meeting = make_meeting(panel, date=timezone.localdate(), items=1)
    officer = committee_officer(panel, "clerk")
    return panel, meeting, officer


@pytest.mark.parametrize("javascript", [True, False])
def test_mark_all_present_change_one_seat_and_save(request, live_server, setup, javascript):
    page = request.getfixturevalue("page" if javascript else "no_js_page")
    page.set_default_timeout(10000)
    page.set_default_navigation_timeout(10000)
    panel, meeting, officer = setup
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/attendance/")
    expect(page.get_by_role("heading", name=re.compile("Record attendance"))).to_be_visible()

    page.get_by_role("button", name="Mark all as present").click()
    expect(page.get_by_text("Everyone is marked as present")).to_be_visible()
    for i in range(len(panel.members)):
        select = page.get_by_label(f"Attendance of {panel.member(i).display_name}", exact=True)
        expect(select).to_have_value("present")
    if javascript:
        assert axe_violations(page) == []
        screenshot(page, "attendance-grid")

    substitute = panel.substitute(4)
    page.get_by_label(f"Attendance of {panel.member(4).display_name}", exact=True).select_option(
        f"substitute:{substitute.pk}")
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url(re.compile(rf"/meetings/{meeting.pk}/record/"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Attendance saved")

    rows = Attendance.objects.filter(meeting=meeting)
    present = set(rows.filter(status="present").values_list("person_id", flat=True))
    assert panel.member(0).pk in present and substitute.pk in present
    assert rows.get(person=panel.member(4)).status == "apologies"
    assert rows.get(person=substitute).substitute_for_id == panel.member(4).pk
