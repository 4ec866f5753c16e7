"""Actions on meetings: scheduling, attendance, the quorum, chairing and the agenda."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require
from saferhub.core.updates import apply_fields
from saferhub.governance import facts
from saferhub.governance import rules as gov_rules
from saferhub.governance.actions.common import full_clean, full_clean_fields
from saferhub.governance.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    ChairCapacity,
    Committee,
    DatePrecision,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipRole,
)
from saferhub.governance.models.choices import SUBSTANTIVE_KINDS
from saferhub.governance.signals import business_not_transacted

MEETING_FIELDS = ["date", "date_precision", "start_time", "venue", "livestream_url", "finished_at", "note"]
ROLE_FROM_MEMBERSHIP = {
    MembershipRole.MEMBER: AttendanceRole.MEMBER,
    MembershipRole.SUBSTITUTE: AttendanceRole.SUBSTITUTE,
    MembershipRole.CO_OPTED: AttendanceRole.CO_OPTED,
}


def today() -> dt.date:
    return timezone.localdate()


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)


def _require_open(meeting: Meeting, what: str) -> None:
    if meeting.status in {MeetingStatus.CANCELLED, MeetingStatus.POSTPONED}:
        raise RuleViolation(f"This meeting was {meeting.status}; {what} cannot be changed.",
                            code="governance.meeting_closed")
    if meeting.attendance_finalised:
        raise RuleViolation(
            f"Attendance for this meeting has been confirmed; reopen it before changing {what}.",
            code="governance.attendance_final",
        )


@transaction.atomic
def schedule_meeting(
    committee: Committee,
    *,
    date: dt.date,
    acting_user: Actor,
    date_precision: str = DatePrecision.DAY,
    start_time: dt.time | None = None,
    venue: str | None = None,
    livestream_url: str = "",
    note: str = "",
) -> Meeting:
    """Put a meeting in the committee's calendar, with the committee's usual time and venue by default."""
    require(acting_user, "governance.record_meeting", committee)
    if not committee.is_active:
        raise RuleViolation("This committee is no longer active.", code="governance.committee_inactive")
    if date_precision == DatePrecision.DAY and Meeting.objects.filter(
        committee=committee, date=date, date_precision=DatePrecision.DAY
    ).exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]).exists():
        raise RuleViolation(
            f"{committee} already has a meeting on {gov_rules.fmt_date(date)}.", code="governance.duplicate_meeting",
            field="date",
        )
    meeting = Meeting(
        committee=committee,
        date=date.replace(day=1) if date_precision == DatePrecision.MONTH else date,
        date_precision=date_precision,
        start_time=start_time if start_time is not None else committee.default_start_time,
        venue=committee.default_venue if venue is None else venue,
        livestream_url=livestream_url,
        note=note,
    )
    full_clean(meeting)
    meeting.save()
    audit.record("governance.meeting.scheduled", actor=acting_user, target=meeting,
                 data=audit.snapshot(meeting, ["date", "date_precision", "start_time", "venue"]))
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, acting_user: Actor, **data: Any) -> Meeting:
    """Change a meeting's date, time, venue, livestream link, finishing time or note."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if ("date" in data or "date_precision" in data) and meeting.attendance_finalised:
        raise RuleViolation("The meeting has taken place; its date cannot change.", code="governance.attendance_final",
                            field="date")
    fields, before = apply_fields(meeting, MEETING_FIELDS, data)
    if meeting.finished_at and meeting.start_time and meeting.finished_at < meeting.start_time:
        raise RuleViolation("The finishing time is before the start time.", code="governance.times", field="finished_at")
    full_clean(meeting)
    meeting.save(update_fields=[*fields, "updated_at"])
    audit.record("governance.meeting.updated", actor=acting_user, target=meeting,
                 data=audit.changes(before, audit.snapshot(meeting, fields)))
    return meeting


