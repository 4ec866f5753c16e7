"""Constitution actions: seats, memberships, offices, with their audit rows and permissions."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import Membership, OfficeHolder, Seat
from saferhub.governance.tests.factories import make_meeting, make_panel, organisation, person, user

pytestmark = pytest.mark.django_db
D = dt.date
VIA = pytest.mark.parametrize("via", ["single", "bulk"])


def appoint(via, committee, **kwargs):
    """Appoint through the single-row action or the bulk one."""
    if via == "single":
        return actions.appoint_member(committee, **kwargs)
    acting_user = kwargs.pop("acting_user")
    return actions.appoint_members(committee, rows=[kwargs], acting_user=acting_user).records[0]


def test_fourth_county_seat_is_refused_and_nothing_is_saved():
    panel = make_panel()
    county_group = panel.committee.seat_groups.get(name="County Council members")
    before = Seat.objects.count()
    with pytest.raises(RuleViolation, match="provide 3 seats for County Council members"):
        actions.add_seat(panel.committee, group=county_group, organisation=panel.county, acting_user=SYSTEM)
    assert Seat.objects.count() == before


def test_second_seat_for_a_district_is_refused():
    panel = make_panel()
    group = panel.committee.seat_groups.get(name="District Council members")
    with pytest.raises(RuleViolation, match="one place|allow 1 from each body|all of them"):
        actions.add_seat(panel.committee, group=group, organisation=panel.districts[0], acting_user=SYSTEM)


@VIA
def test_second_named_substitute_is_refused(via):
    panel = make_panel()
    extra = person("Extra Substitute", organisation=panel.districts[0])
    with pytest.raises(RuleViolation, match="already has its named substitute") as exc:
        appoint(via, panel.committee, person=extra, role="substitute", seat=panel.seats[3],
                               start_date=D(2022, 1, 1), acting_user=SYSTEM)
    assert exc.value.rule_code == "governance.one_named_substitute"
    assert not Membership.objects.filter(person=extra).exists()


@VIA
def test_replacing_a_substitute_after_ending_the_first(via):
    panel = make_panel()
    old = Membership.objects.get(person=panel.substitute(3))
    actions.end_membership(old, end_date=D(2022, 2, 23), acting_user=SYSTEM)
    new_sub = person("New Substitute", organisation=panel.districts[0])
    m = appoint(via, panel.committee, person=new_sub, role="substitute", seat=panel.seats[3],
                               start_date=D(2022, 2, 24), acting_user=SYSTEM)
    assert m.voting is True
    assert AuditEvent.objects.filter(code="governance.membership.ended", target_id=str(old.pk)).count() == 1
    appointed = AuditEvent.objects.get(code="governance.membership.appointed", target_id=str(m.pk))
    assert appointed.data["person"] == "Cllr New Substitute" and appointed.data["start_date"] == "2022-02-24"


@VIA
def test_co_opted_members_do_not_vote_by_default(via):
    panel = make_panel()
    co = person("Co-opted Expert", councillor=False)
    m = appoint(via, panel.committee, person=co, role="co_opted", start_date=D(2022, 1, 1), acting_user=SYSTEM)
    assert m.seat is None and m.voting is False


def test_chair_must_be_a_county_member():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    with pytest.raises(RuleViolation, match="Chair must be elected from the County Council members"):
        actions.elect_office_holder(panel.committee, office="chair", person=panel.member(4), meeting=meeting, acting_user=SYSTEM)
    holder = actions.elect_office_holder(panel.committee, office="chair", person=panel.member(0), meeting=meeting, acting_user=SYSTEM)
    assert holder.civic_year == "2022-23" and holder.elected_on == D(2022, 6, 9)


def test_vice_chair_from_other_members_once_per_year():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    with pytest.raises(RuleViolation, match="Vice-Chair must be elected from the District Council members"):
        actions.elect_office_holder(panel.committee, office="vice_chair", person=panel.member(1), meeting=meeting, acting_user=SYSTEM)
    actions.elect_office_holder(panel.committee, office="vice_chair", person=panel.member(5), meeting=meeting, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="already been elected"):
        actions.elect_office_holder(panel.committee, office="vice_chair", person=panel.member(6),
                                    elected_on=D(2022, 9, 1), acting_user=SYSTEM)
    assert OfficeHolder.objects.filter(committee=panel.committee, civic_year="2022-23").count() == 1


def test_election_outside_its_civic_year_is_refused():
    panel = make_panel()
    with pytest.raises(RuleViolation, match="does not fall in the civic year 2021-22"):
        actions.elect_office_holder(panel.committee, office="chair", person=panel.member(0), elected_on=D(2022, 6, 9),
                                    civic_year="2021-22", acting_user=SYSTEM)


def test_quorum_cannot_exceed_voting_seats():
    panel = make_panel()
    with pytest.raises(RuleViolation, match="could never be met"):
        actions.update_terms_of_reference(panel.committee, quorum=11, acting_user=SYSTEM)
    actions.update_terms_of_reference(panel.committee, quorum=6, acting_user=SYSTEM)


def test_committee_cannot_report_to_itself_through_a_cycle():
    panel = make_panel()
    other = make_panel()
    actions.update_terms_of_reference(other.committee, parent=panel.committee, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="cannot report to itself"):
        actions.update_terms_of_reference(panel.committee, parent=other.committee, acting_user=SYSTEM)


@pytest.mark.parametrize(
    "role,supports,allowed",
    [
        (Role.ADMINISTRATOR, False, True),
        (Role.COMMITTEE_OFFICER, True, True),
        (Role.COMMITTEE_OFFICER, False, False),
        (Role.COUNCILLOR, False, False),
        (Role.PARTNERSHIP_OFFICER, False, False),
    ],
)
def test_who_may_appoint_members(role, supports, allowed):
    panel = make_panel()
    u = user(f"u-{role}-{supports}", role, supports=panel.committee if supports else None)
    old = Membership.objects.get(person=panel.substitute(0))
    if allowed:
        actions.end_membership(old, end_date=D(2022, 1, 1), acting_user=u)
        assert AuditEvent.objects.filter(code="governance.membership.ended", actor=u).count() == 1
    else:
        with pytest.raises(ActionPermissionDenied):
            actions.end_membership(old, end_date=D(2022, 1, 1), acting_user=u)
        assert Membership.objects.get(pk=old.pk).end_date is None


def test_committee_officers_cannot_change_terms_of_reference():
    panel = make_panel()
    officer = user("co", Role.COMMITTEE_OFFICER, supports=panel.committee)
    with pytest.raises(ActionPermissionDenied):
        actions.update_terms_of_reference(panel.committee, quorum=3, acting_user=officer)


def test_seat_group_must_say_which_bodies():
    panel = make_panel()
    with pytest.raises(RuleViolation, match="which body"):
        actions.add_seat_group(panel.committee, name="Others", seats=1, acting_user=SYSTEM)


def test_membership_cannot_end_before_meetings_it_attended():
    panel = make_panel()
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    actions.record_attendance(meeting, person=panel.member(0), status="present", acting_user=SYSTEM)
    m = Membership.objects.get(person=panel.member(0))
    with pytest.raises(RuleViolation, match="recorded at meetings after"):
        actions.end_membership(m, end_date=D(2022, 6, 1), acting_user=SYSTEM)
    assert organisation  # factories import check


def test_bulk_appointments_are_checked_against_each_other_in_order():
    panel = make_panel(substitutes=False)
    a, b = person("First Substitute", organisation=panel.districts[0]), person("Second Substitute", organisation=panel.districts[0])
    rows = [{"person": a, "role": "substitute", "seat": panel.seats[3], "start_date": D(2022, 1, 1)},
            {"person": b, "role": "substitute", "seat": panel.seats[3], "start_date": D(2022, 6, 1)},
            {"person": a, "role": "substitute", "seat": panel.seats[4], "start_date": D(2022, 1, 1)}]
    with pytest.raises(RuleViolation, match="already has its named substitute"):
        actions.appoint_members(panel.committee, rows=rows, acting_user=SYSTEM)
    assert not Membership.objects.filter(person__in=[a, b]).exists()
    outcome = actions.appoint_members(panel.committee, rows=rows, acting_user=SYSTEM, collect_refusals=True)
    assert sorted(outcome.refused) == [1, 2]
    assert "A person can hold only one place" in outcome.refused[2].text
    assert list(Membership.objects.filter(person__in=[a, b]).values_list("person__name", "seat__number")) == [
        ("First Substitute", panel.seats[3].number)]
    assert AuditEvent.objects.filter(code="governance.membership.appointed", target_id=str(outcome.records[0].pk)).exists()
    other = make_panel()
    with pytest.raises(RuleViolation, match="another committee"):
        actions.appoint_members(panel.committee, rows=[{"person": b, "role": "member", "seat": other.seats[0],
                                                        "start_date": D(2022, 1, 1)}], acting_user=SYSTEM)
    councillor = user("bulk-councillor", Role.COUNCILLOR)
    with pytest.raises(ActionPermissionDenied):
        actions.appoint_members(panel.committee, rows=rows[1:2], acting_user=councillor)
