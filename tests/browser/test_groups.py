"""Issue 11 in a real browser: the secretariat schedules a CLSG meeting, sees its T−14/T−7/T+7 tasks,
records attendance by organisation, finds open actions carried forward as matters arising, and sends
the quarterly progress report into an NCCSP agenda; axe-core on the meeting and action log pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import AgendaItem
from saferhub.groups import actions
from saferhub.groups.tests.factories import make_group, secretariat_user
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def test_secretariat_journey(page, live_server):
    group = make_group(slug="clsg")
    first = actions.schedule_group_meeting(group.body, date=D(2022, 6, 9), acting_user=SYSTEM)
    actions.add_action(group.body, text="Share the County Lines data product", owner_person=group.chair,
                       target_date=D(2022, 8, 31), source_meeting=first, acting_user=SYSTEM)
    board_meeting = gov_actions.schedule_meeting(group.board, date=D(2022, 10, 20), acting_user=SYSTEM)
    secretariat_user(group)
    sign_in(page, live_server, "secretariat")

    page.goto(f"{live_server.url}/groups/clsg/")
    page.get_by_role("link", name="Schedule a meeting").click()
    scope = page.get_by_role("group", name="Date of the meeting")
    scope.get_by_label("Day").fill("15")
    scope.get_by_label("Month").fill("9")
    scope.get_by_label("Year").fill("2022")
    page.get_by_role("button", name="Schedule meeting").click()
    page.wait_for_url(re.compile(r"/groups/meetings/\d+/"))

    timeline = page.get_by_role("table", name="Secretariat tasks").inner_text()
    assert "Pre-agenda meeting with the Chair" in timeline and "1 September 2022" in timeline
    assert "8 September 2022" in timeline and "22 September 2022" in timeline
    assert "Overdue" in timeline  # the test runs after September 2022
    body = page.locator("main").inner_text()
    assert "Matters arising" in body and "Share the County Lines data product" in body

    page.get_by_label(re.compile(f"{group.chair.display_name}")).select_option("present")
    page.get_by_label(re.compile(f"{group.district_officer.display_name}")).select_option("apologies")
    page.get_by_role("button", name="Save attendance").click()
    main = page.locator("main").inner_text()
    assert f"{group.chair.display_name}, {group.police.name}: In attendance" in main
    assert f"{group.district_officer.display_name}, {group.district.name}: Apologies" in main
    assert axe_violations(page) == []

    page.get_by_role("button", name=re.compile("Mark done.*Pre-agenda")).click()
    assert "marked done" in page.locator(".govuk-notification-banner, main").first.inner_text()

    page.goto(f"{live_server.url}/groups/clsg/roster/")
    assert "No representative" in page.locator("main").inner_text()  # Fire has no member

    page.goto(f"{live_server.url}/groups/clsg/actions/")
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/groups/clsg/reports/2022/q3/")
    page.get_by_label("The group's commentary").fill("The data product is shared with every district.")
    page.get_by_label("Put it on the agenda of").select_option(str(board_meeting.pk))
    page.get_by_role("button", name="Write report").click()
    assert "On the agenda of" in page.locator("main").inner_text()
    assert AgendaItem.objects.filter(meeting=board_meeting, title__contains="progress report, quarter 3 2022").exists()
