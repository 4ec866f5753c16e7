"""The ASB API: the threshold contract, statistics, and who sees which cases."""

import datetime as dt
import json

import pytest

from saferhub.asb import actions
from saferhub.asb.tests import factories as f
from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db
D = dt.date


def post(client, url, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json")


REQUEST = {
    "application_date": "2026-06-01",
    "complaints": [
        {"behaviour_date": "2026-03-01", "reported_date": "2026-03-02", "agency": "Police", "reference": "A1"},
        {"behaviour_date": "2026-04-01", "reported_date": "2026-05-15", "agency": "Council", "reference": "C1"},
        {"behaviour_date": "2026-05-01", "reported_date": "2026-05-02", "agency": "Housing", "reference": "H1"},
    ],
}


def test_threshold_contract(client):
    response = post(client, "/api/v1/asb/threshold", REQUEST)
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("met", "required", "qualifying", "route")} == {
        "met": False, "required": 3, "qualifying": [0, 2], "route": "none"}
    assert body["not_qualifying"][0]["index"] == 1 and "1 month" in body["not_qualifying"][0]["reason"]
    assert len(body["explanation"]) == 4


def test_threshold_area_adds_local_routes(client):
    f.world()
    people = {"application_date": "2026-06-20", "area": "breckland", "complaints": [
        {"behaviour_date": "2026-05-01", "reported_date": "2026-06-10", "agency": "Council", "reference": "",
         "reporter": f"Person {i}"} for i in range(5)]}
    assert post(client, "/api/v1/asb/threshold", people).json()["route"] == "local_variant"
    people["area"] = "norwich"
    assert post(client, "/api/v1/asb/threshold", people).json()["route"] == "none"


@pytest.mark.parametrize("body,message", [
    ("{not json", "must be JSON"),
    ({"complaints": []}, "application_date is required"),
    ({"application_date": "2026-02-30", "complaints": []}, "real date"),
    ({"application_date": "2026-02-01", "complaints": [{"behaviour_date": "2026-01-01"}]}, "reported_date is required"),
    ({"application_date": "2026-02-01", "complaints": [], "area": "atlantis"}, "Unknown area"),
    ([], "JSON object"),
])
def test_threshold_bad_input_is_422_problem(client, body, message):
    response = post(client, "/api/v1/asb/threshold", body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert message in response.json()["detail"]


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_public_annual_figures(client):
    w = f.world()
    case = f.application(w, n=2, application_date=D(2026, 2, 2))
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                acting_user=SYSTEM)
    f.to_action_plan(w, f.application(w, application_date=D(2026, 3, 2)))
    rows = client.get("/api/v1/asb/stats/2026").json()
    norwich = next(r for r in rows if r["area"] == "Norwich")
    county = rows[-1]
    assert norwich == {"area": "Norwich", "area_code": "norwich", "received": 2, "threshold_not_met": 1,
                       "reviews": 1, "with_recommendations": 1}
    assert county["area"] == "County" and county["received"] == 2
    assert client.get("/api/v1/asb/stats/1999").status_code == 404


# --- who sees what --------------------------------------------------------------------------------------


@pytest.fixture
def scene():
    w = f.world()
    norwich_case = f.to_action_plan(w, f.application(w, area=w.norwich))  # housing owns an action
    breck_case = f.application(w, area=w.breckland)
    actions.triage_case(breck_case, decision="route", acting_user=SYSTEM)
    users = {
        "county": f.user(Role.ASB_COUNTY_TEAM, username="county"),
        "norwich_spoc": f.user(Role.ASB_SPOC, area=w.norwich, username="nspoc"),
        "breck_opt": f.user(Role.OPT_OFFICER, area=w.breckland, username="bopt"),
        "norwich_inspector": f.user(Role.OPT_INSPECTOR, area=w.norwich, username="ninsp"),
        "housing": f.user(Role.AGENCY_OFFICER, organisation=w.housing, username="housing"),
        "health": f.user(Role.AGENCY_OFFICER, organisation=w.health, username="health"),
        "committee": f.user(Role.COMMITTEE_OFFICER, username="committee"),
        "nobody": f.user(None, username="nobody"),
    }
    return w, norwich_case, breck_case, users


EXPECTED = {
    "county": {"norwich", "breck"},
    "norwich_spoc": {"norwich"},
    "breck_opt": {"breck"},
    "norwich_inspector": {"norwich"},
    "housing": {"norwich"},
    "health": set(),
    "committee": set(),
    "nobody": set(),
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_role_sees_exactly_its_cases(client, scene, who):
    w, norwich_case, breck_case, users = scene
    refs = {"norwich": norwich_case.reference, "breck": breck_case.reference}
    client.force_login(users[who])
    listing = client.get("/api/v1/asb/cases").json()
    assert {c["reference"] for c in listing} == {refs[k] for k in EXPECTED[who]}
    for key, ref in refs.items():
        response = client.get(f"/api/v1/asb/cases/{ref}")
        assert response.status_code == (200 if key in EXPECTED[who] else 404), (who, key)


def test_anonymous_cannot_list_cases(client, scene):
    assert client.get("/api/v1/asb/cases").status_code == 401


def test_case_detail_shape_and_bearer_token(client, scene):
    w, norwich_case, breck_case, users = scene
    _, raw = core_actions.create_api_token(users["norwich_spoc"], name="tool", acting_user=SYSTEM)
    body = client.get(f"/api/v1/asb/cases/{norwich_case.reference}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert body["status"] == "action_plan" and body["lead_agency"] == "Norfolk Constabulary"
    assert len(body["complaints"]) == 3 and body["threshold"]["met"] is True
    assert {c["step"] for c in body["clocks"]} >= {"acknowledgement", "determination", "overall"}
    assert body["appeal_deadline"] is not None


def test_history_is_for_the_county_team(client, scene):
    w, norwich_case, breck_case, users = scene
    client.force_login(users["norwich_spoc"])
    assert client.get(f"/api/v1/asb/cases/{norwich_case.reference}/history").status_code == 404
    client.force_login(users["county"])
    history = client.get(f"/api/v1/asb/cases/{norwich_case.reference}/history").json()
    assert history[0]["code"] == "asb.case.submitted" and history[0]["actor"] == "System"
    assert any(h["code"] == "asb.case.decision_sent" for h in history)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_dashboard_and_sub_panel_report(client, scene):
    w, norwich_case, breck_case, users = scene
    client.force_login(users["breck_opt"])
    body = client.get("/api/v1/asb/dashboard").json()
    assert all(row["reference"] == breck_case.reference for row in body["overdue"])
    report = client.get(f"/api/v1/asb/stats/{D.today().year}/report")
    assert report.status_code == 200
    client.force_login(users["committee"])
    assert client.get("/api/v1/asb/dashboard").status_code == 404
    assert client.get(f"/api/v1/asb/stats/{D.today().year}/report").status_code == 404


def test_openapi_describes_the_threshold_request(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/asb/threshold"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["application_date", "complaints"]
    assert "422" in operation["responses"]
