"""A review paused for a parallel process (for example the criminal trial): the team's recorded choice, with a
reason; the review clock shows "Paused" (not "Overdue") while the process is open, the overdue sweep leaves it
out, and the days paused after the decision move the due date once the process ends."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.dhr import actions, clocks, queries
from saferhub.dhr.models import Case, DhrSettings, ParallelProcess
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

D = dt.date
DECIDED = D(2026, 1, 30)  # f.decide: the review is due six months later, 30 July 2026
LATE = D(2026, 9, 1)  # after the due date


def review_clock(case: Case, day: dt.date) -> clocks.Clock:
    case = queries._with_clock_data(Case.objects.filter(pk=case.pk)).get()
    return next(c for c in clocks.case_clocks(case, DhrSettings(partnership=case.partnership), day)
                if c.name == "Review submitted")


def swept(day: dt.date) -> dict[int, list[str]]:
    rows = queries.sweep_rows()
    return clocks.overdue_sweep(rows, queries.settings_by_partnership({r[1] for r in rows}), day)


def test_days_paused_count_from_the_decision_and_overlaps_once():
    assert clocks.paused_days([(D(2026, 3, 1), D(2026, 5, 1))], DECIDED) == 61
    assert clocks.paused_days([(D(2025, 12, 1), D(2026, 2, 9))], DECIDED) == 10  # from the decision
    assert clocks.paused_days([(None, D(2026, 2, 9))], DECIDED) == 10
    assert clocks.paused_days([(D(2026, 3, 1), D(2026, 5, 1)), (D(2026, 4, 1), D(2026, 5, 11))], DECIDED) == 71
    assert clocks.paused_days([(D(2025, 1, 1), D(2025, 6, 1))], DECIDED) == 0  # ended before the decision
    due, state = clocks.review_clock(DECIDED, 6, 0, None, [(D(2026, 3, 1), None)], LATE, 14)
    assert (due, state) == (None, clocks.PAUSED)
    assert clocks.worst([clocks.Clock("Decision", None, DECIDED, clocks.DONE),
                         clocks.Clock("Review submitted", None, None, clocks.PAUSED)]) == clocks.PAUSED


@pytest.mark.django_db
def test_a_review_paused_for_a_criminal_trial_shows_paused_not_overdue_and_the_days_move_the_due_date():
    case = f.case()
    f.decide(case)
    assert review_clock(case, LATE).state == clocks.OVERDUE
    assert swept(LATE)[case.pk] == ["Review submitted"]

    trial = actions.add_parallel_process(case, kind="criminal_trial", started_on=D(2026, 3, 1), pauses_review=True,
                                         pause_reason="The suspect's trial is listed for the autumn",
                                         acting_user=SYSTEM, on=TODAY)
    clock = review_clock(case, LATE)
    assert (clock.state, clock.label, clock.due) == (clocks.PAUSED, "Paused", None)
    assert clock.note == "waiting for the criminal trial: The suspect's trial is listed for the autumn"
    assert case.pk not in swept(LATE)

    actions.end_parallel_process(trial, ended_on=D(2026, 5, 1), acting_user=SYSTEM, on=TODAY)
    clock = review_clock(case, LATE)
    assert clock.due == D(2026, 7, 30) + dt.timedelta(days=61) and clock.state == clocks.DUE
    assert case.pk not in swept(LATE)
    assert swept(D(2026, 10, 1))[case.pk] == ["Review submitted"]  # the sweep agrees with the page


@pytest.mark.django_db
def test_a_process_the_review_does_not_wait_for_leaves_the_clock_running():
    case = f.case()
    f.decide(case)
    actions.add_parallel_process(case, kind="inquest", started_on=D(2026, 3, 1), acting_user=SYSTEM, on=TODAY)
    assert review_clock(case, LATE).state == clocks.OVERDUE
    assert swept(LATE)[case.pk] == ["Review submitted"]


@pytest.mark.django_db
def test_a_pause_needs_its_reason_and_nothing_is_saved_without_it():
    case = f.case()
    with pytest.raises(RuleViolation) as err:
        actions.add_parallel_process(case, kind="criminal_trial", pauses_review=True, pause_reason="  ",
                                     acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.pause_reason" and "paused only with a recorded reason" in err.value.text
    assert not ParallelProcess.objects.exists()


@pytest.mark.django_db
@pytest.mark.date_sensitive("2026-09-01")
def test_the_case_page_records_the_pause_and_shows_paused():
    case = f.case()
    f.decide(case)
    client = Client()
    client.force_login(f.team_member(case.partnership))
    url = reverse("dhr:case-post", args=[case.pk, "parallel"])
    page = client.post(url, {"par-kind": "criminal_trial", "par-pauses_review": "on"}).content.decode()
    assert "Enter why the review waits for this process" in page and not ParallelProcess.objects.exists()
    response = client.post(url, {"par-kind": "criminal_trial", "par-pauses_review": "on",
                                 "par-pause_reason": "Trial listed for the autumn"})
    assert response.status_code == 302
    page = client.get(reverse("dhr:case", args=[case.pk])).content.decode()
    assert ('Review submitted: <strong class="govuk-tag govuk-tag--blue">Paused</strong> '
            "(waiting for the criminal trial: Trial listed for the autumn)") in page
    assert "govuk-tag--red" not in page
    listing = client.get(reverse("dhr:case-list")).content.decode()
    assert "Paused" in listing and "Overdue" not in listing


@pytest.mark.django_db
@pytest.mark.date_sensitive("2026-09-01")
def test_the_sub_panel_report_counts_the_paused_reviews_and_not_as_overdue():
    from saferhub.dhr import reporting

    paused, running = f.case(), f.case(date_notified=D(2026, 1, 13))
    for case in (paused, running):
        f.decide(case)
    actions.add_parallel_process(paused, kind="criminal_trial", pauses_review=True, pause_reason="Trial listed",
                                 acting_user=SYSTEM, on=TODAY)
    numbers = reporting.sub_panel_numbers(LATE)
    assert numbers["paused"] == 1 and dict(numbers["overdue"]) == {"Review submitted": 1}
    page = Client().get(reverse("dhr:sub-panel-report")).content.decode()
    assert "Reviews paused for parallel proceedings</dt><dd class=\"govuk-summary-list__value\">1</dd>" in page
    assert Client().get("/api/v1/dhr/sub-panel").json()["paused"] == 1
