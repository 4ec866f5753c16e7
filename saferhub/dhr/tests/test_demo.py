"""The fictional demo cases and accounts load through the actions, cover every stage and are idempotent."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.demo import DEMO_PASSWORD
from saferhub.dhr import demo
from saferhub.dhr.models import Case
from saferhub.dhr.steps import ORDER

pytestmark = pytest.mark.django_db


def test_the_demo_loads_every_stage_once_and_its_accounts_see_only_their_partnership():
    made = demo.load_demo(acting_user=SYSTEM, today=dt.date(2026, 11, 2))
    assert len(made) == len(demo.SCENARIOS) + 2
    assert demo.load_demo(acting_user=SYSTEM, today=dt.date(2026, 11, 2)) == []
    reached = {s.step for case in Case.objects.prefetch_related("steps") for s in case.steps.all()}
    assert reached == set(ORDER)
    assert sorted(demo.create_demo_accounts(DEMO_PASSWORD, acting_user=SYSTEM)) == [
        "dhr-agency", "dhr-chair", "dhr-other", "dhr-team"]
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="dhr-team")
    assert user.check_password(DEMO_PASSWORD)
    client = Client()
    client.force_login(user)
    body = client.get(reverse("dhr:case-list")).content.decode()
    assert demo.NORFOLK in body and demo.FICTIONAL not in body


def test_the_demo_chair_and_agency_contact_see_only_their_review_and_request():
    from django.contrib.auth import get_user_model

    demo.load_demo(acting_user=SYSTEM, today=dt.date(2026, 11, 2))
    demo.create_demo_accounts(DEMO_PASSWORD, acting_user=SYSTEM)
    users = get_user_model().objects
    chair, agency = Client(), Client()
    chair.force_login(users.get(username="dhr-chair"))
    agency.force_login(users.get(username="dhr-agency"))
    assert "Fictional person" not in chair.get(reverse("dhr:my-reviews")).content.decode()
    assert chair.get(reverse("dhr:case-list")).status_code == 404
    assert agency.get(reverse("dhr:my-reviews")).status_code == 200
