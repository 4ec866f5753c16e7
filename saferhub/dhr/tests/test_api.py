"""The review API: public numbers, and cases only for the partnership's team (token or session)."""

import pytest
from django.test import Client

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.dhr.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a, b = f.partnership(), f.partnership("Beta Community Safety Partnership")
    case = f.case(a)
    f.decide(case)
    return {"a": a, "b": b, "case": case, "other": f.case(b)}


def test_the_numbers_are_public_and_carry_no_case_detail(world):
    response = Client().get("/api/v1/dhr/numbers")
    assert response.status_code == 200
    assert {r["partnership"]: r["under_way"] for r in response.json()} == {
        "Alpha Community Safety Partnership": 1, "Beta Community Safety Partnership": 1}
    assert "Person A" not in response.content.decode() and "DHR-2026" not in response.content.decode()


def test_a_team_token_lists_and_reads_only_its_partnerships_cases_and_the_read_is_audited(world):
    member = f.team_member(world["a"])
    _, raw = core_actions.create_api_token(member, name="tool", acting_user=SYSTEM)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    listing = client.get("/api/v1/dhr/cases").json()
    assert [c["id"] for c in listing] == [world["case"].pk]
    assert "victim_pseudonym" not in listing[0] and "Person A" not in str(listing)
    assert client.get(f"/api/v1/dhr/cases/{world['case'].pk}").status_code == 200
    assert AuditEvent.objects.filter(code="dhr.case.viewed", actor=member).count() == 1
    assert client.get(f"/api/v1/dhr/cases/{world['other'].pk}").status_code == 404
    assert client.get("/api/v1/dhr/cases/999999").status_code == 404


@pytest.mark.parametrize("role", [r.value for r in Role if r != Role.DHR_TEAM])
def test_every_other_role_gets_404_from_the_case_endpoints(world, role):
    client = Client()
    client.force_login(f.user(role))
    assert client.get("/api/v1/dhr/cases").status_code == 404
    assert client.get(f"/api/v1/dhr/cases/{world['case'].pk}").status_code == 404


def test_anonymous_callers_are_refused(world):
    response = Client().get(f"/api/v1/dhr/cases/{world['case'].pk}")
    assert response.status_code == 401
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize("role", ["chair", "author", "panel", "agency"])
def test_people_appointed_to_a_review_get_404_from_the_case_endpoints(world, role):
    from saferhub.dhr import actions

    person = f.user(Role.AGENCY_OFFICER)
    actions.appoint_person(world["case"], user=person, role=role, agency=f.org("Example Constabulary"),
                           acting_user=SYSTEM)
    _, raw = core_actions.create_api_token(person, name="tool", acting_user=SYSTEM)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/dhr/cases").status_code == 404
    assert client.get(f"/api/v1/dhr/cases/{world['case'].pk}").status_code == 404


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]])
def test_the_sub_panel_numbers_are_public_for_every_role_and_hold_no_names(world, role):
    client = Client()
    if role:
        client.force_login(f.user(role))
    response = client.get("/api/v1/dhr/sub-panel")
    assert response.status_code == 200 and response.json()["notifications"] == 2
    assert "Person A" not in response.content.decode() and "DHR-2026" not in response.content.decode()