def _mark_carry_forward(meeting: Meeting) -> int:
    return AgendaItem.objects.filter(meeting=meeting, kind__in=SUBSTANTIVE_KINDS).update(carry_forward=True, updated_at=timezone.now())


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, reason: str, acting_user: Actor) -> Meeting:
    """Cancel a scheduled meeting; its business is marked to carry forward."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation(f"Only a scheduled meeting can be cancelled; this one is {meeting.get_status_display().lower()}.",
                            code="governance.meeting_status")
    if not reason.strip():
        raise RuleViolation("Give the reason for cancelling.", code="governance.reason_required", field="reason")
    meeting.status = MeetingStatus.CANCELLED
    meeting.note = (meeting.note + "\n" if meeting.note else "") + f"Cancelled: {reason.strip()}"
    meeting.save(update_fields=["status", "note", "updated_at"])
    carried = _mark_carry_forward(meeting)
    audit.record("governance.meeting.cancelled", actor=acting_user, target=meeting,
                 data={"reason": reason.strip(), "items_carried_forward": carried})
    business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def postpone_meeting(
    meeting: Meeting, *, acting_user: Actor, new_date: dt.date | None = None, to_meeting: Meeting | None = None
) -> Meeting:
    """Postpone a scheduled meeting to a new date (or an existing later meeting); its substantive
    items move to that meeting, linked to where they came from. Returns the new meeting."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation("Only a scheduled meeting can be postponed.", code="governance.meeting_status")
    if to_meeting is None:
        if new_date is None:
            raise RuleViolation("Enter the new date.", code="governance.new_date", field="new_date")
        if new_date <= meeting.date:
            raise RuleViolation("The new date must be after the original date.", code="governance.new_date",
                                field="new_date")
        to_meeting = Meeting.objects.filter(
            committee=meeting.committee, date=new_date, status=MeetingStatus.SCHEDULED
        ).first() or schedule_meeting(
            meeting.committee, date=new_date, start_time=meeting.start_time, venue=meeting.venue,
            acting_user=acting_user,
        )
    if to_meeting.committee_id != meeting.committee_id or to_meeting.date <= meeting.date:
        raise RuleViolation("Postpone to a later meeting of the same committee.", code="governance.new_date",
                            field="new_date")
    meeting.status = MeetingStatus.POSTPONED
    meeting.postponed_to = to_meeting
    meeting.save(update_fields=["status", "postponed_to", "updated_at"])
    _mark_carry_forward(meeting)
    moved = 0
    for item in AgendaItem.objects.filter(meeting=meeting, carry_forward=True).order_by("position"):
        _copy_item(item, to_meeting)
        moved += 1
    audit.record("governance.meeting.postponed", actor=acting_user, target=meeting,
                 data={"to_meeting": to_meeting.pk, "to_date": to_meeting.date, "items_moved": moved})
    business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
    return to_meeting


def _next_position(meeting: Meeting) -> int:
    return (AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0) + 1


def _copy_item(item: AgendaItem, to_meeting: Meeting) -> AgendaItem:
    if AgendaItem.objects.filter(meeting=to_meeting, carried_from=item).exists():
        return AgendaItem.objects.get(meeting=to_meeting, carried_from=item)
    return AgendaItem.objects.create(
        meeting=to_meeting, position=_next_position(to_meeting), number="", title=item.title,
        description=item.description, kind=item.kind, carried_from=item,
    )


# ---------------------------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------------------------


@dataclass
class _AttendanceFacts:
    """What the attendance rules need about one meeting, gathered once (for one row or many)."""

    memberships: dict[int, Membership | None]
    seat_members: dict[int, Membership | None]
    existing: dict[int, Attendance]
    names: dict[int, str]
    next_position: int

    def others(self) -> list[gov_rules.AttendanceFacts]:
        return [
            gov_rules.AttendanceFacts(person_id=a.person_id, role=a.role, status=a.status, voting=a.voting,
                                      substitute_for_id=a.substitute_for_id)
            for a in self.existing.values()
        ]


