"""Actions on who attended a meeting and the quorum: attendance rows (one or many), the chair,
confirming attendance (held or inquorate, with the quorum that applied) and reopening it."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require
from saferhub.core.writes import BulkOutcome
from saferhub.governance import facts
from saferhub.governance import rules as gov_rules
from saferhub.governance.actions.common import full_clean, full_clean_fields
from saferhub.governance.actions.meetings import _lock, _mark_carry_forward, _next_position, _require_open, today
from saferhub.governance.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    ChairCapacity,
    DatePrecision,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipRole,
)
from saferhub.governance.queries import quorum_for
from saferhub.governance.signals import business_not_transacted

ROLE_FROM_MEMBERSHIP = {
    MembershipRole.MEMBER: AttendanceRole.MEMBER,
    MembershipRole.SUBSTITUTE: AttendanceRole.SUBSTITUTE,
    MembershipRole.CO_OPTED: AttendanceRole.CO_OPTED,
}

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
    result = quorum_for(meeting)
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
