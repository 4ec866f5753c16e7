"""The tension log's API: every role × endpoint (404 for anyone who may not read a report, as on the pages),
a second partnership's analyst seeing none of the first's reports, the personal-data rule as a 422 naming it,
triage and escalation through the same actions, a bearer token, and no-store on every answer."""

import datetime as dt

import pytest
from django.utils import timezone

from saferhub.core import actions as core_actions
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.returns import actions
from saferhub.returns.models import TensionReport
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db
BASE = "/api/v1/returns/tensions"
DETAILS = {"what": "Stickers on bus shelters", "where": "Town centre", "occurred_on": "2023-05-01",
           "communities": "Residents", "source": "Patrol"}
MATRIX = [None, "no role", *[r.value for r in Role], "submitter", "other partnership's analyst"]


@pytest.fixture
def world(django_user_model):
    submitter = user_with(django_user_model, Role.AGENCY_OFFICER, "submitter")
    report = actions.submit_tension(acting_user=submitter, **{**DETAILS, "occurred_on": dt.date(2023, 5, 1)})
    other = Organisation.objects.create(name="Fictionshire Community Safety Partnership", kind="partnership")
    return {"report": report, "submitter": submitter, "other": other}


def _login(client, django_user_model, world, who):
    if who == "submitter":
        client.force_login(world["submitter"])
    elif who == "other partnership's analyst":
        client.force_login(user_with(django_user_model, Role.TENSION_ANALYST, "elsewhere", partnership=world["other"]))
    elif who is not None:
        client.force_login(user_with(django_user_model, None if who == "no role" else who, "caller"))


@pytest.mark.parametrize("who", MATRIX)
def test_role_endpoint_matrix(client, django_user_model, world, who):
    _login(client, django_user_model, world, who)
    pk = world["report"].pk
    analyst = who == Role.TENSION_ANALYST
    reads = analyst or who == "submitter"
    staff = who not in (None, "no role")
    listed = client.get(BASE)
    one = client.get(f"{BASE}/{pk}")
    triage = client.post(f"{BASE}/{pk}/triage", {"grade": "Low"}, content_type="application/json")
    if who is None:
        assert {listed.status_code, one.status_code, triage.status_code} == {401}
        return
    assert listed.status_code == (200 if staff else 404)
    if staff:
        assert [r["id"] for r in listed.json()] == ([pk] if reads else [])
    assert one.status_code == (200 if reads else 404)
    assert triage.status_code == (200 if analyst else 403 if reads else 404)
    assert TensionReport.objects.get(pk=pk).grade == ("Low" if analyst else "")
    for response in (listed, one, triage):
        assert "no-store" in response["Cache-Control"]


def test_submit_triage_and_escalate_through_the_api_with_a_token(client, django_user_model, world):
    admin = user_with(django_user_model, Role.ADMINISTRATOR, "admin")
    analyst = user_with(django_user_model, Role.TENSION_ANALYST, "analyst")
    _, raw = core_actions.create_api_token(analyst, name="police system", acting_user=admin)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    warned = client.post(BASE, {**DETAILS, "what": "Mr Smith was shouted at"}, content_type="application/json", **auth)
    assert warned.status_code == 422 and "returns." in warned.content.decode()
    made = client.post(BASE, {**DETAILS, "what": "Mr Smith was shouted at", "confirm_personal": True},
                       content_type="application/json", **auth)
    assert made.status_code == 201
    body = made.json()
    assert body["partnership"] == world["report"].partnership.name and body["status"] == "submitted"
    assert client.post(f"{BASE}/{body['id']}/triage", {"grade": "Not a grade"}, content_type="application/json",
                       **auth).status_code == 422
    assert client.post(f"{BASE}/{body['id']}/triage", {"grade": "Low"}, content_type="application/json",
                       **auth).json()["grade"] == "Low"
    escalated = client.post(f"{BASE}/{body['id']}/escalate", {"escalated_on": timezone.localdate().isoformat()},
                            content_type="application/json", **auth)
    assert escalated.status_code == 200 and escalated.json()["escalated_on"] == timezone.localdate().isoformat()


def test_an_unknown_partnership_or_report_is_404(client, django_user_model, world):
    client.force_login(world["submitter"])
    assert client.post(BASE, {**DETAILS, "partnership_id": 999999}, content_type="application/json").status_code == 404
    assert client.get(f"{BASE}/999999").status_code == 404
    assert client.get(f"{BASE}/0").status_code in (404, 422)
    assert client.post(BASE, {**DETAILS, "partnership_id": world["other"].pk},
                       content_type="application/json").status_code == 422  # not a partnership they work for
