"""Issue 13, the whole journey in a browser: a review team member records a fictional notification, the
chair's decision, the Home Office told, the chair appointed and an agency's review requested; uploads the
draft overview report, submits it to the Home Office quality assurance panel, records the panel's letter with
one change, answers it with a final version, records the approval, publishes and sends the copy to the
Domestic Abuse Commissioner. The panel, terms of reference, receipts, family and sign-off stages (tested on
their own elsewhere) go through the same actions the forms call. axe-core finds nothing on each page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.core.actors import SYSTEM
from saferhub.dhr import actions
from saferhub.dhr.demo import _do_step
from saferhub.dhr.models import Case
from saferhub.dhr.tests import factories as f
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def fill_date(scope, legend: str, day: dt.date) -> None:
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def no_axe(page) -> None:
    assert axe_violations(page) == [], page.url


def form_of(page, button: str):
    return page.locator("form", has=page.get_by_role("button", name=button))


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                          "OPTIONS": {"location": str(tmp_path)}}}


def test_a_review_from_notification_to_publication_and_the_commissioner_copy(page, live_server, storage):
    partnership = f.partnership()
    police = f.org("Example Constabulary")
    member = f.team_member(partnership)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(member.username)
    page.get_by_label("Password").fill("x-test-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard/"))

    # Notification
    page.goto(f"{live_server.url}/dhr/new/")
    page.get_by_label("Police notification").check()
    fill_date(page, "Date the Partnership was told", D(2026, 1, 12))
    fill_date(page, "Date of death", D(2026, 1, 10))
    page.get_by_label("Who told the Partnership").fill("DI Fictional")
    page.get_by_label("Age of the person who died").fill("38")
    page.get_by_role("button", name="Open the case").click()
    page.wait_for_url(re.compile(r"/dhr/\d+/$"))
    case = Case.objects.get()
    # Everything from the draft on happens today (the report page dates uploads with today's date); the
    # stages before it are on fixed dates early in 2026.
    today = timezone.localdate()

    # Decision, and the Home Office told
    page.get_by_label("Hold a review", exact=True).check()
    fill_date(page, "Date of the decision", D(2026, 1, 30))
    page.get_by_label("Chair who decided").fill("Fictional Partnership Chair")
    page.get_by_label("Partners consulted").fill("Police; health")
    page.get_by_label("Reasons").fill("The criteria are met.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(re.compile(r"#tasks"))
    fill_date(page, "Date the Home Office was told", D(2026, 2, 1))
    page.get_by_label("Home Office reference").fill("HO-FICT-1")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("Home Office notification recorded.")).to_be_visible()
    no_axe(page)

    # The chair and report author appointed
    page.locator("summary", has_text="Appoint the chair and report author").click()
    scope = page.locator("#step-chair")
    fill_date(scope, "Date done", D(2026, 2, 2))
    scope.get_by_label("Chair", exact=True).fill("Fictional Independent Chair")
    scope.get_by_label("Report author").fill("Fictional Author")
    scope.get_by_label("The chair has no connection with the agencies involved").check()
    scope.get_by_role("button", name="Record as done").click()
    expect(page.get_by_text("recorded.", exact=False).first).to_be_visible()
    for n, step in enumerate(["panel", "terms"]):
        _do_step(case, step, D(2026, 2, 9) + dt.timedelta(days=7 * n), [police], f.TODAY, acting_user=SYSTEM)

    # An individual management review requested from the police
    page.reload()
    page.locator("summary", has_text="Receive individual management reviews").click()
    scope = form_of(page, "Request a review")
    scope.get_by_label("Agency").select_option(label=str(police))
    fill_date(scope, "Date asked", D(2026, 2, 17))
    fill_date(scope, "Due", D(2026, 3, 17))
    scope.get_by_role("button", name="Request a review").click()
    expect(page.get_by_text("Individual management review requested.")).to_be_visible()
    actions.receive_imr(case.imrs.get(), received_on=D(2026, 3, 1), acting_user=SYSTEM, on=f.TODAY)
    actions.record_step(case, step="imrs", done_on=D(2026, 3, 2), acting_user=SYSTEM, on=f.TODAY)
    _do_step(case, "family", D(2026, 3, 9), [police], f.TODAY, acting_user=SYSTEM)

    # The draft overview report uploaded on the report page
    page.goto(f"{live_server.url}/dhr/{case.pk}/report/")
    no_axe(page)
    scope = form_of(page, "Upload the version")
    scope.get_by_label("Overview report").check()
    scope.get_by_label("Draft", exact=True).check()
    scope.get_by_label("File").set_input_files({"name": "overview-draft.pdf", "mimeType": "application/pdf",
                                                "buffer": b"%PDF-1.4 fictional draft"})
    scope.get_by_role("button", name="Upload the version").click()
    expect(page.get_by_text("Overview report, version 1 (draft) uploaded.")).to_be_visible()
    _do_step(case, "sign_off", today, [police], today, acting_user=SYSTEM)  # and the family's views on the draft

    # Submitted to the QA panel: first a date before the draft, refused with the rule's words
    page.reload()
    scope = form_of(page, "Submit to the panel")
    fill_date(scope, "Date sent to the quality assurance panel", today - dt.timedelta(days=1))
    scope.get_by_role("button", name="Submit to the panel").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("before the overview report's latest version")
    assert page.title().startswith("Error: ")
    no_axe(page)
    scope = form_of(page, "Submit to the panel")
    fill_date(scope, "Date sent to the quality assurance panel", today)
    scope.get_by_role("button", name="Submit to the panel").click()
    expect(page.get_by_text("Submitted to the quality assurance panel.")).to_be_visible()

    # The panel's letter asks for one change
    scope = form_of(page, "Record the letter")
    fill_date(scope, "Date of the panel's letter", today)
    scope.get_by_label("Approved subject to changes").check()
    scope.get_by_label("The letter").set_input_files({"name": "qa-letter.pdf", "mimeType": "application/pdf",
                                                      "buffer": b"%PDF-1.4 fictional letter"})
    scope.get_by_label("Changes the panel asks for (one per line)").fill("Explain the gap in the chronology")
    scope.get_by_role("button", name="Record the letter").click()
    expect(page.get_by_text("The panel's letter is recorded.")).to_be_visible()

    # The final versions, and the response naming the version that answers the change
    for kind, name in (("Overview report", "overview-final.pdf"), ("Executive summary", "summary-final.pdf")):
        scope = form_of(page, "Upload the version")
        scope.get_by_label(kind).check()
        scope.get_by_label("Final version").check()
        scope.get_by_label("File").set_input_files({"name": name, "mimeType": "application/pdf",
                                                    "buffer": b"%PDF-1.4 fictional final"})
        scope.get_by_role("button", name="Upload the version").click()
        expect(page.get_by_text("(final) uploaded.")).to_be_visible()
    scope = form_of(page, "Record the response")
    scope.get_by_label("The Partnership's response").fill("A paragraph on the gap added to section 4.")
    scope.get_by_label("Version that answers it").select_option(label="Overview report, version 2 (final)")
    fill_date(scope, "Date of the response", today)
    scope.get_by_role("button", name="Record the response").click()
    expect(page.get_by_text("Response recorded.")).to_be_visible()

    # The approval
    scope = form_of(page, "Record the approval")
    fill_date(scope, "Date of the panel's approval", today)
    scope.get_by_role("button", name="Record the approval").click()
    expect(page.get_by_text("the report can be published")).to_be_visible()
    assert "overview report version 2, executive summary version 1" in page.locator("main").inner_text()
    no_axe(page)
    screenshot(page, "dhr-report-approved")

    # The family and the media team are told the publication date, at least the minimum notice before it
    # (7 days by default): recorded here as given a week before today's publication.
    page.goto(f"{live_server.url}/dhr/{case.pk}/")
    page.locator("summary", has_text="Tell the family and the media team the publication date").click()
    scope = page.locator("#step-notice")
    fill_date(scope, "Date they were told", today - dt.timedelta(days=7))
    scope.get_by_label("Who told them").fill("The Partnership's communications officer")
    scope.get_by_role("button", name="Record as done").click()
    expect(page.get_by_text("“Tell the family and the media team the publication date” recorded.")).to_be_visible()

    # Publication (the anonymisation check of the approved versions) and the Commissioner's copy
    page.goto(f"{live_server.url}/dhr/{case.pk}/")
    page.locator("summary", has_text="Publish the report").click()
    scope = page.locator("#step-published")
    expect(scope).to_contain_text("overview report version 2, executive summary version 1")
    fill_date(scope, "Date done", today)
    scope.get_by_label("The report has been checked for anonymisation").check()
    scope.get_by_label("Themes (separate with commas)").fill("Coercive control")
    scope.get_by_role("button", name="Record as done").click()
    expect(page.get_by_text("“Publish the report” recorded.")).to_be_visible()
    page.locator("summary", has_text="Send the final report to the Domestic Abuse Commissioner").click()
    scope = page.locator("#step-commissioner")
    fill_date(scope, "Date done", today)
    scope.get_by_label("How it was sent (evidence)").fill("Email reference FICT-123")
    scope.get_by_role("button", name="Record as done").click()
    expect(page.get_by_text("“Send the final report to the Domestic Abuse Commissioner” recorded.")).to_be_visible()
    no_axe(page)
    screenshot(page, "dhr-case-published")

    steps = {s.step: s for s in Case.objects.get().steps.all()}
    assert steps["published"].details["version"] == "overview report version 2, executive summary version 1"
    assert steps["commissioner"].details["version"] == steps["published"].details["version"]
    assert "Published" in page.locator("main").inner_text()
