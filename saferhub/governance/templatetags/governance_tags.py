"""Template tags for meetings: the displayed status (``governance.status``) and minutes wording."""

from __future__ import annotations

from django import template
from django.utils import timezone

from saferhub.core.templatetags.core_tags import status_tag
from saferhub.governance import status as meeting_status_rules

register = template.Library()


@register.simple_tag
def meeting_status(meeting, today=None) -> meeting_status_rules.DisplayedStatus:
    """``{% meeting_status meeting as shown %}``: the status worked out from the facts."""
    return meeting.displayed_status(today or timezone.localdate())


@register.simple_tag
def meeting_status_tag(meeting, today=None):
    """``{% meeting_status_tag meeting %}``: the GOV.UK tag for the displayed status."""
    shown = meeting.displayed_status(today or timezone.localdate())
    return status_tag(shown.key, shown.label)


@register.filter
def minutes_item_wording(meeting) -> str:
    """``{{ meeting|minutes_item_wording }}``: "Minutes confirmed" or "Minutes to be confirmed"."""
    return meeting_status_rules.minutes_item_wording(meeting.status)
