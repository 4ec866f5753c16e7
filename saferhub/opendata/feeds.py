"""RSS 2.0 and Atom feeds of newly published documents and of decisions (Django's syndication
framework). Only published things appear: documents with ``published_at`` and not withdrawn;
decisions of meetings whose record is published. Site-wide and per committee."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from saferhub.core.site import get_site_configuration
from saferhub.governance.models import Committee
from saferhub.opendata import queries

ITEMS = 50


class _CommitteeMixin:
    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(Committee, slug=slug, is_active=True)


class DocumentsFeed(_CommitteeMixin, Feed):
    feed_type = Rss201rev2Feed

    def title(self, obj):
        config = get_site_configuration()
        return f"Published documents – {obj.name if obj else config.council_name}"

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("opendata:calendar")

    def description(self, obj):
        return "Agendas, reports, annexes and minutes as they are published."

    def items(self, obj):
        return queries.published_documents(obj)[:ITEMS]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        parts = [item.get_kind_display()]
        if item.meeting_id:
            parts.append(f"{item.committee.name}, meeting of {item.meeting.date_display}")
        parts.append(f"{item.get_format_display()}, {item.size:,} bytes")
        return ". ".join(parts) + "."

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"document-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display(), item.committee.name]


class DocumentsAtom(DocumentsFeed):
    feed_type = Atom1Feed
    subtitle = DocumentsFeed.description


class DecisionsFeed(_CommitteeMixin, Feed):
    feed_type = Rss201rev2Feed

    def title(self, obj):
        config = get_site_configuration()
        return f"Decisions – {obj.name if obj else config.council_name}"

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("opendata:calendar")

    def description(self, obj):
        return "Decisions recorded at meetings, once the meeting's record is published."

    def items(self, obj):
        return queries.published_decisions(obj)[:ITEMS]

    def item_title(self, item):
        meeting = item.agenda_item.meeting
        return f"{item.verb} – {meeting.committee.name}, {meeting.date_display}"

    def item_description(self, item):
        agenda_item = item.agenda_item
        return f"Item {agenda_item.number or agenda_item.position}: {agenda_item.title}. {item.sequence}) {item.verb} {item.text}"

    def item_link(self, item):
        return item.agenda_item.meeting.get_absolute_url() + "#agenda"

    def item_guid(self, item):
        return f"decision-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if item.created_at:
            return item.created_at
        meeting = item.agenda_item.meeting
        return timezone.make_aware(dt.datetime.combine(meeting.date, dt.time.min))

    def item_categories(self, item):
        return [item.agenda_item.meeting.committee.name]


class DecisionsAtom(DecisionsFeed):
    feed_type = Atom1Feed
    subtitle = DecisionsFeed.description
