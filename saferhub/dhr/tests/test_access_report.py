"""Permission matrix of the report page, its forms and downloads: every role × every page (and guessed ids)
answers 404 without a place on the review; the partnership's team reaches all; the review's own chair, author
and panel download versions only; an agency's contact and another partnership's team nothing. The page works
without JavaScript: a bad upload is a GOV.UK error, not a 500, and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.dhr import actions
from saferhub.dhr.models import ReportDocument
from saferhub.dhr.tests import factories as f

pytestmark = pytest.mark.django_db

SECTIONS = ["version", "submit", "letter", "response", "approval"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world():
    a = f.partnership()
    case = f.case(a)
    f.decide(case)
    f.through(case, "feedback")
    return {"a": a, "case": case, "document": case.documents.first(), "submission": case.qa_submissions.get()}


def urls(w):
    case = w["case"]
    pages = [("get", reverse("dhr:report", args=[case.pk])), ("get", reverse("dhr:report", args=[999999])),
             ("get", reverse("dhr:document", args=[w["document"].pk])), ("get", reverse("dhr:document", args=[999999])),
             ("get", reverse("dhr:qa-letter", args=[w["submission"].pk])),
             ("get", reverse("dhr:qa-letter", args=[999999]))]
    pages += [("post", reverse("dhr:report-post", args=[case.pk, s])) for s in SECTIONS]
    pages += [("post", reverse("dhr:report-post", args=[999999, "version"]))]
    return pages


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]])
def test_every_role_without_a_place_on_the_review_gets_404_on_every_report_page(world, role):
    user = f.user(role) if role else f.user()
    if role == Role.ADMINISTRATOR:
        user.is_superuser = user.is_staff = True
        user.save()
    client = signed_in(user)
    for method, url in urls(world):
        assert getattr(client, method)(url).status_code == 404, (role, url)


def test_another_partnerships_team_and_an_agency_contact_get_404(world):
    other = f.team_member(f.partnership("Beta Community Safety Partnership"))
    contact = f.user()
    actions.appoint_person(world["case"], user=contact, role="agency", agency=f.org("Example Constabulary"),
                           acting_user=SYSTEM)
    for user in (other, contact):
        client = signed_in(user)
        for method, url in urls(world):
            assert getattr(client, method)(url).status_code == 404, (user, url)


@pytest.mark.parametrize("role", ["chair", "author", "panel"])
def test_the_reviews_own_chair_author_and_panel_download_versions_and_nothing_else(world, role):
    person = f.user()
    actions.appoint_person(world["case"], user=person, role=role, acting_user=SYSTEM)
    client = signed_in(person)
    got = client.get(reverse("dhr:document", args=[world["document"].pk]))
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(code="dhr.report.viewed").count() == 1
    review = client.get(reverse("dhr:review", args=[world["case"].pk])).content.decode()
    assert reverse("dhr:document", args=[world["document"].pk]) in review
    for method, url in urls(world):
        if "/documents/" not in url or "999999" in url:
            assert getattr(client, method)(url).status_code == 404, url


def test_the_team_sees_the_page_and_downloads_and_a_bad_upload_is_a_form_error(world):
    client = signed_in(f.team_member(world["a"]))
    page = client.get(reverse("dhr:report", args=[world["case"].pk]))
    assert page.status_code == 200 and "Approved" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert client.get(reverse("dhr:document", args=[world["document"].pk])).status_code == 200
    assert client.get(reverse("dhr:qa-letter", args=[world["submission"].pk])).status_code == 200
    before = ReportDocument.objects.count()
    bad = client.post(reverse("dhr:report-post", args=[world["case"].pk, "version"]),
                      {"ver-kind": "overview", "ver-final": "final", "ver-file": SimpleUploadedFile("r.pdf", b"x")})
    assert bad.status_code == 200 and "Error: " in bad.content.decode() and "no new version" in bad.content.decode()
    assert ReportDocument.objects.count() == before


def test_the_report_page_makes_the_same_number_of_queries_however_many_versions_and_changes(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(f.team_member(world["a"]))
    url = reverse("dhr:report", args=[world["case"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    case = world["case"]
    other = f.case(world["a"])
    f.decide(other)
    f.through(other, "sign_off")
    for _ in range(4):
        actions.upload_report_version(other, kind="overview", final=False, filename="d.pdf", content=b"x",
                                      acting_user=SYSTEM, on=f.TODAY)
    submission = actions.submit_to_qa(other, submitted_on=f.TODAY, acting_user=SYSTEM, on=f.TODAY)
    actions.record_qa_letter(submission, letter_on=f.TODAY, outcome="resubmit", filename="l.pdf", content=b"x",
                             changes=["One", "Two", "Three"], acting_user=SYSTEM, on=f.TODAY)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("dhr:report", args=[other.pk])).status_code == 200
    assert case.documents.count() < other.documents.count()
    assert len(many) == len(few)
