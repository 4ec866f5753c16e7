"""Per-review access: every role × every new DHR page and endpoint; the review's own chair/author/panel see
only their reviews (and not the team's case page); agency contacts only their own agency's request; reads are
audited; the public thematic page and the Sub Panel report hold no victim or family name."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent, OrganisationKind
from saferhub.core.permissions import Role
from saferhub.dhr import actions
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                          "OPTIONS": {"location": str(tmp_path)}}}
    a = f.partnership()
    case = f.case(a, victim_pseudonym="Person Alpha")
    f.decide(case)
    f.through(case, "terms")
    other = f.case(a, victim_pseudonym="Person Gamma")
    f.decide(other)
    f.through(other, "terms")
    police, health = f.org("Example Constabulary"), f.org("Example Health Trust", OrganisationKind.HEALTH)
    mine = actions.request_imr(case, agency=police, requested_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 4, 1),
                               acting_user=SYSTEM)
    theirs = actions.request_imr(case, agency=health, requested_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 4, 1),
                                 acting_user=SYSTEM)
    actions.log_family_contact(case, contacted_on=dt.date(2026, 2, 3), who="Family Name Zebedee", channel="phone",
                               purpose="introduction", acting_user=SYSTEM, on=TODAY)
    rec_case = f.case(a, victim_pseudonym="Person Published")
    f.decide(rec_case)
    f.through(rec_case, "published")
    return {"a": a, "case": case, "other": other, "mine": mine, "theirs": theirs,
            "rec": rec_case.recommendations.first()}


def new_urls(w):
    case, rec = w["case"], w["rec"]
    return [("get", reverse("dhr:my-reviews")), ("get", reverse("dhr:review", args=[case.pk])),
            ("get", reverse("dhr:request", args=[w["mine"].pk])), ("post", reverse("dhr:request", args=[w["mine"].pk])),
            ("get", reverse("dhr:chairs")), ("post", reverse("dhr:chairs")), ("get", reverse("dhr:repository")),
            ("post", reverse("dhr:repository-update", args=[rec.pk]))]


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]])
def test_permission_matrix_every_role_gets_404_on_every_new_page_without_a_place(world, role):
    user = f.user(role) if role else f.user()
    if role == Role.ADMINISTRATOR:
        user.is_superuser = user.is_staff = True
        user.save()
    client = signed_in(user)
    for method, url in new_urls(world):
        assert getattr(client, method)(url).status_code == 404, (role, url)
    for public in ("dhr:themes", "dhr:sub-panel-report", "dhr:sub-panel-report-docx", "dhr:sub-panel-report-pdf"):
        assert client.get(reverse(public)).status_code == 200


def test_the_team_reaches_the_register_and_repository_but_not_the_appointee_pages(world):
    client = signed_in(f.team_member(world["a"]))
    for name in ("dhr:chairs", "dhr:repository"):
        assert client.get(reverse(name)).status_code == 200
    assert client.post(reverse("dhr:repository-update", args=[world["rec"].pk]),
                       {"upd-status": "in_progress", "upd-updated_on-day": "1", "upd-updated_on-month": "6",
                        "upd-updated_on-year": "2026"}).status_code == 302
    assert client.get(reverse("dhr:review", args=[world["case"].pk])).status_code == 404


@pytest.mark.parametrize("role", ["chair", "author", "panel"])
def test_an_appointed_reviewer_sees_only_their_review_and_only_what_they_need(world, role):
    person = f.user(Role.AGENCY_OFFICER) if hasattr(Role, "AGENCY_OFFICER") else f.user()
    actions.appoint_person(world["case"], user=person, role=role, acting_user=SYSTEM)
    client = signed_in(person)
    page = client.get(reverse("dhr:review", args=[world["case"].pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert world["case"].reference in body and "Family Name Zebedee" not in body
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]
    assert AuditEvent.objects.filter(code="dhr.case.viewed", data__page="review (appointee)").count() == 1
    # not another review, not the team's case page, not its forms, not an agency's request, not a guessed id
    assert client.get(reverse("dhr:review", args=[world["other"].pk])).status_code == 404
    assert client.get(reverse("dhr:review", args=[999999])).status_code == 404
    assert client.get(reverse("dhr:case", args=[world["case"].pk])).status_code == 404
    assert client.post(reverse("dhr:case-post", args=[world["case"].pk, "family-contact"])).status_code == 404
    assert client.get(reverse("dhr:request", args=[world["mine"].pk])).status_code == 404
    assert client.get(reverse("dhr:my-reviews")).status_code == 200


def test_an_agency_contact_sees_and_uploads_only_its_own_request(world):
    contact = f.user()
    actions.appoint_person(world["case"], user=contact, role="agency", agency=world["mine"].agency, acting_user=SYSTEM)
    client = signed_in(contact)
    assert client.get(reverse("dhr:request", args=[world["theirs"].pk])).status_code == 404
    assert client.get(reverse("dhr:review", args=[world["case"].pk])).status_code == 404
    assert client.get(reverse("dhr:case", args=[world["case"].pk])).status_code == 404
    page = client.get(reverse("dhr:request", args=[world["mine"].pk]))
    assert page.status_code == 200 and "Person Alpha" not in page.content.decode()
    assert AuditEvent.objects.filter(code="dhr.imr.viewed").count() == 1
    bad = client.post(reverse("dhr:request", args=[world["mine"].pk]),
                      {"file": SimpleUploadedFile("imr.exe", b"x")})
    assert bad.status_code == 200 and "Upload a PDF" in bad.content.decode()
    done = client.post(reverse("dhr:request", args=[world["mine"].pk]),
                       {"file": SimpleUploadedFile("imr.pdf", b"%PDF-1.4")})
    assert done.status_code == 302
    world["mine"].refresh_from_db()
    assert world["mine"].received_on is not None and world["mine"].document_path


def test_the_sub_panel_report_and_thematic_page_hold_numbers_and_no_names(world):
    import io

    from docx import Document

    client = Client()
    html = client.get(reverse("dhr:sub-panel-report")).content.decode()
    docx = client.get(reverse("dhr:sub-panel-report-docx"))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    text += "\n".join(c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells)
    themes = client.get(reverse("dhr:themes")).content.decode()
    pdf = _pdf_text(client.get(reverse("dhr:sub-panel-report-pdf")).content)
    # The agenda-report source builds the same numbers, for the partnership the committee scrutinises.
    from types import SimpleNamespace

    from saferhub.core import agenda_reports

    source = agenda_reports.get_source("dhr")
    committee = SimpleNamespace(pk=1, scrutinises_id=world["a"].pk)
    [offer] = source.offers(committee, f.user())
    report = source.build(offer.key, f.user())
    [appendix] = report.appendices
    agenda = "\n".join([report.title, report.executive_summary, *report.actions_required,
                        *(f"{h}\n{t}" for h, t in report.sections), _pdf_text(appendix.content)])
    assert appendix.content_type == "application/pdf" and "Reports published: 1" in agenda
    assert source.offers(SimpleNamespace(pk=2, scrutinises_id=None), f.user()) == []
    with pytest.raises(LookupError):
        source.build("now:p999999", f.user())
    assert "Notifications" in pdf and "Published" in pdf
    for body in (html, text, themes, pdf, agenda):
        for name in ("Person Alpha", "Person Gamma", "Person Published", "Family Name Zebedee", "DI Example",
                     "Chair Example", world["case"].reference):
            assert name not in body, name
    assert "Notifications: 3" in text and "Published: 1" in text
    assert "<svg" in themes and "Coercive control" in themes


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
