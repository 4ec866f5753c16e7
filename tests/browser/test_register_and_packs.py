"""axe-core finds no WCAG 2.2 AA violation on the pages added for issue 16's remaining items: the
monitoring officer's registers and a register with its forms (errors shown), the councillors' index
with the party filter, a councillor's page with "Get alerts", and the supplementary packs page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import committee_officer, make_panel, user
from saferhub.papers import actions as papers
from saferhub.papers.tests.factories import final_report, norfolk_template
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_pages_councillor_pages_and_supplementary_packs_pass_axe(page, live_server):
    page.set_default_timeout(10000)
    panel = make_panel()
    member = panel.member(0)
    governance.add_register_entry(member, interest_type="DPI", category="land", description="A house",
                                  registered_on=dt.date(2022, 5, 1), sensitive=True, acting_user=SYSTEM)
    governance.set_councillor_party(member, party="Independent", acting_user=SYSTEM)
    user("mo", Role.MONITORING_OFFICER)
    norfolk_template(panel.committee)
    meeting = governance.schedule_meeting(panel.committee, date=timezone.localdate() + dt.timedelta(days=30),
                                          acting_user=SYSTEM)
    final_report(governance.add_agenda_item(meeting, title="Serious violence duty", kind="report",
                                            acting_user=SYSTEM), title="Serious violence duty update")
    papers.build_agenda(meeting, acting_user=SYSTEM)
    papers.publish_agenda(meeting, acting_user=SYSTEM)
    late = governance.add_agenda_item(meeting, title="Knife crime", kind="report", acting_user=SYSTEM)
    final_report(late, title="Knife crime figures")
    committee_officer(panel, "clerk")

    for path in ("/councillors/", "/councillors/?party=Independent", f"/people/{member.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    expect(page.get_by_role("link", name=re.compile("Get alerts"))).to_be_visible()

    sign_in(page, live_server, "mo")
    for path in ("/monitoring-officer/registers/", f"/councillors/{member.pk}/register/",
                 f"/councillors/{member.pk}/register/review/", f"/councillors/{member.pk}/register/change/",
                 f"/councillors/{member.pk}/register/dispensation/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_violations(page) == [], path
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe_violations(page) == [], "dispensation form with errors"
    screenshot(page, "register-dispensation-errors")
    page.goto(f"{live_server.url}/councillors/{member.pk}/register/")
    screenshot(page, "register-detail")
    page.context.clear_cookies()

    sign_in(page, live_server, "clerk")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/supplementary-packs/")
    assert axe_violations(page) == [], "supplementary packs"
    page.get_by_role("checkbox", name=re.compile("Knife crime figures")).check()
    page.get_by_role("button", name="Publish the supplementary pack").click()
    expect(page.get_by_text("Supplementary agenda pack 1 is published")).to_be_visible()
    assert axe_violations(page) == [], "supplementary packs after publishing"
    screenshot(page, "supplementary-packs")
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    expect(page.get_by_text("Supplementary agenda pack 1", exact=False).first).to_be_visible()
    assert axe_violations(page) == [], "meeting page with a supplementary pack"
