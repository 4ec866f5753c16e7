"""A committee officer records a meeting in a real browser: attendance with a substitute, the
quorum indicator, a declaration and decisions – with and without JavaScript – and the pages pass
axe-core's WCAG 2.2 AA checks."""

from __future__ import annotations

import pytest
from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions
from saferhub.governance.models import Attendance, Decision, Declaration
from saferhub.governance.tests.factories import committee_officer, make_meeting, make_panel
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup():
    panel = make_panel()
    meeting = make_meeting(panel, date=timezone.localdate(), items=2)
    officer = committee_officer(panel, "clerk")
    return panel, meeting, officer


def test_committee_officer_records_a_meeting(page, live_server, setup):
    panel, meeting, officer = setup
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/record/")
    quorum = page.get_by_test_id("quorum")
    assert quorum.get_by_test_id("voting-present").inner_text() == "0"
    assert "Not quorate" in quorum.inner_text()

    for i in range(4):
        page.get_by_label(f"{panel.member(i).display_name} was present", exact=True).check()
    page.get_by_label(
        f"{panel.member(4).display_name} sent apologies and {panel.substitute(4).display_name}, the named substitute, attended"
    ).check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    assert "Attendance saved" in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_test_id("voting-present").inner_text() == "5"
    assert "Quorate" in page.get_by_test_id("quorum").inner_text()
    screenshot(page, "record-meeting-attendance")

    page.get_by_label("Who chaired the meeting?").select_option(label=panel.member(0).display_name)
    page.locator("#id_chair-capacity_0").check()
    page.get_by_role("button", name="Save who chaired").click()

    page.get_by_role("button", name="Confirm attendance").click()
    assert "The meeting was quorate" in page.locator(".govuk-notification-banner").inner_text()

    page.get_by_label("Councillor").select_option(label=panel.member(1).display_name)
    page.get_by_label("Other Interest").check()
    page.get_by_label("Nature of the interest").fill("Trustee of a domestic abuse charity")
    page.get_by_role("button", name="Record declaration").click()
    assert "Declaration by" in page.locator(".govuk-notification-banner").inner_text()

    item = meeting.agenda_items.order_by("position").first()
    decisions = page.locator("form", has=page.get_by_role("button", name="Record decision"))
    decisions.get_by_label("Agenda item").select_option(label=str(item))
    decisions.get_by_label("Decision").select_option("NOTED")
    decisions.get_by_label("Wording after the verb").fill("the information provided.")
    page.get_by_role("button", name="Record decision").click()
    assert "Decision recorded" in page.locator(".govuk-notification-banner").inner_text()

    decisions = page.locator("form", has=page.get_by_role("button", name="Record decision"))
    decisions.get_by_label("Agenda item").select_option(label=str(item))
    decisions.get_by_label("Decision").select_option("RECOMMENDED")
    decisions.get_by_label("Wording after the verb").fill("to the Partnership;")
    decisions.get_by_label("Recommendations (for RECOMMENDED only)").fill("Report on the use of stalking powers.")
    decisions.get_by_label("Recommendations are addressed to").select_option(label=panel.partnership.name)
    page.get_by_role("button", name="Record decision").click()
    assert "Decision recorded" in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "record-meeting-decisions")

    page.get_by_role("button", name="Publish the record").click()
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    body = page.locator("main").inner_text()
    assert "substitute for" in body and "NOTED" in body and "Report on the use of stalking powers." in body
    screenshot(page, "meeting-public-page")

    assert Attendance.objects.get(meeting=meeting, person=panel.substitute(4)).substitute_for == panel.member(4)
    assert Declaration.objects.filter(meeting=meeting).count() == 1
    assert Decision.objects.filter(agenda_item__meeting=meeting).count() == 2


def test_rule_breach_in_the_browser_shows_an_error_summary(page, live_server, setup):
    panel, meeting, officer = setup
    actions.record_attendance(meeting, person=panel.member(0), status="present", acting_user=SYSTEM)
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/record/")
    page.get_by_role("button", name="Confirm attendance").click()
    summary = page.locator(".govuk-error-summary")
    assert "enter the time it was declared inquorate" in summary.inner_text()
    assert page.title().startswith("Error:")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_fin-declared_at"


def test_recording_works_without_javascript(no_js_page, live_server, setup):
    panel, meeting, officer = setup
    page = no_js_page
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/record/")
    for i in range(5):
        page.get_by_label(f"{panel.member(i).display_name} was present", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    assert page.get_by_test_id("voting-present").inner_text() == "5"
    page.get_by_role("button", name="Confirm attendance").click()
    assert "The meeting was quorate" in page.locator(".govuk-notification-banner").inner_text()


@pytest.mark.parametrize("path", ["/", "/committees/", "committee", "meeting", "person", "/accounts/login/", "record"])
def test_pages_meet_wcag_22_aa(page, live_server, setup, path):
    panel, meeting, officer = setup
    actions.record_attendance(meeting, person=panel.member(0), status="present", acting_user=SYSTEM)
    targets = {
        "committee": panel.committee.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "person": f"/people/{panel.member(0).pk}/",
        "record": f"/meetings/{meeting.pk}/record/",
    }
    if path == "record":
        sign_in(page, live_server, officer.username)
    page.goto(live_server.url + targets.get(path, path))
    violations = axe_violations(page)
    assert violations == [], violations
