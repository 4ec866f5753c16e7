"""Schemathesis fuzzes the whole API in-process, from its own OpenAPI document, on whichever
engine the suite runs on (SQLite or PostgreSQL): no answer is a 5xx, every status is one the
document declares for that operation, and every body matches the declared schema.

The run is bounded and reproducible: hypothesis is derandomised (the same cases every run) and each
operation gets ``FUZZ_EXAMPLES`` generated cases (default 12; set it higher for a wider run by hand,
e.g. ``FUZZ_EXAMPLES=200``). Data is built through the factories first, so that ids in range find
real committees, meetings, people and cases, and both tokens open the endpoints that need one.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from saferhub.asb.tests import factories as asb_factories
from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.tests.factories import attend, committee_officer, make_meeting, make_panel
from saferhub.search.engine import index_entries

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
TOKENS: dict[str, str] = {}
#: Real records, so that each operation is also called once on a row that exists (fixture).
KNOWN: dict[str, object] = {}


@pytest.fixture
def api_schema(db):
    """The API's own OpenAPI document, its WSGI app and a small world to find in it."""
    panel = make_panel()
    for day in (dt.date(2022, 1, 10), dt.date(2022, 9, 28)):
        meeting = make_meeting(panel, date=day)
        attend(meeting, panel.members[:6])
        actions.finalise_attendance(meeting, declared_at=dt.time(10, 5), acting_user=SYSTEM)
        actions.publish_meeting_record(meeting, acting_user=SYSTEM)
        index_entries([dict(record=meeting, kind="minute_item", title="Police and crime plan",
                            body="The police reported on county lines.", url=meeting.get_absolute_url(),
                            committee_id=panel.committee.pk, date=day, is_public=True)])
    KNOWN["open_meeting_id"] = make_meeting(panel, date=dt.date(2023, 3, 1), items=0).pk  # attendance not final
    world = asb_factories.world()
    case = asb_factories.application(world, application_date=dt.date(2024, 3, 1))
    KNOWN.update(committee_id=panel.committee.pk, meeting_id=meeting.pk, person_id=panel.member(0).pk, year=2024,
                 reference=case.reference)
    county = asb_factories.user(Role.ASB_COUNTY_TEAM)
    TOKENS["governance"] = core_actions.create_api_token(committee_officer(panel, "fuzz-officer"), name="fuzz",
                                                         acting_user=SYSTEM)[1]
    TOKENS["asb"] = core_actions.create_api_token(county, name="fuzz", acting_user=SYSTEM)[1]
    # A review case and a token of its partnership's review team (saferhub/dhr).
    from saferhub.dhr.tests import factories as dhr_factories

    dhr_partnership = dhr_factories.partnership()
    KNOWN["case_id"] = dhr_factories.case(dhr_partnership).pk
    TOKENS["dhr"] = core_actions.create_api_token(dhr_factories.team_member(dhr_partnership), name="fuzz",
                                                  acting_user=SYSTEM)[1]
    # Django's test client keeps the test's transaction open across requests; the real WSGI handler
    # would close the connection at the end of each request, so do what the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _token(operation) -> str:
    if "/dhr/" in operation.path:
        return TOKENS["dhr"]
    return TOKENS["asb" if "/asb/" in operation.path else "governance"]


def _known(operation, statuses: Counter, failures: list[str]) -> None:
    """Call the operation once on records that exist (random ids rarely name one)."""
    params = {name: KNOWN[name] for name in KNOWN if "{" + name + "}" in operation.path}
    if len(params) < operation.path.count("{"):
        return  # no record of that kind in the fixture yet (add one to KNOWN): generated requests only
    query = {"q": "police"} if operation.path.endswith("/search") else None
    body = None
    if operation.method.upper() == "POST" and "meeting_id" in params:
        params["meeting_id"] = KNOWN["open_meeting_id"]
        body = {"person_id": KNOWN["person_id"], "status": "apologies"}
    if "threshold" in operation.path:
        body = {"application_date": "2024-06-01", "complaints": [
            {"behaviour_date": "2024-03-01", "reported_date": "2024-03-02", "agency": "Police", "reference": "A1"}]}
    if operation.method.upper() == "POST" and operation.path.endswith("/returns/tensions"):
        body = {"what": "Leaflets on cars", "where": "Thetford", "occurred_on": "2024-06-01",
                "communities": "Residents", "source": "Patrol"}
    case = operation.Case(path_parameters=params, query=query,
                          **({"body": body, "media_type": "application/json"} if body else {}))
    try:
        response = case.call_and_validate(headers={"Authorization": f"Bearer {_token(operation)}"}, checks=CHECKS)
        statuses[response.status_code] += 1
        if response.status_code not in (200, 201):
            failures.append(f"{operation.label} (known records): {response.status_code} {response.text[:300]}")
    except (AssertionError, FailureGroup) as exc:
        failures.append(f"{operation.label} (known records): {exc}")


def _run(operation, mode: GenerationMode, failures: list[str], statuses: Counter) -> int:
    """Send ``EXAMPLES`` generated requests for one operation; return how many were sent."""
    sent = []
    token = _token(operation)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def send(case):
        sent.append(1)
        try:
            response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
            statuses[response.status_code] += 1
        except (AssertionError, FailureGroup) as exc:
            failures.append(f"{operation.label} ({mode.value}): {exc}")
            raise

    try:
        send()
    except (AssertionError, FailureGroup):
        pass  # recorded above; the next operation still runs
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # nothing to get wrong: an operation without parameters
    return len(sent)


def test_the_api_answers_every_generated_request_as_its_schema_says(api_schema):
    failures: list[str] = []
    statuses: Counter = Counter()
    sent = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        _known(operation, statuses, failures)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            sent += _run(operation, mode, failures, statuses)
    print(f"schemathesis: {sent} generated requests; answers by status: {dict(sorted(statuses.items()))}")
    assert sent >= 10 * EXAMPLES
    assert not failures, "\n\n".join(dict.fromkeys(failures))
