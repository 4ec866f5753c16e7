"""Terms of Reference amendments (issue 11 item 6): the rules, the actions (proposed, agreed at a meeting of
the body that took place, then a new version), the field-by-field diff, the review reminder and the pages."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from saferhub.core import notifications
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions as gov_actions
from saferhub.governance.tests.factories import make_panel, user
from saferhub.groups import actions, queries, rules, tor_diff
from saferhub.groups.models import TermsOfReference, TorAmendment
from saferhub.groups.tests.factories import make_group, secretariat_user

D = dt.date
AFTER = time_machine.travel("2022-11-01T12:00+00:00", tick=False)  # after the 15 September 2022 meeting


# --- rules (no database) -----------------------------------------------------------------------

def held(**kw):
    return rules.AgreeingMeeting(**{"same_body": True, "date": D(2022, 9, 15), "status": "held", **kw})


def test_agreement_rules():
    today = D(2022, 11, 1)
    rules.check_amendment_agreement(held(), D(2022, 10, 1), today)
    rules.check_amendment_agreement(held(status="scheduled"), D(2022, 9, 15), today)  # past, not yet minuted
    with pytest.raises(RuleViolation, match="another body") as exc:
        rules.check_amendment_agreement(held(same_body=False), D(2022, 10, 1), today)
    assert exc.value.rule_code == "groups.amendment_other_body"
    with pytest.raises(RuleViolation, match="has not taken place"):
        rules.check_amendment_agreement(held(date=D(2022, 12, 1)), D(2022, 12, 1), today)
    for status in ("cancelled", "postponed"):
        with pytest.raises(RuleViolation, match="has not taken place"):
            rules.check_amendment_agreement(held(status=status), D(2022, 10, 1), today)
    with pytest.raises(RuleViolation, match="inquorate"):
        rules.check_amendment_agreement(held(status="inquorate"), D(2022, 10, 1), today)
    with pytest.raises(RuleViolation, match="agenda of the meeting"):
        rules.check_amendment_agreement(held(item_on_meeting=False), D(2022, 10, 1), today)
    with pytest.raises(RuleViolation, match="cannot come into force before the meeting"):
        rules.check_amendment_agreement(held(), D(2022, 9, 14), today)


def test_proposal_rules():
    rules.check_amendment_proposal(1, "Meet every two months")
    with pytest.raises(RuleViolation, match="changes nothing"):
        rules.check_amendment_proposal(0, "Nothing")
    with pytest.raises(RuleViolation, match="Say in a line"):
        rules.check_amendment_proposal(2, "  ")


def test_review_due():
    assert rules.review_due(D(2022, 9, 30), D(2022, 8, 15), 60)
    assert not rules.review_due(D(2022, 9, 30), D(2022, 7, 1), 60)
    assert rules.review_due(D(2022, 9, 30), D(2023, 1, 1), 60)  # overdue
    assert not rules.review_due(None, D(2022, 9, 1), 60)


def test_diff_says_added_removed_and_changed_per_field():
    old = {"purpose": "Lead.", "key_activities": ["Map", "Divert"], "quorum": None, "cadence_months": 3,
           "review_date": D(2022, 9, 30)}
    new = {"purpose": "Lead the county.", "key_activities": ["Map", "Disrupt"], "quorum": 4, "cadence_months": 3,
           "review_date": None}
    changes = {c.label: c for c in tor_diff.diff(old, new, ["Police", "Fire"], ["Police", "Probation"])}
    assert set(changes) == {"Purpose", "Key activities", "Quorum", "Review date", "Required members"}
    assert changes["Purpose"].kind == "changed" and changes["Purpose"].after == "Lead the county."
    assert changes["Quorum"].kind == "added" and changes["Review date"].kind == "removed"
    assert changes["Key activities"].added == ["Disrupt"] and changes["Key activities"].removed == ["Divert"]
    assert changes["Required members"].added == ["Probation"] and changes["Required members"].removed == ["Fire"]


# --- actions -------------------------------------------------------------------------------------

@pytest.fixture
def group(db):
    g = make_group()
    with time_machine.travel("2022-09-01T12:00+00:00", tick=False):
        g.meeting = actions.schedule_group_meeting(g.body, date=D(2022, 9, 15), acting_user=SYSTEM)
    g.item = gov_actions.add_agenda_item(g.meeting, title="Terms of Reference review", acting_user=SYSTEM)
    return g


def propose(group, **changes):
    changes = changes or {"cadence_months": 2, "quorum": 4}
    return actions.propose_tor_amendment(group.body, summary="Meet every two months", changes=changes,
                                         required_members=["Police", "District Councils", "Probation"],
                                         proposed_on=D(2022, 9, 1), acting_user=SYSTEM)


@AFTER
def test_amendment_agreed_at_a_meeting_becomes_the_new_version(group):
    amendment = propose(group)
    assert AuditEvent.objects.filter(code="groups.tor.amendment_proposed").exists()
    tor = actions.agree_tor_amendment(amendment, meeting=group.meeting, agenda_item=group.item, version="2.1",
                                      in_force_from=D(2022, 10, 1), acting_user=SYSTEM)
    amendment.refresh_from_db()
    assert amendment.status == "agreed" and amendment.result == tor and amendment.agreed_item == group.item
    assert tor.agreed_at == group.meeting and tor.cadence_months == 2 and tor.quorum == 4
    assert tor.purpose == "To provide leadership." and tor.chair_term_months == 24  # the rest carried over
    assert [r.name for r in tor.required_members.all()] == ["Police", "District Councils", "Probation"]
    assert tor.required_members.get(name="Police").organisation == group.police
    # What rules applied on a past date stays the version in force then.
    assert queries.version_in_force(group.body, D(2022, 9, 30)).version == "2.0"
    assert queries.version_in_force(group.body, D(2022, 10, 1)).version == "2.1"
    group.body.refresh_from_db()
    assert group.body.quorum == 4 and group.body.meeting_frequency_months == 2
    assert AuditEvent.objects.filter(code="groups.tor.amendment_agreed", target_id=str(group.body.pk)).exists()
    labels = [c.label for c in queries.tor_changes(queries.previous_version(tor), tor)]
    assert labels == ["Quorum", "Cadence months", "Required members"]


@AFTER
def test_amendment_cannot_be_agreed_at_another_bodys_meeting(group):
    other = make_group()
    with time_machine.travel("2022-09-01T12:00+00:00", tick=False):
        elsewhere = actions.schedule_group_meeting(other.body, date=D(2022, 9, 20), acting_user=SYSTEM)
    amendment = propose(group)
    with pytest.raises(RuleViolation, match="another body"):
        actions.agree_tor_amendment(amendment, meeting=elsewhere, version="2.1", in_force_from=D(2022, 10, 1),
                                    acting_user=SYSTEM)
    assert TermsOfReference.objects.filter(body=group.body).count() == 1
    assert TorAmendment.objects.get(pk=amendment.pk).status == "proposed"


@time_machine.travel("2022-09-10T12:00+00:00", tick=False)
def test_amendment_cannot_be_agreed_at_a_meeting_that_has_not_happened(group):
    amendment = propose(group)
    with pytest.raises(RuleViolation, match="has not taken place"):
        actions.agree_tor_amendment(amendment, meeting=group.meeting, version="2.1", in_force_from=D(2022, 10, 1),
                                    acting_user=SYSTEM)
    assert TermsOfReference.objects.get(body=group.body).in_force_to is None  # nothing half-saved


@AFTER
def test_amendment_cannot_be_agreed_at_a_cancelled_or_inquorate_meeting(group):
    amendment = propose(group)
    gov_actions.record_outcome_without_attendance(group.meeting, status="inquorate", evidence="Minutes.",
                                                  acting_user=SYSTEM)
    group.meeting.refresh_from_db()
    with pytest.raises(RuleViolation, match="inquorate"):
        actions.agree_tor_amendment(amendment, meeting=group.meeting, version="2.1", in_force_from=D(2022, 10, 1),
                                    acting_user=SYSTEM)


@AFTER
def test_amendment_cannot_be_backdated_or_overlap(group):
    amendment = propose(group)
    with pytest.raises(RuleViolation, match="cannot come into force before the meeting"):
        actions.agree_tor_amendment(amendment, meeting=group.meeting, version="2.1", in_force_from=D(2022, 9, 1),
                                    acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="already recorded"):
        actions.agree_tor_amendment(amendment, meeting=group.meeting, version="2.0", in_force_from=D(2022, 10, 1),
                                    acting_user=SYSTEM)
    assert list(TermsOfReference.objects.filter(body=group.body).values_list("version", flat=True)) == ["2.0"]


@AFTER
def test_item_must_be_on_the_agreeing_meeting(group):
    amendment = propose(group)
    with time_machine.travel("2022-09-01T12:00+00:00", tick=False):
        later = actions.schedule_group_meeting(group.body, date=D(2022, 10, 13), reason="Extra", acting_user=SYSTEM)
    item = gov_actions.add_agenda_item(later, title="Other", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="agenda of the meeting"):
        actions.agree_tor_amendment(amendment, meeting=group.meeting, agenda_item=item, version="2.1",
                                    in_force_from=D(2022, 10, 1), acting_user=SYSTEM)


@AFTER
def test_amendment_to_a_replaced_version_is_refused_and_an_agreed_one_is_final(group):
    first, second = propose(group), propose(group, purpose="New purpose.")
    actions.agree_tor_amendment(first, meeting=group.meeting, version="2.1", in_force_from=D(2022, 10, 1),
                                acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Propose the amendment again"):
        actions.agree_tor_amendment(second, meeting=group.meeting, version="2.2", in_force_from=D(2022, 10, 2),
                                    acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="already agreed"):
        actions.agree_tor_amendment(first, meeting=group.meeting, version="2.3", in_force_from=D(2022, 10, 3),
                                    acting_user=SYSTEM)


def test_proposal_that_changes_nothing_or_breaks_a_limit_is_refused(group):
    with pytest.raises(RuleViolation, match="changes nothing"):
        actions.propose_tor_amendment(group.body, summary="Same", changes={"cadence_months": 3},
                                      proposed_on=D(2022, 9, 1), acting_user=SYSTEM)
    with pytest.raises(RuleViolation):
        actions.propose_tor_amendment(group.body, summary="Too rare", changes={"cadence_months": 13},
                                      proposed_on=D(2022, 9, 1), acting_user=SYSTEM)
    assert not TorAmendment.objects.exists()


@AFTER
def test_secretariat_proposes_an_administrator_records_agreement(group):
    officer = secretariat_user(group)
    gov_actions.set_support_officers(group.body, users=[officer], acting_user=SYSTEM)
    amendment = actions.propose_tor_amendment(group.body, summary="Bi-monthly", changes={"cadence_months": 2},
                                              acting_user=officer)
    with pytest.raises(ActionPermissionDenied):
        actions.agree_tor_amendment(amendment, meeting=group.meeting, version="2.1", in_force_from=D(2022, 10, 1),
                                    acting_user=officer)
    with pytest.raises(ActionPermissionDenied):
        actions.propose_tor_amendment(group.body, summary="x", changes={"quorum": 3},
                                      acting_user=user("cllr", Role.COUNCILLOR))
    actions.withdraw_tor_amendment(amendment, acting_user=officer)
    assert TorAmendment.objects.get(pk=amendment.pk).status == "withdrawn"


def test_sub_panel_terms_of_reference_are_amended_the_same_way(db):
    panel = make_panel(quorum=5)
    actions.add_tor_version(panel.committee, version="2019", in_force_from=D(2019, 5, 1), quorum=5,
                            cadence_months=3, papers_clear_working_days=5, acting_user=SYSTEM)
    with time_machine.travel("2023-03-01T12:00+00:00", tick=False):
        meeting = gov_actions.schedule_meeting(panel.committee, date=D(2023, 3, 10), acting_user=SYSTEM)
    with time_machine.travel("2023-04-01T12:00+00:00", tick=False):
        amendment = actions.propose_tor_amendment(panel.committee, summary="Papers six clear days before",
                                                  changes={"papers_clear_working_days": 6}, acting_user=SYSTEM)
        tor = actions.agree_tor_amendment(amendment, meeting=meeting, version="2023", in_force_from=D(2023, 5, 1),
                                          acting_user=SYSTEM)
    assert tor.papers_clear_working_days == 6 and tor.quorum == 5
    assert queries.version_in_force(panel.committee, D(2023, 4, 30)).version == "2019"


# --- review reminders ----------------------------------------------------------------------------

def test_review_reminder_goes_to_the_secretariat_only(group):
    officer = secretariat_user(group)
    gov_actions.set_support_officers(group.body, users=[officer], acting_user=SYSTEM)
    other = user("other", Role.COMMITTEE_OFFICER)
    with time_machine.travel("2022-07-01T12:00+00:00", tick=False):
        assert notifications.due_for(officer, "groups_tor_review_due") == []
    with time_machine.travel("2022-08-15T12:00+00:00", tick=False):
        [due] = notifications.due_for(officer, "groups_tor_review_due")
        assert "due for review by 30 September 2022" in due.title and due.due_on == D(2022, 9, 30)
        assert notifications.due_for(other, "groups_tor_review_due") == []


def test_review_reminder_from_the_configured_cycle(group):
    officer = secretariat_user(group)
    gov_actions.set_support_officers(group.body, users=[officer], acting_user=SYSTEM)
    actions.add_tor_version(group.body, version="3.0", in_force_from=D(2023, 1, 1), review_months=12,
                            acting_user=SYSTEM)
    with time_machine.travel("2023-12-01T12:00+00:00", tick=False):
        [due] = notifications.due_for(officer, "groups_tor_review_due")
        assert due.due_on == D(2024, 1, 1) and "version 3.0" in due.title


# --- pages ---------------------------------------------------------------------------------------

@AFTER
def test_propose_and_agree_in_the_browserless_journey(client, group):
    officer = secretariat_user(group)
    gov_actions.set_support_officers(group.body, users=[officer], acting_user=SYSTEM)
    client.force_login(officer)
    url = reverse("groups:propose-amendment", args=[group.body.slug])
    form = client.get(url)
    assert form.status_code == 200 and "Map the problem" in form.content.decode()
    data = {"amd-summary": "Meet every two months", "amd-purpose": "To provide leadership.",
            "amd-key_activities": "Map the problem\nDisrupt perpetrators", "amd-required_members":
            "Police\nDistrict Councils\nFire", "amd-cadence_months": "2", "amd-chair_term_months": "24",
            "amd-chair_re_electable": "yes", "amd-pre_agenda_days_before": "14", "amd-papers_days_before": "7",
            "amd-minutes_days_after": "7", "amd-review_date_day": "30", "amd-review_date_month": "9",
            "amd-review_date_year": "2022"}
    bad = client.post(url, {**data, "amd-summary": ""})
    assert bad.status_code == 422 and "Error: " in bad.content.decode() and "Say in a line" in bad.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    amendment = TorAmendment.objects.get()
    assert amendment.changes == {"cadence_months": 2, "key_activities": ["Map the problem", "Disrupt perpetrators"]}
    page = client.get(response.url).content.decode()
    assert "Disrupt perpetrators" in page and "Record that a meeting agreed it" not in page  # not an administrator
    client.force_login(user("admin", Role.ADMINISTRATOR))
    agree = reverse("groups:agree-amendment", args=[group.body.slug, amendment.pk])
    post = {"agr-meeting": str(group.meeting.pk), "agr-agenda_item": str(group.item.pk), "agr-version": "2.1",
            "agr-in_force_from_day": "1", "agr-in_force_from_month": "9", "agr-in_force_from_year": "2022"}
    refused = client.post(agree, post)
    assert refused.status_code == 422 and "cannot come into force before the meeting" in refused.content.decode()
    response = client.post(agree, {**post, "agr-in_force_from_month": "10"})
    assert response.status_code == 302
    version = client.get(response.url).content.decode()
    assert "Changes from version 2.0" in version and "Disrupt perpetrators" in version and "Added" in version
    assert "Terms of Reference review" in version  # the agenda item it was agreed under