def _attendance_facts(meeting: Meeting, people: list[Person]) -> _AttendanceFacts:
    """Memberships on the meeting date, the members of the seats involved, the attendance already
    recorded and the names the messages need: a fixed number of queries however many rows."""
    ids = {p.pk for p in people}
    memberships: dict[int, Membership | None] = dict.fromkeys(ids)
    for m in (Membership.objects.filter(facts.active_on(meeting.date), committee=meeting.committee_id, person__in=ids)
              .select_related("person", "seat", "seat__group", "seat__organisation")):
        if memberships.get(m.person_id) is None:
            memberships[m.person_id] = m
    seats = {m.seat_id for m in memberships.values() if m is not None and m.role == MembershipRole.SUBSTITUTE and m.seat_id}
    seat_members: dict[int, Membership | None] = dict.fromkeys(seats)
    if seats:
        for m in (Membership.objects.filter(facts.active_on(meeting.date), seat__in=seats, role=MembershipRole.MEMBER)
                  .select_related("person").order_by("seat__number", "role", "start_date", "pk")):
            if seat_members.get(m.seat_id) is None:
                seat_members[m.seat_id] = m
    existing = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting).order_by("position", "pk")}
    names = dict(Person.objects.filter(pk__in=set(existing)).values_list("pk", "name")) if existing else {}
    names.update({p.pk: p.name for p in people})
    for m in seat_members.values():
        if m is not None:
            names.setdefault(m.person_id, m.person.name)
    top = max((a.position for a in existing.values()), default=0)
    return _AttendanceFacts(memberships, seat_members, existing, names, top + 1)


def _build_attendance(
    meeting: Meeting,
    known: _AttendanceFacts,
    *,
    person: Person,
    status: str,
    role: str | None = None,
    substitute_for: Person | None = None,
    title: str = "",
    organisation: Organisation | None = None,
    recorded_name: str = "",
    note: str = "",
    position: int | None = None,
) -> tuple[Attendance, dict]:
    """Apply the attendance rules to one row against ``known`` and return the unsaved record and
    its audit data. Raises ``RuleViolation`` exactly as ``record_attendance`` does."""
    status = AttendanceStatus(status)
    membership = known.memberships.get(person.pk)
    if role is None:
        role = ROLE_FROM_MEMBERSHIP[MembershipRole(membership.role)] if membership else AttendanceRole.OFFICER
    role = AttendanceRole(role)
    if role == AttendanceRole.OFFICER and status == AttendanceStatus.PRESENT:
        status = AttendanceStatus.IN_ATTENDANCE
    if role != AttendanceRole.SUBSTITUTE:
        substitute_for_id = None
    else:
        substitute_for_id = substitute_for.pk if substitute_for else None
    named_for = None
    seat_member = None
    if membership is not None and membership.role == MembershipRole.SUBSTITUTE and membership.seat_id:
        seat_member = known.seat_members.get(membership.seat_id)
        if seat_member is not None:
            named_for = (seat_member.person_id, seat_member.person.display_name)
    if role == AttendanceRole.SUBSTITUTE and substitute_for is None and named_for and status == AttendanceStatus.PRESENT:
        substitute_for_id = named_for[0]
        substitute_for = seat_member.person

    voting = False
    if membership is not None and role in {AttendanceRole.MEMBER, AttendanceRole.SUBSTITUTE, AttendanceRole.CO_OPTED}:
        voting = membership.voting
    record = gov_rules.AttendanceFacts(
        person_id=person.pk, role=role.value, status=status.value, voting=voting, substitute_for_id=substitute_for_id
    )
    others = known.others()
    gov_rules.check_attendance(
        record,
        person_name=person.display_name,
        meeting_date=meeting.date,
        membership=facts.membership_facts(membership) if membership else None,
        named_substitute_for=named_for,
        substitute_for_name=substitute_for.display_name if substitute_for else "",
        others=others,
        names={k: v for k, v in known.names.items() if k in {o.person_id for o in others}},
    )
    if organisation is None:
        if membership is not None and membership.seat_id:
            organisation = membership.seat.organisation
        else:
            organisation = person.organisation
    existing = known.existing.get(person.pk)
    before = audit.snapshot(existing, ["role", "status", "substitute_for", "title"]) if existing else {}
    # A copy, so that a row refused later in a bulk call leaves the known record as it was.
    attendance = copy.copy(existing) if existing else Attendance(meeting=meeting, person=person)
    attendance.role = role
    attendance.status = status
    attendance.substitute_for_id = substitute_for_id
    attendance.membership = membership if role != AttendanceRole.OFFICER else None
    attendance.voting = voting
    attendance.title = title or (attendance.title if existing else (person.job_title if role == AttendanceRole.OFFICER else ""))
    attendance.organisation = organisation
    attendance.recorded_name = recorded_name or attendance.recorded_name
    attendance.note = note or attendance.note
    if position is not None:
        attendance.position = position
    elif not existing:
        attendance.position = known.next_position
    known.next_position = max(known.next_position, attendance.position + 1)
    after = audit.snapshot(attendance, ["role", "status", "substitute_for", "title"])
    data = {"person": person.display_name, "person_id": person.pk,
            **({"changes": audit.changes(before, after)} if existing else {"new": after})}
    return attendance, data


