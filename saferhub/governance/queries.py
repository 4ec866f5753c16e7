"""Read-only selectors shared by the pages and the API. Each keeps its query count constant."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from saferhub.core.permissions import can
from saferhub.governance import rules as gov_rules
from saferhub.governance.facts import active_on
from saferhub.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    Committee,
    Decision,
    Declaration,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipRole,
    OfficeHolder,
    Recommendation,
    Seat,
    took_place_q,
)

# ---------------------------------------------------------------------------------------------
# Committees
# ---------------------------------------------------------------------------------------------


@dataclass
class SeatRow:
    seat: Seat
    member: Membership | None
    substitutes: list[Membership] = field(default_factory=list)


@dataclass
class Composition:
    day: dt.date
    seats: list[SeatRow]
    co_opted: list[Membership]

    @property
    def members(self) -> list[Membership]:
        return [row.member for row in self.seats if row.member]

    @property
    def substitutes(self) -> list[Membership]:
        return [s for row in self.seats for s in row.substitutes]


def composition_on(committee: Committee, day: dt.date | None = None) -> Composition:
    """Seats with their member and named substitutes on ``day`` (today by default); vacant seats
    have no member ("To be confirmed"). Two queries."""
    day = day or timezone.localdate()
    seats = list(Seat.objects.filter(committee=committee).select_related("organisation", "group").order_by("number"))
    memberships = list(
        Membership.objects.filter(active_on(day), committee=committee)
        .select_related("person", "person__organisation")
        .order_by("start_date")
    )
    rows = {s.pk: SeatRow(seat=s, member=None) for s in seats}
    co_opted = []
    for m in memberships:
        if m.role == MembershipRole.CO_OPTED:
            co_opted.append(m)
        elif m.seat_id in rows:
            if m.role == MembershipRole.MEMBER:
                rows[m.seat_id].member = m
            else:
                rows[m.seat_id].substitutes.append(m)
    return Composition(day=day, seats=list(rows.values()), co_opted=co_opted)


def office_holders(committee: Committee) -> list[OfficeHolder]:
    return list(
        OfficeHolder.objects.filter(committee=committee).select_related("person", "elected_at").order_by(
            "-civic_year", "office"
        )
    )


def current_office_holders(committee: Committee, day: dt.date | None = None) -> dict[str, OfficeHolder]:
    day = day or timezone.localdate()
    year = committee.civic_year(day)
    holders = OfficeHolder.objects.filter(committee=committee, civic_year=year).select_related("person")
    return {h.office: h for h in holders}


def frequency_warnings(committee: Committee, today: dt.date | None = None) -> list[str]:
    """Warnings for each complete quarter (or configured period) since the committee's first
    meeting in which no meeting was held. Inquorate, cancelled and postponed meetings do not count."""
    today = today or timezone.localdate()
    dates = list(
        Meeting.objects.filter(committee=committee, status=MeetingStatus.HELD).values_list("date", flat=True)
    )
    first = Meeting.objects.filter(committee=committee).order_by("date").values_list("date", flat=True).first()
    if first is None:
        return []
    gaps = gov_rules.periods_without_meeting(
        dates, since=first, today=today, frequency_months=committee.meeting_frequency_months
    )
    return [gap.describe(committee.meeting_frequency_months) for gap in gaps]


def upcoming_gap_warning(committee: Committee, today: dt.date | None = None) -> str | None:
    """A warning when nothing is scheduled in the current or next period."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=31 * committee.meeting_frequency_months)
    upcoming = Meeting.objects.filter(
        committee=committee, date__gte=today, date__lte=horizon, status=MeetingStatus.SCHEDULED
    ).exists()
    if upcoming:
        return None
    return (
        f"No meeting is scheduled in the next {committee.meeting_frequency_months} months; the Terms of Reference "
        "ask for a meeting every "
        + ("quarter." if committee.meeting_frequency_months == 3 else f"{committee.meeting_frequency_months} months.")
    )


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------


def meetings_for(committee: Committee | None = None):
    qs = Meeting.objects.select_related("committee")
    if committee is not None:
        qs = qs.filter(committee=committee)
    return qs


def meeting_with_record(pk: int) -> Meeting:
    """A meeting with everything its page and API need, in a fixed number of queries."""
    attendances = Attendance.objects.select_related(
        "person", "person__organisation", "substitute_for", "organisation"
    ).order_by("position", "id")
    decisions = Decision.objects.order_by("sequence").prefetch_related(
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("addressee_organisation", "addressee_committee"),
        )
    )
    items = AgendaItem.objects.order_by("position").prefetch_related(
        Prefetch("decisions", queryset=decisions),
        Prefetch("confirms_minutes_of", queryset=Meeting.objects.only("id", "date", "date_precision", "committee_id")),
    )
    declarations = Declaration.objects.select_related("person", "agenda_item").order_by("position", "id")
    return (
        Meeting.objects.select_related("committee", "committee__parent", "chaired_by", "postponed_to")
        .prefetch_related(
            Prefetch("attendances", queryset=attendances),
            Prefetch("agenda_items", queryset=items),
            Prefetch("declarations", queryset=declarations),
        )
        .get(pk=pk)
    )


def quorum_for(meeting: Meeting) -> gov_rules.QuorumResult:
    """The one count of a meeting's quorum, for pages, the API, papers and ``finalise_attendance``:
    the voting members present (``rules.count_quorum``) against the quorum that applied
    (``Meeting.applicable_quorum``: stored once attendance is confirmed). Reads the prefetched
    ``attendances`` when there are any, else one query."""
    facts = [
        gov_rules.AttendanceFacts(person_id=a.person_id, role=a.role, status=a.status, voting=a.voting,
                                  substitute_for_id=a.substitute_for_id)
        for a in meeting.attendances.all()
    ]
    return gov_rules.count_quorum(meeting.applicable_quorum, facts)


