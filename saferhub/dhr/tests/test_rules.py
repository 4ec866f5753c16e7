"""Each rule alone, without the database."""

import datetime as dt

import pytest

from saferhub.core.exceptions import RuleViolation
from saferhub.dhr import clocks, rules
from saferhub.dhr.steps import Step

D = dt.date


def notification(**kw):
    values = dict(date_of_death=D(2026, 1, 1), date_notified=D(2026, 1, 3), today=D(2026, 2, 1), victim_age=30,
                  child_review_reference="", partnership_kind="partnership")
    values.update(kw)
    rules.check_notification(**values)


def test_a_notification_for_an_adult_is_accepted():
    notification()


@pytest.mark.parametrize(("kw", "code"), [
    ({"victim_age": 15}, "aged 16 or over"),
    ({"victim_age": 17}, "child safeguarding review"),
    ({"date_notified": D(2025, 12, 31)}, "before the date of death"),
    ({"date_notified": D(2026, 3, 1)}, "future"),
    ({"partnership_kind": "police"}, "Community Safety Partnership"),
])
def test_notification_refusals(kw, code):
    with pytest.raises(RuleViolation, match=code):
        notification(**kw)


def test_an_under_18_with_a_child_review_reference_is_accepted():
    notification(victim_age=17, child_review_reference="CSPR-7")


def decision(**kw):
    values = dict(outcome="review", decided_on=D(2026, 1, 20), clock_start=D(2026, 1, 3), today=D(2026, 2, 1),
                  rationale="Met", partners_consulted="Police", chair_name="Chair", has_current_decision=False,
                  suspected_suicide=False, suicide_circumstances_considered=False)
    values.update(kw)
    rules.check_decision(**values)


@pytest.mark.parametrize(("kw", "match"), [
    ({"decided_on": D(2026, 1, 2)}, "before the Partnership was told"),
    ({"rationale": " "}, "reasons"),
    ({"partners_consulted": ""}, "partners consulted"),
    ({"has_current_decision": True}, "already recorded"),
    ({"outcome": "not_review", "suspected_suicide": True}, "suspected suicide"),
])
def test_decision_refusals(kw, match):
    with pytest.raises(RuleViolation, match=match):
        decision(**kw)


def test_a_not_review_decision_cannot_go_to_the_family_before_qa_sight_and_confirmation():
    with pytest.raises(RuleViolation, match="quality assurance panel") as exc:
        rules.check_family_may_be_told(outcome="not_review", qa_panel_seen_on=D(2026, 2, 1),
                                       home_office_confirmed_on=None)
    assert exc.value.rule_code == "dhr.family_told_before_home_office"
    rules.check_family_may_be_told(outcome="not_review", qa_panel_seen_on=D(2026, 2, 1),
                                   home_office_confirmed_on=D(2026, 2, 2))
    rules.check_family_may_be_told(outcome="review", qa_panel_seen_on=None, home_office_confirmed_on=None)


def test_reopening_needs_a_not_review_decision_and_the_familys_permission():
    with pytest.raises(RuleViolation, match="family's permission"):
        rules.check_reopen(outcome="not_review", family_permission=False, advocate="AAFDA")
    with pytest.raises(RuleViolation, match="Only a decision not to"):
        rules.check_reopen(outcome="review", family_permission=True, advocate="AAFDA")
    rules.check_reopen(outcome="not_review", family_permission=True, advocate="AAFDA")


def step(s, **kw):
    values = dict(review_decided=True, done=set(), done_on=D(2026, 3, 1), today=D(2026, 6, 1),
                  decided_on=D(2026, 2, 1), details={}, feedback_approved=False, panel=[], imrs_outstanding=0,
                  notice_on=D(2026, 2, 20), notice_days=7)
    values.update(kw)
    rules.check_step(s, **values)


def test_stages_follow_their_order():
    with pytest.raises(RuleViolation, match="needs this done first"):
        step(Step.PANEL)
    with pytest.raises(RuleViolation, match="after the decision to hold a review"):
        step(Step.CHAIR, review_decided=False)


def test_the_chair_must_be_independent():
    with pytest.raises(RuleViolation, match="independent"):
        step(Step.CHAIR, details={"chair_name": "A", "author_name": "B"})
    step(Step.CHAIR, details={"chair_name": "A", "author_name": "B", "independence_confirmed": True})


