"""The Sub Panel's rules, tested as plain Python (no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saferhub.core.exceptions import RuleViolation
from saferhub.governance import rules as r

D = dt.date
COUNTY = r.SeatGroupFacts(name="County Council members", seats=3, seats_per_organisation=3, organisation_id=1,
                          organisation_name="Norfolk County Council", chair_eligible=True)
DISTRICT = r.SeatGroupFacts(name="District Council members", seats=7, seats_per_organisation=1,
                            organisation_kind="district_council", organisation_kind_label="District council",
                            vice_chair_eligible=True)


def membership(pid, role, seat, start=None, end=None, mid=None, name=None):
    return r.MembershipFacts(pid, name or f"Cllr {pid}", role, seat, r.Period(start or D(2021, 5, 1), end), mid)


class TestSeatComposition:
    def test_fourth_county_seat_is_refused(self):
        with pytest.raises(RuleViolation, match="provide 3 seats for County Council members") as exc:
            r.check_new_seat(COUNTY, organisation_id=1, organisation_name="Norfolk County Council",
                             organisation_kind="county_council", existing_organisation_ids=[1, 1, 1])
        assert exc.value.rule_code == "governance.tor_composition"

    def test_third_county_seat_is_allowed(self):
        r.check_new_seat(COUNTY, organisation_id=1, organisation_name="Norfolk County Council",
                         organisation_kind="county_council", existing_organisation_ids=[1, 1])

    def test_second_seat_for_one_district_is_refused(self):
        with pytest.raises(RuleViolation, match="allow 1 from each body"):
            r.check_new_seat(DISTRICT, organisation_id=5, organisation_name="Breckland", organisation_kind="district_council",
                             existing_organisation_ids=[5, 6])

    def test_county_seat_must_represent_the_county(self):
        with pytest.raises(RuleViolation, match="represent Norfolk County Council"):
            r.check_new_seat(COUNTY, organisation_id=9, organisation_name="Breckland", organisation_kind="district_council",
                             existing_organisation_ids=[])

    def test_district_seat_must_represent_a_district(self):
        with pytest.raises(RuleViolation, match="is not one"):
            r.check_new_seat(DISTRICT, organisation_id=1, organisation_name="Norfolk County Council",
                             organisation_kind="county_council", existing_organisation_ids=[])

    def test_quorum_larger_than_voting_seats_is_refused(self):
        with pytest.raises(RuleViolation, match="could never be met"):
            r.check_quorum_achievable(11, 10)
        r.check_quorum_achievable(5, 10)


class TestMemberships:
    def check(self, new, seat=(), person=(), subs=1, co_opted=True):
        r.check_membership(new, seat_label="Seat 1 (Breckland)", seat_memberships=list(seat),
                           person_memberships=list(person), substitutes_per_member=subs, co_opted_allowed=co_opted)

    def test_second_named_substitute_for_one_member_is_refused(self):
        existing = membership(2, "substitute", 1, mid=10, name="Cllr Robert Hambidge")
        with pytest.raises(RuleViolation, match="already has its named substitute: Cllr Robert Hambidge") as exc:
            self.check(membership(3, "substitute", 1, start=D(2022, 1, 1)), seat=[existing])
        assert exc.value.rule_code == "governance.one_named_substitute"

    def test_substitute_after_the_previous_one_ended_is_allowed(self):
        existing = membership(2, "substitute", 1, end=D(2022, 2, 23), mid=10)
        self.check(membership(3, "substitute", 1, start=D(2022, 2, 24)), seat=[existing])

    def test_committee_without_substitutes_refuses_one(self):
        with pytest.raises(RuleViolation, match="do not allow substitutes"):
            self.check(membership(3, "substitute", 1), subs=0)

    def test_second_member_for_a_seat_is_refused(self):
        existing = membership(1, "member", 1, mid=11, name="Cllr Alison Webb")
        with pytest.raises(RuleViolation, match="already has a member, Cllr Alison Webb"):
            self.check(membership(4, "member", 1, start=D(2022, 6, 1)), seat=[existing])

    def test_member_and_substitute_for_the_same_seat_coexist(self):
        self.check(membership(2, "substitute", 1), seat=[membership(1, "member", 1, mid=1)])

    def test_one_person_cannot_hold_two_places_at_once(self):
        with pytest.raises(RuleViolation, match="only one place at a time"):
            self.check(membership(1, "substitute", 2), person=[membership(1, "member", 1, mid=1)])

    def test_co_opted_members_need_the_terms_of_reference_to_allow_them(self):
        with pytest.raises(RuleViolation, match="do not provide for co-opted members"):
            self.check(membership(9, "co_opted", None), co_opted=False)
        self.check(membership(9, "co_opted", None), co_opted=True)

    def test_end_before_start_is_refused(self):
        with pytest.raises(RuleViolation, match="end date"):
            self.check(membership(1, "member", 1, start=D(2022, 1, 2), end=D(2022, 1, 1)))

    @given(st.dates(), st.integers(0, 400), st.dates(), st.integers(0, 400))
    def test_periods_overlap_symmetrically(self, a, alen, b, blen):
        first = r.Period(a, a + dt.timedelta(days=alen) if alen < 400 else None)
        second = r.Period(b, b + dt.timedelta(days=blen) if blen < 400 else None)
        assert first.overlaps(second) == second.overlaps(first)


class TestOffices:
    def elect(self, office="chair", group=COUNTY, role="member", current=None, other=None, pid=1):
        r.check_office_election(
            office=office, civic_year="2022-23", person_id=pid, person_name="Cllr A", election_date=D(2022, 6, 9),
            membership=membership(pid, role, 1) if role else None, group=group,
            eligible_group_names=["County Council members"] if office == "chair" else ["District Council members"],
            current_holder=current, other_office_holder=other,
        )

    def test_chair_from_county_members_is_allowed(self):
        self.elect()

    def test_chair_from_district_members_is_refused(self):
        with pytest.raises(RuleViolation, match="Chair must be elected from the County Council members") as exc:
            self.elect(group=DISTRICT)
        assert exc.value.rule_code == "governance.office_eligibility"

    def test_vice_chair_from_county_members_is_refused(self):
        with pytest.raises(RuleViolation, match="Vice-Chair must be elected from the District Council members"):
            self.elect(office="vice_chair", group=COUNTY)

    def test_vice_chair_from_district_members_is_allowed(self):
        self.elect(office="vice_chair", group=DISTRICT)

    def test_substitute_cannot_hold_office(self):
        with pytest.raises(RuleViolation, match="not substitutes"):
            self.elect(role="substitute")

    def test_non_member_cannot_hold_office(self):
        with pytest.raises(RuleViolation, match="not a member"):
            self.elect(role=None, group=None)

    def test_each_office_once_per_civic_year(self):
        with pytest.raises(RuleViolation, match="already been elected") as exc:
            self.elect(current=(7, "Cllr B"))
        assert exc.value.rule_code == "governance.office_once_per_year"

    def test_chair_cannot_also_be_vice_chair(self):
        with pytest.raises(RuleViolation, match="cannot hold both offices"):
            self.elect(office="vice_chair", group=DISTRICT, other=(1, "Cllr A"))


class TestAttendance:
    MEMBER = membership(1, "member", 1)
    SUB = membership(2, "substitute", 1)

    def check(self, rec, membership=None, named_for=None, others=(), sub_name=""):
        r.check_attendance(rec, person_name="Cllr X", meeting_date=D(2022, 6, 9), membership=membership,
                           named_substitute_for=named_for, substitute_for_name=sub_name, others=list(others),
                           names={1: "Cllr Member", 2: "Cllr Sub", 3: "Cllr Other"})

    def test_named_substitute_may_attend_for_their_member(self):
        self.check(r.AttendanceFacts(2, "substitute", "present", True, 1), membership=self.SUB, named_for=(1, "Cllr Member"))

    def test_substitute_may_attend_only_for_the_member_they_are_named_for(self):
        with pytest.raises(RuleViolation, match="named substitute for Cllr Member, not Cllr Other") as exc:
            self.check(r.AttendanceFacts(2, "substitute", "present", True, 3), membership=self.SUB,
                       named_for=(1, "Cllr Member"), sub_name="Cllr Other")
        assert exc.value.rule_code == "governance.named_substitute"

    def test_someone_who_is_not_a_named_substitute_cannot_substitute(self):
        with pytest.raises(RuleViolation, match="not a named substitute"):
            self.check(r.AttendanceFacts(4, "substitute", "present", True, 1), membership=None, sub_name="Cllr Member")

    def test_substitute_cannot_attend_while_the_member_is_present(self):
        with pytest.raises(RuleViolation, match="recorded as present, so their substitute cannot"):
            self.check(r.AttendanceFacts(2, "substitute", "present", True, 1), membership=self.SUB,
                       named_for=(1, "Cllr Member"), sub_name="Cllr Member",
                       others=[r.AttendanceFacts(1, "member", "present", True)])

    def test_member_cannot_be_present_while_their_substitute_attends(self):
        with pytest.raises(RuleViolation, match="cannot both be present"):
            self.check(r.AttendanceFacts(1, "member", "present", True), membership=self.MEMBER,
                       others=[r.AttendanceFacts(2, "substitute", "present", True, 1)])

    def test_substitute_must_say_whom_they_attend_for(self):
        with pytest.raises(RuleViolation, match="Say which member"):
            self.check(r.AttendanceFacts(2, "substitute", "present", True, None), membership=self.SUB, named_for=(1, "M"))

    def test_substitute_may_send_apologies_while_member_attends(self):
        self.check(r.AttendanceFacts(2, "substitute", "apologies"), membership=self.SUB, named_for=(1, "M"),
                   others=[r.AttendanceFacts(1, "member", "present", True)])

    def test_non_member_cannot_be_recorded_as_member(self):
        with pytest.raises(RuleViolation, match="not a member of the committee on 9 June 2022"):
            self.check(r.AttendanceFacts(5, "member", "present"), membership=None)

    def test_officers_are_in_attendance_not_present(self):
        with pytest.raises(RuleViolation, match="do not count towards the quorum"):
            self.check(r.AttendanceFacts(8, "officer", "present"))
        self.check(r.AttendanceFacts(8, "officer", "in_attendance"))

    def test_councillors_are_not_in_attendance(self):
        with pytest.raises(RuleViolation, match="Only officers and partners"):
            self.check(r.AttendanceFacts(1, "member", "in_attendance"), membership=self.MEMBER)


class TestQuorum:
    def facts(self, members=0, subs=0, co_opted=0, officers=0, apologies=0):
        out = [r.AttendanceFacts(i, "member", "present", True) for i in range(members)]
        out += [r.AttendanceFacts(100 + i, "substitute", "present", True, i) for i in range(subs)]
        out += [r.AttendanceFacts(200 + i, "co-opted", "present", False) for i in range(co_opted)]
        out += [r.AttendanceFacts(300 + i, "officer", "in_attendance", False) for i in range(officers)]
        out += [r.AttendanceFacts(400 + i, "member", "apologies", True) for i in range(apologies)]
        return out

    def test_four_present_is_not_quorate(self):
        result = r.count_quorum(5, self.facts(members=4, officers=6, co_opted=2))
        assert (result.voting_present, result.quorate, result.shortfall) == (4, False, 1)

    def test_substitutes_count_towards_the_quorum(self):
        assert r.count_quorum(5, self.facts(members=3, subs=2)).quorate

    def test_officers_and_non_voting_co_opted_do_not_count(self):
        assert r.count_quorum(5, self.facts(members=2, co_opted=3, officers=5, apologies=4)).voting_present == 2

    @given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 5), st.integers(0, 10), st.integers(1, 12))
    def test_quorate_exactly_when_voting_present_reaches_the_quorum(self, m, s, c, o, q):
        result = r.count_quorum(q, self.facts(members=m, subs=s, co_opted=c, officers=o))
        assert result.voting_present == m + s
        assert result.quorate == (m + s >= q)

    def test_inquorate_minute_names_the_time_and_numbers(self):
        text = r.inquorate_minute("{quorum} needed, {present} {present_word} present, inquorate at {declared_at}.",
                                  quorum=5, present=3, declared_at=dt.time(10, 5))
        assert text == "5 needed, 3 members were present, inquorate at 10.05 am."

    def test_inquorate_minute_with_unknown_placeholder_is_refused(self):
        with pytest.raises(RuleViolation, match="unknown placeholder"):
            r.inquorate_minute("{nonsense}", quorum=5, present=3, declared_at=dt.time(10, 5))


class TestDeclarations:
    def test_dpi_means_taking_no_part(self):
        assert r.check_declaration(interest_type="DPI", has_item=True, person_name="Cllr A", declarant_present=True)

    def test_other_interest_may_take_part(self):
        assert not r.check_declaration(interest_type="Other", has_item=False, person_name="Cllr A", declarant_present=True)

    def test_dpi_must_name_its_item(self):
        with pytest.raises(RuleViolation, match="Say which agenda item"):
            r.check_declaration(interest_type="DPI", has_item=False, person_name="Cllr A", declarant_present=True)

    def test_only_councillors_present_declare(self):
        with pytest.raises(RuleViolation, match="not recorded as present"):
            r.check_declaration(interest_type="Other", has_item=False, person_name="Cllr A", declarant_present=False)


class TestDecisions:
    def test_inquorate_meetings_transact_no_business(self):
        with pytest.raises(RuleViolation, match="inquorate, so no business was transacted") as exc:
            r.check_decision_allowed(status="inquorate", attendance_finalised=True, meeting_date=D(2022, 9, 28), today=D(2022, 9, 28))
        assert exc.value.rule_code == "governance.inquorate_no_business"

    def test_decisions_wait_for_confirmed_attendance(self):
        with pytest.raises(RuleViolation, match="Confirm the attendance first"):
            r.check_decision_allowed(status="scheduled", attendance_finalised=False, meeting_date=D(2022, 9, 28), today=D(2022, 9, 28))

    def test_future_meetings_have_no_decisions(self):
        with pytest.raises(RuleViolation, match="not taken place"):
            r.check_decision_allowed(status="held", attendance_finalised=True, meeting_date=D(2030, 1, 1), today=D(2022, 9, 28))

    def test_held_meeting_may_record_decisions(self):
        r.check_decision_allowed(status="held", attendance_finalised=True, meeting_date=D(2022, 6, 9), today=D(2022, 6, 9))


class TestFrequency:
    def test_quarter_with_no_meeting_is_reported(self):
        gaps = r.periods_without_meeting([D(2021, 7, 20), D(2021, 9, 16), D(2022, 2, 24)], since=D(2021, 7, 1),
                                         today=D(2022, 4, 1))
        assert [(g.start, g.end) for g in gaps] == [(D(2021, 10, 1), D(2021, 12, 31))]
        assert gaps[0].describe(3) == "No meeting was held in quarter 4 of 2021 (1 October 2021 to 31 December 2021)."

    def test_current_quarter_is_not_reported_until_it_ends(self):
        assert r.periods_without_meeting([], since=D(2022, 1, 1), today=D(2022, 3, 31)) == []
        assert len(r.periods_without_meeting([], since=D(2022, 1, 1), today=D(2022, 4, 1))) == 1

    def test_part_quarter_before_the_first_meeting_is_ignored(self):
        assert r.periods_without_meeting([D(2020, 11, 27)], since=D(2020, 11, 27), today=D(2021, 1, 2)) == []

    def test_monthly_committee_counts_months(self):
        gaps = r.periods_without_meeting([D(2022, 1, 5)], since=D(2022, 1, 1), today=D(2022, 3, 15), frequency_months=1)
        assert [g.start for g in gaps] == [D(2022, 2, 1)]
