"""Cross-references between agenda items (see ``papers.models.AgendaItemLink``)."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance.models import AgendaItem, Meeting
from saferhub.papers.models import AgendaItemLink


@transaction.atomic
def link_agenda_items(from_item: AgendaItem, *, text: str, acting_user: Actor, to_item: AgendaItem | None = None,
                      to_meeting: Meeting | None = None) -> AgendaItemLink:
    """Record that ``from_item`` refers to another item of the committee, or to the papers of an
    earlier meeting; the same reference twice is one link."""
    meeting = from_item.meeting
    require(acting_user, "papers.prepare", meeting)
    if (to_item is None) == (to_meeting is None):
        raise RuleViolation("Choose the item or the meeting the reference is to.", code="papers.link_target")
    target_meeting = to_item.meeting if to_item is not None else to_meeting
    if target_meeting.committee_id != meeting.committee_id:
        raise RuleViolation("A reference links items of the same committee.", code="papers.link_committee")
    if to_item is not None and to_item.pk == from_item.pk:
        raise RuleViolation("An item cannot refer to itself.", code="papers.link_self")
    if to_meeting is not None and to_meeting.date >= meeting.date:
        raise RuleViolation("Earlier papers must be of an earlier meeting.", code="papers.link_earlier")
    link, created = AgendaItemLink.objects.get_or_create(
        from_item=from_item, to_item=to_item, to_meeting=to_meeting,
        defaults={"kind": AgendaItemLink.Kind.ITEM if to_item is not None else AgendaItemLink.Kind.EARLIER_PAPERS,
                  "text": " ".join(text.split())[:300]},
    )
    if created:
        audit.record("papers.item_link.added", actor=acting_user, target=meeting,
                     data={"from": from_item.pk, "to_item": getattr(to_item, "pk", None),
                           "to_meeting": getattr(to_meeting, "pk", None)})
    return link