def record_visible(user, meeting: Meeting) -> bool:
    return meeting.record_published or can(user, "governance.view_draft", meeting)


def grouped_attendance(meeting: Meeting) -> dict[str, list[Attendance]]:
    """Attendance split the way minutes print it (from prefetched rows)."""
    groups: dict[str, list[Attendance]] = defaultdict(list)
    for a in meeting.attendances.all():
        if a.status == AttendanceStatus.PRESENT:
            groups["present"].append(a)
        elif a.status == AttendanceStatus.IN_ATTENDANCE:
            groups["in_attendance"].append(a)
        elif a.status == AttendanceStatus.APOLOGIES:
            key = {
                AttendanceRole.MEMBER: "apologies_members",
                AttendanceRole.CO_OPTED: "apologies_members",
                AttendanceRole.SUBSTITUTE: "apologies_substitutes",
            }.get(a.role, "apologies_officers")
            groups[key].append(a)
        else:
            groups["absent"].append(a)
    return dict(groups)


# ---------------------------------------------------------------------------------------------
# Attendance statistics (ModernGov-style categories)
# ---------------------------------------------------------------------------------------------


@dataclass
class AttendanceStats:
    committee_id: int
    committee_name: str
    civic_year: str
    expected: int = 0
    present: int = 0
    present_as_substitute: int = 0
    substituted: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def not_recorded(self) -> int:
        return max(0, self.expected - self.present - self.substituted - self.apologies - self.absent)

    @property
    def attendance_rate(self) -> int | None:
        """Per cent of expected meetings attended in person (a substitute attending does not count)."""
        return round(100 * self.present / self.expected) if self.expected else None


def attendance_statistics(person, *, include_unpublished: bool = False, public_only: bool = False) -> list[AttendanceStats]:
    """A member's attendance per committee and civic year, across all years.

    *Expected* counts meetings that took place (held or inquorate) while the person was a main or
    co-opted member. Each expected meeting falls in exactly one of: *present*; *substituted* (their
    named substitute attended in their place, whether or not an apology is recorded); *apologies*;
    *absent*; or not recorded. *Present as substitute* counts meetings attended in someone else's
    place. Three queries whatever the length of the history.
    """
    published = Q() if include_unpublished else Q(record_published=True)
    public = Q(committee__is_public=True) if public_only else Q()  # private bodies never reach public pages
    memberships = list(
        Membership.objects.filter(public, person=person, role__in=[MembershipRole.MEMBER, MembershipRole.CO_OPTED])
        .select_related("committee")
        .only("committee_id", "start_date", "end_date", "committee__name", "committee__short_name",
              "committee__civic_year_start_month", "committee__civic_year_start_day")
    )
    committees = {m.committee_id: m.committee for m in memberships}
    stats: dict[tuple[int, str], AttendanceStats] = {}

    def bucket(committee, day) -> AttendanceStats:
        key = (committee.pk, committee.civic_year(day))
        if key not in stats:
            stats[key] = AttendanceStats(committee.pk, str(committee), key[1])
        return stats[key]

    expected: dict[int, tuple[int, dt.date]] = {}
    if memberships:
        span = Q()
        for m in memberships:
            window = Q(committee_id=m.committee_id, date__gte=m.start_date)
            if m.end_date:
                window &= Q(date__lte=m.end_date)
            span |= window
        for meeting_id, committee_id, day in Meeting.objects.took_place().filter(
            span, published
        ).values_list("id", "committee_id", "date"):
            expected[meeting_id] = (committee_id, day)
    # One query for the person's own rows and the rows where someone attended in their place.
    rows = (
        Attendance.objects.filter(Q(person=person) | Q(substitute_for=person, status=AttendanceStatus.PRESENT))
        .filter(took_place_q("meeting__"))
        .filter(Q(meeting__record_published=True) if not include_unpublished else Q())
        .filter(Q(meeting__committee__is_public=True) if public_only else Q())
        .exclude(role=AttendanceRole.OFFICER)
        .select_related("meeting__committee")
        .only("person_id", "role", "status", "substitute_for_id", "meeting_id", "meeting__date",
              "meeting__committee__name", "meeting__committee__short_name",
              "meeting__committee__civic_year_start_month", "meeting__committee__civic_year_start_day")
    )
    own: dict[int, Attendance] = {}
    substituted: set[int] = set()
    for a in rows:
        if a.person_id == person.pk:
            if a.role == AttendanceRole.SUBSTITUTE:
                if a.status == AttendanceStatus.PRESENT:
                    bucket(a.meeting.committee, a.meeting.date).present_as_substitute += 1
            else:
                own[a.meeting_id] = a
        else:
            substituted.add(a.meeting_id)
        committees.setdefault(a.meeting.committee_id, a.meeting.committee)
    for meeting_id, (committee_id, day) in expected.items():
        b = bucket(committees[committee_id], day)
        b.expected += 1
        row = own.get(meeting_id)
        if row is not None and row.status == AttendanceStatus.PRESENT:
            b.present += 1
        elif meeting_id in substituted:
            b.substituted += 1
        elif row is not None and row.status == AttendanceStatus.APOLOGIES:
            b.apologies += 1
        elif row is not None and row.status == AttendanceStatus.ABSENT:
            b.absent += 1
    return sorted(stats.values(), key=lambda s: (s.committee_name, s.civic_year))
