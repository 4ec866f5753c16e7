"""The public ASB Case Review pages: the application (one question per page, session, rate limit, uploads,
escaping), the statistics page and CSV, and the learning page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from saferhub.asb import actions
from saferhub.asb.models import Case, CaseDocument
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def w():
    return fx.world()


def step(client, slug, data, follow=False):
    return client.post(reverse("asb:apply-step", args=[slug]), data, follow=follow)


def date_parts(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def fill_application(client, *, on_behalf=False, name="Alex Example", incidents=3, description="Loud music",
                     upload=None):
    today = timezone.localdate()
    assert step(client, "applicant", {"applicant_is_victim": "no" if on_behalf else "yes"}).status_code == 302
    if on_behalf:
        assert step(client, "relationship", {"relationship": "councillor"}).status_code == 302
        assert step(client, "consent", {"consent": "yes"}).status_code == 302
    assert step(client, "victim-type", {"victim_kind": "person"}).status_code == 302
    assert step(client, "your-details", {"name": name, "address": "1 Fictional Road\nNorwich", "postcode": "NR1 1AA",
                                          "phone": "01234 567890", "email": "alex@example.org"}).status_code == 302
    if on_behalf:
        assert step(client, "victim-details", {"victim_name": "Sam Victim", "victim_address": "2 Fictional Road",
                                                "victim_postcode": "NR1 1AB"}).status_code == 302
    assert step(client, "area", {"area": "norwich", "location": "Fictional Street"}).status_code == 302
    assert step(client, "problem", {"nature_of_complaint": "Noise every night"}).status_code == 302
    for i in range(incidents):
        reported = today - dt.timedelta(days=10 + 7 * i)
        data = {**date_parts("behaviour_date", reported - dt.timedelta(days=2)), **date_parts("reported_date", reported),
                "agency": "Norfolk Police", "reference": f"NP-{i}", "description": description}
        response = client.post(reverse("asb:apply-incident"), data)
        assert response.status_code == 302, [x for x in response.content.decode().splitlines() if "error-message" in x]
    assert client.post(reverse("asb:apply-incidents"), {"add_another": "no"}).status_code == 302
    assert step(client, "vulnerability", {"vulnerability": "Lives alone", "risk_factors": ["alcohol"]}).status_code == 302
    assert step(client, "ages", {"victim_age": "71", "perpetrator_age": "16", "housing": ["perpetrator"]}).status_code == 302
    assert step(client, "publication", {"publication_consent": "yes"}).status_code == 302
    files = {"file": upload} if upload else {}
    response = client.post(reverse("asb:apply-upload"), files)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_public_application_end_to_end(w):
    client = Client()
    assert client.get(reverse("asb:apply-start")).status_code == 200
    response = fill_application(client)
    assert response["Location"] == reverse("asb:apply-check")
    page = client.get(reverse("asb:apply-check"))
    assert page.status_code == 200
    assert "Check your answers" in page.content.decode()
    assert "Noise every night" in page.content.decode()
    sent = client.post(reverse("asb:apply-check"))
    assert sent.status_code == 302 and sent["Location"] == reverse("asb:apply-confirmation")
    case = Case.objects.get()
    assert case.channel == "web_form" and case.area == w.norwich
    assert case.complaints.count() == 3
    assert case.victim_age == 71 and case.perpetrator_age == 16 and case.perpetrator_housed_by_provider
    assert case.flag_alcohol and case.publication_consent and case.applicant_relationship == "victim"
    confirmation = client.get(reverse("asb:apply-confirmation")).content.decode()
    assert case.reference in confirmation
    # The answers are gone from the session: starting again goes to the first question.
    assert client.get(reverse("asb:apply-check"))["Location"] == reverse("asb:apply-step", args=["applicant"])


def test_on_behalf_needs_consent_and_records_relationship(w):
    client = Client()
    step(client, "applicant", {"applicant_is_victim": "no"})
    step(client, "relationship", {"relationship": "mp"})
    refused = step(client, "consent", {"consent": "no"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "with the victim&#x27;s agreement" in body and "govuk-error-summary" in body
    assert body.count("<title>Error: ") == 1
    client = Client()
    fill_application(client, on_behalf=True)
    client.post(reverse("asb:apply-check"))
    case = Case.objects.get()
    assert case.applicant_relationship == "councillor" and case.victim_consent
    assert case.victim_name == "Sam Victim" and case.applicant_name == "Alex Example"
    from saferhub.asb import letters

    context = letters.merge_context(case, "A")
    assert context["applicant_name"] == "Alex Example" and context["applicant_address"].startswith("1 Fictional Road")
    # The third party's address is a field of its own: not in the complaint text agencies read.
    assert case.applicant_address == "1 Fictional Road\nNorwich" and case.applicant_postcode == "NR1 1AA"
    assert "Fictional Road" not in case.nature_of_complaint and context["applicant_address"].endswith("NR1 1AA")


def test_pages_cannot_be_skipped(w):
    client = Client()
    response = client.get(reverse("asb:apply-step", args=["area"]))
    assert response["Location"] == reverse("asb:apply-step", args=["applicant"])
    assert client.get(reverse("asb:apply-step", args=["nonsense"])).status_code == 404


def test_question_errors_name_the_rule(w):
    client = Client()
    body = step(client, "applicant", {}).content.decode()
    assert "Select whether you are the victim or asking on their behalf" in body
    fill = [("victim-type", {"victim_kind": "person"})]
    step(client, "applicant", {"applicant_is_victim": "yes"})
    for slug, data in fill:
        step(client, slug, data)
    body = step(client, "your-details", {"name": "A", "address": "B"}).content.decode()
    assert "Enter a telephone number or an email address" in body


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_incident_dates_are_checked(w):
    client = Client()
    fill_application(client, incidents=1)
    today = timezone.localdate()
    data = {**date_parts("behaviour_date", today), **date_parts("reported_date", today - dt.timedelta(days=3)),
            "agency": "Police", "description": "x"}
    body = client.post(reverse("asb:apply-incident"), data).content.decode()
    assert "must be the same as or after the date it happened" in body
    data = {"behaviour_date_day": "31", "behaviour_date_month": "2", "behaviour_date_year": "2026",
            **date_parts("reported_date", today), "agency": "Police", "description": "x"}
    assert "Enter a real date" in client.post(reverse("asb:apply-incident"), data).content.decode()


def test_nothing_typed_by_the_public_is_rendered_unescaped(w):
    client = Client()
    fill_application(client, name=SCRIPT, description=SCRIPT)
    page = client.get(reverse("asb:apply-check")).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    incidents = client.get(reverse("asb:apply-incidents")).content.decode()
    assert SCRIPT not in incidents
    client.post(reverse("asb:apply-check"))
    case = Case.objects.get()
    county = fx.user("asb_county_team")
    staff = Client()
    staff.force_login(county)
    body = staff.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert SCRIPT not in body and "&lt;script&gt;" in body


def test_every_post_needs_a_csrf_token(w):
    client = Client(enforce_csrf_checks=True)
    assert step(client, "applicant", {"applicant_is_victim": "yes"}).status_code == 403


@override_settings(ASB_RATE_LIMITS={"answer": (3, 600)})
def test_answers_are_rate_limited_per_ip(w):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert step(client, "applicant", {"applicant_is_victim": "yes"}).status_code == 302
    blocked = step(client, "applicant", {"applicant_is_victim": "yes"})
    assert blocked.status_code == 429 and "Retry-After" in blocked
    assert "too many attempts" in blocked.content.decode()
    # Another address is not affected.
    assert step(Client(REMOTE_ADDR="203.0.113.10"), "applicant", {"applicant_is_victim": "yes"}).status_code == 302


@override_settings(ASB_RATE_LIMITS={"submit": (1, 3600)})
def test_submissions_are_rate_limited(w):
    client = Client()
    fill_application(client)
    assert client.post(reverse("asb:apply-check")).status_code == 302
    fill_application(client)
    assert client.post(reverse("asb:apply-check")).status_code == 429
    assert Case.objects.count() == 1


def _upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def test_upload_is_kept_with_the_case(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    fill_application(client, upload=_upload("diary.pdf", b"%PDF-1.4\n%fictional\n", "application/pdf"))
    assert "diary.pdf" in client.get(reverse("asb:apply-check")).content.decode()
    client.post(reverse("asb:apply-check"))
    document = CaseDocument.objects.get()
    assert document.kind == "evidence" and document.content_type == "application/pdf"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.exe", b"MZ....", "must be a PDF, Word document (DOCX), JPEG or PNG"),
    ("fake.pdf", b"<html>not a pdf</html>", "is not a real PDF"),
    ("empty.png", b"", "is empty"),
])
def test_bad_uploads_are_refused(w, name, content, message):
    client = Client()
    fill_application(client)
    response = client.post(reverse("asb:apply-upload"), {"file": _upload(name, content)})
    assert response.status_code == 200 and message in response.content.decode()


def test_large_uploads_are_refused(w):
    # One limit for the public form and staff documents: the partnership's setting.
    actions.update_asb_settings(acting_user=SYSTEM, max_upload_bytes=10)
    client = Client()
    fill_application(client)
    response = client.post(reverse("asb:apply-upload"), {"file": _upload("big.pdf", b"%PDF-" + b"x" * 50)})
    assert "must be smaller than" in response.content.decode()


@pytest.mark.date_sensitive("2026-02-20")  # early in the year: the cases fall in the year before
def test_statistics_page_and_csv(w):
    # 60 days back leaves room for the action plan's later steps (never in the future); the year is that day's.
    day = timezone.localdate() - dt.timedelta(days=60)
    year = day.year
    met = fx.application(w, area=w.norwich, application_date=day)
    fx.to_action_plan(w, met)
    not_met = fx.application(w, area=w.breckland, application_date=day, n=1)
    actions.triage_case(not_met, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(not_met, determination="B", complaints_related=False, reasons="Only one report",
                                determined_on=day, acting_user=SYSTEM)
    client = Client()
    body = client.get(reverse("asb:statistics"), {"year": year}).content.decode()
    assert "Applications received" in body and "Norwich" in body and "County total" in body
    csv = client.get(reverse("asb:statistics-csv"), {"year": year})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().strip().splitlines()
    assert lines[0].startswith("Year,Area,Applications received")
    rows = {line.split(",")[1]: line.split(",")[2:] for line in lines[1:]}
    assert rows["Norwich"] == ["1", "0", "1", "1"]
    assert rows["Breckland"] == ["1", "1", "0", "0"]
    assert rows["County total"] == ["2", "1", "1", "1"]
    assert client.get(reverse("asb:statistics"), {"year": "abc"}).status_code == 404
    first = day.year if day.month >= 4 else day.year - 1  # the financial year (April to March) holding the cases
    financial = client.get(reverse("asb:statistics"), {"year": first, "basis": "financial"})
    assert financial.status_code == 200 and f"April {first} to March {first + 1}" in financial.content.decode()
    assert client.get(reverse("asb:statistics"), {"basis": "lunar"}).status_code == 404


def test_learning_page_lists_only_approved_consented_summaries(w):
    case = fx.application(w, publication_consent=True)
    case = fx.to_action_plan(w, case)
    for item in case.actions.all():
        actions.update_action_item(item, done_on=timezone.localdate(), acting_user=SYSTEM)
    actions.close_case(case, acting_user=SYSTEM)
    draft = actions.draft_published_summary(case, title="Noise on an estate", summary="Agencies worked together.",
                                            acting_user=SYSTEM)
    client = Client()
    assert "Noise on an estate" not in client.get(reverse("asb:learning")).content.decode()
    actions.approve_published_summary(draft, acting_user=SYSTEM)
    assert "Noise on an estate" in client.get(reverse("asb:learning")).content.decode()


def test_public_sees_no_staff_pages(w):
    case = fx.application(w)
    client = Client()
    for url in (reverse("asb:dashboard"), reverse("asb:triage"), reverse("asb:case", args=[case.pk]),
                reverse("asb:case-new")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_stale_pending_uploads_are_purged(w, settings, tmp_path):
    import os
    import time

    from saferhub.asb.views import apply

    settings.MEDIA_ROOT = tmp_path
    pending = tmp_path / "asb" / "pending"
    pending.mkdir(parents=True)
    old, new = pending / "old.pdf", pending / "new.pdf"
    old.write_bytes(b"%PDF-")
    new.write_bytes(b"%PDF-")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    assert apply.purge_stale_uploads() == 1
    assert not old.exists() and new.exists()


def test_incidents_are_capped(w, monkeypatch):
    from saferhub.asb.views import apply

    monkeypatch.setattr(apply, "MAX_INCIDENTS", 2)
    client = Client()
    fill_application(client, incidents=2)
    response = client.get(reverse("asb:apply-incident"), follow=True)
    assert "up to 2 incidents" in response.content.decode()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_automatic_acknowledgement_email(w, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    client = Client()
    fill_application(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("asb:apply-check"))
    case = Case.objects.get()
    assert len(mailoutbox) == 1 and case.reference in mailoutbox[0].subject
    assert mailoutbox[0].to == ["alex@example.org"] and case.reference in mailoutbox[0].body
    assert case.notifications.filter(kind="acknowledgement", method="email").exists()
    assert case.clocks.get(step="acknowledgement").done_on == timezone.localdate()
    assert "We are sending an acknowledgement by email to alex@example.org" in client.get(
        reverse("asb:apply-confirmation")).content.decode()


def test_no_automatic_email_when_switched_off(w, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE_TASKS
    settings.ASB_ACKNOWLEDGE_BY_EMAIL = False
    client = Client()
    fill_application(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("asb:apply-check"))
    assert mailoutbox == [] and not Case.objects.get().notifications.filter(kind="acknowledgement").exists()
    page = client.get(reverse("asb:apply-confirmation")).content.decode()
    assert "We will acknowledge your application within 5 working days." in page and "by email" not in page


def test_published_summaries_are_escaped(w):
    case = fx.application(w, publication_consent=True)
    case = fx.to_action_plan(w, case)
    for item in case.actions.all():
        actions.update_action_item(item, done_on=timezone.localdate(), acting_user=SYSTEM)
    actions.close_case(case, acting_user=SYSTEM)
    item = actions.draft_published_summary(case, title="Noise <b>bold</b>", summary=f"Learning {SCRIPT}",
                                           acting_user=SYSTEM)
    actions.approve_published_summary(item, acting_user=SYSTEM)
    body = Client().get(reverse("asb:learning")).content.decode()
    assert SCRIPT not in body and "<b>bold</b>" not in body and "&lt;script&gt;" in body
