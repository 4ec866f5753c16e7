"""The public Plan page and the Plan in the JSON API (issue 12, item 5): themes → outcomes → measures →
actions with the RAG of their latest update of a closed round (staff see the latest), outcomes without
measures say so, only published versions, and the API documented in the OpenAPI schema."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferhub.core.actors import SYSTEM
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions
from saferhub.governance.tests.factories import user

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
    return {"plan": plan, "row": row, "measure": measure, "second": second}


def _actions_table(page: str) -> str:
    return page.split("Actions serving outcome 1")[1].split("</table>")[0]


def test_public_page_shows_the_latest_closed_rounds_rag_not_the_open_rounds(client, plan):
    page = client.get("/plan/snp/").content.decode()
    table = _actions_table(page)
    assert 'govuk-tag--orange">Amber</strong>' in table and "Quarter 1" in table  # the last closed round's
    assert "Red" not in table and "Quarter 2" not in table  # the open round's update may still be revised
    assert "The latest reporting round is Quarter 2" in page and "updates are still coming in" in page
    assert "shown here once the round closes" in page and "latest update in a closed reporting round" in page
    assert "The plan gives no measures for this outcome." in page
    assert "9.9" not in page  # the revised version is not published
    actions.close_round(plan["second"], acting_user=SYSTEM)
    table = _actions_table(client.get("/plan/snp/").content.decode())
    assert 'govuk-tag--red">Red</strong>' in table and "Quarter 2" in table and "Amber" not in table


def test_staff_see_the_open_rounds_latest_update(client, plan):
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.get("/plan/snp/").content.decode()
    table = _actions_table(page)
    assert 'govuk-tag--red">Red</strong>' in table and "Quarter 2" in table and "Amber" not in table
    assert "in a closed reporting round" not in page


def test_the_public_action_page_lists_only_closed_rounds_updates(client, plan):
    url = f"/plan/snp/actions/{plan['row'].pk}/"
    page = client.get(url).content.decode()
    assert "Started." in page and "Slipped." not in page
    assert "Updates are shown once their reporting round has closed." in page
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.get(url).content.decode()
    assert "Started." in page and "Slipped." in page


def test_an_update_outside_any_round_is_for_staff_only(client, plan):
    actions.close_round(plan["second"], acting_user=SYSTEM)
    actions.submit_update(plan["row"], rag="green", commentary="Back on track.", period_end=D(2022, 10, 31),
                          due_by=D(2022, 11, 10), submitted_on=D(2022, 11, 1), acting_user=SYSTEM)
    table = _actions_table(client.get("/plan/snp/").content.decode())
    assert 'govuk-tag--red">Red</strong>' in table and "Green" not in table
    assert client.get("/api/v1/plans/snp").json()["rag_summary"] == {"red": 1}
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    assert "Green" in _actions_table(client.get("/plan/snp/").content.decode())


def test_plan_api_covers_themes_outcomes_measures_and_actions(client, plan):
    body = client.get("/api/v1/plans/snp").json()
    assert body["themes"] == [{"number": 1, "title": "Communities", "outcomes": [1, 4]}]
    assert body["latest_round"]["title"] == "Quarter 2" and body["latest_round"]["is_open"] is True
    assert body["rag_summary"] == {"amber": 1} and body["version"].endswith("(Final)")  # Quarter 2 is open
    one, four = body["outcomes"]
    assert four["has_measures_in_source"] is False and four["measures"] == []
    measure = one["measures"][0]
    assert [v["value"] for v in measure["county_values"]] == ["130.00"]  # the district value is at values_url
    assert measure["distance_to_target"] == "30 from the target." and measure["target_met"] is False
    assert measure["values_url"].endswith(f"/api/v1/plan-measures/{plan['measure'].pk}/values")
    [action] = one["actions"]
    assert action["number"] == "1.1" and action["latest_rag"] == "amber"
    assert action["latest_update_round"] == "Quarter 1"
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


def test_the_public_page_has_a_rag_chart_per_outcome_with_its_numbers_in_a_table(client, plan):
    page = client.get("/plan/snp/").content.decode()
    assert "RAG status by outcome" in page and '<title id="outcome-rag-t">' in page
    chart = page.split('<title id="outcome-rag-t">')[1].split("</svg>")[0]
    assert "Outcome 1" in chart and "Outcome 4" in chart and "<title>Amber: 1</title>" in chart
    assert "<title>Red:" not in chart  # the open round's Red is not public yet
    table = page.split("Actions serving each outcome, by latest RAG status")[1].split("</table>")[0]
    headers = re.findall(r'header--numeric">([^<]+)</th>', table)
    rows = {m[0]: [int(n) for n in re.findall(r'numeric">(\d+)</td>', m[1])]
            for m in re.findall(r'href="#outcome-(\d+)">.*?</th>(.*?)</tr>', table, re.S)}
    assert headers[-1] == "Actions" and len(rows["1"]) == len(headers)
    assert rows["1"][headers.index("Amber")] == 1 and rows["1"][-1] == 1
    assert rows["4"] == [0] * len(headers)  # an outcome no action serves says so
