"""The register of third-party hate crime reporting centres (001:775): its rules and its audit."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.returns import actions, rules
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    return user_with(django_user_model, Role.PARTNERSHIP_OFFICER)


def add(by, **kw):
    data = {"name": "Norwich Library", "address": "The Forum\nMillennium Plain", "opening_hours": "Mon-Sat 9-5"}
    return actions.add_reporting_centre(acting_user=by, **{**data, **kw})


def test_the_check_is_overdue_after_the_configured_months_or_if_never_checked():
    assert rules.centre_check_overdue(last_checked_on=None, months=6, today=dt.date(2023, 6, 1))
    assert not rules.centre_check_overdue(last_checked_on=dt.date(2022, 12, 2), months=6, today=dt.date(2023, 6, 1))
    assert rules.centre_check_overdue(last_checked_on=dt.date(2022, 12, 1), months=6, today=dt.date(2023, 6, 1))


@pytest.mark.parametrize("field", ["name", "address", "opening_hours"])
def test_name_address_and_opening_hours_are_required(officer, field):
    with pytest.raises(RuleViolation, match="Enter") as exc:
        add(officer, **{field: "  "})
    assert exc.value.field == field


def test_a_centre_is_in_the_register_once(officer):
    add(officer)
    with pytest.raises(RuleViolation, match="already in the register"):
        add(officer, name="norwich library")


@time_machine.travel("2023-06-01T12:00+00:00", tick=False)
def test_a_check_is_not_in_the_future_nor_earlier_than_the_last(officer):
    with pytest.raises(RuleViolation, match="cannot be in the future"):
        add(officer, last_checked_on=dt.date(2023, 6, 2))
    centre = add(officer, last_checked_on=dt.date(2023, 5, 1))
    with pytest.raises(RuleViolation, match="cannot be earlier than the one already recorded"):
        actions.update_reporting_centre(centre, acting_user=officer, name=centre.name, address=centre.address,
                                        opening_hours=centre.opening_hours, last_checked_on=dt.date(2023, 4, 1),
                                        open=True)
    actions.update_reporting_centre(centre, acting_user=officer, name=centre.name, address=centre.address,
                                    opening_hours="Mon-Fri 9-5", last_checked_on=dt.date(2023, 6, 1), open=True)
    row = AuditEvent.objects.filter(code="returns.centre.updated").get()
    assert row.data == {"opening_hours": ["Mon-Sat 9-5", "Mon-Fri 9-5"], "last_checked_on": ["2023-05-01", "2023-06-01"]}
    assert AuditEvent.objects.filter(code="returns.centre.added", target_id=str(centre.pk)).exists()


def test_only_the_partnerships_officers_keep_the_register(django_user_model):
    with pytest.raises(ActionPermissionDenied):
        add(user_with(django_user_model, Role.TENSION_ANALYST))