@transaction.atomic
def record_attendance(
    meeting: Meeting,
    *,
    person: Person,
    status: str,
    acting_user: Actor,
    role: str | None = None,
    substitute_for: Person | None = None,
    title: str = "",
    organisation: Organisation | None = None,
    recorded_name: str = "",
    note: str = "",
    position: int | None = None,
) -> Attendance:
    """Record (or change) one person's attendance at a meeting.

    The role follows from the person's place on the committee on the meeting date unless given.
    Only a member's named substitute may attend in the member's place, and only while the member
    is not present (seed 002:424). Substitutes and main members have a vote; co-opted members
    only where the Terms of Reference give them one; officers never.
    """
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    _require_open(meeting, "attendance")
    known = _attendance_facts(meeting, [person])
    attendance, data = _build_attendance(
        meeting, known, person=person, status=status, role=role, substitute_for=substitute_for, title=title,
        organisation=organisation, recorded_name=recorded_name, note=note, position=position,
    )
    full_clean(attendance, validate_unique=False)
    attendance.save()
    audit.record("governance.attendance.recorded", actor=acting_user, target=meeting, data=data)
    return attendance


@dataclass
class BulkOutcome:
    """What a bulk action did: ``records[i]`` for ``rows[i]`` (``None`` where refused), and the
    refusals by row index (only when refusals are collected; otherwise the first one is raised)."""

    records: list = field(default_factory=list)
    refused: dict[int, RuleViolation] = field(default_factory=dict)


ATTENDANCE_ROW_KEYS = {"person", "status", "role", "substitute_for", "title", "organisation", "recorded_name", "note",
                       "position"}


@transaction.atomic
def record_attendance_many(
    meeting: Meeting, *, rows: list[dict[str, Any]], acting_user: Actor, collect_refusals: bool = False
) -> BulkOutcome:
    """Record many attendance rows at once: the same rules as ``record_attendance`` applied to each
    row in order, as if recorded one after the other, with the facts gathered once.

    Each row takes ``record_attendance``'s keyword arguments. A refused row raises its
    ``RuleViolation`` and nothing is saved; with ``collect_refusals`` the refused rows are left out
    (the later rows are checked without them, as separate calls would be) and returned.
    """
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    _require_open(meeting, "attendance")
    for row in rows:
        unknown = set(row) - ATTENDANCE_ROW_KEYS
        if unknown:
            raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    known = _attendance_facts(meeting, [row["person"] for row in rows])
    outcome = BulkOutcome(records=[None] * len(rows))
    chosen: dict[int, Attendance] = {}  # the final record per person
    audits: list[dict] = []  # one audit row per accepted row, in order
    for index, row in enumerate(rows):
        try:
            attendance, data = _build_attendance(meeting, known, **row)
            full_clean_fields(attendance)
        except RuleViolation as exc:
            if not collect_refusals:
                raise
            outcome.refused[index] = exc
            continue
        known.existing[attendance.person_id] = attendance
        chosen[attendance.person_id] = attendance
        audits.append(data)
        outcome.records[index] = attendance
    new = [a for a in chosen.values() if a.pk is None]
    changed = [a for a in chosen.values() if a.pk is not None]
    Attendance.objects.bulk_create(new, batch_size=500)
    if changed:
        now = timezone.now()
        for a in changed:
            a.updated_at = now
        Attendance.objects.bulk_update(changed, ["role", "status", "substitute_for", "membership", "voting", "title",
                                                 "organisation", "recorded_name", "note", "position", "updated_at"])
    outcome.records = [chosen[r.person_id] if r is not None else None for r in outcome.records]
    audit.record_many("governance.attendance.recorded", actor=acting_user, events=[(meeting, d) for d in audits])
    return outcome


