"""Actions on a meeting's agenda and the publication of its record: adding, arranging and
changing agenda items (the minutes items that confirm earlier meetings) and publishing the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.core.updates import apply_fields
from saferhub.core.writes import BulkOutcome
from saferhub.governance.actions.common import full_clean, full_clean_fields
from saferhub.governance.actions.meetings import _lock
from saferhub.governance.models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingStatus,
)

# ---------------------------------------------------------------------------------------------
# Agenda and publication
# ---------------------------------------------------------------------------------------------


def _check_agenda_open(meeting: Meeting) -> None:
    if meeting.status in {MeetingStatus.CANCELLED, MeetingStatus.POSTPONED, MeetingStatus.INQUORATE}:
        raise RuleViolation(f"This meeting was {meeting.status}; its agenda cannot change.",
                            code="governance.meeting_closed")


@dataclass
class _AgendaFacts:
    positions: set[int]
    numbered: int
    next_position: int


def _agenda_facts(meeting: Meeting) -> _AgendaFacts:
    rows = list(AgendaItem.objects.filter(meeting=meeting).values_list("position", "number"))
    positions = {p for p, _ in rows}
    return _AgendaFacts(positions, sum(1 for _, n in rows if n), max(positions, default=0) + 1)


def _build_agenda_item(
    meeting: Meeting,
    known: _AgendaFacts,
    *,
    title: str,
    kind: str = AgendaItemKind.REPORT,
    number: str | None = None,
    description: str = "",
    page: int | None = None,
    position: int | None = None,
    minute_text: str = "",
    confirms: list[Meeting] | None = None,
) -> tuple[AgendaItem, list[Meeting], dict]:
    kind = AgendaItemKind(kind)
    if not title.strip():
        raise RuleViolation("Enter the item's title.", code="governance.title_required", field="title")
    if position is None:
        position = known.next_position
    elif position in known.positions:
        raise RuleViolation(f"There is already an item at position {position}.", code="governance.item_position",
                            field="position")
    if number is None:
        number = str(known.numbered + 1)
    confirms = list(confirms or [])
    for earlier in confirms:
        if earlier.committee_id != meeting.committee_id or earlier.date >= meeting.date:
            raise RuleViolation("Minutes can only be confirmed for earlier meetings of the same committee.",
                                code="governance.minutes_confirmation", field="confirms")
    if confirms and kind != AgendaItemKind.MINUTES:
        raise RuleViolation("Only a minutes item confirms earlier minutes.", code="governance.minutes_confirmation",
                            field="confirms")
    item = AgendaItem(
        meeting=meeting, position=position, number=number, title=title.strip(), description=description,
        kind=kind, page=page, minute_text=minute_text,
    )
    data = {"number": number, "title": item.title, "kind": kind.value, "confirms": [m.pk for m in confirms]}
    return item, confirms, data


def _accept_agenda_item(known: _AgendaFacts, item: AgendaItem) -> None:
    known.positions.add(item.position)
    known.numbered += 1 if item.number else 0
    known.next_position = max(known.next_position, item.position + 1)


@transaction.atomic
def add_agenda_item(
    meeting: Meeting,
    *,
    title: str,
    acting_user: Actor,
    kind: str = AgendaItemKind.REPORT,
    number: str | None = None,
    description: str = "",
    page: int | None = None,
    position: int | None = None,
    minute_text: str = "",
    confirms: list[Meeting] | None = None,
) -> AgendaItem:
    """Add an item to a meeting's agenda; numbers follow the order unless given."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    _check_agenda_open(meeting)
    item, confirms, data = _build_agenda_item(
        meeting, _agenda_facts(meeting), title=title, kind=kind, number=number, description=description, page=page,
        position=position, minute_text=minute_text, confirms=confirms,
    )
    full_clean(item)
    item.save()
    if confirms:
        item.confirms_minutes_of.set(confirms)
    audit.record("governance.agenda_item.added", actor=acting_user, target=meeting, data=data)
    return item


AGENDA_ROW_KEYS = {"title", "kind", "number", "description", "page", "position", "minute_text", "confirms"}


