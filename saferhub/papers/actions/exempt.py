"""Marking an agenda item as exempt (Part 2) business."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.permissions import require
from saferhub.governance.models import AgendaItem
from saferhub.papers import rules
from saferhub.papers.models import ExemptItem


@transaction.atomic
def mark_item_exempt(item: AgendaItem, *, paragraph: int, acting_user: Actor, officers=()) -> ExemptItem:
    """Take ``item`` in Part 2 under ``paragraph`` of Schedule 12A; ``officers`` (users) may read its
    papers besides the committee's members and officers. Its papers leave every public surface."""
    require(acting_user, "papers.prepare", item.meeting)
    rules.check_exempt_paragraph(paragraph)
    exemption, _ = ExemptItem.objects.update_or_create(agenda_item=item, defaults={"paragraph": paragraph})
    exemption.officers.set(list(officers))
    # An annex already published with the agenda is withdrawn from the public by unpublishing it.
    from saferhub.papers.models import Document

    Document.objects.filter(cover_report__agenda_item=item).update(published_at=None)
    audit.record("papers.item.exempt", actor=acting_user, target=item.meeting,
                 data={"item": item.title, "paragraph": paragraph, "officers": [u.pk for u in officers]})
    return exemption
