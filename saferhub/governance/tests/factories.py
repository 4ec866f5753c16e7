"""Build committees, people and meetings for tests through the actions (never raw saves)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import Committee, Meeting, Seat

_seq = count(1)

DISTRICTS = ["Breckland", "Broadland", "Great Yarmouth", "King's Lynn", "North Norfolk", "Norwich", "South Norfolk"]


@dataclass
class Panel:
    """A Norfolk-shaped sub panel: 3 county seats, 7 district seats, each with member and substitute."""

    committee: Committee
    county: Organisation
    districts: list[Organisation]
    partnership: Organisation
    seats: list[Seat]
    members: list[Person]
    substitutes: list[Person]
    officer: Person
    start: dt.date
    extra: dict = field(default_factory=dict)

    def member(self, index: int) -> Person:
        return self.members[index]

    def substitute(self, index: int) -> Person:
        return self.substitutes[index]


def organisation(name: str, kind: str) -> Organisation:
    existing = Organisation.objects.filter(name=name).first()
    return existing or core_actions.create_organisation(name=name, kind=kind, acting_user=SYSTEM)


def person(name: str, *, councillor: bool = True, organisation=None, job_title: str = "") -> Person:
    return core_actions.create_person(
        name=name, honorific="Cllr" if councillor else "", is_councillor=councillor, organisation=organisation,
        job_title=job_title, acting_user=SYSTEM,
    )


def make_panel(*, quorum: int = 5, start: dt.date | None = None, substitutes: bool = True, slug: str | None = None) -> Panel:
    n = next(_seq)
    start = start or dt.date(2020, 5, 1)
    county = organisation(f"County Council {n}", "county_council")
    districts = [organisation(f"{d} Council {n}", "district_council") for d in DISTRICTS]
    partnership = organisation(f"Community Safety Partnership {n}", "partnership")
    committee = actions.create_committee(
        name=f"Scrutiny Sub Panel {n}", slug=slug or f"sub-panel-{n}", organisation=county, scrutinises=partnership,
        quorum=quorum, default_venue="County Hall", default_start_time=dt.time(10), acting_user=SYSTEM,
    )
    county_group = actions.add_seat_group(
        committee, name="County Council members", seats=3, organisation=county, seats_per_organisation=3,
        chair_eligible=True, acting_user=SYSTEM,
    )
    district_group = actions.add_seat_group(
        committee, name="District Council members", seats=7, organisation_kind="district_council",
        seats_per_organisation=1, vice_chair_eligible=True, acting_user=SYSTEM,
    )
    seats = [actions.add_seat(committee, group=county_group, organisation=county, acting_user=SYSTEM) for _ in range(3)]
    seats += [actions.add_seat(committee, group=district_group, organisation=d, acting_user=SYSTEM) for d in districts]
    members, subs = [], []
    for i, seat in enumerate(seats):
        member = person(f"Member {n}-{i}", organisation=seat.organisation)
        actions.appoint_member(committee, person=member, role="member", seat=seat, start_date=start, acting_user=SYSTEM)
        members.append(member)
        if substitutes:
            sub = person(f"Substitute {n}-{i}", organisation=seat.organisation)
            actions.appoint_member(committee, person=sub, role="substitute", seat=seat, start_date=start, acting_user=SYSTEM)
            subs.append(sub)
    officer = person(f"Officer {n}", councillor=False, organisation=partnership, job_title="Community Safety Officer")
    return Panel(committee, county, districts, partnership, seats, members, subs, officer, start)


def make_meeting(panel: Panel, *, date: dt.date | None = None, items: int = 2) -> Meeting:
    meeting = actions.schedule_meeting(panel.committee, date=date or timezone.localdate(), acting_user=SYSTEM)
    for i in range(items):
        actions.add_agenda_item(meeting, title=f"Partnership report {i + 1}", kind="report", acting_user=SYSTEM)
    return meeting


def attend(meeting: Meeting, people: list[Person]) -> None:
    for p in people:
        actions.record_attendance(meeting, person=p, status="present", acting_user=SYSTEM)


def held(panel: Panel, day: dt.date, present: list[Person]) -> Meeting:
    """A one-item meeting on ``day`` with ``present`` attending, its attendance finalised and its record
    published (what the councillor pages count)."""
    meeting = make_meeting(panel, date=day, items=1)
    attend(meeting, present)
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    actions.publish_meeting_record(meeting, acting_user=SYSTEM)
    return meeting


def user(username: str, *roles: str, person: Person | None = None, supports: Committee | None = None):
    User = get_user_model()
    u = User.objects.create_user(username=username, password="a-long-test-password-123")
    core_actions.set_user_roles(u, roles=list(roles), acting_user=SYSTEM)
    if person is not None:
        core_actions.update_person(person, user=u, acting_user=SYSTEM)
    if supports is not None:
        actions.set_support_officers(supports, users=[*supports.support_officers.all(), u], acting_user=SYSTEM)
    return User.objects.get(pk=u.pk)


def committee_officer(panel: Panel, username: str = "officer"):
    return user(username, Role.COMMITTEE_OFFICER, supports=panel.committee)
