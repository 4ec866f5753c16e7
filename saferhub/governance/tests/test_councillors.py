"""Councillor pages, the register of interests, dispensations, monitoring officer tasks and the
attendance grid (issue 16 items 2, 3, 5 and 7)."""

import datetime as dt

import pytest
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.permissions import Role
from saferhub.governance import actions, councillors, interests
from saferhub.governance import rules as gov_rules
from saferhub.governance.models import MonitoringOfficerTask
from saferhub.governance.tests.factories import attend, committee_officer, make_meeting, make_panel, user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def panel():
    return make_panel()


# --- rules (pure) ----------------------------------------------------------------------------

def test_register_due_28_days_after_election_then_overdue():
    due = gov_rules.register_due(triggers=[(D(2024, 5, 1), "election")], last_review=None, today=D(2024, 5, 20))
    assert due.due_on == D(2024, 5, 29) and not due.overdue
    assert gov_rules.register_due(triggers=[(D(2024, 5, 1), "election")], last_review=None, today=D(2024, 5, 30)).overdue


def test_register_review_after_the_trigger_clears_it_but_a_later_change_is_due():
    triggers = [(D(2024, 5, 1), "election"), (D(2024, 9, 1), "a change")]
    assert gov_rules.register_due(triggers=triggers[:1], last_review=D(2024, 5, 10), today=D(2025, 1, 1)) is None
    due = gov_rules.register_due(triggers=triggers, last_review=D(2024, 5, 10), today=D(2024, 9, 5))
    assert due.due_on == D(2024, 9, 29) and due.because == "a change"


def test_dpi_must_be_in_a_statutory_category_and_other_interest_in_the_code():
    keys = [k for k, _ in interests.code_categories()]
    gov_rules.check_register_entry(interest_type="DPI", category="land", code_category="", code_keys=keys)
    with pytest.raises(RuleViolation, match="seven categories"):
        gov_rules.check_register_entry(interest_type="DPI", category="gifts", code_category="", code_keys=keys)
    with pytest.raises(RuleViolation, match="code of conduct"):
        gov_rules.check_register_entry(interest_type="Other", category="other", code_category="nope", code_keys=keys)
    assert len(gov_rules.DPI_CATEGORIES) == 7 and "charity" in keys


def test_unregistered_dpi_needs_the_monitoring_officer():
    assert gov_rules.dpi_needs_monitoring_officer(interest_type="DPI", on_register=False)
    assert not gov_rules.dpi_needs_monitoring_officer(interest_type="DPI", on_register=True)
    assert not gov_rules.dpi_needs_monitoring_officer(interest_type="Other", on_register=False)


def test_dispensation_at_most_four_years_and_needs_its_facts():
    ok = dict(valid_from=D(2024, 1, 1), valid_to=D(2028, 1, 1), granted_by="Standards Committee", scope="Housing items",
              reason="s.33(2)(b)")
    gov_rules.check_dispensation(**ok)
    with pytest.raises(RuleViolation, match="four years"):
        gov_rules.check_dispensation(**{**ok, "valid_to": D(2028, 1, 2)})
    with pytest.raises(RuleViolation, match="who granted"):
        gov_rules.check_dispensation(**{**ok, "granted_by": " "})
    assert gov_rules.dispensation_applies(valid_from=D(2024, 1, 1), valid_to=D(2024, 12, 31), committee_id=None,
                                          meeting_committee_id=3, day=D(2024, 6, 1))
    assert not gov_rules.dispensation_applies(valid_from=D(2024, 1, 1), valid_to=D(2024, 12, 31), committee_id=2,
                                              meeting_committee_id=3, day=D(2024, 6, 1))


def test_attendance_cell_categories():
    cell = councillors.attendance_cell
    assert cell(is_member=False, own_status=None, substitute_attended=False) == "not_member"
    assert cell(is_member=True, own_status="apologies", substitute_attended=True) == "substitute"
    assert cell(is_member=True, own_status="apologies", substitute_attended=False) == "apologies"
    assert cell(is_member=True, own_status=None, substitute_attended=False) == "not_recorded"


