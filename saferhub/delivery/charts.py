"""A measure's trend as a chart: its county values, oldest first, with the target as a dashed line
(``core.charts``). The measure page and the performance report draw the same chart from here."""

from __future__ import annotations

from saferhub.core.charts import line_chart


def measure_chart(measure, county_values, *, ident: str = "chart"):
    """The line chart of ``county_values`` (``MeasureValue`` rows at county level, in period order)."""
    points = [(v.period_end.strftime("%b %Y"), v.value) for v in county_values]
    return line_chart(points, title=f"{measure.name}: county values",
                      description=f"{len(points)} values from the table beside the chart, oldest first.",
                      target=measure.target_value, ident=ident)
