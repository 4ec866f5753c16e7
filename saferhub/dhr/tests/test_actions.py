"""Each action: happy path, refusals (nothing half-saved), permission and audit row."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.dhr import actions, clocks
from saferhub.dhr.models import Case, Decision, DhrSettings
from saferhub.dhr.tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = f.TODAY


def codes(case):
    return list(AuditEvent.objects.filter(target_id=str(case.pk), code__startswith="dhr.case.notified").values_list(
        "code", flat=True))


def test_a_notification_opens_a_case_with_a_reference_and_an_audit_row_without_personal_data():
    p = f.partnership()
    member = f.team_member(p)
    case = f.case(p, acting_user=member)
    assert case.reference == "DHR-2026-001"
    row = AuditEvent.objects.get(code="dhr.case.notified")
    assert row.actor == member and "Person A" not in str(row.data) and row.target_repr == "DHR-2026-001"


def test_an_under_16_notification_is_refused_and_nothing_is_saved():
    with pytest.raises(RuleViolation, match="aged 16 or over"):
        f.case(victim_age=15)
    assert not Case.objects.exists()


def test_only_the_partnerships_team_may_notify():
    a, b = f.partnership(), f.partnership("Beta Community Safety Partnership")
    with pytest.raises(ActionPermissionDenied):
        f.case(b, acting_user=f.team_member(a))
    for role in Role:
        if role != Role.DHR_TEAM:
            with pytest.raises(ActionPermissionDenied):
                f.case(a, acting_user=f.user(role))


def test_the_partnership_name_of_the_review_is_a_setting():
    p = f.partnership()
    actions.save_settings(partnership=p, review_name="Domestic Abuse Related Death Review", short_name="DARDR",
                          acting_user=SYSTEM)
    assert DhrSettings.objects.get(partnership=p).review_name == "Domestic Abuse Related Death Review"
    assert f.case(p).reference == "DARDR-2026-001"


def test_a_not_review_decision_cannot_be_told_to_the_family_before_qa_sight_and_confirmation():
    case = f.case()
    f.decide(case, "not_review")
    actions.record_home_office_notified(case, notified_on=dt.date(2026, 2, 2), reference="HO-1", acting_user=SYSTEM,
                                        on=TODAY)
    with pytest.raises(RuleViolation, match=r"cannot be shared with the family.*\(000:98\)"):
        actions.tell_family(case, told_on=dt.date(2026, 2, 3), acting_user=SYSTEM, on=TODAY)
    actions.record_qa_panel_seen(case, seen_on=dt.date(2026, 2, 20), acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation, match="000:98"):
        actions.tell_family(case, told_on=dt.date(2026, 2, 21), acting_user=SYSTEM, on=TODAY)
    assert Decision.objects.get().family_told_on is None
    actions.record_home_office_confirmation(case, confirmed_on=dt.date(2026, 2, 25), acting_user=SYSTEM, on=TODAY)
    actions.tell_family(case, told_on=dt.date(2026, 2, 26), acting_user=SYSTEM, on=TODAY)
    case.refresh_from_db()
    assert case.closed_on == dt.date(2026, 2, 26)


def test_the_qa_panel_sight_needs_the_home_office_told_first():
    case = f.case()
    f.decide(case, "not_review")
    with pytest.raises(RuleViolation, match="Home Office was told"):
        actions.record_qa_panel_seen(case, seen_on=dt.date(2026, 2, 20), acting_user=SYSTEM, on=TODAY)


def test_a_decision_before_the_notification_is_refused():
    case = f.case()
    with pytest.raises(RuleViolation, match="before the Partnership was told"):
        f.decide(case, decided_on=dt.date(2026, 1, 1))


def test_an_advocates_request_with_family_permission_reopens_a_not_review_decision():
    case = f.case()
    f.not_review_confirmed(case)
    actions.tell_family(case, told_on=dt.date(2026, 2, 26), acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation, match="family's permission"):
        actions.reopen_decision(case, requested_on=dt.date(2026, 3, 2), advocate="AAFDA", family_permission=False,
                                acting_user=SYSTEM, on=TODAY)
    actions.reopen_decision(case, requested_on=dt.date(2026, 3, 2), advocate="AAFDA", family_permission=True,
                            acting_user=SYSTEM, on=TODAY)
    case.refresh_from_db()
    assert case.closed_on is None and case.decision_clock_start == dt.date(2026, 3, 2)
    f.decide(case, "review", decided_on=dt.date(2026, 3, 20))
    assert [d.outcome for d in case.decisions.all()] == ["not_review", "review"]


def test_a_secretary_of_state_direction_supersedes_a_not_review_decision():
    case = f.case()
    f.decide(case, "not_review")
    actions.record_direction(case, directed_on=dt.date(2026, 3, 1), acting_user=SYSTEM, on=TODAY)
    current = case.decisions.get(reopened_on__isnull=True)
    assert current.outcome == "review" and current.directed


def test_the_review_goes_through_its_stages_in_order_to_publication():
    case = f.case()
    f.decide(case)
    with pytest.raises(RuleViolation, match="needs this done first"):
        actions.upload_report_version(case, kind="overview", final=False, filename="draft.txt", content=b"Draft",
                                      acting_user=SYSTEM, on=dt.date(2026, 3, 1))
    f.through(case, "published")
    case.refresh_from_db()
    assert case.closed_on is not None and case.themes
    assert AuditEvent.objects.filter(code="dhr.case.step_recorded", target_id=str(case.pk)).count() >= 10


def test_the_review_clock_is_six_months_from_the_decision_plus_extensions():
    case = f.case()
    f.decide(case, decided_on=dt.date(2026, 1, 30))
    actions.extend_review(case, months=3, reason="Criminal trial listed for September", agreed_on=dt.date(2026, 5, 1),
                          acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="reason"):
        actions.extend_review(case, months=1, reason=" ", agreed_on=dt.date(2026, 5, 1), acting_user=SYSTEM)
    case = Case.objects.prefetch_related("decisions", "steps", "extensions").get(pk=case.pk)
    found = {c.name: c for c in clocks.case_clocks(case, DhrSettings(partnership=case.partnership), TODAY)}
    assert found["Decision"].state == clocks.DONE
    assert found["Review submitted"].due == dt.date(2026, 10, 30)


def test_erasure_of_a_closed_case_after_the_retention_period_keeps_the_learning():
    case = f.case()
    f.decide(case)
    f.through(case, "published")
    case.refresh_from_db()
    with pytest.raises(RuleViolation, match="kept until"):
        actions.erase_case(case, acting_user=SYSTEM, on=TODAY)
    later = case.closed_on + dt.timedelta(days=15 * 366)
    assert actions.erase_due_cases(acting_user=SYSTEM, on=later) == [case.reference]
    case.refresh_from_db()
    assert case.erased_on == later and case.victim_pseudonym == "" and case.victim_age is None
    assert case.recommendations.exists() and case.themes
    assert not case.panel.exclude(name="").exists()
    assert AuditEvent.objects.filter(code="dhr.case.erased").count() == 1
    with pytest.raises(RuleViolation, match="erased"):
        f.decide(case)


def test_an_open_case_cannot_be_erased():
    with pytest.raises(RuleViolation, match="closed case"):
        actions.erase_case(f.case(), acting_user=SYSTEM, on=TODAY)


def test_withholding_publication_needs_qa_approval_a_reason_and_an_approver_and_keeps_it_off_the_learning():
    from saferhub.dhr import queries

    case = f.case()
    f.decide(case)
    f.through(case, "submitted")
    with pytest.raises(RuleViolation, match="approval"):
        actions.withhold_publication(case, withheld_on=dt.date(2026, 5, 1), reason="Risk to a child",
                                     approved_by="Chair", acting_user=SYSTEM, on=TODAY)
    from saferhub.dhr.tests.test_report import approve

    approve(case, dt.date(2026, 4, 20))
    with pytest.raises(RuleViolation, match="safeguarding concerns"):
        actions.withhold_publication(case, withheld_on=dt.date(2026, 5, 1), reason=" ", approved_by="Chair",
                                     acting_user=SYSTEM, on=TODAY)
    actions.withhold_publication(case, withheld_on=dt.date(2026, 5, 1), reason="Risk to a child",
                                 approved_by="Partnership chair", acting_user=SYSTEM, on=TODAY)
    case.refresh_from_db()
    assert case.closed_on == dt.date(2026, 5, 1)
    with pytest.raises(RuleViolation, match="withheld"):
        actions.record_step(case, step="published", done_on=dt.date(2026, 5, 2),
                            details={"anonymisation_checked": True}, acting_user=SYSTEM, on=TODAY)
    assert not queries.published_learning().exists()
    assert AuditEvent.objects.filter(code="dhr.case.publication_withheld").count() == 1
