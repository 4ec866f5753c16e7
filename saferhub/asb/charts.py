"""The Sub Panel report's pictures: server-rendered SVG charts (``core.charts``) of the numbers the report's
tables already show — applications by month and by district, threshold met or not met, timeliness against
each clock, and appeals. Each chart comes with its table of numbers (``rows``), so nothing is only in a
picture."""

from __future__ import annotations

from typing import Any

from saferhub.core.charts import BLUE, GREY, Bar, bar_chart, line_chart

GREEN, RED = "#00703c", "#d4351c"


def report_charts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{"id", "title", "svg", "headers", "rows"}]`` for the reports page, from ``queries.sub_panel_report``."""
    charts = []
    months = [(f"{day:%b %Y}", n) for day, n in report["by_month"]]
    charts.append({
        "id": "by-month", "title": "Applications by month",
        "svg": line_chart([(label[:3], n) for label, n in months], title="Applications by month",
                          description=", ".join(f"{label}: {n}" for label, n in months), ident="asb-month"),
        "headers": ("Month", "Applications"), "rows": months,
    })
    areas = [(r["area"], r["received"]) for r in report["annual_figures"] if r["area_code"] != "county"]
    charts.append({
        "id": "by-district", "title": "Applications by district",
        "svg": bar_chart([Bar(a, n) for a, n in areas], title="Applications by district",
                         description=", ".join(f"{a}: {n}" for a, n in areas), ident="asb-district"),
        "headers": ("District", "Applications"), "rows": areas,
    })
    o = report["outcomes"]
    threshold = [("Threshold met (Letter C(ii))", o["letter_c_ii"]),
                 ("Not met, reviewed at discretion (Letter C(i))", o["letter_c_i"]),
                 ("Threshold not met (Letter B)", o["letter_b"])]
    charts.append({
        "id": "threshold", "title": "Threshold met and not met",
        "svg": bar_chart([Bar("Met", threshold[0][1], GREEN), Bar("Met at discretion", threshold[1][1]),
                          Bar("Not met", threshold[2][1], GREY)], title="Threshold met and not met",
                         description=", ".join(f"{a}: {n}" for a, n in threshold), ident="asb-threshold"),
        "headers": ("Determination", "Applications"), "rows": threshold,
    })
    timely = [(r["label"], r["percent_on_time"]) for r in report["timeliness"]]
    charts.append({
        "id": "timeliness", "title": "Timeliness: per cent done on time, by clock",
        "svg": bar_chart([Bar(label[:18], pct or 0) for label, pct in timely],
                         title="Per cent of each clock done on time",
                         description=", ".join(f"{label}: {'no clock done' if pct is None else f'{pct}%'}"
                                               for label, pct in timely), ident="asb-timeliness"),
        "headers": ("Clock", "Per cent on time"),
        "rows": [(label, "–" if pct is None else f"{pct}%") for label, pct in timely],
    })
    a = report["appeals"]
    appeals = [("Received", a["received"]), ("Upheld", a["upheld"]), ("Not upheld", a["not_upheld"]),
               ("Still open", a["open"])]
    charts.append({
        "id": "appeals", "title": "Appeals",
        "svg": bar_chart([Bar("Received", a["received"]), Bar("Upheld", a["upheld"], GREEN),
                          Bar("Not upheld", a["not_upheld"], RED), Bar("Still open", a["open"], BLUE)],
                         title="Appeals", description=", ".join(f"{k}: {n}" for k, n in appeals), ident="asb-appeals"),
        "headers": ("Appeals", "Number"), "rows": appeals,
    })
    return charts
