"""Actions on a committee's constitution: Terms of Reference, seats, memberships and offices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Sum

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require
from saferhub.core.writes import BulkOutcome
from saferhub.governance import facts
from saferhub.governance import rules as gov_rules
from saferhub.governance.actions.common import ERROR_CODE, full_clean, full_clean_fields
from saferhub.governance.models import (
    Committee,
    Meeting,
    Membership,
    MembershipRole,
    Office,
    OfficeHolder,
    Seat,
    SeatGroup,
)

COMMITTEE_FIELDS = [
    "name", "short_name", "slug", "organisation", "parent", "scrutinises", "role_text", "legal_basis", "quorum",
    "meeting_frequency_months", "substitutes_per_member", "co_opted_members_allowed", "co_opted_members_vote",
    "civic_year_start_month", "civic_year_start_day", "recommendation_response_months", "default_venue",
    "default_start_time", "inquorate_minute_template", "contact_name", "contact_phone", "contact_email", "is_active",
    "kind", "reports_every_months", "governed_by_partnership", "is_public",
]


def _voting_seats(committee: Committee) -> int:
    return committee.seat_groups.filter(voting=True).aggregate(total=Sum("seats"))["total"] or 0


@transaction.atomic
def create_committee(*, acting_user: Actor, **data: Any) -> Committee:
    """Create a committee with its Terms of Reference settings."""
    require(acting_user, "governance.manage_committee")
    unknown = set(data) - set(COMMITTEE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    committee = Committee(**data)
    if committee.parent_id and committee.parent_id == committee.pk:
        raise RuleViolation("A committee cannot report to itself.", code="governance.parent", field="parent")
    gov_rules.check_quorum_achievable(committee.quorum, 0)
    full_clean(committee)
    committee.save()
    audit.record("governance.committee.created", actor=acting_user, target=committee,
                 data=audit.snapshot(committee, [k for k in data if k != "inquorate_minute_template"]))
    return committee


@transaction.atomic
def update_terms_of_reference(committee: Committee, *, acting_user: Actor, **data: Any) -> Committee:
    """Change the committee's settings (quorum, frequency, substitutes, civic year, wording)."""
    require(acting_user, "governance.manage_committee", committee)
    committee = Committee.objects.select_for_update(of=("self",)).get(pk=committee.pk)

    def check(committee: Committee) -> None:
        parent_id = committee.parent_id
        seen = {committee.pk}
        while parent_id is not None:
            if parent_id in seen:
                raise RuleViolation("A committee cannot report to itself, directly or through another committee.",
                                    code="governance.parent", field="parent")
            seen.add(parent_id)
            parent_id = Committee.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        gov_rules.check_quorum_achievable(committee.quorum, _voting_seats(committee))
        if "inquorate_minute_template" in data:
            gov_rules.inquorate_minute(committee.inquorate_minute_template, quorum=1, present=0, declared_at=dt.time(10))

    return writes.update_with_audit(committee, allowed=COMMITTEE_FIELDS, data=data, acting_user=acting_user,
                                    audit_code="governance.committee.updated", error_code=ERROR_CODE, check=check)


@transaction.atomic
def add_seat_group(
    committee: Committee,
    *,
    name: str,
    seats: int,
    acting_user: Actor,
    organisation: Organisation | None = None,
    organisation_kind: str = "",
    seats_per_organisation: int = 1,
    voting: bool = True,
    chair_eligible: bool = False,
    vice_chair_eligible: bool = False,
    position: int | None = None,
    note: str = "",
) -> SeatGroup:
    """Add a kind of seat to the Terms of Reference ("3 County Councillors")."""
    require(acting_user, "governance.manage_committee", committee)
    if organisation is None and not organisation_kind:
        raise RuleViolation("Say which body, or which kind of body, these seats represent.",
                            code="governance.seat_group_body", field="organisation")
    if position is None:
        position = committee.seat_groups.count() + 1
    group = SeatGroup(
        committee=committee, name=name, seats=seats, organisation=organisation, organisation_kind=organisation_kind,
        seats_per_organisation=seats_per_organisation, voting=voting, chair_eligible=chair_eligible,
        vice_chair_eligible=vice_chair_eligible, position=position, note=note,
    )
    full_clean(group)
    group.save()
    audit.record("governance.seat_group.added", actor=acting_user, target=committee,
                 data={"name": name, "seats": seats, "organisation": str(organisation or ""),
                       "organisation_kind": organisation_kind, "chair_eligible": chair_eligible,
                       "vice_chair_eligible": vice_chair_eligible})
    return group


