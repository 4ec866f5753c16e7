"""Template helpers for ASB Case Review pages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html

register = template.Library()

CLOCK_TAGS = {
    "done": ("govuk-tag--green", "Done"),
    "done_late": ("govuk-tag--orange", "Done late"),
    "due": ("govuk-tag--blue", "Due"),
    "at_risk": ("govuk-tag--yellow", "At risk"),
    "overdue": ("govuk-tag--red", "Overdue"),
    "not_started": ("govuk-tag--grey", "Not started"),
    "not_done": ("govuk-tag--grey", "Not done (case closed)"),
}


@register.filter
def long_date_iso(value):
    """'2026-03-27' or a date → 27 March 2026."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


@register.simple_tag
def clock_tag(state, label=None):
    css, default = CLOCK_TAGS.get(state, ("govuk-tag--grey", str(state).replace("_", " ").capitalize()))
    return format_html('<strong class="govuk-tag {}">{}</strong>', css, label or default)


@register.filter
def humanise(value):
    """letter_a → Letter a; secure_email → Secure email."""
    text = str(value or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:]
