"""Issue 4 in a real browser: one ASB Case Review from the public form through triage, determination,
panel, Letter E, action plan, appeal and closure; a second that fails the threshold and gets Letter B;
and axe-core on the public form pages, the case page and the statistics page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from saferhub.asb.models import Case
from saferhub.asb.tests import factories as fx
from saferhub.core.calendar import add_working_days
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    page.screenshot(path=f"/tmp/asb-{name}.png", full_page=True)


def no_axe(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], (where, violations)


def fill_date(scope, legend: str, day: dt.date) -> None:
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def cont(page) -> None:
    page.get_by_role("button", name="Continue").click()


def banner(page) -> str:
    return page.locator(".govuk-notification-banner").first.inner_text()


def apply_online(page, live_server, *, incidents: int, axe: bool = False) -> str:
    """Complete the public form; return the reference shown on the confirmation page."""
    today = timezone.localdate()
    page.goto(f"{live_server.url}/asb-case-review/apply/")
    if axe:
        no_axe(page, "start")
        shot(page, "apply-start")
    page.get_by_role("button", name="Start now").click()
    # Errors first: nothing chosen.
    cont(page)
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert page.title().startswith("Error: ")
    if axe:
        no_axe(page, "question with error")
        shot(page, "apply-error")
    page.get_by_label("Yes, I am the victim").check()
    cont(page)
    if axe:
        no_axe(page, "victim type")
    page.get_by_label("A person").check()
    cont(page)
    page.get_by_label("Full name").fill("Fictional Applicant <script>alert(1)</script>")
    page.get_by_label("Address", exact=True).fill("1 Fictional Road\nNorwich")
    page.get_by_label("Postcode").fill("NR1 1AA")
    page.get_by_label("Email address").fill("applicant@example.org")
    if axe:
        no_axe(page, "your details")
        shot(page, "apply-details")
    cont(page)
    page.get_by_label("Norwich").check()
    cont(page)
    page.get_by_label("Tell us about the problem").fill("Shouting and music late at night.")
    cont(page)
    for i in range(incidents):
        reported = today - dt.timedelta(days=10 + 14 * i)
        fill_date(page, "When did the behaviour happen?", reported - dt.timedelta(days=2))
        fill_date(page, "When did you report it?", reported)
        page.get_by_label("Who did you report it to?").fill("Norfolk Police")
        page.get_by_label("Reference or incident number (if you have one)").fill(f"NP-{i + 1}")
        page.get_by_label("What happened?").fill(f"Fictional incident {i + 1}")
        if axe and i == 0:
            no_axe(page, "incident")
            shot(page, "apply-incident")
        page.get_by_role("button", name="Save incident").click()
        if axe and i == 0:
            no_axe(page, "incidents list")
            shot(page, "apply-incidents")
        page.get_by_label("Yes" if i + 1 < incidents else "No", exact=True).check()
        cont(page)
    page.get_by_label("Is there anything that makes the victim more vulnerable or at risk of harm?").fill("Lives alone.")
    cont(page)
    page.get_by_label("Victim's age (if known)").fill("70")
    cont(page)
    page.get_by_label("Yes", exact=True).check()
    cont(page)
    if axe:
        no_axe(page, "upload")
    cont(page)
    assert "Check your answers" in page.locator("h1").inner_text()
    assert "<script>" in page.locator("main").inner_text()  # shown as text, never run
    if axe:
        no_axe(page, "check answers")
        shot(page, "apply-check")
    page.get_by_role("button", name="Accept and send").click()
    panel = page.locator(".govuk-panel")
    assert "Application sent" in panel.inner_text()
    if axe:
        no_axe(page, "confirmation")
        shot(page, "apply-confirmation")
    return re.search(r"ASB-\d{4}-\d{6}", panel.inner_text()).group(0)


def case_url(live_server, reference: str) -> str:
    return f"{live_server.url}/asb/cases/{Case.objects.get(reference=reference).pk}/"


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday; every step is dated today
def test_case_from_public_form_to_closure(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = fx.world()
    county = fx.user("asb_county_team", username="county")
    spoc = fx.user("asb_spoc", area=w.norwich, username="spoc")
    reviewer = fx.user("asb_spoc", area=w.breckland, username="breckland-spoc")
    reference = apply_online(page, live_server, incidents=3, axe=True)

    # County triage.
    sign_in(page, live_server, county.username, password="x")
    page.goto(f"{live_server.url}/asb/triage/")
    page.get_by_role("link", name=reference).click()
    page.get_by_label("Route to the area SPOC for determination").check()
    page.get_by_role("button", name="Record triage and route").click()
    assert "Triage recorded" in banner(page)

    # The SPOC acknowledges, determines, appoints the lead agency and records the review.
    sign_in(page, live_server, spoc.username, password="x")
    page.goto(case_url(live_server, reference))
    no_axe(page, "case page before determination")
    shot(page, "case-routed")
    page.get_by_role("button", name="Record acknowledgement").click()
    assert "Letter A" in banner(page)
    page.get_by_label("Letter C(ii) – threshold met, review will be held").check()
    page.get_by_label("I confirm the qualifying complaints are related to each other").check()
    page.get_by_role("button", name="Record determination and generate letter").click()
    assert "Determination recorded" in banner(page)
    page.get_by_label("Lead agency").select_option(label="Norfolk Constabulary")
    page.get_by_label("Person carrying out the initial review").fill("Fictional Sergeant")
    page.get_by_role("radiogroup", name=re.compile("Is the reviewer independent")).get_by_label("Yes").check()
    page.get_by_role("button", name="Appoint lead agency").click()
    assert "Lead agency appointed" in banner(page)
    shot(page, "case-in-review")
    page.get_by_label("Flagship Housing").check()
    page.get_by_role("button", name="Send information requests").click()
    page.get_by_label("Initial review: context, previous actions, findings and recommendations").fill("Context and findings.")
    page.get_by_role("button", name="Record initial review").click()

    # An incomplete panel is refused with the rule in the error summary.
    panel_form = page.locator("form", has=page.get_by_role("button", name="Record panel"))
    fill_date(panel_form, "Date the panel met", timezone.localdate())
    panel_form.get_by_label("Member 1: organisation").select_option(label="Norwich City Council")
    panel_form.get_by_label("Member 1: role").select_option("chair")
    panel_form.get_by_label("Victim", exact=True).select_option("attended")
    panel_form.get_by_label("Findings").fill("Agencies acted but did not share information.")
    panel_form.get_by_role("button", name="Record panel").click()
    summary = page.locator(".govuk-error-summary")
    assert "police" in summary.inner_text().lower()
    assert page.title().startswith("Error: ")
    no_axe(page, "case page with a panel error")
    shot(page, "case-panel-error")
    panel_form = page.locator("form", has=page.get_by_role("button", name="Record panel"))
    panel_form.get_by_label("Member 2: organisation").select_option(label="Norfolk Constabulary")
    panel_form.get_by_role("button", name="Record panel").click()
    assert "Panel recorded" in banner(page)

    # Action plan and Letter E.
    action_form = page.locator("form", has=page.get_by_role("button", name="Add action"))
    action_form.get_by_label("Action").fill("Housing officer to visit and agree a noise plan")
    action_form.get_by_label("Owning agency").select_option(label="Flagship Housing")
    fill_date(action_form, "Due date", timezone.localdate() + dt.timedelta(days=14))
    action_form.get_by_role("button", name="Add action").click()
    page.get_by_label("Letter E – action plan").check()
    page.get_by_label("Signed on behalf of the OPT by").select_option(label="Norwich City Council")
    page.get_by_label("Name and title of the person signing").fill("Fictional Manager, Community Safety")
    page.get_by_role("button", name="Send decision letter").click()
    assert "Letter E" in banner(page)
    documents = page.locator("#documents").locator("xpath=following-sibling::table[1]").inner_text()
    assert "Letter E" in documents and "Letter A" in documents and "Letter C(ii)" in documents
    with page.expect_download() as download:
        page.get_by_role("link", name="Letter E – action plan (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Progress, closure, appeal.
    page.get_by_label("This action is done").check()
    page.get_by_role("button", name=re.compile("Save progress")).click()
    page.get_by_role("button", name="Close the case").click()
    assert "The case is closed" in banner(page)
    appeal_form = page.locator("form", has=page.get_by_role("button", name="Record appeal"))
    fill_date(appeal_form, "Date the appeal was received", timezone.localdate())
    appeal_form.get_by_label("How the review was carried out").check()
    appeal_form.get_by_label("Independent review by (another OPT area)").select_option(label="Breckland")
    appeal_form.get_by_role("button", name="Record appeal").click()
    assert "Appeal recorded" in banner(page)
    # The appeal is decided by the other area reviewing it, never by the area appealed against.
    assert page.get_by_label("Not upheld").count() == 0
    sign_in(page, live_server, reviewer.username, password="x")
    page.goto(case_url(live_server, reference))
    page.get_by_label("Not upheld").check()
    page.get_by_label("Reasons").fill("The review was carried out properly.")
    page.get_by_role("button", name="Record appeal outcome").click()
    assert "Appeal outcome recorded" in banner(page)
    case = Case.objects.get(reference=reference)
    assert case.status == "closed" and case.decision_letter == "E" and case.appeals.get().outcome == "not_upheld"
    no_axe(page, "case page")
    shot(page, "case-closed")

    # The county team sees the history; the statistics page counts the case.
    sign_in(page, live_server, county.username, password="x")
    page.goto(f"{live_server.url}/asb/")
    no_axe(page, "dashboard")
    shot(page, "dashboard")
    page.goto(case_url(live_server, reference) + "history/")
    history = page.locator("main").inner_text()
    assert "Closed the case" in history and "asb.case.closed" not in history
    page.goto(f"{live_server.url}/asb-case-review/statistics/")
    no_axe(page, "statistics")
    shot(page, "statistics")
    county_row = page.get_by_role("row", name=re.compile("County total")).inner_text()
    assert re.sub(r"\s+", " ", county_row).strip() == "County total 1 0 1 1"


def coming_sunday(day: dt.date) -> dt.date:
    """The last day of the dashboard's "Due this week": this Sunday, or at the weekend the Sunday after."""
    return day + dt.timedelta(days=6 - day.weekday() + (7 if day.weekday() >= 5 else 0))


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday: the new case's acknowledgement falls due next week
def test_case_failing_the_threshold_gets_letter_b(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = fx.world()
    # A case received 60 days ago: its first clocks are overdue, so the dashboard has a case on any day.
    older = fx.application(w, area=w.breckland, application_date=timezone.localdate() - dt.timedelta(days=60))
    county = fx.user("asb_county_team", username="county2")
    reference = apply_online(page, live_server, incidents=1)
    sign_in(page, live_server, county.username, password="x")
    for path, name in (("/asb/triage/", "triage"), ("/asb/cases/new/", "staff-entry"), ("/asb/reports/", "reports"),
                       ("/asb/letter-templates/", "letter-templates"), ("/asb/letter-templates/E/", "letter-preview")):
        page.goto(f"{live_server.url}{path}")
        no_axe(page, name)
        shot(page, name)
    page.goto(f"{live_server.url}/asb/")
    # The new case's acknowledgement is due 5 working days after today (Norfolk's setting): under "Due this
    # week" when that is on or before the coming Sunday, and never overdue.
    today = timezone.localdate()
    due = add_working_days(today, 5)
    assert Case.objects.get(reference=reference).clocks.get(step="acknowledgement").due_on == due
    main = page.locator("main").inner_text()
    this_week, overdue = main.split("Due this week", 1)[1].split("Overdue", 1)
    assert this_week.startswith(f" (to Sunday {coming_sunday(today):%-d %B %Y})")
    assert (reference in this_week) == (due <= coming_sunday(today)), (today, due, this_week)
    assert reference not in overdue and older.reference in overdue
    no_axe(page, "dashboard with a case")
    shot(page, "dashboard-due")
    page.goto(case_url(live_server, reference))
    assert "1 qualifying of 3 needed" in page.locator("main").inner_text()
    assert "Not met" in page.locator("main").inner_text()
    page.get_by_label("Route to the area SPOC for determination").check()
    page.get_by_role("button", name="Record triage and route").click()
    page.get_by_label("Letter C(ii) – threshold met, review will be held").check()
    page.get_by_role("button", name="Record determination and generate letter").click()
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Letter B – threshold not met, no review").check()
    page.get_by_label("Reasons (one per line; shown in Letter B)").fill("Only one incident was reported.")
    page.get_by_role("button", name="Record determination and generate letter").click()
    assert "Letter B" in banner(page)
    no_axe(page, "case page (Letter B)")
    shot(page, "case-letter-b")
    case = Case.objects.get(reference=reference)
    assert case.status == "closed" and case.documents.filter(kind="letter_b").count() == 2
    assert w.norwich == case.area


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday; the incidents are dated back from today
def test_public_form_works_without_javascript(no_js_page, live_server):
    fx.world()
    reference = apply_online(no_js_page, live_server, incidents=2)
    assert Case.objects.get(reference=reference).complaints.count() == 2


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday; the demo cases are dated back from today
def test_statistics_for_the_norfolk_demo_cases(page, live_server, settings, tmp_path):
    from saferhub.asb.demo import load_demo
    from saferhub.core.actors import SystemActor

    settings.MEDIA_ROOT = tmp_path
    load_demo(acting_user=SystemActor("ASB demo data"))
    year = Case.objects.order_by("-application_date").first().application_date.year
    page.goto(f"{live_server.url}/asb-case-review/statistics/?year={year}")
    no_axe(page, "statistics with demo cases")
    shot(page, "statistics-demo")
    text = page.locator("table").inner_text()
    for area in ("Breckland", "Norwich", "Great Yarmouth", "County total"):
        assert area in text
    total = page.get_by_role("row", name=re.compile("County total")).inner_text().split()
    assert int(total[2]) > 0
    page.goto(f"{live_server.url}/asb-case-review/learning/")
    no_axe(page, "learning")
    shot(page, "learning")
