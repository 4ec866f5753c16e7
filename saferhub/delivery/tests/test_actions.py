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


def add(via, plan, **row):
    if via == "single":
        return actions.add_action(plan, acting_user=SYSTEM, **row)
    return actions.add_actions(plan, rows=[row], acting_user=SYSTEM).records[0]


@pytest.mark.parametrize("via", ["single", "bulk"])
@pytest.mark.parametrize("row,message", [({"number": "1.1", "action": "B"}, "already in this plan"),
                                         ({"number": " ", "action": "B"}, "number and wording"),
                                         ({"number": "1.2", "action": "  "}, "number and wording")])
def test_single_and_bulk_refuse_the_same_rows(via, row, message):
    plan = actions.create_plan(title="Plan", acting_user=SYSTEM)
    add(via, plan, number="1.1", action="A")
    with pytest.raises(RuleViolation, match=message):
        add(via, plan, **row)
    assert plan.actions.count() == 1


def test_bulk_actions_keep_order_audit_each_row_and_collect_refusals():
    plan = actions.create_plan(title="Plan", acting_user=SYSTEM)
    outcome = actions.add_actions(plan, rows=[
        {"number": "1.1", "action": "A", "theme": "Fraud"}, {"number": "1.1", "action": "again"},
        {"number": "1.2", "action": "B", "due": " TBC "}], acting_user=SYSTEM, collect_refusals=True)
    assert list(outcome.refused) == [1]
    assert [(a.number, a.position, a.theme, a.due) for a in plan.actions.all()] == [
        ("1.1", 1, "Fraud", ""), ("1.2", 2, "", "TBC")]
    assert AuditEvent.objects.filter(code="delivery.action.added").count() == 2
    with pytest.raises(TypeError):
        actions.add_actions(plan, rows=[{"number": "1.3", "action": "C", "colour": "red"}], acting_user=SYSTEM)
    user = get_user_model().objects.create_user("nobody", password="x" * 12)
    with pytest.raises(ActionPermissionDenied):
        actions.add_actions(plan, rows=[{"number": "1.3", "action": "C"}], acting_user=user)
