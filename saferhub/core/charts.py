"""Server-rendered SVG charts (no JavaScript): a line chart, a horizontal bar chart and a stacked one.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` naming what it shows; pages
put the same numbers in a table beside it (the chart is a picture of the table, not a replacement).
Colours are GOV.UK palette colours; text is escaped. Apps call ``line_chart`` or ``bar_chart`` and
mark the result safe in the template (it is built only from escaped text and numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

BLUE, BLACK, GREY = "#1d70b8", "#0b0c0c", "#b1b4b6"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = BLUE


def _num(value) -> float:
    return float(value) if isinstance(value, Decimal | int | float) else 0.0


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def line_chart(points: list[tuple[str, float]], *, title: str, description: str, target: float | None = None,
               width: int = 560, height: int = 240, ident: str = "chart") -> SafeString:
    """A line of ``(label, value)`` points, in order, with an optional dashed target line."""
    left, right, top, bottom = 56, 16, 16, 40
    values = [_num(v) for _, v in points] + ([_num(target)] if target is not None else [])
    high = max(values + [1.0])
    low = min(values + [0.0])
    span = (high - low) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / max(len(points) - 1, 1))

    def y(v: float) -> float:
        return top + plot_h - (plot_h * (v - low) / span)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'viewBox="0 0 {width} {height}" width="100%" class="saferhub-chart">',
             f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{BLACK}"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{BLACK}"/>',
             f'<text x="{left - 6}" y="{y(high) + 4:.1f}" text-anchor="end" font-size="12">{_fmt(high)}</text>',
             f'<text x="{left - 6}" y="{y(low) + 4:.1f}" text-anchor="end" font-size="12">{_fmt(low)}</text>']
    if target is not None:
        ty = y(_num(target))
        parts.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="{BLACK}" '
                     f'stroke-dasharray="6 4"/><text x="{left + plot_w}" y="{ty - 4:.1f}" text-anchor="end" '
                     f'font-size="12">Target {_fmt(_num(target))}</text>')
    if points:
        path = " ".join(f"{x(i):.1f},{y(_num(v)):.1f}" for i, (_, v) in enumerate(points))
        parts.append(f'<polyline fill="none" stroke="{BLUE}" stroke-width="3" points="{path}"/>')
        for i, (label, v) in enumerate(points):
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(_num(v)):.1f}" r="4" fill="{BLUE}"/>')
            if len(points) <= 12 or i in (0, len(points) - 1):
                parts.append(f'<text x="{x(i):.1f}" y="{height - 18}" text-anchor="middle" font-size="11">'
                             f'{escape(label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — built from escaped text and numbers only


def bar_chart(bars: list[Bar], *, title: str, description: str, width: int = 560, bar_height: int = 24,
              ident: str = "bars", label_width: int = 140, suffix: str = "",
              scale_max: float | None = None) -> SafeString:
    """Horizontal bars, one per ``Bar``, labelled with their values (and ``suffix``, such as "%");
    ``label_width`` leaves room for long labels; ``scale_max`` fixes the full width (100 for percentages)
    instead of the largest value."""
    label_w, gap = label_width, 8
    height = max(len(bars), 1) * (bar_height + gap) + gap
    high = max([_num(b.value) for b in bars] + [1.0, float(scale_max or 0)])
    plot_w = width - label_w - 48
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'viewBox="0 0 {width} {height}" width="100%" class="saferhub-chart">',
             f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>']
    for i, bar in enumerate(bars):
        top = gap + i * (bar_height + gap)
        w = plot_w * _num(bar.value) / high
        parts.append(f'<text x="{label_w - 8}" y="{top + bar_height * 0.7:.1f}" text-anchor="end" font-size="13">'
                     f'{escape(bar.label)}</text>'
                     f'<rect x="{label_w}" y="{top}" width="{w:.1f}" height="{bar_height}" fill="{escape(bar.colour)}"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{top + bar_height * 0.7:.1f}" font-size="13">'
                     f'{_fmt(_num(bar.value))}{escape(suffix)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — built from escaped text and numbers only


def stacked_bar_chart(rows: list[tuple[str, list[Bar]]], *, title: str, description: str, width: int = 560,
                      bar_height: int = 20, ident: str = "stacked") -> SafeString:
    """One horizontal bar per row, split into its parts (``Bar``: label, value, colour), all on one scale, with
    each row's total at its end and a key of the parts' labels and colours below. Parts of 0 are not drawn."""
    label_w, gap, key_h = 110, 8, 24
    keys = list(dict.fromkeys((part.label, part.colour) for _, parts in rows for part in parts))
    height = max(len(rows), 1) * (bar_height + gap) + gap + key_h
    high = max([sum(_num(p.value) for p in parts) for _, parts in rows] + [1.0])
    plot_w = width - label_w - 48
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
           f'viewBox="0 0 {width} {height}" width="100%" class="saferhub-chart">',
           f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>']
    for i, (label, parts) in enumerate(rows):
        top, x = gap + i * (bar_height + gap), float(label_w)
        out.append(f'<text x="{label_w - 8}" y="{top + bar_height * 0.75:.1f}" text-anchor="end" font-size="13">'
                   f'{escape(label)}</text>')
        for part in parts:
            w = plot_w * _num(part.value) / high
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{bar_height}" '
                           f'fill="{escape(part.colour)}"><title>{escape(part.label)}: {_fmt(_num(part.value))}'
                           '</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{top + bar_height * 0.75:.1f}" font-size="13">'
                   f'{_fmt(sum(_num(p.value) for p in parts))}</text>')
    key_y, x = height - key_h + 8, float(label_w)
    for label, colour in keys:
        out.append(f'<rect x="{x:.1f}" y="{key_y}" width="12" height="12" fill="{escape(colour)}"/>'
                   f'<text x="{x + 16:.1f}" y="{key_y + 11}" font-size="12">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — built from escaped text and numbers only
