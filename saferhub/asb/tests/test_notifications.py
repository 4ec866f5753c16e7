"""ASB's staff notification: a case clock at risk, for those who may see the case (saferhub/asb/notifications.py)."""

import datetime as dt

import pytest
import time_machine

from saferhub.asb.notifications import clocks_at_risk
from saferhub.asb.tests import factories as f
from saferhub.core import notifications
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-03-11T12:00Z", tick=False)  # a Wednesday: the acknowledgement due today is at risk
def test_a_clock_at_risk_is_notified_to_staff_who_see_the_case_only():
    w = f.world()
    case = f.application(w, area=w.norwich, application_date=dt.date(2026, 3, 4))
    spoc = f.user(Role.ASB_SPOC, area=w.norwich)
    other = f.user(Role.ASB_SPOC, area=w.breckland)
    nobody = f.user()
    [item] = list(clocks_at_risk(spoc))
    assert item.key == f"{case.pk}:acknowledgement:2026-03-11"
    assert case.reference in item.title and "Fictional victim" not in item.title
    assert item.url == f"/asb/cases/{case.pk}/"
    assert list(clocks_at_risk(other)) == [] and list(clocks_at_risk(nobody)) == []
    assert notifications.get_kind("asb_clock_at_risk").producer is clocks_at_risk
