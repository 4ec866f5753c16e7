"""Governance endpoints: committees, meetings, attendance and decisions.

The shapes here are a contract other tools rely on; change them only by adding fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field, WithJsonSchema

from saferhub.core.api_auth import write_auth
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Person
from saferhub.core.params import Id, IsoDate, Limit500, Name, Offset, Text
from saferhub.core.permissions import can
from saferhub.core.problems import problems
from saferhub.core.queries import find_person
from saferhub.governance import actions, queries
from saferhub.governance.models import Committee, Meeting

router = Router(tags=["governance"])


# ---------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------


class Ref(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    name: str
    honorific: str
    organisation: str | None


class CommitteeSummary(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    organisation: str
    parent: Ref | None
    scrutinises: Ref | None
    quorum: int
    meeting_frequency_months: int
    url: str


class SeatOut(Schema):
    number: int
    group: str
    representing: str
    member: PersonRef | None
    substitutes: list[PersonRef]


class OfficeHolderOut(Schema):
    office: Literal["chair", "vice_chair"]
    civic_year: str
    person: PersonRef
    elected_on: dt.date
    elected_at_meeting: int | None


class SeatGroupOut(Schema):
    name: str
    seats: int
    representing: str
    seats_per_organisation: int
    voting: bool
    chair_eligible: bool
    vice_chair_eligible: bool


class TermsOfReferenceOut(Schema):
    role: str
    quorum: int
    meeting_frequency_months: int
    substitutes_per_member: int
    co_opted_members_allowed: bool
    co_opted_members_vote: bool
    civic_year_starts: str
    reports_to: Ref | None
    seat_groups: list[SeatGroupOut]


class CommitteeDetail(CommitteeSummary):
    terms_of_reference: TermsOfReferenceOut
    as_of: dt.date
    seats: list[SeatOut]
    members: list[PersonRef]
    substitutes: list[PersonRef]
    co_opted: list[PersonRef]
    office_holders: list[OfficeHolderOut]
    current_office_holders: dict[str, PersonRef]


#: A clock time with its offset, as ``local_time`` writes it.
ClockTime = Annotated[str, WithJsonSchema({"type": "string", "format": "time", "example": "10:00:00+01:00"})]


class MeetingSummary(Schema):
    id: int
    committee: Ref
    date: dt.date
    date_to_be_confirmed: bool
    start_time: ClockTime | None
    venue: str
    status: Literal["scheduled", "held", "inquorate", "cancelled", "postponed"]
    url: str


class QuorumOut(Schema):
    required: int
    voting_present: int | None
    quorate: bool | None
    basis: Literal["attendance", "status", "withheld"]


class AttendanceOut(Schema):
    person: str
    person_id: int
    honorific: str
    recorded_as: str
    role: Literal["member", "substitute", "co-opted", "officer"]
    status: Literal["present", "apologies", "absent", "in_attendance"]
    substitute_for: str | None
    voting: bool
    title: str
    organisation: str | None


class DeclarationOut(Schema):
    person: str
    type: Literal["DPI", "Other"]
    nature: str
    item: str | None
    took_no_part: bool


class RecommendationOut(Schema):
    text: str
    addressee: str
    response_due: dt.date
    status: str


class DecisionOut(Schema):
    item: str
    sequence: int
    verb: str
    text: str
    recommendations: list[RecommendationOut]


class AgendaItemOut(Schema):
    number: str
    title: str
    description: str
    kind: str
    page: int | None
    carry_forward: bool
    minutes_confirmed: list[dt.date]


class MeetingDetail(MeetingSummary):
    finished_at: ClockTime | None
    declared_inquorate_at: ClockTime | None
    livestream_url: str
    chaired_by: str | None
    chair_capacity: str
    postponed_to: int | None
    record_published: bool
    quorum: QuorumOut
    attendance: list[AttendanceOut]
    declarations: list[DeclarationOut]
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]


class AttendanceIn(Schema):
    person_id: Id | None = None
    person: Name | None = None
    status: Literal["present", "apologies", "absent", "in_attendance"]
    role: Literal["member", "substitute", "co-opted", "officer"] | None = None
    substitute_for_id: Id | None = None
    substitute_for: Name | None = None
    title: Annotated[Text, Field(max_length=300)] = ""


class AttendanceResult(Schema):
    attendance: AttendanceOut
    quorum: QuorumOut


class MeetingFilter(Schema):
    committee: Id | None = None
    status: Literal["scheduled", "held", "inquorate", "cancelled", "postponed"] | None = None
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    limit: Limit500 = 50
    offset: Offset = 0


class StatsOut(Schema):
    committee_id: int
    committee: str
    civic_year: str
    expected: int
    present: int
    present_as_substitute: int
    substituted: int
    apologies: int
    absent: int
    not_recorded: int


# ---------------------------------------------------------------------------------------------
# Serialisers (plain functions over prefetched objects: no queries of their own)
# ---------------------------------------------------------------------------------------------


def person_ref(person: Person) -> dict:
    return {
        "id": person.pk, "name": person.name, "honorific": person.honorific,
        "organisation": person.organisation.name if person.organisation_id else None,
    }


def committee_summary(c: Committee) -> dict:
    return {
        "id": c.pk, "name": c.name, "short_name": c.short_name, "slug": c.slug, "organisation": c.organisation.name,
        "parent": {"id": c.parent.pk, "name": c.parent.name} if c.parent_id else None,
        "scrutinises": {"id": c.scrutinises.pk, "name": c.scrutinises.name} if c.scrutinises_id else None,
        "quorum": c.quorum, "meeting_frequency_months": c.meeting_frequency_months, "url": c.get_absolute_url(),
    }


def local_time(day: dt.date, time: dt.time | None) -> str | None:
    """A meeting's clock time with its UK offset on that day (``10:00:00+01:00``), so that it is an
    RFC 3339 ``time`` and says which hour it is without the reader knowing the time zone."""
    if time is None:
        return None
    moment = dt.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return time.replace(tzinfo=dt.timezone(moment.utcoffset())).isoformat()


def meeting_summary(m: Meeting) -> dict:
    return {
        "id": m.pk, "committee": {"id": m.committee.pk, "name": m.committee.name}, "date": m.date,
        "date_to_be_confirmed": m.date_precision != "day", "start_time": local_time(m.date, m.start_time),
        "venue": m.venue,
        "status": m.status, "url": m.get_absolute_url(),
    }


def attendance_out(a) -> dict:
    return {
        "person": a.person.name, "person_id": a.person_id, "honorific": a.person.honorific,
        "recorded_as": a.recorded_name or a.person.display_name, "role": a.role, "status": a.status,
        "substitute_for": a.substitute_for.name if a.substitute_for_id else None, "voting": a.voting,
        "title": a.title, "organisation": a.organisation.name if a.organisation_id else None,
    }


def quorum_out(meeting: Meeting, visible: bool) -> dict:
    if not visible:
        return {"required": meeting.applicable_quorum, "voting_present": None, "quorate": None, "basis": "withheld"}
    result = queries.quorum_for(meeting)
    if not meeting.attendances.all() and meeting.status == "held":
        # Older meetings whose attendance is not on record: held means it was quorate.
        return {"required": result.required, "voting_present": None, "quorate": True, "basis": "status"}
    return {"required": result.required, "voting_present": result.voting_present, "quorate": result.quorate,
            "basis": "attendance"}


def meeting_detail(meeting: Meeting, user) -> dict:
    visible = queries.record_visible(user, meeting)
    items = list(meeting.agenda_items.all())
    decisions = []
    for item in items:
        label = item.number or item.title
        for d in item.decisions.all():
            decisions.append({
                "item": label, "sequence": d.sequence, "verb": d.verb, "text": d.text,
                "recommendations": [
                    {"text": r.text, "addressee": str(r.addressee), "response_due": r.response_due, "status": r.status}
                    for r in d.recommendations.all()
                ],
            })
    return {
        **meeting_summary(meeting),
        "finished_at": local_time(meeting.date, meeting.finished_at),
        "declared_inquorate_at": local_time(meeting.date, meeting.declared_inquorate_at),
        "livestream_url": meeting.livestream_url,
        "chaired_by": meeting.chaired_by.name if meeting.chaired_by_id and visible else None,
        "chair_capacity": meeting.chair_capacity if visible else "",
        "postponed_to": meeting.postponed_to_id,
        "record_published": meeting.record_published,
        "quorum": quorum_out(meeting, visible),
        "attendance": [attendance_out(a) for a in meeting.attendances.all()] if visible else [],
        "declarations": [
            {"person": d.person.name, "type": d.interest_type, "nature": d.nature,
             "item": (d.agenda_item.number or d.agenda_item.title) if d.agenda_item_id else None,
             "took_no_part": d.took_no_part}
            for d in meeting.declarations.all()
        ] if visible else [],
        "agenda": [
            {"number": i.number, "title": i.title, "description": i.description, "kind": i.kind, "page": i.page,
             "carry_forward": i.carry_forward, "minutes_confirmed": [m.date for m in i.confirms_minutes_of.all()]}
            for i in items
        ],
        "decisions": decisions if visible else [],
    }


# ---------------------------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------------------------


@router.get("/committees/", response=list[CommitteeSummary], summary="List committees")
def list_committees(request):
    qs = Committee.objects.filter(is_active=True).select_related("organisation", "parent", "scrutinises")
    visible = _visible_private_committees(request.user)
    return [committee_summary(c) for c in qs if c.is_public or c.pk in visible]


@router.get("/committees/{committee_id}", response=CommitteeDetail, summary="A committee with its members")
def get_committee(request, committee_id: Id, on: IsoDate | None = None):
    """The committee, its Terms of Reference and its membership on ``on`` (today by default)."""
    committee = get_object_or_404(
        Committee.objects.select_related("organisation", "parent", "scrutinises"), pk=committee_id
    )
    if not can(request.user, "governance.view_committee", committee):
        raise Http404
    composition = queries.composition_on(committee, on)
    holders = queries.office_holders(committee)
    current = queries.current_office_holders(committee, composition.day)
    groups = list(committee.seat_groups.select_related("organisation"))
    return {
        **committee_summary(committee),
        "terms_of_reference": {
            "role": committee.role_text, "quorum": committee.quorum,
            "meeting_frequency_months": committee.meeting_frequency_months,
            "substitutes_per_member": committee.substitutes_per_member,
            "co_opted_members_allowed": committee.co_opted_members_allowed,
            "co_opted_members_vote": committee.co_opted_members_vote,
            "civic_year_starts": f"{committee.civic_year_start_day:02d}-{committee.civic_year_start_month:02d}",
            "reports_to": {"id": committee.parent.pk, "name": committee.parent.name} if committee.parent_id else None,
            "seat_groups": [
                {"name": g.name, "seats": g.seats,
                 "representing": g.organisation.name if g.organisation_id else g.get_organisation_kind_display(),
                 "seats_per_organisation": g.seats_per_organisation, "voting": g.voting,
                 "chair_eligible": g.chair_eligible, "vice_chair_eligible": g.vice_chair_eligible}
                for g in groups
            ],
        },
        "as_of": composition.day,
        "seats": [
            {"number": row.seat.number, "group": row.seat.group.name, "representing": row.seat.organisation.name,
             "member": person_ref(row.member.person) if row.member else None,
             "substitutes": [person_ref(s.person) for s in row.substitutes]}
            for row in composition.seats
        ],
        "members": [person_ref(m.person) for m in composition.members],
        "substitutes": [person_ref(m.person) for m in composition.substitutes],
        "co_opted": [person_ref(m.person) for m in composition.co_opted],
        "office_holders": [
            {"office": h.office, "civic_year": h.civic_year, "person": person_ref(h.person),
             "elected_on": h.elected_on, "elected_at_meeting": h.elected_at_id}
            for h in holders
        ],
        "current_office_holders": {office: person_ref(h.person) for office, h in current.items()},
    }


class MeetingPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MeetingSummary]


@router.get("/meetings/", response=MeetingPage, summary="List meetings")
def list_meetings(request, filters: Query[MeetingFilter]):
    """Meetings in date order, filtered by committee, status and dates; ``limit`` (at most 500) and
    ``offset`` page through them."""
    qs = queries.meetings_for().order_by("date", "id").filter(
        Q(committee__is_public=True) | Q(committee_id__in=_visible_private_committees(request.user)))
    if filters.committee is not None:
        qs = qs.filter(committee_id=filters.committee)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.date_from:
        qs = qs.filter(date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(date__lte=filters.date_to)
    limit, offset = filters.limit, filters.offset
    return {"count": qs.count(), "limit": limit, "offset": offset,
            "items": [meeting_summary(m) for m in qs[offset:offset + limit]]}


@router.get("/meetings/{meeting_id}", response=MeetingDetail, summary="A meeting with its record")
def get_meeting(request, meeting_id: Id):
    """The meeting with quorum, attendance, declarations, agenda and decisions. Attendance,
    declarations and decisions are shown once the record is published (or to those who may read
    drafts)."""
    try:
        meeting = queries.meeting_with_record(meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
    if not can(request.user, "governance.view_committee", meeting.committee):
        raise Http404
    return meeting_detail(meeting, request.user)


def _visible_private_committees(user) -> set[int]:
    """Private bodies (Partnership groups, issue 11) this user may see; none for anonymous callers."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {c.pk for c in Committee.objects.filter(is_public=False) if can(user, "governance.view_committee", c)}


