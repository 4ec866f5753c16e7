import pytest
from django.contrib.auth import get_user_model

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.delivery import actions

pytestmark = pytest.mark.django_db


def test_plan_and_actions_are_created_and_audited():
    plan = actions.create_plan(title="Delivery plan for the Safer Norfolk Plan 2021-24", acting_user=SYSTEM)
    row = actions.add_action(plan, number="1.14", action="Provide support to victims", owner="Norfolk Constabulary",
                             due="Ongoing", acting_user=SYSTEM)
    assert row.position == 1
    assert list(plan.actions.values_list("number", flat=True)) == ["1.14"]
    assert AuditEvent.objects.filter(code="delivery.action.added").count() == 1


def test_duplicate_numbers_are_refused():
    plan = actions.create_plan(title="Plan", acting_user=SYSTEM)
    actions.add_action(plan, number="1.1", action="A", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="already in this plan"):
        actions.add_action(plan, number="1.1", action="B", acting_user=SYSTEM)


def test_the_public_cannot_change_plans():
    user = get_user_model().objects.create_user("someone", password="x" * 12)
    with pytest.raises(ActionPermissionDenied):
        actions.create_plan(title="Plan", acting_user=user)


def test_update_records_old_and_new_values():
    plan = actions.create_plan(title="Plan", acting_user=SYSTEM)
    row = actions.add_action(plan, number="1.1", action="A", due="TBC", acting_user=SYSTEM)
    actions.update_action(row, due="March 2022", acting_user=SYSTEM)
    event = AuditEvent.objects.filter(code="delivery.action.updated").get()
    assert event.data["due"] == {"old": "TBC", "new": "March 2022"}
