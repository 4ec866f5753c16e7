"""Odd input never answers 500: the four requests of issue 10 (defect 3), on whichever engine the
suite runs on (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from saferhub.governance.tests.factories import make_meeting, make_panel
from saferhub.search.engine import index_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    panel = make_panel()
    meeting = make_meeting(panel, date=dt.date(2022, 9, 28))
    index_entries([dict(record=meeting, kind="minute_item", title="Police and crime plan",
                        body="The police reported on county lines.", url=meeting.get_absolute_url(),
                        committee_id=panel.committee.pk, date=meeting.date, is_public=True)])
    return panel


def test_a_huge_offset_is_refused_not_a_500(client, panel):
    response = client.get("/api/v1/meetings/?offset=71962018183987431047430144")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_a_huge_negative_committee_is_refused_not_a_500(client, panel):
    response = client.get("/api/v1/meetings/?committee=-36893488147419103233")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "committee"


@pytest.mark.parametrize("committee", ["-1", "0", "9223372036854775808"])
def test_a_committee_id_out_of_range_is_refused(client, panel, committee):
    for url in (f"/api/v1/meetings/?committee={committee}", f"/api/v1/search?q=police&committee={committee}"):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response["Content-Type"] == "application/problem+json"


def test_search_with_a_negative_committee_is_refused_not_an_fts_error(client, panel):
    response = client.get("/api/v1/search?q=police&committee=-1")
    assert response.status_code == 422
    ok = client.get(f"/api/v1/search?q=police&committee={panel.committee.pk}")
    assert ok.status_code == 200 and ok.json()["count"] == 1


def test_the_search_page_with_a_huge_page_number_is_a_404(client, panel):
    response = client.get("/search/?q=police&page=99999999999999999999")
    assert response.status_code == 404
    assert client.get("/search/?q=police&page=1").status_code == 200


@pytest.mark.parametrize("on", ["0", "1700000000", "2024-02-30", "0001-01-01", "yesterday"])
def test_an_invalid_on_date_is_a_422_not_a_200(client, panel, on):
    response = client.get(f"/api/v1/committees/{panel.committee.pk}?on={on}")
    assert response.status_code == 422
    assert client.get(f"/api/v1/committees/{panel.committee.pk}?on=2022-09-28").status_code == 200


def test_the_openapi_document_declares_the_errors_as_problem_json(client):
    schema = client.get("/api/v1/openapi.json").json()
    meeting = schema["paths"]["/api/v1/meetings/{meeting_id}"]["get"]["responses"]
    assert {"200", "404", "422"} <= set(meeting)
    assert set(meeting["404"]["content"]) == {"application/problem+json"}
    attendance = schema["paths"]["/api/v1/meetings/{meeting_id}/attendance"]["post"]["responses"]
    assert {"400", "401", "403", "404", "422"} <= set(attendance)
    start = schema["components"]["schemas"]["MeetingSummary"]["properties"]["start_time"]
    assert {"type": "string", "format": "time"}.items() <= start["anyOf"][0].items()


def test_a_nul_byte_in_an_asb_filter_or_a_name_is_a_422_not_a_database_error(client, panel):
    from saferhub.asb.tests import factories as asb_factories
    from saferhub.core import actions as core_actions
    from saferhub.core.actors import SYSTEM
    from saferhub.core.permissions import Role

    county = asb_factories.user(Role.ASB_COUNTY_TEAM)
    token = core_actions.create_api_token(county, name="t", acting_user=SYSTEM)[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for url in ("/api/v1/asb/cases?status=%00", "/api/v1/asb/cases?area=a%00b", "/api/v1/asb/cases/A%00B"):
        assert client.get(url, **auth).status_code == 422, url
    assert client.get("/api/v1/asb/cases?status=triage", **auth).status_code == 200
