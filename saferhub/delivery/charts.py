"""A measure's trend as a chart: its county values, oldest first, with the target as a dashed line
(``core.charts``). The measure page and the performance report draw the same chart from here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from saferhub.core.charts import line_chart


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
