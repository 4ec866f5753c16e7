"""Render agendas, packs and minutes as HTML (the primary, accessible format), tagged PDF
(WeasyPrint, PDF/UA-1) and Word (python-docx)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from saferhub.papers.rendering.context import AgendaData, MinutesData, agenda_data, minutes_data

CSS_PATH = Path(__file__).resolve().parents[1] / "static" / "papers" / "documents.css"


@dataclass
class Rendered:
    html: str
    pdf: bytes
    docx: bytes
    pages: int
    text: str
    item_pages: dict[int, int]


def _pdf(html: str) -> tuple[bytes, int, dict[str, int]]:
    """Render HTML to a tagged PDF; return the bytes, the page count and each anchor's first page."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=str(CSS_PATH.parent)).render(
        stylesheets=[CSS(filename=str(CSS_PATH))], pdf_variant="pdf/ua-1"
    )
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            anchors.setdefault(name, number)
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages), anchors


def _text_of(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())


ALL_FORMATS = ("html", "pdf", "docx")


def render_agenda(meeting, formats=ALL_FORMATS) -> Rendered:
    """The agenda front sheet on its own (only the formats asked for are produced)."""
    from saferhub.papers.rendering.word import agenda_docx

    data = agenda_data(meeting)
    title = f"Agenda: {data.meeting.committee.name}, {data.meeting.date_display}"
    html = render_to_string("papers/documents/standalone.html", {"data": data, "part": "agenda", "title": title, "pack": False})
    pdf, pages = (_pdf(html)[:2]) if "pdf" in formats else (b"", 0)
    docx = agenda_docx(data) if "docx" in formats else b""
    return Rendered(html, pdf, docx, pages, _text_of(html), {})


def render_minutes(meeting, formats=ALL_FORMATS) -> Rendered:
    """The minutes of a meeting, with any questions requiring written responses appended."""
    from saferhub.papers.rendering.word import minutes_docx

    data = minutes_data(meeting)
    title = f"Minutes: {data.meeting.committee.name}, {data.meeting.date_display}"
    html = render_to_string("papers/documents/standalone.html", {"minutes": data, "part": "minutes", "title": title})
    pdf, pages = (_pdf(html)[:2]) if "pdf" in formats else (b"", 0)
    docx = minutes_docx(data) if "docx" in formats else b""
    return Rendered(html, pdf, docx, pages, _text_of(html), {})


def render_pack(meeting) -> Rendered:
    """The agenda pack: front sheet, unconfirmed minutes, reports and annexes in one document whose
    agenda page numbers are the pack's own. Uploaded PDF annexes are merged into their places."""
    from saferhub.papers.rendering.word import pack_docx

    data = agenda_data(meeting)
    pack_minutes = [minutes_data(m) for m in data.minutes_to_confirm]
    title = f"Agenda pack: {data.meeting.committee.name}, {data.meeting.date_display}"
    html = render_to_string(
        "papers/documents/standalone.html",
        {"data": data, "part": "pack", "pack": True, "pack_minutes": pack_minutes, "title": title},
    )
    pdf, pages, anchors = _pdf(html)
    pdf = merge_pdf_annexes(pdf, data, anchors)
    item_pages = {item.pk: anchors[f"item-{item.pk}"] for item in data.items if f"item-{item.pk}" in anchors}
    return Rendered(html, pdf, pack_docx(data, pack_minutes), pages, _text_of(html), item_pages)


def merge_pdf_annexes(pdf: bytes, data: AgendaData, anchors: dict[str, int]) -> bytes:
    """Lay each uploaded PDF annex's pages over the blank pages the pack reserved for it, so that
    page numbers run on through the annex and the pack keeps its tagged structure."""
    annexes = [a for report in data.reports.values() for a in report.annexes.all() if a.format == "pdf" and a.page_count]
    if not annexes:
        return pdf
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for annex in annexes:
        divider = anchors.get(f"annex-{annex.pk}")
        if divider is None:
            continue
        with annex.file.open("rb") as handle:
            source = PdfReader(io.BytesIO(handle.read()))
        for offset, page in enumerate(source.pages, start=1):
            index = divider - 1 + offset
            if index >= len(writer.pages):
                break
            target = writer.pages[index]
            tw, th = float(target.mediabox.width), float(target.mediabox.height)
            sw, sh = float(page.mediabox.width), float(page.mediabox.height)
            scale = min(tw * 0.9 / sw, (th * 0.9) / sh)
            dx = (tw - sw * scale) / 2
            dy = th - sh * scale - th * 0.04
            target.merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


__all__ = ["Rendered", "render_agenda", "render_minutes", "render_pack", "MinutesData"]
