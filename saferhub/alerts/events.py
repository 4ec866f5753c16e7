"""What is new for a subscription: published records since it was confirmed (reads only).

Only what the public pages show is ever looked at: a committee that meets in public (``is_public``; a private
body's records are never alerted, even when marked published), a published agenda, published or confirmed
minutes, a meeting record marked published, a published document that is not withdrawn, and work-programme
rows. Each item has a key that names it for good, so a repeated run finds the same keys and the delivery
records (unique per subscription and key) keep anyone from getting an item twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from saferhub.alerts import rules
from saferhub.alerts.models import Subscription, Topic
from saferhub.governance.models import Committee, Meeting, Membership
from saferhub.papers.models import Document, MeetingPapers, Minutes, WorkProgrammeEntry
from saferhub.papers.models.minutes import MinutesStatus
from saferhub.papers.models.publication import PublicationStatus


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    url: str


def _committee_items(committee_ids: list[int], since: dt.datetime) -> Iterator[Item]:
    public = list(Committee.objects.filter(pk__in=committee_ids, is_public=True).values_list("pk", flat=True))
    if not public:
        return
    for m in (Meeting.objects.filter(committee_id__in=public, created_at__gte=since)
              .select_related("committee").order_by("date", "pk")):
        yield Item(f"meeting:{m.pk}", f"New meeting: {m.committee.name}, {m.date_display}", m.get_absolute_url())
    for p in (MeetingPapers.objects.filter(meeting__committee_id__in=public, status=PublicationStatus.PUBLISHED,
                                           published_at__gte=since)
              .select_related("meeting__committee").order_by("published_at", "pk")):
        m = p.meeting
        yield Item(f"agenda:{m.pk}", f"Agenda published: {m.committee.name}, {m.date_display}", m.get_absolute_url())
    for mins in (Minutes.objects.filter(meeting__committee_id__in=public, published_at__gte=since,
                                        status__in=[MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED])
                 .select_related("meeting__committee").order_by("published_at", "pk")):
        m = mins.meeting
        yield Item(f"minutes:{m.pk}", f"Minutes published: {m.committee.name}, {m.date_display}",
                   m.get_absolute_url())
    for m in (Meeting.objects.filter(committee_id__in=public, record_published=True, updated_at__gte=since,
                                     agenda_items__decisions__isnull=False)
              .distinct().select_related("committee").order_by("date", "pk")):
        yield Item(f"decisions:{m.pk}", f"Decisions recorded: {m.committee.name}, {m.date_display}",
                   m.get_absolute_url())


def _councillor_committees(person_id: int, since: dt.datetime) -> list[int]:
    return list(Membership.objects.filter(person_id=person_id)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=since.date()))
                .values_list("committee_id", flat=True).distinct())


def _keyword_items(word: str, since: dt.datetime) -> Iterator[Item]:
    pattern = rules.keyword_pattern(word)
    docs = (Document.objects.filter(published_at__gte=since, deleted_at__isnull=True, committee__is_public=True)
            .filter(Q(text__icontains=word) | Q(title__icontains=word))
            .select_related("committee").order_by("published_at", "pk"))
    for d in docs:
        if pattern.search(d.title) or pattern.search(d.text):
            yield Item(f"document:{d.pk}", f"{d} ({d.committee.name})", d.get_absolute_url())


def _work_programme_items(committee_id: int | None, since: dt.datetime) -> Iterator[Item]:
    rows = WorkProgrammeEntry.objects.filter(created_at__gte=since, committee__is_public=True)
    if committee_id:
        rows = rows.filter(committee_id=committee_id)
    for e in rows.select_related("committee", "target_meeting").order_by("target_date", "pk"):
        url = reverse("papers:work-programme", kwargs={"slug": e.committee.slug})
        yield Item(f"work_programme:{e.pk}", f"Work programme of the {e.committee.name}: {e.report} ({e.when})", url)


def items_for(subscription: Subscription) -> list[Item]:
    """Everything new for a confirmed subscription since it was confirmed (an unconfirmed one has nothing)."""
    since = subscription.confirmed_at
    if since is None:
        return []
    if subscription.topic == Topic.COMMITTEE:
        found = _committee_items([subscription.committee_id], since)
    elif subscription.topic == Topic.COUNCILLOR:
        found = _committee_items(_councillor_committees(subscription.person_id, since), since)
    elif subscription.topic == Topic.KEYWORD:
        found = _keyword_items(subscription.keyword, since)
    else:
        found = _work_programme_items(subscription.committee_id, since)
    return list(found)
