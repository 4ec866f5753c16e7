"""Translate the committee officer's per-seat attendance choices into attendance actions.

Each seat's radio choice says who was present for it (the member, or their named substitute) and
who sent apologies. The choices are applied in an order that never breaks a rule mid-way:
removals first, then apologies and absences, then presences.
"""

from __future__ import annotations

from saferhub.governance import actions
from saferhub.governance.models import Attendance, AttendanceRole, AttendanceStatus
from saferhub.governance.queries import Composition

Desired = tuple[str, str, int | None] | None  # (status, role, substitute_for id) or None to remove


def initial_seat_choices(composition: Composition, rows: list[Attendance]) -> dict[str, str]:
    """The radio choice each seat's existing records correspond to."""
    by_person = {a.person_id: a for a in rows}
    choices: dict[str, str] = {}
    for row in composition.seats:
        if row.member is None:
            continue
        member = by_person.get(row.member.person_id)
        subs = [(s.person_id, by_person.get(s.person_id)) for s in row.substitutes]
        sub_present = next((pid for pid, a in subs if a and a.status == AttendanceStatus.PRESENT), None)
        sub_apologies = next((pid for pid, a in subs if a and a.status == AttendanceStatus.APOLOGIES), None)
        key = f"seat_{row.seat.pk}"
        if member and member.status == AttendanceStatus.PRESENT:
            choices[key] = f"present_substitute_apologies:{sub_apologies}" if sub_apologies else "present"
        elif sub_present:
            choices[key] = f"substitute:{sub_present}"
        elif member and member.status == AttendanceStatus.APOLOGIES:
            choices[key] = f"both_apologies:{sub_apologies}" if sub_apologies else "apologies"
        elif member and member.status == AttendanceStatus.ABSENT:
            choices[key] = "absent"
    for membership in composition.co_opted:
        existing = by_person.get(membership.person_id)
        if existing:
            choices[f"coopted_{membership.person_id}"] = existing.status
    return choices


def desired_for_choice(choice: str, member_id: int, substitute_ids: list[int]) -> dict[int, Desired]:
    """Who should be recorded how, for one seat and one choice."""
    kind, _, sub = choice.partition(":")
    sub_id = int(sub) if sub else None
    if sub_id is not None and sub_id not in substitute_ids:
        raise ValueError("not a substitute for this seat")
    desired: dict[int, Desired] = {sid: None for sid in substitute_ids}
    member = AttendanceRole.MEMBER
    substitute = AttendanceRole.SUBSTITUTE
    if kind == "present":
        desired[member_id] = (AttendanceStatus.PRESENT, member, None)
    elif kind == "substitute":
        desired[member_id] = (AttendanceStatus.APOLOGIES, member, None)
        desired[sub_id] = (AttendanceStatus.PRESENT, substitute, member_id)
    elif kind == "both_apologies":
        desired[member_id] = (AttendanceStatus.APOLOGIES, member, None)
        desired[sub_id] = (AttendanceStatus.APOLOGIES, substitute, None)
    elif kind == "present_substitute_apologies":
        desired[member_id] = (AttendanceStatus.PRESENT, member, None)
        desired[sub_id] = (AttendanceStatus.APOLOGIES, substitute, None)
    elif kind == "apologies":
        desired[member_id] = (AttendanceStatus.APOLOGIES, member, None)
    elif kind == "absent":
        desired[member_id] = (AttendanceStatus.ABSENT, member, None)
    else:
        raise ValueError(f"unknown choice {choice!r}")
    return desired


def apply_seat_choices(meeting, composition: Composition, rows: list[Attendance], data: dict, *, acting_user) -> int:
    """Apply the submitted choices; return the number of records changed. Call inside a transaction."""
    from saferhub.core.models import Person

    by_person = {a.person_id: a for a in rows}
    wanted: dict[int, Desired] = {}
    for row in composition.seats:
        if row.member is None:
            continue
        choice = data.get(f"seat_{row.seat.pk}") or ""
        if not choice:
            continue
        wanted.update(desired_for_choice(choice, row.member.person_id, [s.person_id for s in row.substitutes]))
    for membership in composition.co_opted:
        choice = data.get(f"coopted_{membership.person_id}") or ""
        if choice:
            wanted[membership.person_id] = (choice, AttendanceRole.CO_OPTED, None)

    removals = [pid for pid, d in wanted.items() if d is None and pid in by_person]
    changes = [
        (pid, d) for pid, d in wanted.items()
        if d is not None and (
            pid not in by_person
            or (by_person[pid].status, by_person[pid].role, by_person[pid].substitute_for_id) != d
        )
    ]
    people = Person.objects.in_bulk([pid for pid, _ in changes] + [d[2] for _, d in changes if d[2]])
    count = 0
    for pid in removals:
        actions.remove_attendance(by_person[pid], acting_user=acting_user)
        count += 1
    for pid, (status, role, sub_for) in sorted(changes, key=lambda c: c[1][0] == AttendanceStatus.PRESENT):
        actions.record_attendance(
            meeting, person=people[pid], status=status, role=role,
            substitute_for=people.get(sub_for) if sub_for else None, acting_user=acting_user,
        )
        count += 1
    return count