# --- register of interests -------------------------------------------------------------------

def test_sensitive_interest_is_withheld_with_a_statement(client, panel):
    member = panel.member(0)
    actions.add_register_entry(member, interest_type="DPI", category="land", description="Home address in X",
                               registered_on=D(2022, 1, 1), sensitive=True, acting_user=SYSTEM)
    actions.add_register_entry(member, interest_type="Other", category="body_membership", code_category="charity",
                               description="Trustee of a charity", registered_on=D(2022, 1, 1), acting_user=SYSTEM)
    page = client.get(reverse("governance:person-detail", args=[member.pk])).content.decode()
    assert "Home address in X" not in page
    assert "whose details are withheld under section 32" in page
    assert "Trustee of a charity" in page and "A body directed to charitable purposes" in page
    officer = committee_officer(panel)
    client.force_login(officer)
    assert "Home address in X" in client.get(reverse("governance:person-detail", args=[member.pk])).content.decode()


def test_other_interest_without_code_category_is_refused(panel):
    with pytest.raises(RuleViolation, match="code of conduct"):
        actions.add_register_entry(panel.member(0), interest_type="Other", category="other", description="x",
                                   registered_on=D(2022, 1, 1), acting_user=SYSTEM)


def test_register_reminder_due_until_reviewed(panel):
    member = panel.member(0)  # appointed on panel.start
    due = interests.register_due_for([member.pk], panel.start + dt.timedelta(days=40))
    assert due[member.pk].overdue
    actions.record_register_review(member, reviewed_on=panel.start + dt.timedelta(days=10), acting_user=SYSTEM)
    assert interests.register_due_for([member.pk], panel.start + dt.timedelta(days=40)) == {}
    actions.record_register_change(member, occurred_on=D(2023, 3, 1), description="New employer", acting_user=SYSTEM)
    assert interests.register_due_for([member.pk], D(2023, 3, 10))[member.pk].due_on == D(2023, 3, 29)


def test_dpi_declared_but_not_registered_raises_a_task(panel):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    attend(meeting, panel.members[:6])
    item = meeting.agenda_items.first()
    declaration = actions.record_declaration(meeting, person=panel.member(0), interest_type="DPI", nature="Owns land",
                                             agenda_item=item, acting_user=SYSTEM)
    task = MonitoringOfficerTask.objects.get(declaration=declaration)
    assert task.due_on == D(2023, 7, 6) and "s.31(3)" in task.reason
    actions.add_register_entry(panel.member(1), interest_type="DPI", category="land", description="Field",
                               registered_on=D(2022, 1, 1), acting_user=SYSTEM)
    actions.record_declaration(meeting, person=panel.member(1), interest_type="DPI", nature="Field", agenda_item=item,
                               acting_user=SYSTEM)
    actions.record_declaration(meeting, person=panel.member(2), interest_type="Other", nature="Trustee", acting_user=SYSTEM)
    assert MonitoringOfficerTask.objects.count() == 1


def test_dispensation_shown_beside_the_declaration(client, panel):
    meeting = make_meeting(panel, date=D(2023, 6, 8), items=1)
    attend(meeting, panel.members[:6])
    actions.record_declaration(meeting, person=panel.member(0), interest_type="Other", nature="Tenant of the council",
                               acting_user=SYSTEM)
    actions.grant_dispensation(panel.member(0), granted_by="Standards Committee", scope="Housing budget items.",
                               valid_from=D(2023, 1, 1), valid_to=D(2026, 12, 31), reason="Too many members affected.",
                               committee=panel.committee, acting_user=SYSTEM)
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    actions.publish_meeting_record(meeting, acting_user=SYSTEM)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Dispensation granted by Standards Committee" in page and "Housing budget items." in page


def test_only_people_managers_grant_dispensations(panel):
    councillor = user("cllr", Role.COUNCILLOR, person=panel.member(3))
    with pytest.raises(ActionPermissionDenied):
        actions.grant_dispensation(panel.member(0), granted_by="MO", scope="x", valid_from=D(2023, 1, 1),
                                   valid_to=D(2023, 2, 1), reason="y", acting_user=councillor)