@transaction.atomic
def remove_attendance(attendance: Attendance, *, acting_user: Actor) -> None:
    """Remove an attendance record entered in error."""
    meeting = attendance.meeting
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    _require_open(meeting, "attendance")
    if meeting.chaired_by_id == attendance.person_id:
        raise RuleViolation("This person chaired the meeting; choose another chair first.",
                            code="governance.chair_present")
    data = {"person": attendance.person.display_name, "role": attendance.role, "status": attendance.status}
    attendance.delete()
    audit.record("governance.attendance.removed", actor=acting_user, target=meeting, data=data)


@transaction.atomic
def record_chair(meeting: Meeting, *, person: Person, capacity: str, acting_user: Actor, note: str = "") -> Meeting:
    """Record who chaired the meeting ("Vice-Chair in the Chair", seed 002:120); they must be present."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    capacity = ChairCapacity(capacity)
    present = Attendance.objects.filter(
        meeting=meeting, person=person, status=AttendanceStatus.PRESENT,
        role__in=[AttendanceRole.MEMBER, AttendanceRole.SUBSTITUTE, AttendanceRole.CO_OPTED],
    ).exists()
    if not present:
        raise RuleViolation(
            f"{person.display_name} is not recorded as present, so cannot have chaired the meeting.",
            code="governance.chair_present", field="person",
        )
    before = {"chaired_by": meeting.chaired_by_id, "capacity": meeting.chair_capacity}
    meeting.chaired_by = person
    meeting.chair_capacity = capacity
    meeting.chair_note = note
    meeting.save(update_fields=["chaired_by", "chair_capacity", "chair_note", "updated_at"])
    audit.record("governance.meeting.chair_recorded", actor=acting_user, target=meeting,
                 data={"old": before, "new": {"chaired_by": person.pk, "capacity": capacity.value, "note": note}})
    return meeting


@transaction.atomic
def finalise_attendance(meeting: Meeting, *, acting_user: Actor, declared_at: dt.time | None = None) -> Meeting:
    """Confirm the attendance and decide the quorum.

    Quorate: the meeting is held and its business can be transacted. Below quorum: the meeting is
    inquorate, declared so at ``declared_at``; no business is transacted, the standard inquorate
    minute is recorded and the substantive items are marked to carry forward (seed 001:238-243).
    """
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if meeting.attendance_finalised:
        raise RuleViolation("Attendance for this meeting is already confirmed.", code="governance.attendance_final")
    if meeting.status != MeetingStatus.SCHEDULED:
        raise RuleViolation(f"This meeting was {meeting.status}; there is no attendance to confirm.",
                            code="governance.meeting_status")
    if meeting.date_precision != DatePrecision.DAY:
        raise RuleViolation("Set the meeting's exact date first.", code="governance.meeting_status", field="date")
    if meeting.date > today():
        raise RuleViolation("This meeting has not taken place yet.", code="governance.meeting_not_held")
    committee = meeting.committee
    result = gov_rules.count_quorum(committee.quorum, facts.attendance_facts(meeting))
    meeting.attendance_finalised = True
    meeting.quorum_required = result.required
    if result.quorate:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status", "attendance_finalised", "quorum_required", "updated_at"])
    else:
        if declared_at is None:
            raise RuleViolation(
                f"Only {result.voting_present} of the {result.required} voting members needed are present, so the "
                "meeting is inquorate: enter the time it was declared inquorate.",
                code="governance.inquorate_time", field="declared_at",
            )
        meeting.status = MeetingStatus.INQUORATE
        meeting.declared_inquorate_at = declared_at
        if meeting.finished_at is None:
            meeting.finished_at = declared_at
        meeting.save(update_fields=["status", "attendance_finalised", "quorum_required", "declared_inquorate_at",
                                    "finished_at", "updated_at"])
        _mark_carry_forward(meeting)
        text = gov_rules.inquorate_minute(
            committee.inquorate_minute_template, quorum=result.required, present=result.voting_present,
            declared_at=declared_at,
        )
        numbered = AgendaItem.objects.filter(meeting=meeting).exclude(number="").exists()
        AgendaItem.objects.create(
            meeting=meeting, position=0 if not AgendaItem.objects.filter(meeting=meeting, position=0).exists()
            else _next_position(meeting),
            number="" if numbered else "1", title="Remarks by the Chair – inquorate meeting",
            kind=AgendaItemKind.INQUORATE, minute_text=text,
        )
    audit.record("governance.meeting.attendance_finalised", actor=acting_user, target=meeting,
                 data={"status": meeting.status, "required": result.required, "voting_present": result.voting_present,
                       "declared_inquorate_at": declared_at})
    if meeting.status == MeetingStatus.INQUORATE:
        business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def reopen_attendance(meeting: Meeting, *, acting_user: Actor) -> Meeting:
    """Undo ``finalise_attendance`` to correct the attendance (not once decisions are recorded)."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    if not meeting.attendance_finalised:
        raise RuleViolation("Attendance for this meeting has not been confirmed.", code="governance.attendance_final")
    if AgendaItem.objects.filter(meeting=meeting, decisions__isnull=False).exists():
        raise RuleViolation("Decisions have been recorded for this meeting; remove them before reopening attendance.",
                            code="governance.decisions_exist")
    before = meeting.status
    if meeting.status == MeetingStatus.INQUORATE:
        AgendaItem.objects.filter(meeting=meeting, kind=AgendaItemKind.INQUORATE).delete()
        AgendaItem.objects.filter(meeting=meeting).update(carry_forward=False, updated_at=timezone.now())
        if meeting.finished_at == meeting.declared_inquorate_at:
            meeting.finished_at = None
    meeting.status = MeetingStatus.SCHEDULED
    meeting.attendance_finalised = False
    meeting.quorum_required = None
    meeting.declared_inquorate_at = None
    meeting.save(update_fields=["status", "attendance_finalised", "quorum_required", "declared_inquorate_at",
                                "finished_at", "updated_at"])
    audit.record("governance.meeting.attendance_reopened", actor=acting_user, target=meeting, data={"was": before})
    return meeting


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
def record_outcome_without_attendance(meeting: Meeting, *, status: str, evidence: str, acting_user: Actor) -> Meeting:
    """Record that a past meeting was held (or was inquorate, or cancelled) when its attendance is
    not on record, for example a meeting known only because later minutes confirm its minutes.

    The evidence is kept in the meeting's note. No quorum is computed and no decisions can be
    recorded for such a meeting, because there is no attendance to support them.
    """
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _lock(meeting)
    status = MeetingStatus(status)
    if status == MeetingStatus.SCHEDULED:
        raise RuleViolation("Choose what happened to the meeting.", code="governance.meeting_status", field="status")
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation("The outcome of this meeting is already recorded.", code="governance.meeting_status")
    if meeting.date > today():
        raise RuleViolation("This meeting has not taken place yet.", code="governance.meeting_not_held")
    if Attendance.objects.filter(meeting=meeting).exists():
        raise RuleViolation("Attendance is recorded for this meeting; confirm the attendance instead.",
                            code="governance.attendance_recorded")
    if not evidence.strip():
        raise RuleViolation("Say what shows the meeting's outcome (for example, later minutes).",
                            code="governance.evidence_required", field="evidence")
    meeting.status = status
    meeting.note = (meeting.note + "\n" if meeting.note else "") + evidence.strip()
    meeting.save(update_fields=["status", "note", "updated_at"])
    if status in {MeetingStatus.CANCELLED, MeetingStatus.INQUORATE}:
        _mark_carry_forward(meeting)
    audit.record("governance.meeting.outcome_recorded", actor=acting_user, target=meeting,
                 data={"status": status.value, "evidence": evidence.strip()})
    if status in {MeetingStatus.CANCELLED, MeetingStatus.INQUORATE}:
        business_not_transacted.send(sender=Meeting, meeting=meeting, acting_user=acting_user)
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
