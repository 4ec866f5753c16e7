"""Groups actions: happy paths, refusals (nothing half-saved), permissions and audit rows."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import AgendaItem, Meeting
from saferhub.governance.tests.factories import person, user
from saferhub.groups import actions, queries
from saferhub.groups.actions.log import MATTERS_ARISING
from saferhub.groups.models import ActionCarry, ChairTerm, GroupAction, SecretariatTask, TermsOfReference
from saferhub.groups.tests.factories import make_group, secretariat_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def group():
    return make_group()


def test_register_body_writes_committee_profile_and_audit(group):
    body = group.body
    assert body.kind == "delivery_group" and body.parent == group.board and not body.is_public
    assert body.group_profile.secretariat_team == "Community Safety"
    assert AuditEvent.objects.filter(code="groups.body.registered", target_id=str(body.pk)).exists()


def test_register_needs_an_administrator(group):
    officer = secretariat_user(group)
    with pytest.raises(ActionPermissionDenied):
        actions.register_body(name="X", slug="x", organisation=group.partnership, kind="delivery_group",
                              acting_user=officer)


def test_new_version_supersedes_the_old_and_version_in_force_answers_the_past(group):
    actions.add_tor_version(group.body, version="2.1", in_force_from=D(2022, 10, 1), cadence_months=2,
                            acting_user=SYSTEM)
    assert queries.version_in_force(group.body, D(2022, 9, 30)).version == "2.0"
    assert queries.version_in_force(group.body, D(2022, 10, 1)).version == "2.1"
    assert queries.version_in_force(group.body, D(2021, 6, 30)) is None
    assert TermsOfReference.objects.get(body=group.body, version="2.0").in_force_to == D(2022, 9, 30)
    group.body.refresh_from_db()
    assert group.body.meeting_frequency_months == 2  # governance follows the version in force


def test_overlapping_version_is_refused_and_nothing_saved(group):
    with pytest.raises(RuleViolation, match="would overlap version 2.0"):
        actions.add_tor_version(group.body, version="1.0", in_force_from=D(2021, 1, 1), in_force_to=D(2021, 8, 1),
                                supersede=False, acting_user=SYSTEM)
    assert TermsOfReference.objects.filter(body=group.body).count() == 1
    assert TermsOfReference.objects.get(body=group.body).in_force_to is None


def test_schedule_creates_the_timeline_from_the_tor(group):
    officer = secretariat_user(group)
    meeting = actions.schedule_group_meeting(group.body, date=D(2022, 9, 15), acting_user=officer)
    tasks = {t.kind: t.due for t in SecretariatTask.objects.filter(meeting=meeting)}
    assert tasks == {"pre_agenda": D(2022, 9, 1), "papers": D(2022, 9, 8), "minutes": D(2022, 9, 22)}
    rows = queries.tasks_for([meeting], today=D(2022, 9, 9))[meeting.pk]
    assert [r.overdue for r in rows] == [True, True, False]
    assert AuditEvent.objects.filter(code="groups.meeting.scheduled").count() == 1
    actions.complete_task(rows[0].task, done_on=D(2022, 9, 1), acting_user=officer)
    assert not queries.tasks_for([meeting], today=D(2022, 9, 9))[meeting.pk][0].overdue


def test_meeting_outside_the_cadence_needs_a_reason_and_nothing_is_saved(group):
    actions.schedule_group_meeting(group.body, date=D(2022, 6, 9), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Give the reason"):
        actions.schedule_group_meeting(group.body, date=D(2022, 7, 1), acting_user=SYSTEM)
    assert Meeting.objects.filter(committee=group.body).count() == 1
    meeting = actions.schedule_group_meeting(group.body, date=D(2022, 7, 1), reason="Data product workshop",
                                             acting_user=SYSTEM)
    assert "Data product workshop" in meeting.note


def test_schedule_without_tor_is_refused(group):
    with pytest.raises(RuleViolation, match="No Terms of Reference"):
        actions.schedule_group_meeting(group.body, date=D(2021, 6, 1), acting_user=SYSTEM)


def test_action_without_owner_or_date_is_refused(group):
    with pytest.raises(RuleViolation, match="owns the action"):
        actions.add_action(group.body, text="Map the problem", target_date=D(2022, 9, 1), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="target date"):
        actions.add_action(group.body, text="Map the problem", target_date=None, owner_person=group.chair,
                           acting_user=SYSTEM)
    assert not GroupAction.objects.exists()


def test_open_actions_carry_forward_as_matters_arising(group):
    first = actions.schedule_group_meeting(group.body, date=D(2022, 6, 9), acting_user=SYSTEM)
    a1 = actions.add_action(group.body, text="Share the data product", owner_person=group.chair,
                            target_date=D(2022, 8, 1), source_meeting=first, acting_user=SYSTEM)
    assert a1.owner_organisation == group.police
    a2 = actions.add_action(group.body, text="Draft engagement strategy", owner_organisation=group.district,
                            target_date=D(2022, 9, 1), source_meeting=first, acting_user=SYSTEM)
    actions.update_action(a2, text="Done and circulated", status="complete", date=D(2022, 8, 20), acting_user=SYSTEM)
    second = actions.schedule_group_meeting(group.body, date=D(2022, 9, 15), acting_user=SYSTEM)
    item = AgendaItem.objects.get(meeting=second, title=MATTERS_ARISING)
    assert "Share the data product" in item.description and "engagement" not in item.description
    assert list(ActionCarry.objects.filter(meeting=second).values_list("action", flat=True)) == [a1.pk]
    log = queries.action_log(group.body, today=D(2022, 9, 1))
    assert [(r.action.number, r.overdue) for r in log] == [(1, True), (2, False)]
    # Calling again keeps one item and one carry per action.
    actions.carry_forward_actions(second, acting_user=SYSTEM)
    assert AgendaItem.objects.filter(meeting=second, title=MATTERS_ARISING).count() == 1
    assert ActionCarry.objects.filter(meeting=second).count() == 1


def test_action_owner_may_update_but_not_another_member(group):
    owner = user("owner", Role.PARTNERSHIP_OFFICER, person=group.chair)
    other = user("other", Role.PARTNERSHIP_OFFICER, person=group.district_officer)
    action = actions.add_action(group.body, text="Share", owner_person=group.chair, target_date=D(2022, 8, 1),
                                acting_user=SYSTEM)
    actions.update_action(action, text="Under way", status="in_progress", date=D(2022, 7, 1), acting_user=owner)
    with pytest.raises(ActionPermissionDenied):
        actions.update_action(action, text="x", status="complete", date=D(2022, 7, 2), acting_user=other)
    assert action.updates.count() == 1


def test_roster_against_required_organisations(group):
    meeting = actions.schedule_group_meeting(group.body, date=D(2022, 6, 9), acting_user=SYSTEM)
    gov_actions.record_attendance(meeting, person=group.chair, status="present", acting_user=SYSTEM)
    tor, rows, n = queries.roster(group.body, D(2022, 6, 30))
    assert tor.version == "2.0" and n == 1
    by_name = {row.place.name: row for row in rows}
    assert by_name["Police"].attended == 1 and by_name["District Councils"].attended == 0
    assert by_name["District Councils"].absent_throughout and by_name["Fire"].unrepresented


def test_elect_chair_two_year_term_and_refusals(group):
    term = actions.elect_chair(group.body, person=group.chair, date=D(2022, 6, 9), method="simple_majority",
                               votes_for=8, votes_against=1, acting_user=SYSTEM)
    assert term.end_date == D(2024, 6, 8)
    outsider = person("Not A Member", councillor=False, organisation=group.fire)
    with pytest.raises(RuleViolation, match="not a member of the group"):
        actions.elect_chair(group.body, person=outsider, date=D(2024, 6, 9), method="unanimous", acting_user=SYSTEM)
    new = actions.elect_chair(group.body, person=group.district_officer, date=D(2024, 6, 9), method="unanimous",
                              acting_user=SYSTEM)
    term.refresh_from_db()
    assert term.end_date == D(2024, 6, 8) and new.end_date == D(2026, 6, 8)
    assert ChairTerm.objects.filter(body=group.body).count() == 2


def test_progress_report_goes_into_the_parent_agenda(group):
    parent_meeting = gov_actions.schedule_meeting(group.board, date=D(2022, 10, 20), acting_user=SYSTEM)
    report = actions.write_progress_report(group.body, year=2022, quarter=3, commentary="Good progress.",
                                           to_meeting=parent_meeting, acting_user=SYSTEM)
    assert report.to_item.meeting == parent_meeting and "progress report" in report.to_item.title
    with pytest.raises(RuleViolation, match="already written"):
        actions.write_progress_report(group.body, year=2022, quarter=3, acting_user=SYSTEM)
    own = actions.schedule_group_meeting(group.body, date=D(2022, 12, 1), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="reports to"):
        actions.write_progress_report(group.body, year=2022, quarter=4, to_meeting=own, acting_user=SYSTEM)


def test_roster_looks_at_the_number_of_meetings_the_tor_configures(group):
    """A required organisation that attended none of the last N meetings is flagged; N comes from the Terms of
    Reference in force (3 unless set), and the page may ask for another number."""
    meetings = [actions.schedule_group_meeting(group.body, date=day, acting_user=SYSTEM)
                for day in (D(2022, 3, 10), D(2022, 6, 9), D(2022, 9, 15))]
    gov_actions.record_attendance(meetings[0], person=group.district_officer, status="present", acting_user=SYSTEM)
    for meeting in meetings:
        gov_actions.record_attendance(meeting, person=group.chair, status="present", acting_user=SYSTEM)
    _, rows, held = queries.roster(group.body, D(2022, 9, 30))
    district = {r.place.name: r for r in rows}["District Councils"]
    assert held == 3 and district.attended == 1 and not district.absent_throughout  # three by default
    actions.add_tor_version(group.body, version="2.1", in_force_from=D(2022, 9, 20), cadence_months=3,
                            absence_meetings=2, required_members=[{"name": "District Councils",
                                                                   "organisation_kind": "district_council"}],
                            acting_user=SYSTEM)
    _, rows, held = queries.roster(group.body, D(2022, 9, 30))
    assert held == 2 and rows[0].attended == 0 and rows[0].absent_throughout
    _, rows, held = queries.roster(group.body, D(2022, 9, 30), 3)  # asked for on the page
    assert held == 3 and not rows[0].absent_throughout


def days(n: int) -> dt.date:
    """A day ``n`` days from today (the date-sensitive tests run on many "todays")."""
    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=n)


@pytest.mark.date_sensitive("2022-06-20")  # dates below are relative to today: any day passes
def test_an_action_agreed_after_the_next_meeting_is_in_the_calendar_is_carried_to_it(group):
    """Groups set their dates a year ahead: an action from the June meeting goes straight onto September's agenda
    as a matter arising; a past meeting's agenda is left alone, and a cancelled meeting gets nothing."""
    june = actions.schedule_group_meeting(group.body, date=days(-11), acting_user=SYSTEM)
    september = actions.schedule_group_meeting(group.body, date=days(87), acting_user=SYSTEM)
    december = actions.schedule_group_meeting(group.body, date=days(178), acting_user=SYSTEM)
    assert not AgendaItem.objects.filter(title=MATTERS_ARISING).exists()
    action = actions.add_action(group.body, text="Share the data product", owner_person=group.chair,
                                target_date=days(42), source_meeting=june, acting_user=SYSTEM)
    item = AgendaItem.objects.get(meeting=september, title=MATTERS_ARISING)
    assert "Share the data product" in item.description
    assert list(ActionCarry.objects.values_list("action", "meeting")) == [(action.pk, september.pk)]
    assert not AgendaItem.objects.filter(meeting__in=[june, december], title=MATTERS_ARISING).exists()
    # An action with no source meeting goes to the next meeting still to come: December, once September is off.
    gov_actions.cancel_meeting(september, reason="Chair unavailable", acting_user=SYSTEM)
    loose = actions.add_action(group.body, text="Book the venue", owner_organisation=group.district,
                               target_date=days(11), acting_user=SYSTEM)
    assert ActionCarry.objects.filter(action=loose, meeting=december).exists()
    assert not ActionCarry.objects.filter(action=loose, meeting=september).exists()


