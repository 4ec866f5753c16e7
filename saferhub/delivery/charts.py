"""The Plan's charts (``core.charts``): a measure's trend (its county values, oldest first, with the target as
a dashed line) and the actions of each outcome by RAG status. The pages and the performance report draw the
same charts from here; each has its numbers in a table (or, in print, a sentence) beside it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from saferhub.core.charts import Bar, line_chart, stacked_bar_chart

RAG_COLOURS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c", "complete": "#1d70b8",
               "not_started": "#505a5f", "no_update": "#b1b4b6"}


def outcome_rag_chart(outcomes: list[tuple[int, list[tuple[str, str, int]]]]) -> SafeString:
    """One bar per outcome (``(number, [(rag key, label, count), ...])``), split by RAG status."""
    return stacked_bar_chart(
        [(f"Outcome {number}", [Bar(label, n, RAG_COLOURS[key]) for key, label, n in parts])
         for number, parts in outcomes],
        title="Actions by RAG status, outcome by outcome", ident="outcome-rag",
        description="For each long-term outcome, how many of the actions serving it have each RAG status in their "
                    "latest update. An action serving several outcomes is counted under each. The table gives the "
                    "same numbers.")


def measure_chart(measure, county_values, *, ident: str = "chart"):
    """The line chart of ``county_values`` (``MeasureValue`` rows at county level, in period order)."""
    points = [(v.period_end.strftime("%b %Y"), v.value) for v in county_values]
    return line_chart(points, title=f"{measure.name}: county values",
                      description=f"{len(points)} values from the table beside the chart, oldest first.",
                      target=measure.target_value, ident=ident)


class Point(NamedTuple):
    """One county value of a measure, as the chart and its table show it."""

    period_start: dt.date
    period_end: dt.date
    value: Decimal


def _number(value: Decimal) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != value.to_integral() else f"{int(value):,}"


def values_table(points: list[Point], *, caption: str = "County values") -> SafeString:
    """The numbers of the chart as a GOV.UK table (built here rather than in a template loop: the report
    has forty of them)."""
    rows = format_html_join("", '<tr class="govuk-table__row"><td class="govuk-table__cell">{}</td>'
                            '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td></tr>',
                            ((p.period_end.strftime("%b %Y"), _number(p.value)) for p in points))
    return format_html('<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">{}'
                       '</caption><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" '
                       'class="govuk-table__header">Period to</th><th scope="col" class="govuk-table__header '
                       'govuk-table__header--numeric">Value</th></tr></thead><tbody class="govuk-table__body">{}'
                       '</tbody></table>', caption, rows)


def values_text(points: list[Point]) -> str:
    """The numbers of the chart as one sentence, for the printed report."""
    return "; ".join(f"{p.period_end:%b %Y} {_number(p.value)}" for p in points)
