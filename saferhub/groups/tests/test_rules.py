"""The groups' rules as plain Python (no database)."""

import datetime as dt

import pytest

from saferhub.core.exceptions import RuleViolation
from saferhub.groups import rules as r

D = dt.date
CLSG = r.TimelineRules(pre_agenda_days_before=14, papers_days_before=7, papers_clear_working_days=None,
                       minutes_days_after=7)


def test_versions_may_not_overlap():
    v2 = r.VersionWindow("2.0", D(2021, 7, 1), None)
    with pytest.raises(RuleViolation, match="would overlap version 2.0") as exc:
        r.check_version_window(r.VersionWindow("2.1", D(2022, 9, 1), None), [v2])
    assert exc.value.rule_code == "groups.tor_overlap"
    with pytest.raises(RuleViolation, match="overlap"):
        r.check_version_window(r.VersionWindow("1.0", D(2020, 1, 1), D(2021, 7, 1)), [v2])
    r.check_version_window(r.VersionWindow("1.0", D(2020, 1, 1), D(2021, 6, 30)), [v2])


def test_version_ends_after_it_starts_and_is_not_repeated():
    with pytest.raises(RuleViolation, match="before it comes into force"):
        r.check_version_window(r.VersionWindow("3", D(2022, 1, 2), D(2022, 1, 1)), [])
    with pytest.raises(RuleViolation, match="already recorded"):
        r.check_version_window(r.VersionWindow("2.0", D(2030, 1, 1), None),
                               [r.VersionWindow("2.0", D(2021, 7, 1), D(2022, 1, 1))])


def test_pick_version_answers_what_applied_on_a_past_date():
    windows = [r.VersionWindow("1", D(2020, 1, 1), D(2021, 6, 30)), r.VersionWindow("2", D(2021, 7, 1), None)]
    assert r.pick_version(windows, D(2021, 6, 30)).version == "1"
    assert r.pick_version(windows, D(2021, 7, 1)).version == "2"
    assert r.pick_version(windows, D(2019, 12, 31)) is None


def test_clsg_timeline_is_t_minus_14_t_minus_7_t_plus_7():
    tasks = r.timeline(D(2022, 9, 15), CLSG)
    assert [(k, d) for k, d, _ in tasks] == [
        ("pre_agenda", D(2022, 9, 1)), ("papers", D(2022, 9, 8)), ("minutes", D(2022, 9, 22))]


def test_sub_panel_papers_leave_five_clear_working_days():
    rules = r.TimelineRules(None, None, 5, None)
    # 9 June 2022: the Jubilee bank holidays push the deadline to Monday 30 May (seed 002:108).
    assert r.timeline(D(2022, 6, 9), rules) == [("papers", D(2022, 5, 30), "Papers out leaving 5 clear working days")]


def test_meeting_outside_the_cadence_needs_a_reason():
    with pytest.raises(RuleViolation, match="meets every 3 months") as exc:
        r.check_cadence(D(2022, 7, 1), D(2022, 6, 9), 3, None, "")
    assert exc.value.field == "reason"
    r.check_cadence(D(2022, 7, 1), D(2022, 6, 9), 3, None, "Extra meeting on the data product")
    r.check_cadence(D(2022, 9, 15), D(2022, 6, 9), 3, None, "")
    r.check_cadence(D(2022, 9, 15), None, 3, None, "")  # a first meeting has no cadence yet
    with pytest.raises(RuleViolation, match="every 6 weeks"):
        r.check_cadence(D(2022, 12, 1), D(2022, 6, 9), None, 6, "")


def test_action_needs_owner_and_target_date():
    with pytest.raises(RuleViolation, match="owns the action") as exc:
        r.check_action("Map the problem", False, D(2022, 9, 1))
    assert exc.value.rule_code == "groups.action_owner_required"
    with pytest.raises(RuleViolation, match="target date") as exc:
        r.check_action("Map the problem", True, None)
    assert exc.value.rule_code == "groups.action_date_required"
    with pytest.raises(RuleViolation, match="Enter the action"):
        r.check_action("  ", True, D(2022, 9, 1))
    r.check_action("Map the problem", True, D(2022, 9, 1))


def test_overdue():
    assert r.is_overdue(D(2022, 9, 1), False, D(2022, 9, 2))
    assert not r.is_overdue(D(2022, 9, 1), True, D(2022, 9, 2))
    assert not r.is_overdue(D(2022, 9, 1), False, D(2022, 9, 1))


def test_chair_term_and_warning():
    assert r.term_end(D(2022, 6, 9), 24) == D(2024, 6, 8)
    assert r.term_end(D(2022, 6, 9), None) is None
    assert "ends on 8 June 2024" in r.term_warning(D(2024, 6, 8), D(2024, 5, 1))
    assert r.term_warning(D(2024, 6, 8), D(2024, 1, 1)) == ""
    assert "ended" in r.term_warning(D(2024, 6, 8), D(2024, 7, 1))


def election(**kw):
    base = dict(person_name="Sonia Humphreys", is_member=True, held_previous_term=False, method="simple_majority",
                votes_for=9, votes_against=2)
    return r.ChairElection(**{**base, **kw})


def test_chair_must_be_a_member_and_win_a_simple_majority():
    kw = dict(from_members=True, re_electable=True, tor_method="simple_majority")
    r.check_chair_election(election(), **kw)
    with pytest.raises(RuleViolation, match="not a member of the group"):
        r.check_chair_election(election(is_member=False), **kw)
    with pytest.raises(RuleViolation, match="not a simple majority"):
        r.check_chair_election(election(votes_for=4, votes_against=4), **kw)
    with pytest.raises(RuleViolation, match="votes for and against"):
        r.check_chair_election(election(votes_for=None), **kw)
    r.check_chair_election(election(method="unanimous", votes_for=None, votes_against=None), **kw)
    with pytest.raises(RuleViolation, match="elected, not appointed"):
        r.check_chair_election(election(method="appointed"), **kw)
    with pytest.raises(RuleViolation, match="Say where the chair is evidenced"):
        r.check_chair_election(election(method="not_recorded"), **kw)


def test_re_election_only_where_the_tor_allows_it():
    with pytest.raises(RuleViolation, match="do not allow re-election"):
        r.check_chair_election(election(held_previous_term=True), from_members=True, re_electable=False,
                               tor_method="simple_majority")
    r.check_chair_election(election(held_previous_term=True), from_members=True, re_electable=True,
                           tor_method="simple_majority")


def test_roster_flags_unrepresented_and_absent_organisations():
    police = r.RequiredPlace("Norfolk Constabulary", 1, "")
    districts = r.RequiredPlace("District Councils", None, "district_council")
    fire = r.RequiredPlace("Norfolk Fire and Rescue Service", 3, "")
    members = [("Sonia Humphreys", 1, "police"), ("A District Officer", 7, "district_council")]
    meetings = [{(1, "police")}, {(1, "police"), (8, "district_council")}, set()]
    rows = r.roster([police, districts, fire], members, meetings)
    assert [row.representatives for row in rows] == [["Sonia Humphreys"], ["A District Officer"], []]
    assert [row.attended for row in rows] == [2, 1, 0]
    assert rows[2].unrepresented and rows[2].absent_throughout
    assert not rows[1].absent_throughout
