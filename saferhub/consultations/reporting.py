"""The results report: its page context (counts, SVG charts beside their tables) and its PDF.

The PDF is the shared report renderer's (``core.documents.html_to_pdf``: tagged PDF/UA-1)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string

from saferhub.consultations import queries
from saferhub.consultations.models import Survey
from saferhub.core import documents
from saferhub.core.charts import Bar, bar_chart

#: The results report's own print rules, after the shared ones: numbers right-aligned, screen-reader-only
#: text left out, charts fitted to the page.
REPORT_CSS = (" .govuk-table__cell--numeric, .govuk-table__header--numeric { text-align: right; }"
              " .govuk-visually-hidden { display: none; } svg { max-width: 100%; } caption { text-align: left;"
              " font-weight: bold; margin: 6pt 0; }")


def _short(label: str) -> str:
    """Chart labels are cut to fit the chart's margin; the table beside it gives them in full."""
    return label if len(label) <= 16 else label[:15].rstrip() + "…"


def _chart(title: str, pairs: list[tuple[str, object]], ident: str):
    bars = [Bar(_short(label), float(value) if value is not None else 0.0) for label, value in pairs]
    description = "; ".join(f"{label}: {value if value is not None else 0}%" for label, value in pairs)
    return bar_chart(bars, title=title, description=description or "No answers yet", ident=ident)


def context(survey: Survey, *, public: bool) -> dict:
    result = queries.results(survey)
    sections = []
    for i, qr in enumerate(result.questions):
        q = qr.question
        chart = None
        if qr.choices:
            chart = _chart(f"{q.text} (percentage of those answering)",
                           [(c.label, c.percent) for c in qr.choices], f"chart-{i}")
        elif qr.grid:
            first_two = " or ".join(q.choices[:2])
            chart = _chart(f"{q.text}: percentage answering {first_two}",
                           [(g.statement, g.agree) for g in qr.grid], f"chart-{i}")
        sections.append({"result": qr, "chart": chart, "positive": " or ".join(q.choices[:2])})
    return {"survey": survey, "results": result, "sections": sections, "public": public}


def report_html(survey: Survey) -> str:
    return render_to_string("consultations/report_document.html", context(survey, public=True))


def pdf_response(survey: Survey) -> HttpResponse:
    pdf = documents.html_to_pdf(report_html(survey), css=documents.REPORT_CSS + REPORT_CSS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{survey.slug}-results.pdf"'
    return response
