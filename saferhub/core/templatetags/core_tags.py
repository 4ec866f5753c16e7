"""Template helpers shared by every app."""

from __future__ import annotations

import datetime as dt

from django import forms, template
from django.utils.html import format_html

register = template.Library()


@register.filter
def govuk_widget(bound_field):
    """Render a field's widget with the error class and aria-describedby the Design System expects."""
    widget = bound_field.field.widget
    attrs = {}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
        css = widget.attrs.get("class", "")
        if "govuk-input" in css and "govuk-input--error" not in css:
            attrs["class"] = css + " govuk-input--error"
        elif "govuk-select" in css:
            attrs["class"] = css + " govuk-select--error"
        elif "govuk-textarea" in css:
            attrs["class"] = css + " govuk-textarea--error"
    if described and not getattr(widget, "use_fieldset", False):
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def long_date(value):
    """9 June 2022 (no leading zero, as councils write dates)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


@register.filter
def day_date(value):
    """Thursday 9 June 2022."""
    if not value:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


@register.filter
def council_time(value):
    """10am, 10.05am, 12.15pm."""
    if not value:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}.{value.minute:02d}{suffix}"


@register.simple_tag
def status_tag(status, label=None):
    colours = {
        "scheduled": "govuk-tag--blue",
        "held": "govuk-tag--green",
        "inquorate": "govuk-tag--red",
        "cancelled": "govuk-tag--grey",
        "postponed": "govuk-tag--yellow",
        "no_record": "govuk-tag--grey",
        "awaiting_response": "govuk-tag--yellow",
    }
    return format_html('<strong class="govuk-tag {}">{}</strong>', colours.get(status, ""), label or status)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)
