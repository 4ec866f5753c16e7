"""Issue 12 in a real browser: a partnership officer opens a reporting round, two owners sign in and update
their actions with a RAG status, the officer builds the performance report for the scrutiny panel and sees
it (with its PDF), the panel's committee officer adds it to the next meeting's agenda (papers' "Add a report
from another service", agenda-report source "plan": the PDF becomes the report's annex), and the public plan
page shows the new RAG. axe-core on every page of the journey. (Only a committee officer who supports the
committee prepares its papers, so the agenda step is theirs, not the partnership officer's.)"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import attend, make_meeting, make_panel, person, user
from saferhub.papers.models import CoverReport, Document
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _quarter_before(day: dt.date) -> tuple[dt.date, dt.date]:
    """The last whole quarter (April-June, …) that ended before ``day``."""
    start_month = ((day.month - 1) // 3) * 3 + 1
    end = dt.date(day.year, start_month, 1) - dt.timedelta(days=1)
    return dt.date(end.year, end.month - 2, 1), end


def _world(today: dt.date):
    panel = make_panel()
    police, council = panel.districts[0], panel.districts[1]
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, extended=True, partnership=panel.partnership,
                                         acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Building resilient communities", acting_user=SYSTEM)
    one = actions.add_outcome(plan, theme=theme, number=1, title="People feel safe where they live",
                              acting_user=SYSTEM)
    four = actions.add_outcome(plan, theme=theme, number=4, title="Victims are supported", acting_user=SYSTEM)
    measure = actions.add_measure(one, name="Anti-social behaviour incidents", geography="county", acting_user=SYSTEM)
    actions.set_measure_target(measure, baseline_value=Decimal(900), target_value=Decimal(700), direction="decrease",
                               acting_user=SYSTEM)
    start, end = _quarter_before(today)
    earlier_start, earlier_end = _quarter_before(start)
    for n, (s, e) in enumerate([(earlier_start, earlier_end), (start, end)]):
        actions.record_value(measure, period_start=s, period_end=e, value=Decimal(850 - 100 * n), acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                     version_date=dt.date(2022, 2, 24), acting_user=SYSTEM)
    rows = [actions.add_version_row(version, key=f"a{n}", number=f"1.{n}", action=text, owners=[owner],
                                    outcomes=outcomes, acting_user=SYSTEM)
            for n, text, owner, outcomes in [(1, "Strengthen referral routes for repeat victims", police, [one, four]),
                                             (2, "Run problem-solving clinics in every district", council, [one])]]
    actions.publish_version(version, acting_user=SYSTEM)
    earlier = actions.open_round(plan, acting_user=SYSTEM, title="Earlier quarter", period_start=earlier_start,
                                 period_end=earlier_end, due_by=earlier_end + dt.timedelta(days=14))
    for row, rag in zip(rows, ["amber", "green"], strict=True):
        actions.submit_update(row, rag=rag, commentary="On track.", submitted_on=earlier_end + dt.timedelta(days=7),
                              round=earlier, acting_user=SYSTEM)
    actions.close_round(earlier, acting_user=SYSTEM)
    meeting = make_meeting(panel, date=start + dt.timedelta(days=20), items=1)
    attend(meeting, panel.members[:5])
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    governance.record_decision(meeting.agenda_items.get(), verb="RECOMMENDED", text="to the Partnership that:",
                               recommendations=[{"text": "It reports repeat victims by district.",
                                                 "addressee_organisation": panel.partnership}], acting_user=SYSTEM)
    governance.publish_meeting_record(meeting, acting_user=SYSTEM)
    user("pship", Role.PARTNERSHIP_OFFICER)
    user("officer", Role.COMMITTEE_OFFICER, supports=panel.committee)
    upcoming = make_meeting(panel, date=today + dt.timedelta(days=21), items=1)
    user("olive", Role.AGENCY_OFFICER, person=person("Olive Oakes", councillor=False, organisation=police))
    user("nikhil", Role.AGENCY_OFFICER, person=person("Nikhil Nash", councillor=False, organisation=council))
    return {"start": start, "end": end, "rows": rows, "upcoming": upcoming}


def _fill_date(page, group: str, day: dt.date) -> None:
    scope = page.get_by_role("group", name=group)
    scope.get_by_label("Day").fill(str(day.day))
    scope.get_by_label("Month").fill(str(day.month))
    scope.get_by_label("Year").fill(str(day.year))


def _update(page, live_server, username: str, number: str, rag: str, text: str) -> None:
    sign_in(page, live_server, username)
    page.goto(f"{live_server.url}/plan/snp/my-actions/")
    expect(page.get_by_role("heading", name="Your actions to update")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=f"Action {number}").click()
    expect(page.get_by_role("button", name="Save the update")).to_be_visible()
    page.get_by_role("radio", name=re.compile(f"^{rag}")).check()
    page.get_by_label("Update", exact=True).fill(text)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the update").click()
    page.wait_for_url(re.compile(r"/plan/snp/my-actions/$"))
    expect(page.get_by_text("You have updated 1 of 1 action.")).to_be_visible()


@pytest.mark.date_sensitive("2026-12-03")  # the round is the last whole quarter before today, due in two weeks
def test_a_round_from_opening_to_the_report_and_the_public_page(page, live_server):
    today = timezone.localdate()
    world = _world(today)

    sign_in(page, live_server, "pship")
    page.goto(f"{live_server.url}/plan/snp/rounds/")
    page.get_by_label("Name of the round").fill("Latest quarter")
    _fill_date(page, "Start of the reporting period", world["start"])
    _fill_date(page, "End of the reporting period", world["end"])
    _fill_date(page, "Updates due by", today + dt.timedelta(days=14))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Open the round").click()
    page.wait_for_url(re.compile(r"/plan/snp/rounds/\d+/$"))
    expect(page.get_by_role("heading", name="Latest quarter")).to_be_visible()
    round_url = page.url

    _update(page, live_server, "olive", "1.1", "Red", "The referral pathway has stalled: the partner's system change slipped.")
    _update(page, live_server, "nikhil", "1.2", "Amber", "Clinics run in five districts; two are still to start.")

    sign_in(page, live_server, "pship")
    page.goto(round_url)
    assert "Olive" not in page.locator("main").inner_text()  # the round names organisations, not people
    page.get_by_role("link", name="Performance report for this round").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("performance report, Latest quarter")
    main = page.locator("main")
    changed = main.get_by_role("table", name="Actions whose RAG status changed").inner_text()
    assert re.search(r"1\.1.*Amber\s+Red", changed) and re.search(r"1\.2.*Green\s+Amber", changed)
    assert "50 from the target." in main.inner_text()  # 750 against a target of 700
    assert "no measures for outcome 4" in main.inner_text()
    assert "It reports repeat victims by district." in main.inner_text()
    assert "Olive" not in main.inner_text() and "Nikhil" not in main.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "plan-performance-report")
    pdf = page.request.get(page.get_by_role("link", name="Download the report as PDF").get_attribute("href")
                           .replace("/plan/", f"{live_server.url}/plan/", 1))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    sign_in(page, live_server, "officer")
    meeting = world["upcoming"]
    item = meeting.agenda_items.get()
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/papers/items/{item.pk}/report/from-another-service/")
    page.get_by_label("Safer Norfolk Plan 2021-24: performance report, Latest quarter").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Add report").click()
    expect(page.get_by_text(re.compile("is now the draft report for item"))).to_be_visible()
    report = CoverReport.objects.get(agenda_item=item)
    assert report.source_code == "plan" and report.title.endswith("performance report, Latest quarter")
    annex = Document.objects.get(cover_report=report, kind="annex", deleted_at__isnull=True)
    assert annex.title.endswith("Latest quarter")

    # The public page shows a round's updates once the round is closed (owners may revise them until then).
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/plan/snp/")
    assert "Latest quarter" not in page.get_by_role("table", name="Actions serving outcome 1").inner_text()
    sign_in(page, live_server, "pship")
    page.goto(round_url)
    page.get_by_role("button", name="Close the round").click()
    expect(page.get_by_text(re.compile("Closed on"))).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/plan/snp/")
    actions_table = page.get_by_role("table", name="Actions serving outcome 1").inner_text()
    assert re.search(r"1\.1.*Red\s+Latest quarter", actions_table)
    assert re.search(r"1\.2.*Amber\s+Latest quarter", actions_table)
    assert "The latest reporting round is Latest quarter" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    screenshot(page, "plan-public-page")
