import json

import pytest

from saferhub.core.permissions import Role
from saferhub.returns.loader import load_returns
from saferhub.returns.models import Submission
from saferhub.returns.tests.factories import lines_return, user_with

pytestmark = pytest.mark.django_db
BASE = "/api/v1/returns/"
MAY = {"period_start": "2022-05-01", "period_end": "2022-05-31", "geography": "Norfolk"}


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_post_figures_breaking_a_rule_is_422_problem_naming_it_then_flagged_with_reason(client, django_user_model):
    lines_return()
    client.force_login(user_with(django_user_model, Role.PARTNERSHIP_OFFICER))
    body = {**MAY, "values": {"total": 35, "tier1": 12, "tier2": "30"}}
    response = post(client, BASE + "lines/submissions", body)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["rule"] == "returns.rules_broken" and "Tiers add up to the total" in problem["detail"]
    assert not Submission.objects.exists()
    response = post(client, BASE + "lines/submissions", {**body, "flag_reason": "as received"})
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "flagged" and len(data["flags"]) == 1
    response = post(client, BASE + f"submissions/{data['id']}/submit", {})
    assert response.status_code == 422 and "flagged draft cannot be submitted" in response.json()["detail"]


@pytest.mark.parametrize("body", [
    {**MAY, "values": {"total": "NaN"}}, {**MAY, "values": {"total": {"a": 1}}}, {**MAY, "values": {"zzz": 1}},
    {**MAY, "period_start": "2022-13-01"}, {**MAY, "geography": "x" * 500}, {**MAY, "period_end": "2022-05-30"},
])
def test_odd_input_is_422_never_500(client, django_user_model, body):
    lines_return()
    client.force_login(user_with(django_user_model, Role.PARTNERSHIP_OFFICER))
    response = post(client, BASE + "lines/submissions", body)
    assert response.status_code == 422, response.content


def test_councillor_lists_submitted_only_and_cannot_write(client, django_user_model):
    load_returns()
    client.force_login(user_with(django_user_model, Role.COUNCILLOR))
    assert client.get(BASE + "adder-year-measures/submissions").json() == []
    assert len(client.get(BASE + "adder-quarterly-home-office/submissions").json()) == 1
    response = post(client, BASE + "adder-monthly-ohid/submissions", {**MAY, "geography": "Greater Norwich"})
    assert response.status_code == 403
    assert client.get(BASE + "nope/submissions").status_code == 404
    assert client.post(BASE + "submissions/99999999999999999999/submit").status_code == 422


def test_anonymous_is_401(client):
    assert client.get(BASE).status_code == 401


def test_an_officer_defines_a_return_with_a_sum_rule_then_its_figures_are_checked(client, django_user_model):
    client.force_login(user_with(django_user_model, Role.PARTNERSHIP_OFFICER))
    body = {"name": "MACE screenings", "recipient": "CLSG", "period_kind": "monthly",
            "geographies": ["Norfolk"],
            "fields": [{"key": "total", "label": "Screenings", "kind": "count"},
                       {"key": "by_district", "label": "By district", "kind": "breakdown",
                        "categories": ["Norwich", "Breckland"]}],
            "rules": [{"name": "Districts add up to the total", "kind": "parts_sum_to_total", "whole": "total",
                       "parts": ["by_district:*"]}]}
    put = lambda slug, b: client.put(BASE + slug, json.dumps(b), content_type="application/json")  # noqa: E731
    response = put("mace", body)
    assert response.status_code == 201 and response.json()["rules"][0]["parts"] == ["by_district:*"]
    assert put("mace", body).status_code == 422  # the slug is taken
    assert put("Not a slug!", body).status_code in (404, 422)
    bad = {**body, "rules": [{**body["rules"][0], "parts": ["by_district:Fakenham"]}]}
    assert "not a category" in put("mace2", bad).json()["detail"]
    response = post(client, BASE + "mace/submissions",
                    {**MAY, "values": {"total": 5, "by_district": {"Norwich": 2, "Breckland": 2}}})
    assert response.status_code == 422 and "2 + 2 = 4, but Screenings is given as 5" in response.json()["detail"]
    client.force_login(user_with(django_user_model, Role.COUNCILLOR))
    assert put("other", body).status_code == 403
