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


def _page_content_bytes(page) -> bytes:
    """The page's content stream(s), decoded and joined, without parsing the operators."""
    contents = page.raw_get("/Contents") if "/Contents" in page else None
    if contents is None:
        return b""
    contents = contents.get_object()
    parts = contents if isinstance(contents, list) else [contents]
    return b"\n".join(part.get_object().get_data() for part in parts)


def merge_pdf_annexes(pdf: bytes, data: AgendaData, anchors: dict[str, int]) -> bytes:
    """Lay each uploaded PDF annex's pages over the blank pages the pack reserved for it, so that
    page numbers run on through the annex and the pack keeps its tagged structure.

    Each annex page is drawn as a Form XObject, scaled to sit inside the page margins: its content
    stream is copied as it is, never parsed, which keeps large annexes fast.
    """
    annexes = [a for report in data.reports.values() for a in report.annexes.all() if a.format == "pdf" and a.page_count]
    if not annexes:
        return pdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

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
            box = page.mediabox
            sw, sh = float(box.width), float(box.height)
            tw, th = float(target.mediabox.width), float(target.mediabox.height)
            scale = min(tw * 0.9 / sw, th * 0.88 / sh)
            dx = (tw - sw * scale) / 2 - float(box.left) * scale
            dy = th - sh * scale - th * 0.04 - float(box.bottom) * scale
            form = DecodedStreamObject()
            form.set_data(_page_content_bytes(page))
            form.update({
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)]),
                NameObject("/Resources"): writer._add_object(page.get("/Resources", DictionaryObject()).clone(writer)),
            })
            form_ref = writer._add_object(form)
            resources = target.setdefault(NameObject("/Resources"), DictionaryObject())
            xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
            name = NameObject(f"/SaferHubAnnex{annex.pk}p{offset}")
            xobjects[name] = form_ref
            drawing = DecodedStreamObject()
            drawing.set_data(f"q {scale:.6f} 0 0 {scale:.6f} {dx:.3f} {dy:.3f} cm {name} Do Q".encode())
            existing = target.raw_get("/Contents") if "/Contents" in target else None
            streams = ArrayObject()
            if isinstance(existing, ArrayObject):
                streams.extend(existing)
            elif existing is not None:
                streams.append(existing)
            streams.append(writer._add_object(drawing))
            target[NameObject("/Contents")] = streams
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


__all__ = ["Rendered", "render_agenda", "render_minutes", "render_pack", "MinutesData"]