@transaction.atomic
def add_seat(
    committee: Committee, *, group: SeatGroup, organisation: Organisation, acting_user: Actor, number: int | None = None
) -> Seat:
    """Add a seat within a seat group, refusing any the Terms of Reference do not provide for."""
    require(acting_user, "governance.manage_committee", committee)
    group = SeatGroup.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=group.pk)
    if group.committee_id != committee.pk:
        raise RuleViolation("That seat group belongs to another committee.", code="governance.seat_group", field="group")
    existing = list(Seat.objects.filter(group=group).values_list("organisation_id", flat=True))
    gov_rules.check_new_seat(
        facts.group_facts(group),
        organisation_id=organisation.pk,
        organisation_name=organisation.name,
        organisation_kind=organisation.kind,
        existing_organisation_ids=existing,
    )
    if number is None:
        number = (Seat.objects.filter(committee=committee).order_by("-number").values_list("number", flat=True).first() or 0) + 1
    if Seat.objects.filter(committee=committee, number=number).exists():
        raise RuleViolation(f"There is already a seat {number}.", code="governance.seat_number", field="number")
    seat = Seat.objects.create(committee=committee, group=group, organisation=organisation, number=number)
    audit.record("governance.seat.added", actor=acting_user, target=committee,
                 data={"seat": number, "group": group.name, "organisation": organisation.name})
    return seat


@transaction.atomic
def appoint_member(
    committee: Committee,
    *,
    person: Person,
    role: str,
    start_date: dt.date,
    acting_user: Actor,
    seat: Seat | None = None,
    end_date: dt.date | None = None,
    note: str = "",
) -> Membership:
    """Appoint a main member or named substitute to a seat, or a co-opted member.

    Refuses a second member for a seat, a substitute beyond the one named substitute each member
    may have ("No other substitutes are acceptable", seed 002:424), co-opted members where the
    Terms of Reference do not allow them, and a second concurrent place for one person.
    """
    require(acting_user, "governance.manage_membership", committee)
    role = MembershipRole(role)
    committee = Committee.objects.select_for_update(of=("self",)).get(pk=committee.pk)
    if seat is not None:
        seat = Seat.objects.select_for_update(of=("self",)).select_related("group", "organisation").get(pk=seat.pk)
        if seat.committee_id != committee.pk:
            raise RuleViolation("That seat belongs to another committee.", code="governance.seat", field="seat")
    if role == MembershipRole.CO_OPTED:
        seat = None
    new = gov_rules.MembershipFacts(
        person_id=person.pk, person_name=person.display_name, role=role.value,
        seat_id=seat.pk if seat else None, period=gov_rules.Period(start_date, end_date),
    )
    seat_memberships = (
        [facts.membership_facts(m) for m in Membership.objects.filter(seat=seat).select_related("person")]
        if seat else []
    )
    person_memberships = [
        facts.membership_facts(m)
        for m in Membership.objects.filter(committee=committee, person=person).select_related("person")
    ]
    gov_rules.check_membership(
        new,
        seat_label=facts.seat_label(seat) if seat else "The committee",
        seat_memberships=seat_memberships,
        person_memberships=person_memberships,
        substitutes_per_member=committee.substitutes_per_member,
        co_opted_allowed=committee.co_opted_members_allowed,
    )
    voting = committee.co_opted_members_vote if role == MembershipRole.CO_OPTED else seat.group.voting
    membership = Membership(
        committee=committee, seat=seat, person=person, role=role, voting=voting,
        start_date=start_date, end_date=end_date, note=note,
    )
    full_clean(membership)
    membership.save()
    audit.record("governance.membership.appointed", actor=acting_user, target=membership,
                 data={"person": person.display_name, "role": role.value, "seat": seat.number if seat else None,
                       "start_date": start_date, "end_date": end_date, "voting": voting})
    return membership


