"""Issue 11's "Done when", end to end in a real browser: the secretariat schedules a CLSG meeting, sees its
T−14/T−7/T+7 tasks, records attendance by organisation, finds open actions carried forward, writes the
quarterly progress report and sends it into an NCCSP agenda through papers' "Add from another service"
page (core.agenda_reports), marks it final, publishes, and finds the report with its appendix in the
meeting's agenda pack (HTML and PDF). axe-core finds nothing on the pages on the way."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as gov_actions
from saferhub.groups import actions
from saferhub.groups.tests.factories import make_group, secretariat_user
from saferhub.papers.models import CoverReport, Document, DocumentKind
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def test_clsg_meeting_to_nccsp_agenda_pack(page, live_server):
    from pypdf import PdfReader

    page.set_default_timeout(30000)  # publishing renders the pack (WeasyPrint) while the server waits
    page.set_default_navigation_timeout(60000)
    group = make_group(slug="clsg")
    first = actions.schedule_group_meeting(group.body, date=D(2022, 6, 9), acting_user=SYSTEM)
    actions.add_action(group.body, text="Share the County Lines data product", owner_person=group.chair,
                       target_date=D(2022, 8, 31), source_meeting=first, acting_user=SYSTEM)
    # The NCCSP meeting is ahead (its agenda can still be published), whatever day the test runs.
    board_date = timezone.localdate() + dt.timedelta(days=30)
    board_meeting = gov_actions.schedule_meeting(group.board, date=board_date, acting_user=SYSTEM)
    secretariat_user(group)
    sign_in(page, live_server, "secretariat")

    # Schedule a CLSG meeting: its timeline of dated tasks for the secretariat.
    page.goto(f"{live_server.url}/groups/clsg/")
    page.get_by_role("link", name="Schedule a meeting").click()
    scope = page.get_by_role("group", name="Date of the meeting")
    scope.get_by_label("Day").fill("15")
    scope.get_by_label("Month").fill("9")
    scope.get_by_label("Year").fill("2022")
    page.get_by_role("button", name="Schedule meeting").click()
    page.wait_for_url(re.compile(r"/groups/meetings/\d+/"))
    timeline = page.get_by_role("table", name="Secretariat tasks")
    expect(timeline).to_contain_text("Pre-agenda meeting with the Chair")
    text = timeline.inner_text()
    assert "1 September 2022" in text and "8 September 2022" in text and "22 September 2022" in text  # T−14, T−7, T+7
    assert "Overdue" in text  # every date is in the past
    # Open actions carried forward as matters arising.
    main = page.locator("main").inner_text()
    assert "Matters arising" in main and "Share the County Lines data product" in main

    # Attendance by organisation.
    page.get_by_label(re.compile(group.chair.display_name)).select_option("present")
    page.get_by_label(re.compile(group.district_officer.display_name)).select_option("apologies")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("main")).to_contain_text(f"{group.chair.display_name}, {group.police.name}: In attendance")
    expect(page.locator("main")).to_contain_text(f"{group.district_officer.display_name}, {group.district.name}: Apologies")
    assert axe_violations(page) == []

    # The quarterly progress report, put on the NCCSP meeting's agenda.
    page.goto(f"{live_server.url}/groups/clsg/reports/2022/q3/")
    page.get_by_label("The group's commentary").fill("The data product is shared with every district.")
    page.get_by_label("Put it on the agenda of").select_option(str(board_meeting.pk))
    page.get_by_role("button", name="Write report").click()
    expect(page.locator("main")).to_contain_text("On the agenda of")
    assert axe_violations(page) == []

    # Papers: the item takes the report from the groups' source.
    page.goto(f"{live_server.url}/meetings/{board_meeting.pk}/papers/")
    page.get_by_role("link", name=re.compile("Add from another service")).first.click()
    heading = page.get_by_role("heading", name="Add a report from another service")
    expect(heading).to_be_visible()
    title = f"{group.body.name}: progress report, quarter 3 2022"
    option = page.get_by_role("radio", name=title)
    expect(option).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "groups-journey-report-from-source")
    page.get_by_role("button", name="Add report").click()  # without a choice: the error summary
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the report to add.")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    page.get_by_role("radio", name=title).check()
    page.get_by_role("button", name="Add report").click()
    expect(page.locator(".govuk-notification-banner, main").first).to_contain_text("is now the draft report")
    expect(page.get_by_label("Open actions")).to_have_value(re.compile("Share the County Lines data product"))
    assert axe_violations(page) == []
    report = CoverReport.objects.get(agenda_item__meeting=board_meeting)
    assert report.source_key == "clsg/2022/q3" and report.annexes.get().format == "pdf"

    # Final, then published: the pack carries it and its appendix.
    page.get_by_label("Equality Impact Assessment (EqIA)").fill("None.")
    page.get_by_label(re.compile("Final")).check()
    page.get_by_role("button", name="Save report").click()
    expect(page.locator(".govuk-notification-banner, main").first).to_contain_text("Report saved.")
    page.goto(f"{live_server.url}/meetings/{board_meeting.pk}/papers/")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".govuk-notification-banner, main").first).to_contain_text("The agenda and papers are published.")
    pack_link = page.get_by_role("link", name=re.compile(r"^Agenda pack: .*\(Web page\)"))
    page.goto(live_server.url + pack_link.get_attribute("href"))
    pack = page.locator("body").inner_text()
    assert title in pack and "Open actions" in pack and "Share the County Lines data product" in pack
    assert f"Annex 1: {title}" in pack
    pdf = Document.objects.get(meeting=board_meeting, kind=DocumentKind.AGENDA_PACK, format="pdf")
    with pdf.file.open("rb") as handle:
        text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert text.count("Share the County Lines data product") >= 2  # the cover report and the merged appendix
