"""The JSON API contract: reads, the attendance write, errors as problem+json, visibility."""

import datetime as dt
import json

import pytest

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.tests.factories import attend, committee_officer, make_meeting, make_panel, user

pytestmark = pytest.mark.django_db
D = dt.date


def post(client, url, body, **headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def panel():
    return make_panel()


@pytest.fixture
def token(panel):
    officer = committee_officer(panel, "api-officer")
    _, raw = core_actions.create_api_token(officer, name="test tool", acting_user=SYSTEM)
    return raw


def test_committee_list_and_detail(client, panel):
    listing = client.get("/api/v1/committees/").json()
    assert [c["slug"] for c in listing] == [panel.committee.slug]
    detail = client.get(f"/api/v1/committees/{panel.committee.pk}").json()
    assert detail["quorum"] == 5
    assert len(detail["seats"]) == 10 and len(detail["members"]) == 10 and len(detail["substitutes"]) == 10
    assert detail["terms_of_reference"]["seat_groups"][0]["chair_eligible"] is True
    assert detail["seats"][0]["member"]["name"] == panel.member(0).name


def test_meeting_detail_contract(client, panel):
    meeting = make_meeting(panel, date=D(2022, 9, 28))
    attend(meeting, panel.members[:2])
    actions.record_attendance(meeting, person=panel.substitute(2), status="present", acting_user=SYSTEM)
    actions.record_attendance(meeting, person=panel.officer, status="in_attendance", acting_user=SYSTEM)
    actions.finalise_attendance(meeting, declared_at=dt.time(10, 5), acting_user=SYSTEM)
    actions.publish_meeting_record(meeting, acting_user=SYSTEM)
    data = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert {"id", "date", "status", "quorum", "attendance", "decisions"} <= set(data)
    assert data["date"] == "2022-09-28" and data["status"] == "inquorate"
    assert data["quorum"] == {"required": 5, "voting_present": 3, "quorate": False, "basis": "attendance"}
    sub = next(a for a in data["attendance"] if a["role"] == "substitute")
    assert sub["status"] == "present" and sub["substitute_for"] == panel.member(2).name
    officer = next(a for a in data["attendance"] if a["role"] == "officer")
    assert officer["status"] == "in_attendance"


def test_meeting_list_filters_by_committee_and_pages(client, panel):
    other = make_panel()
    for day in (D(2022, 1, 10), D(2022, 4, 10), D(2022, 7, 10)):
        make_meeting(panel, date=day, items=0)
    make_meeting(other, date=D(2022, 1, 11), items=0)
    data = client.get(f"/api/v1/meetings/?committee={panel.committee.pk}&limit=2").json()
    assert data["count"] == 3 and [m["date"] for m in data["items"]] == ["2022-01-10", "2022-04-10"]
    assert client.get("/api/v1/meetings/?limit=100000").status_code == 422


def test_unpublished_record_is_withheld_from_the_public(client, panel):
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    attend(meeting, panel.members[:5])
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    data = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert data["attendance"] == [] and data["quorum"]["basis"] == "withheld" and data["quorum"]["voting_present"] is None
    officer = committee_officer(panel, "reader")
    client.force_login(officer)
    assert len(client.get(f"/api/v1/meetings/{meeting.pk}").json()["attendance"]) == 5


def test_post_attendance_needs_authentication(client, panel):
    meeting = make_meeting(panel)
    response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance", {"person_id": panel.member(0).pk, "status": "present"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_post_attendance_with_a_token(client, panel, token):
    meeting = make_meeting(panel)
    response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance",
                    {"person_id": panel.substitute(4).pk, "status": "present", "substitute_for_id": panel.member(4).pk},
                    HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["attendance"]["role"] == "substitute" and body["quorum"]["voting_present"] == 1


def test_post_attendance_rule_breach_is_422_with_the_rule(client, panel, token):
    meeting = make_meeting(panel)
    response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance",
                    {"person_id": panel.substitute(4).pk, "status": "present", "substitute_for_id": panel.member(5).pk},
                    HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    problem = response.json()
    assert problem["rule"] == "governance.named_substitute"
    assert "named substitute for" in problem["detail"]


def test_post_attendance_by_name(client, panel, token):
    meeting = make_meeting(panel)
    response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance",
                    {"person": panel.member(1).display_name, "status": "apologies"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    unknown = post(client, f"/api/v1/meetings/{meeting.pk}/attendance", {"person": "Nobody Known", "status": "present"},
                   HTTP_AUTHORIZATION=f"Bearer {token}")
    assert unknown.status_code == 422 and "Nobody called" in unknown.json()["detail"]


def test_post_attendance_forbidden_for_other_roles(client, panel):
    meeting = make_meeting(panel)
    councillor = user("cllr", Role.COUNCILLOR)
    _, raw = core_actions.create_api_token(councillor, name="x", acting_user=SYSTEM)
    response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance", {"person_id": panel.member(0).pk, "status": "present"},
                    HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403


def test_revoked_token_is_refused(client, panel):
    officer = committee_officer(panel, "revoked")
    token, raw = core_actions.create_api_token(officer, name="x", acting_user=SYSTEM)
    core_actions.revoke_api_token(token, acting_user=SYSTEM)
    meeting = make_meeting(panel)
    response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance", {"person_id": panel.member(0).pk, "status": "present"},
                    HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401


def test_session_writes_need_csrf(panel):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(committee_officer(panel, "csrf"))
    meeting = make_meeting(panel)
    response = post(strict, f"/api/v1/meetings/{meeting.pk}/attendance", {"person_id": panel.member(0).pk, "status": "present"})
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("body", [
    {"status": "present"},
    {"person_id": 999999, "status": "present"},
    {"person_id": "abc", "status": "present"},
    {"person_id": 1, "status": "dancing"},
    "not json at all",
])
def test_bad_input_is_a_clear_error_not_a_500(client, panel, token, body):
    meeting = make_meeting(panel)
    if isinstance(body, str):
        response = client.post(f"/api/v1/meetings/{meeting.pk}/attendance", data=body, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {token}")
    else:
        response = post(client, f"/api/v1/meetings/{meeting.pk}/attendance", body, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_unknown_meeting_is_404(client):
    assert client.get("/api/v1/meetings/424242").status_code == 404


def test_openapi_is_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/meetings/{meeting_id}/attendance" in schema["paths"]


def test_attendance_statistics_endpoint(client, panel):
    meeting = make_meeting(panel, date=D(2022, 6, 9))
    attend(meeting, panel.members[:5])
    actions.finalise_attendance(meeting, acting_user=SYSTEM)
    actions.publish_meeting_record(meeting, acting_user=SYSTEM)
    stats = client.get(f"/api/v1/people/{panel.member(0).pk}/attendance").json()
    assert stats[0]["expected"] == 1 and stats[0]["present"] == 1 and stats[0]["civic_year"] == "2022-23"
