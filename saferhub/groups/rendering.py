"""The quarterly progress report as a document: tagged PDF and Word, through the report renderer that
groups, dhr and delivery share (``core.documents``); groups sit below papers in the layers."""

from __future__ import annotations

from django.template.loader import render_to_string

from saferhub.core.documents import html_to_pdf, word_bytes, word_document, word_table
from saferhub.groups.rules import fmt


def report_html(context: dict) -> str:
    return render_to_string("groups/report_document.html", context)


def report_pdf(context: dict) -> bytes:
    return html_to_pdf(report_html(context))


def report_docx(context: dict) -> bytes:
    body, year, quarter = context["body"], context["year"], context["quarter"]
    document = word_document(f"{body.name}: progress report, quarter {quarter} {year}")
    if body.parent:
        document.add_paragraph(f"Report to {body.parent.name}, {fmt(context['start'])} to {fmt(context['end'])}.")
    written = context.get("written")
    if written and written.commentary:
        document.add_heading("Commentary", level=2)
        for paragraph in written.commentary.split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
    document.add_heading("Meetings in the quarter", level=2)
    document.add_paragraph(", ".join(m.date_display for m in context["meetings"]) or "None.")
    for heading, rows in (("Actions completed in the quarter", context["completed"]), ("Open actions", context["open"])):
        document.add_heading(heading, level=2)
        if rows:
            word_table(document, ["No.", "Action", "Owner", "Target date", "Status"], [
                [str(r.action.number), r.action.text, str(r.action.owner_person or r.action.owner_organisation or ""),
                 fmt(r.action.target_date), r.action.get_status_display() + (" (overdue)" if r.overdue else "")]
                for r in rows])
        else:
            document.add_paragraph("None.")
    if context["delivery_actions"]:
        document.add_heading("Delivery Plan actions the group's work serves", level=2)
        for d in context["delivery_actions"]:
            document.add_paragraph(f"{d.number} {d.action}")
    return word_bytes(document)
