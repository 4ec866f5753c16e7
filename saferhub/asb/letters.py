"""Letters A–E of the ASB Case Review, from templates, as HTML, PDF (WeasyPrint) and Word (docxtpl).

The default wording is in ``letter_templates/<letter>.txt`` (SaferHub's own words, following the
structure of the Norfolk template letters, seed 002:1655-1807). A partnership replaces it without code by
putting ``<letter>.txt`` (wording) or ``<letter>.docx`` (a complete docxtpl Word layout) in the directory
named by ``ASB_LETTER_TEMPLATE_DIR``. Templates are rendered in a Jinja *sandbox*: only the merge fields
below are reachable; everything the public typed is escaped in HTML and Word.

Merge fields (Norfolk letters): applicant name and address, reference, letter date, application and
received dates, area, council and its ASB team phone, SPOC contact (name, title, phone, email),
determination due date, reasons (Letter B), discretionary factor (C(i)), panel date, action summary (D),
action plan (E), appeal recipient, window and deadline, signing organisation and signatory.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from jinja2.sandbox import SandboxedEnvironment

# How a letter names the appeal body (the OPT Inspector is named from the area).
APPEAL_BODY_WORDS = {
    "csp_chair": "the Chair of the Community Safety Partnership",
    "county_panel": "the county's ASB Case Review appeal panel",
    "independent_chair": "an independent chair from another district",
    "pcc_office": "the Office of the Police and Crime Commissioner",
}
DEFAULT_DIR = Path(__file__).resolve().parent / "letter_templates"

LETTERS = {
    "A": "Letter A – acknowledgement",
    "B": "Letter B – threshold not met",
    "C_i": "Letter C(i) – review although the threshold is not met",
    "C_ii": "Letter C(ii) – threshold met",
    "D": "Letter D – no further action",
    "E": "Letter E – action plan",
}
DOCUMENT_KIND = {"A": "letter_a", "B": "letter_b", "C_i": "letter_c_i", "C_ii": "letter_c_ii", "D": "letter_d", "E": "letter_e"}
HEADING = "Anti-social Behaviour, Crime and Policing Act 2014: Anti-social Behaviour (ASB) Case Review"
APPEALABLE = {"B", "D", "E"}  # letters that give the appeal route

MERGE_FIELDS = [
    "applicant_name", "applicant_address", "reference", "letter_date", "application_date", "received_date",
    "area_name", "council_name", "council_phone", "contact_name", "contact_title", "contact_phone", "contact_email",
    "determination_due", "determination_days", "reasons", "discretionary_factor", "discretionary_factor_text",
    "panel_date", "action_summary", "actions", "overall_days", "appeal_recipient", "appeal_window",
    "appeal_deadline", "signing_organisation", "signatory_name", "signatory_title",
]

FACTOR_TEXT = {
    "persistence": "how persistent the anti-social behaviour has been",
    "harm": "the harm the behaviour has caused, or could cause",
    "adequacy": "concerns about how well agencies have responded to the behaviour",
}


def _long(value) -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


STORAGE_PREFIX = "asb/letter-templates"


def template_dir() -> Path | None:
    configured = getattr(settings, "ASB_LETTER_TEMPLATE_DIR", None) or os.environ.get("ASB_LETTER_TEMPLATE_DIR")
    return Path(configured) if configured else None


def stored_path(letter: str, extension: str) -> str:
    return f"{STORAGE_PREFIX}/{letter}.{extension}"


def _stored(letter: str, extension: str) -> bytes | None:
    from django.core.files.storage import default_storage

    path = stored_path(letter, extension)
    try:
        if default_storage.exists(path):
            with default_storage.open(path, "rb") as handle:
                return handle.read()
    except OSError:
        return None
    return None


def wording_source(letter: str) -> tuple[str, str]:
    """(wording, where it came from): the wording the county team uploaded, else a file in the
    partnership's template directory, else SaferHub's default."""
    if letter not in LETTERS:
        raise KeyError(letter)
    stored = _stored(letter, "txt")
    if stored is not None:
        return stored.decode("utf-8"), "uploaded"
    custom = template_dir()
    if custom and (custom / f"{letter}.txt").is_file():
        return (custom / f"{letter}.txt").read_text(encoding="utf-8"), str(custom / f"{letter}.txt")
    return (DEFAULT_DIR / f"{letter}.txt").read_text(encoding="utf-8"), "default"


def docx_override(letter: str) -> bytes | None:
    stored = _stored(letter, "docx")
    if stored is not None:
        return stored
    custom = template_dir()
    if custom and (custom / f"{letter}.docx").is_file():
        return (custom / f"{letter}.docx").read_bytes()
    return None


def sample_context(letter: str = "E") -> dict:
    """Fictional merge fields, to check and preview a template without a case."""
    return {
        "applicant_name": "Alex Example", "applicant_address": "1 Fictional Road\nNorwich\nNR1 1AA",
        "reference": "ASB-2026-000123", "letter_date": "2 March 2026", "application_date": "16 February 2026",
        "received_date": "16 February 2026", "area_name": "Norwich", "council_name": "Fictional City Council",
        "council_phone": "01234 000000", "contact_name": "Sam Spoc", "contact_title": "ASB Co-ordinator",
        "contact_phone": "01234 000001", "contact_email": "opt@example.org", "determination_due": "2 March 2026",
        "determination_days": 10, "reasons": ["Only one incident was reported in the six months."],
        "discretionary_factor": "Harm or potential harm",
        "discretionary_factor_text": FACTOR_TEXT["harm"], "panel_date": "20 March 2026",
        "action_summary": ["The police visited four times and issued a warning."],
        "actions": [{"description": "Mediation between neighbours", "owner": "Fictional Housing",
                     "due": "17 April 2026", "progress": ""}],
        "overall_days": 30, "appeal_recipient": "the OPT Inspector", "appeal_window": "21 working days from the date of this letter",
        "appeal_deadline": "31 March 2026", "signing_organisation": "Fictional City Council",
        "signatory_name": "Jo Manager", "signatory_title": "Community Safety Manager",
    }


def merge_context(case, letter: str, *, letter_date: dt.date | None = None) -> dict:
    """The merge fields for ``letter`` on ``case`` (plain strings, lists and dicts only)."""
    from django.utils import timezone

    from saferhub.asb import clocks
    from saferhub.asb.config import current_settings
    from saferhub.core.site import get_site_configuration

    site = get_site_configuration()
    asb_settings = current_settings(case)
    letter_date = letter_date or timezone.localdate()  # a letter is dated in local time
    area = case.area
    councils = list(area.councils.all())
    council = councils[0].name if councils else site.council_name
    spoc = area.spoc
    if case.applicant_relationship == "victim":
        name = case.applicant_name or case.victim_name
        address = "\n".join(v for v in (case.victim_address, case.victim_postcode) if v)
    else:
        name = case.applicant_name
        address = "\n".join(v for v in (case.applicant_address, case.applicant_postcode) if v)
    case_clocks = {clock.step: clock for clock in case.clocks.all()}
    determination = case_clocks.get("determination")
    # Counted from the date the appealable letter was sent (the case's record); a letter drafted before the
    # decision is recorded counts from its own date.
    deemed = (asb_settings.deemed_receipt_email_days if asb_settings.letters_sent_by == "email"
              else asb_settings.deemed_receipt_post_days)
    appeal_window = clocks.appeal_window_text(asb_settings.appeal_window, asb_settings.appeal_window_unit,
                                              asb_settings.appeal_counted_from, deemed)
    appeal_deadline = clocks.appeal_deadline_for(case, asb_settings, letter_date=letter_date)
    if asb_settings.appeal_recipient in APPEAL_BODY_WORDS:
        appeal_recipient = APPEAL_BODY_WORDS[asb_settings.appeal_recipient]
    else:
        inspector = area.inspector
        appeal_recipient = (f"{inspector.display_name}, the OPT Inspector" if inspector else "the OPT Inspector")
    reasons = _lines(case.determination_reasons)
    for item in (case.threshold_result or {}).get("not_qualifying", []) or []:
        reason = item.get("reason") if isinstance(item, dict) else None
        if reason:
            reasons.append(f"Incident {int(item.get('index', 0)) + 1}: {reason}")
    if not reasons and letter == "B":
        reasons = ["The incidents reported do not meet the threshold."]
    actions = [
        {"description": a.description, "owner": a.owner.name, "due": _long(a.due_on), "progress": a.progress}
        for a in case.actions.all()
    ]
    factor = case.discretionary_factor or ""
    return {
        "applicant_name": name,
        "applicant_address": address,
        "reference": case.reference,
        "letter_date": _long(letter_date),
        "application_date": _long(case.application_date),
        "received_date": _long(case.submitted_at or case.application_date),
        "area_name": area.name,
        "council_name": council,
        "council_phone": area.phone or site.contact_phone or "the number on the council's website",
        "contact_name": spoc.display_name if spoc else f"the {area.name} ASB Case Review contact",
        "contact_title": (spoc.job_title if spoc and spoc.job_title else "Single Point of Contact, ASB Case Reviews"),
        "contact_phone": area.phone or site.contact_phone or "101",
        "contact_email": area.email or "",
        "determination_due": _long(determination.due_on) if determination else "",
        "determination_days": asb_settings.determination_days,
        "reasons": reasons,
        "discretionary_factor": case.get_discretionary_factor_display() if factor else "",
        "discretionary_factor_text": FACTOR_TEXT.get(factor, "the circumstances of your case"),
        "panel_date": _long(case.panel_held_on or case.panel_date),
        "action_summary": _lines(case.findings) or ["The agencies' actions are summarised in the panel's findings."],
        "actions": actions,
        "overall_days": asb_settings.overall_days,
        "appeal_recipient": appeal_recipient,
        "appeal_window": appeal_window,
        "appeal_deadline": _long(appeal_deadline),
        "signing_organisation": case.decision_signed_by.name if case.decision_signed_by_id else "",
        "signatory_name": case.decision_signatory_name or (spoc.display_name if spoc else ""),
        "signatory_title": (spoc.job_title if spoc and spoc.job_title and not case.decision_signatory_name else ""),
    }


_env = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


def paragraphs(wording: str, context: dict) -> list[dict]:
    """Render the wording and split it into paragraphs and bullet lists: [{"text"} | {"items": [...]}]."""
    text = _env.from_string(wording).render(**context)
    blocks: list[dict] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.lstrip().startswith("- ") for line in lines):
            blocks.append({"items": [line.lstrip()[2:].strip() for line in lines]})
        else:
            blocks.append({"text": " ".join(line.strip() for line in lines)})
    return blocks


@dataclass
class RenderedLetter:
    letter: str
    title: str
    html: str
    pdf: bytes
    docx: bytes
    text: str
    source: str


LETTER_CSS = """
@page { size: A4; margin: 2cm 2.2cm; @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: Arial, "Liberation Sans", sans-serif; font-size: 9pt; color: #505a5f; } }
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 11pt; line-height: 1.4; color: #0b0c0c; }
.from { text-align: right; font-size: 10pt; margin-bottom: 1.2cm; }
.from strong { font-size: 12pt; }
.to { margin-bottom: 0.8cm; white-space: pre-line; }
.meta { margin-bottom: 0.8cm; }
h1 { font-size: 12pt; font-weight: bold; margin: 0.6cm 0; }
ul { padding-left: 1.2em; }
.signature { margin-top: 1cm; }
"""


def letter_html(letter: str, context: dict, blocks: list[dict]) -> str:
    return render_to_string("asb/letters/letter.html", {
        "letter": letter, "title": LETTERS[letter], "heading": HEADING, "c": context, "blocks": blocks,
        "css": LETTER_CSS,
    })


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def _default_docx_template() -> bytes:
    """A plain Word layout with docxtpl tags (built once per process)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    right = document.add_paragraph("{{ area_name }} Operational Partnership Team\n{{ council_name }}\n"
                                   "Telephone: {{ contact_phone }}{% if contact_email %}\nEmail: {{ contact_email }}{% endif %}")
    right.alignment = 2
    document.add_paragraph("{{ applicant_name }}\n{{ applicant_address }}")
    document.add_paragraph("Our reference: {{ reference }}\nDate: {{ letter_date }}")
    document.add_paragraph("Dear {{ applicant_name }},")
    heading = document.add_paragraph()
    heading.add_run("{{ heading }}").bold = True
    document.add_paragraph("{%p for block in blocks %}")
    document.add_paragraph("{%p if block.text %}")
    document.add_paragraph("{{ block.text }}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{%p for item in block['items'] %}")
    document.add_paragraph("•  {{ item }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("{{ signatory_name }}{% if signatory_title %}\n{{ signatory_title }}{% endif %}"
                           "{% if signing_organisation %}\nOn behalf of the {{ area_name }} Operational Partnership Team, "
                           "signed by {{ signing_organisation }}{% endif %}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_DEFAULT_DOCX: bytes | None = None


def _docx(letter: str, context: dict, blocks: list[dict], template: bytes | None = None) -> bytes:
    global _DEFAULT_DOCX
    from docxtpl import DocxTemplate

    override = template if template is not None else docx_override(letter)
    if override is not None:
        source = io.BytesIO(override)
    else:
        if _DEFAULT_DOCX is None:
            _DEFAULT_DOCX = _default_docx_template()
        source = io.BytesIO(_DEFAULT_DOCX)
    document = DocxTemplate(source)
    env = SandboxedEnvironment(autoescape=True)
    document.render({**context, "blocks": blocks, "heading": HEADING}, jinja_env=env)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def preview(letter: str, *, wording: str | None = None, docx: bytes | None = None) -> RenderedLetter:
    """Render ``letter`` with fictional merge fields (checks a template before it is used)."""
    context = sample_context(letter)
    wording = wording if wording is not None else wording_source(letter)[0]
    blocks = paragraphs(wording, context)
    html = letter_html(letter, context, blocks)
    text = "\n\n".join(b.get("text") or "\n".join(b["items"]) for b in blocks)
    return RenderedLetter(letter, LETTERS[letter], html, b"", _docx(letter, context, blocks, template=docx) if docx else b"",
                          text, "preview")


def render_letter(case, letter: str, *, letter_date: dt.date | None = None, formats=("html", "pdf", "docx")) -> RenderedLetter:
    """Render one letter for one case in the formats asked for."""
    if letter not in LETTERS:
        raise KeyError(letter)
    context = merge_context(case, letter, letter_date=letter_date)
    wording, source = wording_source(letter)
    blocks = paragraphs(wording, context)
    html = letter_html(letter, context, blocks)
    pdf = _pdf(html) if "pdf" in formats else b""
    docx = _docx(letter, context, blocks) if "docx" in formats else b""
    text = "\n\n".join(b.get("text") or "\n".join(b["items"]) for b in blocks)
    return RenderedLetter(letter, LETTERS[letter], html, pdf, docx, text, source)
