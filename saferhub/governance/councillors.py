"""Reads for the public councillor pages: the "Your councillors" index, each councillor's meetings,
and a committee's attendance table for one civic year. Only public bodies (``Committee.is_public``)
and published records appear; each function runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q

from saferhub.core.models import Organisation, Person
from saferhub.governance.models import (
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    Committee,
    Meeting,
    Membership,
    MembershipRole,
    PartyAffiliation,
)

PUBLIC = Q(committee__is_public=True, committee__is_active=True)
PLACES = [MembershipRole.MEMBER, MembershipRole.SUBSTITUTE, MembershipRole.CO_OPTED]


def public_councillors(*, council: int | None = None, committee: Committee | None = None, party: str = ""):
    """Councillors with a place on a public committee, by name, each with their public places
    prefetched (newest first) and their party. ``council`` is an organisation id; ``committee`` narrows
    to its members; ``party`` to one party's councillors."""
    places = Membership.objects.filter(PUBLIC, role__in=PLACES)
    if committee is not None:
        places = places.filter(committee=committee)
    people = (
        Person.objects.filter(is_councillor=True)
        .filter(Exists(places.filter(person=OuterRef("pk"))))
        .select_related("organisation", "party_affiliation")
        .prefetch_related(Prefetch("memberships", to_attr="public_places",
                                   queryset=places.select_related("committee").order_by("-start_date")))
        .order_by("name", "pk")
    )
    if council is not None:
        people = people.filter(organisation_id=council)
    if party:
        people = people.filter(party_affiliation__party=party)
    return people


def party_options() -> list[str]:
    """The parties of councillors with a place on a public committee (one query)."""
    places = Membership.objects.filter(PUBLIC, role__in=PLACES, person=OuterRef("person"))
    return list(PartyAffiliation.objects.filter(person__is_councillor=True).filter(Exists(places))
                .order_by("party").values_list("party", flat=True).distinct())


def filter_options():
    """The councils and public committees the index can be filtered by (two queries)."""
    councils = Organisation.objects.filter(
        Exists(Person.objects.filter(organisation=OuterRef("pk"), is_councillor=True))
    ).order_by("name").only("pk", "name")
    committees = Committee.objects.filter(is_public=True, is_active=True).order_by("name").only("pk", "slug", "name", "short_name")
    return list(councils), list(committees)


def meetings_of(person: Person, *, limit: int = 100) -> list[Attendance]:
    """The person's attendance rows at published meetings of public committees, newest first."""
    return list(
        Attendance.objects.filter(person=person, meeting__record_published=True, meeting__committee__is_public=True)
        .exclude(role=AttendanceRole.OFFICER)
        .select_related("meeting__committee", "substitute_for")
        .order_by("-meeting__date", "-meeting__start_time")[:limit]
    )


CELL_LABELS = {
    "present": "Present", "substitute": "Substitute attended", "apologies": "Apologies",
    "absent": "Absent", "not_recorded": "Not recorded", "not_member": "",
}


@dataclass
class MemberRow:
    person: Person
    cells: list[str] = field(default_factory=list)  #: one key of CELL_LABELS per meeting

    def count(self, key: str) -> int:
        return self.cells.count(key)

    @property
    def expected(self) -> int:
        return sum(1 for c in self.cells if c != "not_member")

    @property
    def attended(self) -> int:
        return self.count("present")

    @property
    def substituted(self) -> int:
        return self.count("substitute")

    @property
    def apologies(self) -> int:
        return self.count("apologies")

    @property
    def rate(self) -> int | None:
        return round(100 * self.attended / self.expected) if self.expected else None


def attendance_cell(*, is_member: bool, own_status: str | None, substitute_attended: bool) -> str:
    """One member at one meeting, in the categories of ``queries.attendance_statistics``: present;
    their substitute attended; apologies; absent; not recorded; or not a member then."""
    if not is_member:
        return "not_member"
    if own_status == AttendanceStatus.PRESENT:
        return "present"
    if substitute_attended:
        return "substitute"
    if own_status == AttendanceStatus.APOLOGIES:
        return "apologies"
    if own_status == AttendanceStatus.ABSENT:
        return "absent"
    return "not_recorded"


def committee_attendance(committee: Committee, civic_year: str) -> tuple[list[Meeting], list[MemberRow]]:
    """Meetings that took place in the civic year (published records only, cancelled and postponed
    meetings excluded) and one row per main or co-opted member: three queries."""
    start, end = committee.civic_year_bounds(civic_year)
    meetings = list(Meeting.objects.took_place().filter(committee=committee, record_published=True,
                                                         date__gte=start, date__lte=end).order_by("date", "start_time"))
    memberships = list(
        Membership.objects.filter(committee=committee, role__in=[MembershipRole.MEMBER, MembershipRole.CO_OPTED],
                                  start_date__lte=end).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .select_related("person").order_by("person__name", "start_date")
    )
    rows = Attendance.objects.filter(meeting__in=[m.pk for m in meetings]).values_list(
        "meeting_id", "person_id", "status", "substitute_for_id")
    own, subbed = {}, set()
    for meeting_id, person_id, status, sub_for in rows:
        own[(meeting_id, person_id)] = status
        if sub_for and status == AttendanceStatus.PRESENT:
            subbed.add((meeting_id, sub_for))
    by_person: dict[int, list[Membership]] = {}
    for m in memberships:
        by_person.setdefault(m.person_id, []).append(m)
    result = []
    for spans in by_person.values():
        row = MemberRow(spans[0].person)
        for meeting in meetings:
            row.cells.append(attendance_cell(
                is_member=any(s.is_active_on(meeting.date) for s in spans),
                own_status=own.get((meeting.pk, row.person.pk)),
                substitute_attended=(meeting.pk, row.person.pk) in subbed,
            ))
        result.append(row)
    return meetings, result


def civic_years(committee: Committee) -> list[str]:
    """Civic years with a published meeting that took place, newest first (one query)."""
    days = Meeting.objects.took_place().filter(committee=committee, record_published=True).values_list("date", flat=True)
    return sorted({committee.civic_year(d) for d in days}, reverse=True)