MEMBERSHIP_ROW_KEYS = {"person", "role", "start_date", "seat", "end_date", "note"}


@transaction.atomic
def appoint_members(
    committee: Committee, *, rows: list[dict[str, Any]], acting_user: Actor, collect_refusals: bool = False
):
    """Appoint many members and substitutes at once (each row takes ``appoint_member``'s keyword
    arguments): the committee's seats and memberships are read once, every row is checked by
    ``check_membership`` in order against them and the rows accepted before it, then all are
    inserted with one audit row each. A refusal raises (nothing saved) unless ``collect_refusals``."""
    require(acting_user, "governance.manage_membership", committee)
    committee = Committee.objects.select_for_update(of=("self",)).get(pk=committee.pk)
    for row in rows:
        unknown = set(row) - MEMBERSHIP_ROW_KEYS
        if unknown:
            raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    seats = {s.pk: s for s in Seat.objects.filter(committee=committee).select_related("group", "organisation")}
    known = [facts.membership_facts(m) for m in Membership.objects.filter(committee=committee).select_related("person")]
    outcome = BulkOutcome(records=[None] * len(rows))
    accepted: list[tuple[Membership, dict]] = []
    for index, row in enumerate(rows):
        person, role = row["person"], MembershipRole(row["role"])
        start_date, end_date = row["start_date"], row.get("end_date")
        seat = row.get("seat")
        try:
            if seat is not None:
                if seat.pk not in seats:
                    raise RuleViolation("That seat belongs to another committee.", code="governance.seat", field="seat")
                seat = seats[seat.pk]
            if role == MembershipRole.CO_OPTED:
                seat = None
            new = gov_rules.MembershipFacts(
                person_id=person.pk, person_name=person.display_name, role=role.value,
                seat_id=seat.pk if seat else None, period=gov_rules.Period(start_date, end_date),
            )
            gov_rules.check_membership(
                new,
                seat_label=facts.seat_label(seat) if seat else "The committee",
                seat_memberships=[m for m in known if seat is not None and m.seat_id == seat.pk],
                person_memberships=[m for m in known if m.person_id == person.pk],
                substitutes_per_member=committee.substitutes_per_member,
                co_opted_allowed=committee.co_opted_members_allowed,
            )
            voting = committee.co_opted_members_vote if role == MembershipRole.CO_OPTED else seat.group.voting
            membership = Membership(committee=committee, seat=seat, person=person, role=role, voting=voting,
                                    start_date=start_date, end_date=end_date, note=row.get("note", ""))
            full_clean_fields(membership)
        except RuleViolation as exc:
            if not collect_refusals:
                raise
            outcome.refused[index] = exc
            continue
        known.append(new)
        accepted.append((membership, {"person": person.display_name, "role": role.value,
                                      "seat": seat.number if seat else None, "start_date": start_date,
                                      "end_date": end_date, "voting": voting}))
        outcome.records[index] = membership
    Membership.objects.bulk_create([m for m, _ in accepted], batch_size=500)
    audit.record_many("governance.membership.appointed", actor=acting_user, events=accepted)
    return outcome


