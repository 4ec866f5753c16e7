"""Issue 16 in a real browser: an agency officer signs in, finds their agency's information request on the
ASB dashboard, answers it with text and an attached file, and sees only their own request; axe-core on the
agency's case page (with the task list of stages and "what happened") and on the reports page with charts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from saferhub.asb import actions
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM
from tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agency_answers_its_information_request(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = fx.world()
    case = fx.to_review(w, fx.application(w, area=w.norwich,
                                          application_date=timezone.localdate() - dt.timedelta(days=20)))
    actions.send_information_requests(case, agencies=[w.police, w.housing], acting_user=SYSTEM)
    actions.record_information_response(case.information_requests.get(agency=w.housing),
                                        response="Housing visited twice.", acting_user=SYSTEM)
    fx.user("agency_officer", organisation=w.police, username="police-officer")
    county = fx.user("asb_county_team", username="county")

    sign_in(page, live_server, "police-officer", password="x")
    page.goto(f"{live_server.url}/asb/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=case.reference).first.click()  # from "Information requests to your agency"
    assert axe_violations(page) == []
    body = page.locator("main").inner_text()
    assert "What happened" in body and "Stages" in body and "Housing visited twice." not in body
    page.get_by_label("Agency's response").fill("Three visits made; no further reports since.")
    upload = tmp_path / "visit-log.pdf"
    upload.write_bytes(b"%PDF-1.7 fictional visit log")
    page.get_by_label("Attach your agency's records (optional)").set_input_files(str(upload))
    page.get_by_role("button", name=re.compile("Record response")).click()
    assert "Response from Norfolk Constabulary recorded" in page.locator(".govuk-notification-banner").first.inner_text()
    assert "visit-log.pdf" in page.locator("main").inner_text()

    sign_in(page, live_server, county.username, password="x")
    page.goto(f"{live_server.url}/asb/reports/?year={case.application_date.year}")
    assert axe_violations(page) == []
    assert page.locator("svg[role=img]").count() == 5
