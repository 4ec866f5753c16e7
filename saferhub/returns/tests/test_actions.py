import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.returns import actions
from saferhub.returns.models import Submission
from saferhub.returns.tests.factories import MAY, ROLES, lines_return, user_with

pytestmark = pytest.mark.django_db


def test_clean_figures_save_as_draft_then_submit_and_lock():
    definition = lines_return()
    sub = actions.save_submission(acting_user=SYSTEM, definition=definition, values={"total": 42, "tier1": 12,
                                                                                      "tier2": 30}, **MAY)
    assert sub.status == "draft" and sub.figures.count() == 3 and not sub.flags.exists()
    actions.submit_submission(acting_user=SYSTEM, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "submitted" and sub.submitted_at
    with pytest.raises(RuleViolation, match="locked"):
        actions.save_submission(acting_user=SYSTEM, definition=definition, values={"total": 1}, **MAY)
    with pytest.raises(RuleViolation, match="already"):
        actions.submit_submission(acting_user=SYSTEM, submission=sub)
    assert AuditEvent.objects.filter(code="returns.submission.submitted").count() == 1


def test_figures_breaking_a_rule_are_refused_without_a_reason():
    definition = lines_return()
    with pytest.raises(RuleViolation, match="Tiers add up to the total.*12 \\+ 30 = 42") as exc:
        actions.save_submission(acting_user=SYSTEM, definition=definition,
                                values={"total": 35, "tier1": 12, "tier2": 30}, **MAY)
    assert exc.value.rule_code == "returns.rules_broken"
    assert not Submission.objects.exists()


def test_figures_breaking_a_rule_saved_with_a_reason_are_a_flagged_draft_that_cannot_be_submitted():
    definition = lines_return()
    sub = actions.save_submission(acting_user=SYSTEM, definition=definition, flag_reason="As published",
                                  values={"total": 35, "tier1": 12, "tier2": 30}, **MAY)
    assert sub.status == "flagged" and sub.flag_reason == "As published"
    assert [f.rule_name for f in sub.flags.all()] == ["Tiers add up to the total"]
    with pytest.raises(RuleViolation, match="flagged draft cannot be submitted"):
        actions.submit_submission(acting_user=SYSTEM, submission=sub)
    # corrected, the flag goes and the draft may be submitted
    sub = actions.save_submission(acting_user=SYSTEM, definition=definition,
                                  values={"total": 42, "tier1": 12, "tier2": 30}, **MAY)
    assert sub.status == "draft" and not sub.flags.exists()
    assert AuditEvent.objects.filter(code="returns.submission.flagged").count() == 1


def test_period_and_geography_are_checked():
    definition = lines_return()
    with pytest.raises(RuleViolation, match="covers Norfolk, Norwich"):
        actions.save_submission(acting_user=SYSTEM, definition=definition, values={},
                                **{**MAY, "geography": "Mars"})
    with pytest.raises(RuleViolation, match="one calendar month"):
        actions.save_submission(acting_user=SYSTEM, definition=definition, values={},
                                **{**MAY, "period_start": MAY["period_start"].replace(day=2)})


def test_a_rule_naming_an_unknown_field_is_refused():
    with pytest.raises(RuleViolation, match="not a figure"):
        actions.define_return(acting_user=SYSTEM, slug="x", name="X", recipient="HO", period_kind="monthly",
                              geographies=["Norfolk"], fields=[{"key": "a", "kind": "count"}],
                              rules_between=[{"name": "r", "kind": "parts_sum_to_total", "whole": "a",
                                              "parts": ["b"]}])


@pytest.mark.parametrize("role", ROLES)
def test_who_may_enter_figures(django_user_model, role):
    definition = lines_return()
    user = user_with(django_user_model, role)
    allowed = role in (Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR)
    call = lambda: actions.save_submission(acting_user=user, definition=definition, values={"total": 3}, **MAY)  # noqa: E731
    if allowed:
        assert call().status == "draft"
    else:
        with pytest.raises(ActionPermissionDenied):
            call()