@transaction.atomic
def end_membership(membership: Membership, *, end_date: dt.date, acting_user: Actor) -> Membership:
    """End a membership on ``end_date`` (the last day it applies)."""
    require(acting_user, "governance.manage_membership", membership.committee)
    membership = Membership.objects.select_for_update(of=("self",)).select_related("person").get(pk=membership.pk)
    if end_date < membership.start_date:
        raise RuleViolation("The end date must be on or after the start date.", code="governance.period",
                            field="end_date")
    attended_after = membership.attendances.filter(meeting__date__gt=end_date).exists()
    if attended_after:
        raise RuleViolation(
            f"{membership.person.display_name} is recorded at meetings after {gov_rules.fmt_date(end_date)} in this "
            "place; correct those records first.",
            code="governance.membership_in_use", field="end_date",
        )
    before = membership.end_date
    membership.end_date = end_date
    full_clean(membership)
    membership.save(update_fields=["end_date"])
    audit.record("governance.membership.ended", actor=acting_user, target=membership,
                 data={"end_date": {"old": before, "new": end_date}})
    return membership


@transaction.atomic
def elect_office_holder(
    committee: Committee,
    *,
    office: str,
    person: Person,
    acting_user: Actor,
    meeting: Meeting | None = None,
    elected_on: dt.date | None = None,
    civic_year: str | None = None,
) -> OfficeHolder:
    """Record the election of the Chair or Vice-Chair for a civic year (seed 002:426-427).

    The election date is the meeting's date when a meeting is given; the civic year defaults to
    the one containing that date.
    """
    require(acting_user, "governance.manage_membership", committee)
    office = Office(office)
    committee = Committee.objects.select_for_update(of=("self",)).get(pk=committee.pk)
    if meeting is not None:
        if meeting.committee_id != committee.pk:
            raise RuleViolation("That meeting belongs to another committee.", code="governance.meeting", field="meeting")
        elected_on = meeting.date
    if elected_on is None:
        raise RuleViolation("Enter the date of the election.", code="governance.election_date", field="elected_on")
    year = civic_year or committee.civic_year(elected_on)
    try:
        start, end = committee.civic_year_bounds(year)
    except ValueError as exc:
        raise RuleViolation(str(exc), code="governance.civic_year", field="civic_year") from exc
    if not (start <= elected_on <= end):
        raise RuleViolation(
            f"The election on {gov_rules.fmt_date(elected_on)} does not fall in the civic year {year}.",
            code="governance.civic_year", field="civic_year",
        )
    membership = facts.membership_on(committee, person, elected_on)
    group = membership.seat.group if membership and membership.seat_id else None
    eligible_groups = [
        g.name for g in committee.seat_groups.all()
        if (g.chair_eligible if office == Office.CHAIR else g.vice_chair_eligible)
    ]
    holders = {
        h.office: h for h in OfficeHolder.objects.filter(committee=committee, civic_year=year).select_related("person")
    }
    current = holders.get(office.value)
    other = holders.get(Office.VICE_CHAIR.value if office == Office.CHAIR else Office.CHAIR.value)
    gov_rules.check_office_election(
        office=office.value,
        civic_year=year,
        person_id=person.pk,
        person_name=person.display_name,
        election_date=elected_on,
        membership=facts.membership_facts(membership) if membership else None,
        group=facts.group_facts(group) if group else None,
        eligible_group_names=eligible_groups,
        current_holder=(current.person_id, current.person.display_name) if current else None,
        other_office_holder=(other.person_id, other.person.display_name) if other else None,
    )
    holder = OfficeHolder.objects.create(
        committee=committee, office=office, civic_year=year, person=person, elected_at=meeting, elected_on=elected_on
    )
    audit.record("governance.office.elected", actor=acting_user, target=holder,
                 data={"office": office.value, "civic_year": year, "person": person.display_name,
                       "meeting": meeting.pk if meeting else None})
    return holder


@transaction.atomic
def set_support_officers(committee: Committee, *, users: list, acting_user: Actor) -> Committee:
    """Choose the committee officers who prepare and record this committee's meetings."""
    require(acting_user, "governance.manage_committee", committee)
    before = sorted(committee.support_officers.values_list("username", flat=True))
    committee.support_officers.set(users)
    after = sorted(u.get_username() for u in users)
    audit.record("governance.committee.support_officers_set", actor=acting_user, target=committee,
                 data={"old": before, "new": after})
    return committee