@transaction.atomic
def add_agenda_items(
    meeting: Meeting, *, rows: list[dict[str, Any]], acting_user: Actor, collect_refusals: bool = False
) -> BulkOutcome:
    """Add many items to a meeting's agenda at once, each checked as ``add_agenda_item`` checks it
    (in order, as if added one after the other), with one insert and one audit row per item."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    _check_agenda_open(meeting)
    for row in rows:
        unknown = set(row) - AGENDA_ROW_KEYS
        if unknown:
            raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    known = _agenda_facts(meeting)
    outcome = BulkOutcome(records=[None] * len(rows))
    accepted: list[tuple[AgendaItem, list[Meeting], dict]] = []
    for index, row in enumerate(rows):
        try:
            item, confirms, data = _build_agenda_item(meeting, known, **row)
            full_clean_fields(item)
        except RuleViolation as exc:
            if not collect_refusals:
                raise
            outcome.refused[index] = exc
            continue
        _accept_agenda_item(known, item)
        accepted.append((item, confirms, data))
        outcome.records[index] = item
    AgendaItem.objects.bulk_create([a[0] for a in accepted], batch_size=500)
    through = AgendaItem.confirms_minutes_of.through
    links = [through(agendaitem_id=item.pk, meeting_id=m.pk) for item, confirms, _ in accepted
             for m in confirms]
    if links:
        through.objects.bulk_create(links)
    audit.record_many("governance.agenda_item.added", actor=acting_user, events=[(meeting, d) for _, _, d in accepted])
    return outcome


@transaction.atomic
def publish_meeting_record(meeting: Meeting, *, acting_user: Actor) -> Meeting:
    """Make the meeting's attendance, declarations and decisions public."""
    require(acting_user, "governance.publish_record", meeting)
    meeting = _lock(meeting)
    if not meeting.attendance_finalised and meeting.status != MeetingStatus.HELD:
        raise RuleViolation("Confirm the attendance before publishing the record.", code="governance.attendance_final")
    if meeting.record_published:
        return meeting
    meeting.record_published = True
    meeting.save(update_fields=["record_published", "updated_at"])
    audit.record("governance.meeting.record_published", actor=acting_user, target=meeting)
    return meeting


@transaction.atomic
def arrange_agenda(meeting: Meeting, *, order: list[AgendaItem], acting_user: Actor, pages: dict[int, int] | None = None) -> Meeting:
    """Put the agenda items in ``order`` and number them 1, 2, 3… (unnumbered items such as
    "Introductions" keep no number); optionally record each item's page in the agenda pack."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    existing = {i.pk: i for i in AgendaItem.objects.filter(meeting=meeting)}
    if {i.pk for i in order} != set(existing):
        raise RuleViolation("The new order must contain every item on the agenda exactly once.",
                            code="governance.agenda_order")
    now = timezone.now()
    offset = (max((i.position for i in existing.values()), default=0) + len(existing)) + 10
    for index, item in enumerate(order):
        AgendaItem.objects.filter(pk=item.pk).update(position=offset + index)
    number = 0
    for index, item in enumerate(order, start=1):
        current = existing[item.pk]
        if current.number or current.kind != AgendaItemKind.OTHER or not current.title.lower().startswith("introduction"):
            number += 1
            label = str(number)
        else:
            label = ""
        fields = {"position": index, "number": label, "updated_at": now}
        if pages and item.pk in pages:
            fields["page"] = pages[item.pk]
        AgendaItem.objects.filter(pk=item.pk).update(**fields)
    audit.record("governance.agenda.arranged", actor=acting_user, target=meeting,
                 data={"order": [existing[i.pk].title for i in order], "pages": bool(pages)})
    return meeting


@transaction.atomic
def update_agenda_item(item: AgendaItem, *, acting_user: Actor, **data: Any) -> AgendaItem:
    """Change an item's title, description, kind, page or minute text, or the earlier meetings whose
    minutes it confirms."""
    require(acting_user, "governance.record_meeting", item.meeting)
    item = AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=item.pk)
    confirms = data.pop("confirms", None)
    fields, before = apply_fields(item, ["title", "description", "kind", "page", "minute_text"], data)
    if "title" in data and not item.title.strip():
        raise RuleViolation("Enter the item's title.", code="governance.title_required", field="title")
    full_clean(item)
    item.save(update_fields=[*fields, "updated_at"])
    change = audit.changes(before, audit.snapshot(item, fields))
    if confirms is not None:
        for earlier in confirms:
            if earlier.committee_id != item.meeting.committee_id or earlier.date >= item.meeting.date:
                raise RuleViolation("Minutes can only be confirmed for earlier meetings of the same committee.",
                                    code="governance.minutes_confirmation", field="confirms")
        item.confirms_minutes_of.set(confirms)
        change["confirms"] = [m.pk for m in confirms]
    audit.record("governance.agenda_item.updated", actor=acting_user, target=item.meeting,
                 data={"item": str(item), **change})
    return item