@pytest.mark.date_sensitive("2022-06-20")  # dates below are relative to today: any day passes
def test_a_completed_action_drops_off_the_matters_arising_of_a_meeting_to_come(group):
    from saferhub.core.permissions import Role

    officer = secretariat_user(group)
    june = actions.schedule_group_meeting(group.body, date=days(-11), acting_user=SYSTEM)
    september = actions.schedule_group_meeting(group.body, date=days(87), acting_user=SYSTEM)
    first = actions.add_action(group.body, text="Share the data product", owner_person=group.chair,
                               target_date=days(42), source_meeting=june, acting_user=SYSTEM)
    second = actions.add_action(group.body, text="Draft the strategy", owner_person=group.chair,
                                target_date=days(42), source_meeting=june, acting_user=SYSTEM)

    def matters_arising():
        return AgendaItem.objects.get(meeting=september, title=MATTERS_ARISING).description

    owner = user("owner", Role.PARTNERSHIP_OFFICER, person=group.chair)
    actions.update_action(first, text="Under way", status="in_progress", date=days(-5), acting_user=owner)
    assert "Share the data product" in matters_arising()  # the owner's update leaves the agenda alone
    actions.update_action(first, text="Shared", status="complete", date=days(-4), acting_user=officer)
    assert "Share the data product" not in matters_arising() and "Draft the strategy" in matters_arising()
    actions.update_action(second, text="Dropped", status="closed", date=days(-3), acting_user=officer)
    assert matters_arising() == "No actions from previous meetings are open."
    assert AgendaItem.objects.filter(meeting=september, title=MATTERS_ARISING).count() == 1


def test_a_temporary_member_needs_an_end_date_and_nothing_is_saved(group):
    visitor = person("Temporary Visitor", councillor=False, organisation=group.fire)
    with pytest.raises(RuleViolation, match="temporary member needs an end date"):
        actions.add_member(group.body, person=visitor, kind="temporary", start_date=D(2022, 6, 1), acting_user=SYSTEM)
    assert not group.body.group_memberships.filter(person=visitor).exists()
    member = actions.add_member(group.body, person=visitor, kind="temporary", start_date=D(2022, 6, 1),
                                end_date=D(2022, 12, 31), acting_user=SYSTEM)
    assert member.is_active_on(D(2022, 9, 1)) and not member.is_active_on(D(2023, 1, 1))
