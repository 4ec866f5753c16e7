"""The agency account (an agency officer) and "what happened" on the case page, role by role: an agency sees
only its own information requests, answers with text and attached records, is offered no link that 404s;
staff who may see a case see the incidents the victim described."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferhub.asb import actions
from saferhub.asb.models import CaseDocument
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return fx.world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def recent(days_ago: int = 20) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


@pytest.fixture
def case(w):
    case = fx.to_review(w, fx.application(w, area=w.norwich, application_date=recent()))
    actions.send_information_requests(case, agencies=[w.police, w.housing], acting_user=SYSTEM)
    housing = case.information_requests.get(agency=w.housing)
    actions.record_information_response(housing, response="Housing visited twice.", acting_user=SYSTEM)
    actions.add_case_document(case, file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.7 fictional minutes"),
                              title="Panel minutes", acting_user=SYSTEM)
    return case


def _answer(client, case, request, text, upload=None):
    data = {"request_pk": request.pk, f"resp{request.pk}-request": request.pk, f"resp{request.pk}-response": text}
    if upload is not None:
        data[f"resp{request.pk}-attachment"] = upload
    return client.post(reverse("asb:case-post", args=[case.pk, "information-response"]), data)


def test_agency_sees_only_its_own_requests_and_records(w, case):
    police = client_for(fx.user("agency_officer", organisation=w.police))
    page = police.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "Housing visited twice." not in page and "Panel minutes" not in page
    assert "Record response" in page and 'enctype="multipart/form-data"' in page
    county = client_for(fx.user("asb_county_team")).get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "Housing visited twice." in county and "Panel minutes" in county
    minutes = CaseDocument.objects.get(title="Panel minutes")
    assert police.get(reverse("asb:document", args=[case.pk, minutes.pk])).status_code == 404


def test_agency_answers_with_text_and_an_attachment(w, case):
    police = client_for(fx.user("agency_officer", organisation=w.police))
    request = case.information_requests.get(agency=w.police)
    # A file that fails the document checks leaves the request unanswered, with the reason on the form.
    bad = _answer(police, case, request, "Three visits.", SimpleUploadedFile("x.pdf", b"MZ not a pdf"))
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    request.refresh_from_db()
    assert request.responded_on is None
    ok = _answer(police, case, request, "Three visits.", SimpleUploadedFile("log.pdf", b"%PDF-1.7 visit log"))
    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.response == "Three visits." and request.responded_on
    document = CaseDocument.objects.get(information_request=request)
    assert document.kind == "agency_records"
    assert police.get(reverse("asb:document", args=[case.pk, document.pk])).status_code == 200
    assert "log.pdf" in police.get(reverse("asb:case", args=[case.pk])).content.decode()


def test_agency_dashboard_lists_its_requests_and_every_link_works(w, case):
    police = client_for(fx.user("agency_officer", organisation=w.police))
    page = police.get(reverse("asb:dashboard")).content.decode()
    assert "Information requests to your agency" in page and case.reference in page
    assert reverse("asb:case-new") not in page  # staff entry is not theirs
    links = {href.split("#")[0] for href in re.findall(r'href="(/asb[^"]*)"', page)}
    assert links
    for href in links:
        assert police.get(href).status_code == 200, href
    # Someone else's agency sees none of it.
    health = client_for(fx.user("agency_officer", organisation=w.health)).get(reverse("asb:dashboard"))
    assert case.reference not in health.content.decode()


@pytest.mark.parametrize("role", ["asb_county_team", "asb_spoc", "opt_inspector", "agency_officer"])
def test_case_page_shows_what_happened_to_whoever_may_see_the_case(w, case, role):
    kwargs = {"organisation": w.police} if role == "agency_officer" else (
        {"area": w.norwich} if role != "asb_county_team" else {})
    page = client_for(fx.user(role, **kwargs)).get(reverse("asb:case", args=[case.pk])).content.decode()
    assert 'id="what-happened"' in page and "Fictional incident 1" in page
    # Someone who may not see the case sees nothing of it.
    other = client_for(fx.user("asb_spoc", area=w.breckland)).get(reverse("asb:case", args=[case.pk]))
    assert other.status_code == 404


def test_reports_page_draws_each_chart_with_its_numbers(w, case):
    page = client_for(fx.user("asb_county_team")).get(
        reverse("asb:reports"), {"year": case.application_date.year}).content.decode()
    for ident in ("by-month", "by-district", "threshold", "timeliness", "appeals"):
        assert f'id="chart-{ident}"' in page
    assert page.count('role="img"') == 5 and "<title id=\"asb-month-t\">Applications by month</title>" in page
    month = f"{case.application_date:%b %Y}"
    assert f'<th scope="row" class="govuk-table__header">{month}</th><td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in page
    assert '<th scope="row" class="govuk-table__header">Norwich</th><td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in page


def test_case_page_task_list_of_stages(w, case):
    from saferhub.asb.stages import CANNOT_START, DONE, IN_PROGRESS, NOT_NEEDED, case_stages

    page = client_for(fx.user("asb_county_team")).get(reverse("asb:case", args=[case.pk])).content.decode()
    assert 'class="govuk-task-list"' in page and "Decide whether the threshold is met" in page
    stages = {s.name: s.status for s in case_stages(case, acknowledged=True,
                                                    information_requests=list(case.information_requests.all()),
                                                    actions=[])}
    assert stages["Decide whether the threshold is met"] == DONE
    assert stages["Ask agencies for information"] == IN_PROGRESS  # the police have not answered yet
    assert stages["Send the decision letter"] == CANNOT_START  # no panel yet
    letter_b = fx.application(w, area=w.norwich, application_date=recent(), n=1)
    actions.triage_case(letter_b, decision="route", acting_user=SYSTEM)
    letter_b = actions.determine_threshold(letter_b, determination="B", complaints_related=False, reasons="One only",
                                           determined_on=recent(), acting_user=SYSTEM)
    b = {s.name: s.status for s in case_stages(letter_b, acknowledged=False, information_requests=[], actions=[])}
    assert b["Hold the panel"] == NOT_NEEDED and b["Carry out the action plan"] == NOT_NEEDED
