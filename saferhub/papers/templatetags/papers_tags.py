"""Template helpers for published documents."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from saferhub.core.templatetags.core_tags import council_time, day_date, long_date  # noqa: F401
from saferhub.papers.rendering.minutes_text import minute_paragraphs as build_paragraphs

register = template.Library()
register.filter("council_time", council_time)
register.filter("long_date", long_date)
register.filter("day_date", day_date)


@register.simple_tag
def page_ref(item, pack=False):
    """"(Page N)": computed by the PDF engine inside a pack, or the stored page elsewhere."""
    if pack:
        # The PDF engine writes the page number; on the web page the link has no text, so it is named.
        return format_html('<a class="page-ref" href="#item-{}" aria-label="Go to item {} in this pack"></a>', item.pk,
                           item.number or item.position)
    if item.page:
        return format_html(' <span class="page-ref">(Page {})</span>', item.page)
    return ""


@register.simple_tag
def minutes_ref(meeting, pack=False, pages=None):
    if pack:
        return format_html('<a class="page-ref" href="#minutes-{}" aria-label="Go to these minutes in this pack"></a>',
                           meeting.pk)
    return ""


@register.simple_tag
def minute_paragraphs(item, minutes):
    return build_paragraphs(item, minutes)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def page_range(count):
    return range(1, (count or 0) + 1)


@register.filter
def report_sections(report):
    """(number, heading, text) for each section of the report's template, then the implications."""
    template = report.template
    sections = template.sections if template else [{"key": k, "heading": k.replace("_", " ").capitalize()} for k in report.sections]
    if getattr(report, "source_sections", None):
        sections = report.source_sections  # a report built by another app keeps its own headings
    implications = template.implications if template else []
    rows = []
    number = 0
    for section in sections:
        number += 1
        rows.append((number, section["heading"], report.sections.get(section["key"], "")))
    if implications:
        number += 1
        text = "\n\n".join(f"{i['heading']}: {report.implications.get(i['key'], '') or 'None.'}" for i in implications)
        rows.append((number, "Implications", text))
    return rows


@register.filter
def past_entry_status(entry) -> str:
    """An earlier work-programme entry's status, saying so when it was planned for a meeting of
    which there is no record (``governance.status``), rather than leaving "planned" standing."""
    from django.utils import timezone

    from saferhub.governance.status import NO_RECORD
    from saferhub.papers.models import WorkProgrammeStatus

    label = entry.get_status_display().lower()
    meeting = entry.target_meeting if entry.target_meeting_id else None
    if (meeting is not None and entry.status in {WorkProgrammeStatus.PLANNED, WorkProgrammeStatus.ON_AGENDA}
            and meeting.displayed_status(timezone.localdate()).key == NO_RECORD):
        return f"{label}; no record of the meeting"
    return label
