import json

import pytest

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance.tests.factories import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Theme", acting_user=SYSTEM)
    outcome = actions.add_outcome(plan, theme=theme, number=1, title="People feel safe", acting_user=SYSTEM)
    actions.add_outcome(plan, theme=theme, number=4, title="No measures here", acting_user=SYSTEM)
    return actions.add_measure(outcome, name="Homicides", geography="county", acting_user=SYSTEM)


def _token(role):
    _, raw = core_actions.create_api_token(user(f"api-{role}", role), name="tool", acting_user=SYSTEM)
    return raw


def _post(client, measure, body, token):
    return client.post(f"/api/v1/plan-measures/{measure.pk}/values", data=json.dumps(body),
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_plan_api_and_recording_values(client, measure):
    plan = client.get("/api/v1/plans/snp").json()
    assert [o["has_measures_in_source"] for o in plan["outcomes"]] == [True, False]
    token = _token(Role.PARTNERSHIP_OFFICER)
    ok = _post(client, measure, {"period_start": "2022-04-01", "period_end": "2022-06-30", "value": "3"}, token)
    assert ok.status_code == 201 and ok.json()["area"] == "Norfolk"
    again = _post(client, measure, {"period_start": "2022-04-01", "period_end": "2022-06-30", "value": "4"}, token)
    assert again.status_code == 422 and again["Content-Type"] == "application/problem+json"
    assert again.json()["rule"] == "delivery.duplicate_value"
    bad = _post(client, measure, {"period_start": "2022-04-01", "period_end": "2022-06-30", "value": "1",
                                  "geography": "district", "area": "Breckland"}, token)
    assert bad.json()["rule"] == "delivery.geography_too_fine"
    assert client.get(f"/api/v1/plan-measures/{measure.pk}/values").json()[0]["value"] == "3.00"
    assert client.get("/api/v1/plan-measures/99999999999999999999/values").status_code == 422  # bounded id


def test_a_councillor_cannot_record_values(client, measure):
    response = _post(client, measure, {"period_start": "2022-04-01", "period_end": "2022-06-30", "value": "3"},
                     _token(Role.COUNCILLOR))
    assert response.status_code == 403
