"""The public Plan page and the Plan in the JSON API (issue 12, item 5): themes → outcomes → measures →
actions with the RAG of their latest update (the latest round's), outcomes without measures say so, only
published versions, and the API documented in the OpenAPI schema."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferhub.core.actors import SYSTEM
from saferhub.core.models import Organisation
from saferhub.delivery import actions

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def plan():
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Communities", acting_user=SYSTEM)
    one = actions.add_outcome(plan, theme=theme, number=1, appendix_number=1, title="People feel safe",
                              acting_user=SYSTEM)
    actions.add_outcome(plan, theme=theme, number=4, title="Victims are supported", acting_user=SYSTEM)
    measure = actions.add_measure(one, name="Anti-social behaviour incidents", geography="district", acting_user=SYSTEM)
    actions.set_measure_target(measure, target_value=Decimal(100), direction="decrease", acting_user=SYSTEM)
    actions.record_value(measure, period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), value=Decimal(130),
                         acting_user=SYSTEM)
    actions.record_value(measure, period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), value=Decimal(20),
                         geography="district", area="Breckland", acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                     version_date=D(2022, 2, 24), acting_user=SYSTEM)
    row = actions.add_version_row(version, key="a1", number="1.1", action="Referral routes", owners=[police],
                                  outcomes=[one], acting_user=SYSTEM)
    actions.publish_version(version, acting_user=SYSTEM)
    first = actions.open_round(plan, acting_user=SYSTEM, title="Quarter 1", period_start=D(2022, 4, 1),
                               period_end=D(2022, 6, 30), due_by=D(2022, 7, 15))
    actions.submit_update(row, rag="amber", commentary="Started.", submitted_on=D(2022, 7, 1), round=first,
                          acting_user=SYSTEM)
    actions.close_round(first, acting_user=SYSTEM)
    second = actions.open_round(plan, acting_user=SYSTEM, title="Quarter 2", period_start=D(2022, 7, 1),
                                period_end=D(2022, 9, 30), due_by=D(2022, 10, 14))
    actions.submit_update(row, rag="red", commentary="Slipped.", submitted_on=D(2022, 10, 1), round=second,
                          acting_user=SYSTEM)
    draft = actions.create_version(plan, title="Delivery plan (revised)", stage="revised", label="Revised",
                                   previous=version, version_date=D(2022, 11, 1), acting_user=SYSTEM)
    actions.add_version_row(draft, key="a9", number="9.9", action="Not yet published", owners=[police],
                            outcomes=[one], acting_user=SYSTEM)
    return {"plan": plan, "row": row, "measure": measure}


def test_public_page_shows_the_latest_rounds_rag(client, plan):
    page = client.get("/plan/snp/").content.decode()
    actions_table = page.split("Actions serving outcome 1")[1].split("</table>")[0]
    assert 'govuk-tag--red">Red</strong>' in actions_table and "Quarter 2" in actions_table
    assert "Amber" not in actions_table  # the earlier round's status is history, not the current one
    assert "The latest reporting round is Quarter 2" in page and "updates are still coming in" in page
    assert "The plan gives no measures for this outcome." in page
    assert "9.9" not in page  # the revised version is not published


def test_plan_api_covers_themes_outcomes_measures_and_actions(client, plan):
    body = client.get("/api/v1/plans/snp").json()
    assert body["themes"] == [{"number": 1, "title": "Communities", "outcomes": [1, 4]}]
    assert body["latest_round"]["title"] == "Quarter 2" and body["latest_round"]["is_open"] is True
    assert body["rag_summary"] == {"red": 1} and body["version"].endswith("(Final)")
    one, four = body["outcomes"]
    assert four["has_measures_in_source"] is False and four["measures"] == []
    measure = one["measures"][0]
    assert [v["value"] for v in measure["county_values"]] == ["130.00"]  # the district value is at values_url
    assert measure["distance_to_target"] == "30 from the target." and measure["target_met"] is False
    assert measure["values_url"].endswith(f"/api/v1/plan-measures/{plan['measure'].pk}/values")
    [action] = one["actions"]
    assert action["number"] == "1.1" and action["latest_rag"] == "red" and action["latest_update_round"] == "Quarter 2"
    assert action["outcomes"] == [1] and action["owners"] == ["Norfolk Constabulary"]
    assert [p["slug"] for p in client.get("/api/v1/plans").json()] == ["snp"]
    assert client.get("/api/v1/plans/nope").status_code == 404


def test_plan_api_is_in_the_openapi_schema(client, plan):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/plans", "/api/v1/plans/{slug}", "/api/v1/plan-measures/{measure_id}/values"} <= set(schema["paths"])
    action = schema["components"]["schemas"]["ActionOut"]["properties"]
    assert "latest_rag" in action and "description" in action["latest_rag"]


def test_plan_api_query_count_is_constant(client, plan):
    client.get("/api/v1/plans/snp")
    with CaptureQueriesContext(connection) as before:
        client.get("/api/v1/plans/snp")
    outcome = plan["plan"].outcomes.first()
    for n in range(4):
        measure = actions.add_measure(outcome, name=f"Extra {n}", geography="county", acting_user=SYSTEM)
        actions.record_value(measure, period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), value=n,
                             acting_user=SYSTEM)
    with CaptureQueriesContext(connection) as after:
        assert len(client.get("/api/v1/plans/snp").json()["outcomes"][0]["measures"]) == 5
    assert len(after) == len(before)


def test_the_open_data_page_points_to_the_plan_in_the_api(client, plan):
    page = client.get("/open-data/").content.decode()
    assert 'href="/api/v1/plans"' in page and "OParl has no place for a plan" in page
