"""The quarterly progress report as a document: tagged PDF and Word, reusing the papers' renderers so
that it looks like every other cover report in an agenda pack."""

from __future__ import annotations

from django.template.loader import render_to_string

from saferhub.groups.rules import fmt


def report_html(context: dict) -> str:
    return render_to_string("groups/report_document.html", context)


def report_pdf(context: dict) -> bytes:
    from saferhub.papers.rendering import _pdf

    pdf, _pages, _anchors = _pdf(report_html(context))
    return pdf


def report_docx(context: dict) -> bytes:
    from saferhub.papers.rendering.word import _bytes, _new, _table

    body, year, quarter = context["body"], context["year"], context["quarter"]
    document = _new()
    document.core_properties.title = f"{body.name}: progress report, quarter {quarter} {year}"
    document.add_heading(f"{body.name}: progress report, quarter {quarter} {year}", level=1)
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
            _table(document, ["No.", "Action", "Owner", "Target date", "Status"], [
                [str(r.action.number), r.action.text, str(r.action.owner_person or r.action.owner_organisation or ""),
                 fmt(r.action.target_date), r.action.get_status_display() + (" (overdue)" if r.overdue else "")]
                for r in rows])
        else:
            document.add_paragraph("None.")
    if context["delivery_actions"]:
        document.add_heading("Delivery Plan actions the group's work serves", level=2)
        for d in context["delivery_actions"]:
            document.add_paragraph(f"{d.number} {d.action}")
    return _bytes(document)
