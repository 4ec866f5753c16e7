"""Reports as documents, for the apps below papers: a tagged PDF from an HTML page (WeasyPrint, PDF/UA-1)
and a Word document (python-docx) with the house font, headings and tables.

Papers has its own renderer for agenda packs (page anchors, its stylesheet); the smaller reports of groups
(quarterly progress), dhr (the Sub Panel's numbers) and delivery (the Plan's performance report) share this
one instead of each keeping a copy of the same settings."""

from __future__ import annotations

import io
from collections.abc import Sequence

#: A plain A4 print style for report pages: Arial 11pt, ruled tables.
REPORT_CSS = ("@page { size: A4; margin: 2cm; } body { font-family: Arial, sans-serif; font-size: 11pt; } "
              "table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #0b0c0c; padding: 4px; "
              "text-align: left; vertical-align: top; }")


def html_to_pdf(html: str, *, css: str = REPORT_CSS) -> bytes:
    """A tagged PDF (PDF/UA-1) of a complete HTML document, with ``css`` as its print style."""
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)], pdf_variant="pdf/ua-1")


def word_document(title: str, *, heading: bool = True):
    """A new Word document in Arial 11pt whose properties carry ``title``; ``heading`` adds it as level 1."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = title
    if heading:
        document.add_heading(title, level=1)
    return document


def word_table(document, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A ruled table with a bold header row."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)


def word_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
