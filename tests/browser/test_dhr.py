"""Issue 13 in a real browser: the review team records a notification, the chair's decision and the chair's
appointment, the panel's work is recorded, then the report is published and the final copy is sent to the
Domestic Abuse Commissioner; the public learning page shows its recommendation. axe-core on the case list
and the case page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.dhr.demo import _do_step
from saferhub.dhr.models import Case
from saferhub.dhr.steps import ORDER
from saferhub.dhr.tests import factories as f
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, legend: str, day: dt.date) -> None:
    scope = page.get_by_role("group", name=legend)
    scope.get_by_label("Day").fill(str(day.day))
    scope.get_by_label("Month").fill(str(day.month))
    scope.get_by_label("Year").fill(str(day.year))


def test_review_team_journey_from_notification_to_the_commissioner_copy(page, live_server):
    partnership = f.partnership()
    f.org("Example Constabulary")
    member = f.team_member(partnership)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(member.username)
    page.get_by_label("Password").fill("x-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard/"))

    page.goto(f"{live_server.url}/dhr/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Record a notification").click()
    page.get_by_label("Police notification").check()
    fill_date(page, "Date the Partnership was told", dt.date(2026, 1, 12))
    fill_date(page, "Date of death", dt.date(2026, 1, 10))
    page.get_by_label("Who told the Partnership").fill("DI Example")
    page.get_by_label("Age of the person who died").fill("15")
    page.get_by_role("button", name="Open the case").click()
    assert "aged 16 or over" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Age of the person who died").fill("41")
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url(re.compile(r"/dhr/\d+/$"))

    page.get_by_label("Hold a review", exact=True).check()
    fill_date(page, "Date of the decision", dt.date(2026, 1, 30))
    page.get_by_label("Chair who decided").fill("Chair Example")
    page.get_by_label("Partners consulted").fill("Police; health")
    page.get_by_label("Reasons").fill("The criteria are met.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(r"/dhr/\d+/#tasks"))
    assert "Review: next, appoint the chair" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.locator("summary", has_text="Appoint the chair and report author").click()
    scope = page.locator("#step-chair")
    fill_date(scope, "Date done", dt.date(2026, 2, 2))
    scope.get_by_label("Chair", exact=True).fill("Independent Chair")
    scope.get_by_label("Report author").fill("Report Author")
    scope.get_by_label("The chair has no connection with the agencies involved").check()
    scope.get_by_role("button", name="Record as done").click()
    page.wait_for_url(re.compile(r"#tasks"))

    case = Case.objects.get()
    # The panel's work up to the QA approval and the notice of the publication date, through the same actions the forms call.
    agencies = [f.org("Example Constabulary")]
    for n, step in enumerate(ORDER[1:ORDER.index("notice") + 1]):
        _do_step(case, step, dt.date(2026, 2, 9) + dt.timedelta(days=7 * n), agencies, f.TODAY, acting_user=SYSTEM)
    page.reload()
    page.locator("summary", has_text="Publish the report").click()
    scope = page.locator("#step-published")
    fill_date(scope, "Date done", dt.date(2026, 5, 1))
    scope.get_by_label("The report has been checked for anonymisation").check()
    scope.get_by_label("Themes (separate with commas)").fill("Coercive control")
    scope.get_by_role("button", name="Record as done").click()
    page.wait_for_url(re.compile(r"#tasks"))
    page.locator("summary", has_text="Send the final report to the Domestic Abuse Commissioner").click()
    scope = page.locator("#step-commissioner")
    fill_date(scope, "Date done", dt.date(2026, 5, 2))
    scope.get_by_label("How it was sent (evidence)").fill("Email reference 123")
    scope.get_by_role("button", name="Record as done").click()
    page.wait_for_url(re.compile(r"#tasks"))
    assert {s.step for s in Case.objects.get().steps.all()} == set(ORDER)
    assert "Published" in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/domestic-homicide-reviews/learning/")
    text = page.locator("main").inner_text()
    assert case.reference in text and "Coercive control" in text and "DI Example" not in text
