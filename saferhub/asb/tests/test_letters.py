"""Letters A–E: merge fields filled from the case, PDF and Word produced, public input escaped, wording
replaced per partnership without code (a file in ASB_LETTER_TEMPLATE_DIR)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone

from saferhub.asb import actions, clocks, letters
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return fx.world()


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_a_has_the_merge_fields(w):
    case = fx.application(w, area=w.norwich, application_date=timezone.localdate() - dt.timedelta(days=2),
                          applicant_name="Alex Example", victim_address="1 Fictional Road", victim_postcode="NR1 1AA")
    rendered = letters.render_letter(case, "A")
    assert rendered.pdf.startswith(b"%PDF-")
    assert case.reference in rendered.text
    assert "Fictional SPOC Norwich" in rendered.html
    assert "1 Fictional Road" in rendered.html and "Norwich City Council" in rendered.html
    determination_due = case.clocks.get(step="determination").due_on
    assert f"{determination_due.day} {determination_due:%B %Y}" in rendered.text
    xml = docx_text(rendered.docx)
    assert case.reference in xml and "Alex Example" in xml


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_b_gives_reasons_and_the_appeal_route(w):
    day = timezone.localdate() - dt.timedelta(days=20)
    case = fx.application(w, application_date=day, n=1)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    case = actions.determine_threshold(case, determination="B", complaints_related=False,
                                       reasons="Only one incident was reported in six months.", determined_on=day,
                                       acting_user=SYSTEM)
    rendered = letters.render_letter(case, "B", letter_date=dt.date(2026, 3, 2))
    assert "Only one incident was reported in six months." in rendered.text
    assert "Fictional Inspector Norwich, the OPT Inspector" in rendered.text
    # Norfolk default: 21 working days from the deemed receipt of Letter B (2 working days after it was sent,
    # the determination), whatever date the letter is printed with.
    deadline = clocks.appeal_deadline(day, 21, "working_days", counted_from="receipt", deemed_days=2)
    assert "21 working days from when you receive this letter" in rendered.text and f"{deadline.day} {deadline:%B %Y}" in rendered.text
    assert "how your application was dealt with or with how the review was carried out" in rendered.text


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_c_i_names_the_discretionary_factor(w):
    day = timezone.localdate() - dt.timedelta(days=20)
    case = fx.application(w, application_date=day, n=1)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    case = actions.determine_threshold(case, determination="C_i", complaints_related=True, discretionary_factor="harm",
                                       reasons="Serious harm", determined_on=day, acting_user=SYSTEM)
    text = letters.render_letter(case, "C_i", formats=("html",)).text
    assert "the harm the behaviour has caused, or could cause" in text
    assert "30 working days" in text


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_e_lists_the_action_plan_and_signatory(w):
    case = fx.to_action_plan(w, fx.application(w, application_date=timezone.localdate() - dt.timedelta(days=60)))
    rendered = letters.render_letter(case, "E")
    assert "Fictional action (Flagship Housing, by" in rendered.text
    assert "signed by Norwich City Council" in rendered.html
    assert "Fictional manager" in docx_text(rendered.docx)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_d_summarises_findings(w):
    case = fx.to_panel(w, fx.application(w, application_date=timezone.localdate() - dt.timedelta(days=60)))
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="Fictional manager",
                                 acting_user=SYSTEM)
    case.refresh_from_db()
    text = letters.render_letter(case, "D", formats=("html",)).text
    assert "Fictional findings" in text and "no further action" in text


def test_public_input_is_escaped_in_html_and_word(w):
    script = "<script>alert(1)</script> & <b>"
    case = fx.application(w, applicant_name=script, victim_name=script)
    rendered = letters.render_letter(case, "A")
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    xml = docx_text(rendered.docx)
    assert "<script>" not in xml and "&lt;script&gt;" in xml


def test_partnership_wording_replaces_the_default_without_code(w, settings, tmp_path):
    (tmp_path / "A.txt").write_text("Our own words for {{ reference }} in {{ area_name }}.\n\n- first\n- second\n")
    settings.ASB_LETTER_TEMPLATE_DIR = str(tmp_path)
    case = fx.application(w)
    rendered = letters.render_letter(case, "A")
    assert rendered.text.startswith(f"Our own words for {case.reference} in Norwich.")
    assert "<li>first</li>" in rendered.html
    assert rendered.source.endswith("A.txt")
    # Only letter A is replaced.
    assert letters.wording_source("B")[1] == "default"


def test_partnership_word_layout_replaces_the_default(w, settings, tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Custom layout {{ reference }} for {{ applicant_name }}")
    document.save(tmp_path / "A.docx")
    settings.ASB_LETTER_TEMPLATE_DIR = str(tmp_path)
    case = fx.application(w, applicant_name="Alex Example")
    xml = docx_text(letters.render_letter(case, "A").docx)
    assert f"Custom layout {case.reference} for Alex Example" in xml


def test_templates_run_in_a_sandbox(w, settings, tmp_path):
    from jinja2.exceptions import SecurityError

    (tmp_path / "A.txt").write_text("{{ reference.__class__.__mro__ }}{{ ''.__class__.__subclasses__() }}")
    settings.ASB_LETTER_TEMPLATE_DIR = str(tmp_path)
    case = fx.application(w)
    with pytest.raises(SecurityError):
        letters.render_letter(case, "A", formats=("html",))


def test_default_wording_is_not_the_seed_text():
    """The default letters are written in SaferHub's own words (no sentence copied from the seed letters)."""
    seed_sentences = [
        "I write to confirm receipt of your application",
        "we do not feel that it meets the threshold",
        "It is anticipated that the review process will take 30 working days in total",
        "I refer to my previous correspondence",
        "The Review Panel have therefore concluded",
        "You will soon be contacted directly by the agencies responsible",
    ]
    for code in letters.LETTERS:
        text = (letters.DEFAULT_DIR / f"{code}.txt").read_text()
        for sentence in seed_sentences:
            assert sentence.lower() not in text.lower(), (code, sentence)


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_county_team_uploads_wording_through_the_page(w, settings, tmp_path):
    from django.test import Client
    from django.urls import reverse

    from saferhub.core.models import AuditEvent

    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(fx.user("asb_county_team"))
    page = client.get(reverse("asb:letter-templates"))
    assert page.status_code == 200 and "SaferHub default" in page.content.decode()
    ok = client.post(reverse("asb:letter-templates"), {
        "tpl-letter": "B", "tpl-file": _upload("B.txt", b"Partnership wording for {{ reference }}.\n")})
    assert ok.status_code == 302
    case = fx.application(w)
    assert letters.render_letter(case, "B", formats=("html",)).text == f"Partnership wording for {case.reference}."
    assert AuditEvent.objects.filter(code="asb.letter_template.saved").exists()
    preview = client.get(reverse("asb:letter-template", args=["B"])).content.decode()
    assert "Partnership wording for ASB-2026-000123." in preview
    assert client.get(reverse("asb:letter-template", args=["B"]), {"download": "txt"}).content.startswith(b"Partnership")
    # A broken template is refused with the reason; the stored one is kept.
    broken = client.post(reverse("asb:letter-templates"), {
        "tpl-letter": "B", "tpl-file": _upload("B.txt", b"{% for x in %}")})
    body = broken.content.decode()
    assert broken.status_code == 200 and "mistake in a merge field" in body and "govuk-error-summary" in body
    assert client.post(reverse("asb:letter-templates"), {
        "tpl-letter": "B", "tpl-file": _upload("B.pdf", b"%PDF-")}).status_code == 200
    client.post(reverse("asb:letter-templates"), {"reset": "B"})
    assert letters.wording_source("B")[1] == "default"


def test_only_the_county_team_manages_templates(w):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(fx.user("asb_spoc", area=w.norwich))
    assert client.get(reverse("asb:letter-templates")).status_code == 404
    assert client.post(reverse("asb:letter-templates"), {"reset": "A"}).status_code == 404
    assert client.get(reverse("asb:letter-template", args=["A"])).status_code == 404
