"""Each individual management review request shows its own state on the team's case page and the review page:
overdue once its due date has passed without receipt, due soon within the partnership's at-risk days."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.models import OrganisationKind
from saferhub.dhr import actions, clocks
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

pytestmark = pytest.mark.django_db
D = dt.date
OVERDUE_TAG = '<strong class="govuk-tag govuk-tag--red">Overdue</strong> due 1 Apr 2026'


def _case_with_requests():
    case = f.case()
    f.decide(case)
    f.through(case, "terms")
    police, health = f.org("Example Constabulary"), f.org("Example Health Trust", OrganisationKind.HEALTH)
    late = actions.request_imr(case, agency=police, requested_on=D(2026, 3, 1), due_on=D(2026, 4, 1),
                               acting_user=SYSTEM)
    received = actions.request_imr(case, agency=health, requested_on=D(2026, 3, 1), due_on=D(2026, 4, 2),
                                   acting_user=SYSTEM)
    actions.receive_imr(received, received_on=D(2026, 3, 30), acting_user=SYSTEM, on=TODAY)
    return case, late


def test_a_request_past_its_due_date_without_receipt_is_overdue_and_a_received_one_done():
    case, late = _case_with_requests()
    states = {imr.pk: c.state for imr, c in clocks.imr_states(case.imrs.all(), D(2026, 4, 2), 14)}
    assert states[late.pk] == clocks.OVERDUE and set(states.values()) == {clocks.OVERDUE, clocks.DONE}
    assert clocks.imr_states([late], D(2026, 3, 25), 14)[0][1].state == clocks.AT_RISK


@time_machine.travel(f.midday_in_london("2026-04-10"), tick=False)  # the factories' fixed 2026 dates: a fixed day, not any day
def test_the_case_page_and_the_review_page_show_the_overdue_request():
    case, _ = _case_with_requests()
    client = Client()
    client.force_login(f.team_member(case.partnership))
    page = client.get(reverse("dhr:case", args=[case.pk])).content.decode()
    assert "Example Constabulary: " + OVERDUE_TAG in page
    assert "Example Health Trust: due 2 Apr 2026, received 30 Mar 2026" in page
    chair = f.user()
    actions.appoint_person(case, user=chair, role="chair", acting_user=SYSTEM)
    client.force_login(chair)
    page = client.get(reverse("dhr:review", args=[case.pk])).content.decode()
    assert "Example Constabulary: " + OVERDUE_TAG in page
