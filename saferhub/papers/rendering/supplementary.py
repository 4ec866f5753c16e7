"""A supplementary agenda pack: the papers published after the agenda pack, with page numbers that
continue from the pack before it (HTML, tagged PDF and Word)."""

from __future__ import annotations

import datetime as dt
import io

from django.template.loader import render_to_string

from saferhub.papers.rendering import Rendered, _pdf, _text_of, merge_pdf_annexes
from saferhub.papers.rendering.context import agenda_data, day_date, long_date


def render_supplementary_pack(meeting, *, report_ids: set[int], number: int, first_page: int, published_on: dt.date,
                              reason: str, late: bool) -> Rendered:
    """Render the pack of the given reports. The PDF is laid out twice: once to find the page each
    report starts on, once to print those pages in the pack's own list of items. ``item_pages`` are
    the meeting's page numbers (counted on from the pack before)."""
    data = agenda_data(meeting)
    data.reports = {pk: r for pk, r in data.reports.items() if r.pk in report_ids}
    title = f"Supplementary agenda pack {number}: {data.meeting.committee.name}, {data.meeting.date_display}"
    context = {"data": data, "number": number, "first_page": first_page, "published_on": published_on,
               "reason": reason, "late": late, "title": title, "pack": True, "pages": {}}
    _, _, anchors = _pdf(render_to_string("papers/documents/supplementary.html", context))
    pages = {item.pk: anchors[f"item-{item.pk}"] + first_page - 1 for item in data.items
             if f"item-{item.pk}" in anchors}
    context["pages"] = pages
    html = render_to_string("papers/documents/supplementary.html", context)
    pdf, count, anchors = _pdf(html)
    pdf = merge_pdf_annexes(pdf, data, anchors)
    return Rendered(html, pdf, _docx(data, context), count, _text_of(html), pages)


def _docx(data, context) -> bytes:
    # The reports as the agenda pack prints them, after a front sheet of this pack's own.
    from docx import Document as WordDocument

    from saferhub.papers.rendering.word import _bytes, _new, _table, pack_docx

    reports = WordDocument(io.BytesIO(pack_docx(data, [])))
    document = _new()
    meeting = data.meeting
    document.add_heading(meeting.committee.name, level=1)
    document.add_paragraph(f"Supplementary agenda pack {context['number']}")
    document.add_paragraph(f"Date of meeting: {day_date(meeting.date)}")
    document.add_paragraph(f"Published: {long_date(context['published_on'])}")
    document.add_paragraph(f"Pages {context['first_page']} onwards, continuing the agenda pack.")
    if context["reason"]:
        document.add_heading("Reason the papers are late", level=2)
        for para in [p for p in context["reason"].split("\n\n") if p.strip()]:
            document.add_paragraph(para.strip())
    document.add_heading("Items", level=2)
    _table(document, ["Item", "Report", "Page"], [
        [item.number, f"{item.title}: {data.reports[item.pk].title}", str(context["pages"].get(item.pk, ""))]
        for item in data.items if item.pk in data.reports])
    body = document.element.body
    end = body[-1]  # the section properties stay last
    started = False
    for element in list(reports.element.body):
        # Skip the agenda pack's front sheet: everything before the first page break.
        if not started:
            started = element.xpath(".//w:br[@w:type='page']") != []
            if not started:
                continue
        if element.tag.endswith("sectPr"):
            continue
        end.addprevious(element)
    return _bytes(document)
