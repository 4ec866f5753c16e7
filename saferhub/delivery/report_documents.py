"""The performance report as documents: HTML for the PDF, a tagged PDF and a Word document, through the
report renderer groups and dhr also use (``core.documents``). Like the page, they name no person."""

from __future__ import annotations

from django.template.loader import render_to_string

from saferhub.core.documents import html_to_pdf, word_bytes, word_document, word_table
from saferhub.delivery.charts import outcome_rag_chart
from saferhub.delivery.reporting import RAG_LABELS, SUMMARY_ORDER, Report

RAG_HEADERS = [RAG_LABELS[k] for k in SUMMARY_ORDER]


def report_context(report: Report) -> dict:
    chart = outcome_rag_chart([(o["outcome"].number, [(k, RAG_LABELS[k], n) for k, n in
                                                      zip(SUMMARY_ORDER, o["counts"], strict=True)])
                               for t in report.themes for o in t["outcomes"]])
    return {"report": report, "plan": report.plan, "rag_headers": RAG_HEADERS, "outcome_rag_chart": chart}


def report_html(report: Report) -> str:
    """The printed report: each chart with its numbers in a sentence beside it (forty tables of values make
    the PDF several times slower to lay out; the web page keeps the tables)."""
    return render_to_string("delivery/report_document.html", {**report_context(report), "document": True})


def report_pdf(report: Report) -> bytes:
    return html_to_pdf(report_html(report))


def _owners(row) -> str:
    return "; ".join(str(o) for o in row.owner_list) or "To be confirmed"


def report_docx(report: Report) -> bytes:
    document = word_document(report.title)
    document.add_paragraph(report.executive_summary)
    document.add_heading("RAG summary by theme and outcome", level=2)
    rows = []
    for theme in report.themes:
        rows.append([f"Theme {theme['theme'].number}: {theme['theme'].title}", *theme["counts"], theme["total"]])
        rows += [[f"Outcome {o['outcome'].number}", *o["counts"], o["total"]] for o in theme["outcomes"]]
    rows.append(["All actions", *(n for _, n in report.summary_rows), len(report.rows)])
    word_table(document, ["Theme or outcome", *RAG_HEADERS, "Actions"], rows)
    document.add_heading("Actions that changed status since "
                         f"{report.previous.title if report.previous else 'reporting began'}", level=2)
    if report.changed:
        word_table(document, ["Action", "Was", "Now", "Latest update"], [
            [f"{c['row'].number} {c['row'].action}", c["from"], c["to"], c["update"].commentary]
            for c in report.changed])
    else:
        document.add_paragraph("No action changed its RAG status.")
    document.add_heading("Overdue actions", level=2)
    if report.overdue:
        word_table(document, ["Action", "Owners", "Due", "Latest RAG"], [
            [f"{o['row'].number} {o['row'].action}", _owners(o["row"]), o["row"].due_text, o["rag"]]
            for o in report.overdue])
    else:
        document.add_paragraph("No action is past its due date without being complete.")
    document.add_heading("Measures and distance to target", level=2)
    if report.outcomes_without_measures:
        document.add_paragraph("The plan gives no measures for outcomes "
                               + ", ".join(str(o.number) for o in report.outcomes_without_measures) + ".")
    word_table(document, ["Outcome", "Measure", "Latest county value", "Target", "Distance to target"], [
        [str(m["outcome"].number), m["measure"].name, f"{m['values'][-1].value:,}" if m["values"] else "None",
         f"{m['measure'].target_value:,}" if m["measure"].target_value is not None else "Not set", m["distance"].text]
        for m in report.measures])
    document.add_heading("What the panel recommended last time", level=2)
    if report.last_meeting is None:
        document.add_paragraph("No earlier meeting of the scrutiny committee has a published record.")
    elif report.recommendations:
        document.add_paragraph(f"Recommendations of the {report.committee} on {report.last_meeting.date:%-d %B %Y}.")
        word_table(document, ["Recommendation", "To", "Response due", "Status"], [
            [r.text, str(r.addressee), f"{r.response_due:%-d %B %Y}", r.get_status_display()]
            for r in report.recommendations])
    else:
        document.add_paragraph(f"The panel made no recommendations on {report.last_meeting.date:%-d %B %Y}.")
    if report.questions is not None:
        document.add_heading("Questions the panel asked last time", level=2)
        document.add_paragraph(report.questions_text)
        if report.questions.questions:
            word_table(document, ["Question", "Item", "Answer"], [
                [f"{q.number}. {q.text}", q.item, _answer(q)] for q in report.questions.questions])
    return word_bytes(document)


def _answer(question) -> str:
    if not question.answered:
        return "No answer recorded yet"
    by = ", ".join(filter(None, [question.answered_by,
                                 f"{question.answered_on:%-d %B %Y}" if question.answered_on else ""]))
    return f"{question.answer} ({by})" if by else question.answer
