"""The family stage records when advocacy was offered, the time the family was given to choose, and the family
liaison officer; the time to choose cannot run from before the offer."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.dhr import actions
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

pytestmark = pytest.mark.django_db
D = dt.date
BASE = {"outcome": "engaged", "advocacy_offered": "AAFDA; Victim Support National Homicide Service"}


def _case():
    case = f.case()
    f.decide(case)
    f.through(case, "chair")
    return case


def test_the_time_to_choose_runs_from_the_offer_and_nothing_is_saved_otherwise():
    case = _case()
    for extra, field in [({"advocacy_offered_on": D(2026, 3, 10), "choose_by": D(2026, 3, 9)}, "choose_by"),
                         ({"choose_by": D(2026, 3, 20)}, "advocacy_offered_on")]:
        with pytest.raises(RuleViolation) as err:
            actions.record_step(case, step="family", done_on=D(2026, 3, 1), details={**BASE, **extra},
                                acting_user=SYSTEM, on=TODAY)
        assert (err.value.code, err.value.field) == ("dhr.family_choice_order", field)
        assert not case.steps.filter(step="family").exists()
    row = actions.record_step(case, step="family", done_on=D(2026, 3, 1), acting_user=SYSTEM, on=TODAY, details={
        **BASE, "advocacy_offered_on": D(2026, 3, 1), "choose_by": D(2026, 3, 15), "liaison_officer": "DC Example"})
    assert row.details["choose_by"] == "2026-03-15" and row.details["liaison_officer"] == "DC Example"


@pytest.mark.date_sensitive("2026-06-30")
def test_the_case_page_asks_for_the_dates_and_the_officer_and_names_the_rule():
    case = _case()
    client = Client()
    client.force_login(f.team_member(case.partnership))
    page = client.get(reverse("dhr:case", args=[case.pk])).content.decode()
    assert "Date the family was given to choose by" in page and "Family liaison officer" in page
    p = "step-family-"
    data = {p + "done_on_day": "1", p + "done_on_month": "3", p + "done_on_year": "2026", p + "outcome": "declined",
            p + "advocacy_offered": "AAFDA", p + "advocacy_offered_on_day": "10", p + "advocacy_offered_on_month": "3",
            p + "advocacy_offered_on_year": "2026", p + "choose_by_day": "9", p + "choose_by_month": "3",
            p + "choose_by_year": "2026", p + "liaison_officer": "DC Example"}
    page = client.post(reverse("dhr:case-post", args=[case.pk, "step-family"]), data).content.decode()
    assert "cannot be before advocacy was offered" in page and not case.steps.filter(step="family").exists()
    data[p + "choose_by_day"] = "24"
    assert client.post(reverse("dhr:case-post", args=[case.pk, "step-family"]), data).status_code == 302
    assert case.steps.get(step="family").details["liaison_officer"] == "DC Example"
