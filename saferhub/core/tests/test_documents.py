"""The report renderer shared by groups, dhr and delivery: a tagged PDF and a Word document read back by
real libraries."""

import io

from saferhub.core.documents import html_to_pdf, word_bytes, word_document, word_table


def test_pdf_is_tagged_and_readable():
    import pdfplumber
    from pypdf import PdfReader

    pdf = html_to_pdf('<!DOCTYPE html><html lang="en-GB"><head><title>A report</title></head>'
                      "<body><h1>A report</h1><table><tr><th>Status</th><td>Green</td></tr></table></body></html>")
    reader = PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged (PDF/UA-1)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "Status Green" in document.pages[0].extract_text()


def test_word_document_has_title_heading_and_a_bold_header_row():
    import docx

    document = word_document("A report")
    word_table(document, ["Status", "Actions"], [["Green", 3]])
    read = docx.Document(io.BytesIO(word_bytes(document)))
    assert read.core_properties.title == "A report" and read.paragraphs[0].text == "A report"
    table = read.tables[0]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold and table.rows[1].cells[1].text == "3"
    assert read.styles["Normal"].font.name == "Arial"
