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
    make_meeting(panel, date=dt.date(2023, 3, 1), items=0)
    world = asb_factories.world()
    asb_factories.application(world, application_date=dt.date(2024, 3, 1))
    county = asb_factories.user(Role.ASB_COUNTY_TEAM)
    TOKENS["governance"] = core_actions.create_api_token(committee_officer(panel, "fuzz-officer"), name="fuzz",
                                                         acting_user=SYSTEM)[1]
    TOKENS["asb"] = core_actions.create_api_token(county, name="fuzz", acting_user=SYSTEM)[1]
    # Django's test client keeps the test's transaction open across requests; the real WSGI handler
    # would close the connection at the end of each request, so do what the test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _run(operation, mode: GenerationMode, failures: list[str]) -> int:
    """Send ``EXAMPLES`` generated requests for one operation; return how many were sent."""
    sent = []
    token = TOKENS["asb" if operation.path.startswith("/asb/") or "/asb/" in operation.path else "governance"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def send(case):
        sent.append(1)
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
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
    sent = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            sent += _run(operation, mode, failures)
    assert sent >= 10 * EXAMPLES
    assert not failures, "\n\n".join(dict.fromkeys(failures))