def test_every_panel_member_declares_independence():
    with pytest.raises(RuleViolation, match="declare"):
        step(Step.PANEL, done={Step.CHAIR}, panel=[True, False])
    step(Step.PANEL, done={Step.CHAIR}, panel=[True])


def test_imrs_must_all_be_received():
    done = {Step.CHAIR, Step.PANEL, Step.TERMS}
    with pytest.raises(RuleViolation, match="not yet received"):
        step(Step.IMRS, done=done, imrs_outstanding=1)


def test_family_declining_still_lets_the_review_go_ahead():
    step(Step.FAMILY, done={Step.CHAIR}, details={"outcome": "declined", "advocacy_offered": "AAFDA"})
    with pytest.raises(RuleViolation, match="engaged"):
        step(Step.FAMILY, done={Step.CHAIR}, details={"advocacy_offered": "AAFDA"})


def test_publication_needs_qa_approval_and_an_anonymisation_check():
    done = set(Step) - {Step.PUBLISHED}
    with pytest.raises(RuleViolation, match="approved"):
        step(Step.PUBLISHED, done=done, details={"anonymisation_checked": True})
    with pytest.raises(RuleViolation, match="anonymisation"):
        step(Step.PUBLISHED, done=done, feedback_approved=True, details={})
    step(Step.PUBLISHED, done=done, feedback_approved=True, details={"anonymisation_checked": True})


def test_feedback_asking_for_changes_may_be_followed_by_an_approval():
    done = set(Step) - {Step.PUBLISHED}
    step(Step.FEEDBACK, done=done, feedback_approved=False, details={"outcome": "approved"})
    with pytest.raises(RuleViolation, match="already recorded"):
        step(Step.FEEDBACK, done=done, feedback_approved=True, details={"outcome": "approved"})


def test_an_extension_needs_a_reason():
    with pytest.raises(RuleViolation, match="reason"):
        rules.check_extension(months=3, reason="", review_decided=True, closed=False)


def test_erasure_waits_for_the_retention_period():
    with pytest.raises(RuleViolation, match="kept until"):
        rules.check_erasure(closed_on=D(2020, 1, 1), erased_on=None, erase_after=D(2035, 1, 1), today=D(2030, 1, 1))
    with pytest.raises(RuleViolation, match="closed case"):
        rules.check_erasure(closed_on=None, erased_on=None, erase_after=None, today=D(2030, 1, 1))
    rules.check_erasure(closed_on=D(2020, 1, 1), erased_on=None, erase_after=D(2025, 1, 1), today=D(2030, 1, 1))


def test_clocks_are_calendar_months_from_the_settings():
    assert clocks.decision_due(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert clocks.review_due(D(2026, 1, 30), 6) == D(2026, 7, 30)
    assert clocks.review_due(D(2026, 1, 30), 6, 3) == D(2026, 10, 30)
    assert clocks.state(D(2026, 2, 1), None, D(2026, 2, 2), 14) == clocks.OVERDUE
    assert clocks.state(D(2026, 2, 10), None, D(2026, 2, 1), 14) == clocks.AT_RISK
    assert clocks.state(D(2026, 4, 10), None, D(2026, 2, 1), 14) == clocks.DUE
    assert clocks.state(D(2026, 2, 1), D(2026, 2, 5), D(2026, 3, 1), 14) == clocks.DONE
    assert clocks.erase_after(D(2020, 2, 29), 15) == D(2035, 2, 28)


def test_the_commissioner_is_sent_only_the_final_report_with_evidence():
    done = {Step.CHAIR, Step.PANEL, Step.TERMS, Step.IMRS, Step.FAMILY, Step.DRAFT, Step.SIGN_OFF, Step.SUBMITTED,
            Step.FEEDBACK}
    with pytest.raises(RuleViolation, match="001:477"):
        step(Step.COMMISSIONER, done=done, feedback_approved=False, details={"evidence": "email"})
    with pytest.raises(RuleViolation, match="how the report was sent"):
        step(Step.COMMISSIONER, done=done, feedback_approved=True, details={})
    step(Step.COMMISSIONER, done=done, feedback_approved=True, details={"evidence": "email ref 12"})