def _resolve(person_id: int | None, name: str | None, field: str) -> Person | None:
    if person_id is not None:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise RuleViolation(f"There is no person with id {person_id}.", code="governance.unknown_person", field=field)
        return person
    if name:
        person = find_person(name)
        if person is None:
            raise RuleViolation(f"Nobody called “{name}” is known (or the name is ambiguous); send an id instead.",
                                code="governance.unknown_person", field=field)
        return person
    return None


@router.post(
    "/meetings/{meeting_id}/attendance", response={200: AttendanceResult, **problems(403)}, auth=write_auth,
    summary="Record one person's attendance",
)
def post_attendance(request, meeting_id: Id, payload: AttendanceIn):
    """Record or change one person's attendance. A rule breach (for example a substitute who is not
    the member's named substitute) is answered 422 with the rule's message."""
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    person = _resolve(payload.person_id, payload.person, "person")
    if person is None:
        raise RuleViolation("Send person_id or person.", code="governance.unknown_person", field="person")
    substitute_for = _resolve(payload.substitute_for_id, payload.substitute_for, "substitute_for")
    with transaction.atomic():
        attendance = actions.record_attendance(
            meeting, person=person, status=payload.status, role=payload.role, substitute_for=substitute_for,
            title=payload.title, acting_user=request.user,
        )
    meeting = queries.meeting_with_record(meeting.pk)
    row = next(a for a in meeting.attendances.all() if a.pk == attendance.pk)
    return {"attendance": attendance_out(row), "quorum": quorum_out(meeting, True)}


@router.get("/people/{person_id}/attendance", response=list[StatsOut], summary="A member's attendance statistics")
def person_attendance(request, person_id: Id):
    person = get_object_or_404(Person, pk=person_id)
    return [
        {"committee_id": s.committee_id, "committee": s.committee_name, "civic_year": s.civic_year,
         "expected": s.expected, "present": s.present, "present_as_substitute": s.present_as_substitute,
         "substituted": s.substituted, "apologies": s.apologies, "absent": s.absent, "not_recorded": s.not_recorded}
        for s in queries.attendance_statistics(person)
    ]
