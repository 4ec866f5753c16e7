"""Server-rendered SVG bar charts for the returns' dashboards (no JavaScript).

The chart is decoration for sighted readers: it is labelled as an image with a text alternative, and
the page shows the same numbers in a table beside it. (core has no shared chart helper yet; when one
exists, this module should give way to it.)
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 480, 200, 48, 36, 12


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def bar_chart(title: str, points: list[tuple[str, Decimal | None]], chart_id: str) -> SafeString:
    """A bar per period; a missing value is a gap labelled "no figure"."""
    given = [v for _, v in points if v is not None]
    top = max(given, default=Decimal(0)) or Decimal(1)
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(points), 1)
    bar_w = max(min(step * 0.6, 60), 2)
    bars = []
    for i, (label, value) in enumerate(points):
        x = PAD_LEFT + i * step + (step - bar_w) / 2
        if value is None:
            bars.append((f"{x:.1f}", f"{HEIGHT - PAD_BOTTOM - 2:.1f}", f"{bar_w:.1f}", "2", "govuk-chart__gap",
                         f"{label}: no figure"))
            continue
        h = float(value / top) * plot_h
        bars.append((f"{x:.1f}", f"{HEIGHT - PAD_BOTTOM - h:.1f}", f"{bar_w:.1f}", f"{h:.1f}", "govuk-chart__bar",
                     f"{label}: {_fmt(value)}"))
    rects = format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" class="{}"><title>{}</title></rect>',
                             bars)
    summary = "; ".join(f"{label}: {_fmt(v) if v is not None else 'no figure'}" for label, v in points)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc" focusable="false" style="max-width:{w}px">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{summary}</desc>'
        '<style>.govuk-chart__bar{{fill:#1d70b8}}.govuk-chart__gap{{fill:#b1b4b6}}'
        '.govuk-chart__axis{{stroke:#0b0c0c}}text{{font:14px sans-serif;fill:#0b0c0c}}</style>'
        '<line x1="{pl}" y1="{base}" x2="{w}" y2="{base}" class="govuk-chart__axis"/>'
        '<line x1="{pl}" y1="{pt}" x2="{pl}" y2="{base}" class="govuk-chart__axis"/>'
        '<text x="{tx}" y="{ty}" text-anchor="end">{top}</text>'
        '<text x="{tx}" y="{base}" text-anchor="end">0</text>{rects}</svg>',
        w=WIDTH, h=HEIGHT, id=chart_id, title=title, summary=summary, pl=PAD_LEFT, base=HEIGHT - PAD_BOTTOM,
        pt=PAD_TOP, tx=PAD_LEFT - 6, ty=PAD_TOP + 10, top=_fmt(top), rects=rects,
    )
