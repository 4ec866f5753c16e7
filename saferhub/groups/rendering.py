"""The quarterly progress report as a document: tagged PDF (WeasyPrint, PDF/UA-1) and Word
(python-docx). Groups sit below papers in the layers, so this mirrors papers' rendering settings
rather than importing them."""

from __future__ import annotations

from django.template.loader import render_to_string

from saferhub.groups.rules import fmt


def report_html(context: dict) -> str:
    return render_to_string("groups/report_document.html", context)


CSS = "@page { size: A4; margin: 2cm; } body { font-family: Arial, sans-serif; font-size: 11pt; } " \
      "table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #0b0c0c; padding: 4px; " \
      "text-align: left; vertical-align: top; }"


def report_pdf(context: dict) -> bytes:
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    return HTML(string=report_html(context)).write_pdf(stylesheets=[WeasyCSS(string=CSS)], pdf_variant="pdf/ua-1")


def _table(document, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def report_docx(context: dict) -> bytes:
    import io

    from docx import Document
    from docx.shared import Pt

    body, year, quarter = context["body"], context["year"], context["quarter"]
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
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
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
