"""The Prevent Duty benchmark tracker (issue 14, item 3; seed-processes §4.2, 001:725-726)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.returns import actions, queries, rules
from saferhub.returns.loader import load_returns
from saferhub.returns.models import BenchmarkExercise
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db


def user(username, role):
    return user_with(get_user_model(), role, username)
D = dt.date
SCALE = ["Not met", "Partly met", "Met", "Exceeded"]


def test_rating_rules():
    with pytest.raises(RuleViolation) as exc:
        rules.check_rating(rating="Brilliant", scale=SCALE, evidence="x", complete=False)
    assert exc.value.rule_code == "returns.rating_not_in_scale"
    with pytest.raises(RuleViolation) as exc:
        rules.check_rating(rating="Met", scale=SCALE, evidence=" ", complete=False)
    assert exc.value.rule_code == "returns.rating_evidence_required"
    with pytest.raises(RuleViolation) as exc:
        rules.check_rating(rating="Met", scale=SCALE, evidence="x", complete=True)
    assert exc.value.rule_code == "returns.exercise_complete"
    with pytest.raises(RuleViolation):
        rules.check_benchmark_number(11)
    assert rules.benchmark_trend(["Partly met", "Met"], SCALE) == "up"
    assert rules.benchmark_trend(["Met", "Not met"], SCALE) == "down"
    assert rules.benchmark_trend(["Met"], SCALE) == ""


@pytest.fixture
def tracker():
    partnership = Organisation.objects.create(name="A Partnership", kind="partnership")
    benchmarks = [actions.add_benchmark(partnership=partnership, number=n, title=f"Benchmark {n}", acting_user=SYSTEM)
                  for n in (1, 2)]
    exercise = actions.open_exercise(partnership=partnership, name="2022", started_on=D(2022, 1, 10),
                                     review_due=D(2023, 2, 1), acting_user=SYSTEM)
    return {"partnership": partnership, "benchmarks": benchmarks, "exercise": exercise}


def test_an_exercise_completes_only_when_every_benchmark_is_rated_and_then_is_the_record(tracker):
    ex, (one, two) = tracker["exercise"], tracker["benchmarks"]
    actions.rate_benchmark(ex, one, rating="Partly met", evidence="Profile reviewed.", plan_actions=["2.8"],
                           acting_user=SYSTEM, recorded_on=D(2022, 3, 1))
    with pytest.raises(RuleViolation) as exc:
        actions.complete_exercise(ex, completed_on=D(2022, 4, 20), acting_user=SYSTEM)
    assert exc.value.rule_code == "returns.exercise_unrated" and "2 not rated yet" in exc.value.text
    actions.rate_benchmark(ex, two, rating="Met", evidence="Joint plan.", acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.open_exercise(partnership=tracker["partnership"], name="Review", started_on=D(2023, 2, 1),
                              acting_user=SYSTEM)
    assert exc.value.rule_code == "returns.exercise_open"
    actions.complete_exercise(ex, completed_on=D(2022, 4, 20), acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.rate_benchmark(ex, one, rating="Met", evidence="Better now.", acting_user=SYSTEM)
    assert exc.value.rule_code == "returns.exercise_complete"
    review = actions.open_exercise(partnership=tracker["partnership"], name="Review", started_on=D(2023, 2, 1),
                                   acting_user=SYSTEM)
    actions.rate_benchmark(review, one, rating="Met", evidence="Better now.", acting_user=SYSTEM)
    grid = queries.prevent_tracker(include_open=True)[0]
    assert [[c.rating if c else None for c in r["cells"]] for r in grid["rows"]] == [
        ["Partly met", "Met"], ["Met", None]]
    assert grid["rows"][0]["trend"] == "up"
    assert [len(r["cells"]) for r in queries.prevent_tracker(include_open=False)[0]["rows"]] == [1, 1]


def test_exercise_dates_and_scale(tracker):
    with pytest.raises(RuleViolation) as exc:
        actions.complete_exercise(tracker["exercise"], completed_on=D(2021, 12, 1), acting_user=SYSTEM)
    assert exc.value.rule_code == "returns.exercise_dates"
    other = Organisation.objects.create(name="B Partnership", kind="partnership")
    with pytest.raises(RuleViolation) as exc:
        actions.open_exercise(partnership=other, name="x", started_on=D(2022, 1, 1), scale=["Met"], acting_user=SYSTEM)
    assert exc.value.rule_code == "returns.exercise_scale"
    foreign = actions.add_benchmark(partnership=other, number=1, title="Theirs", acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.rate_benchmark(tracker["exercise"], foreign, rating="Met", evidence="x", acting_user=SYSTEM)
    assert exc.value.rule_code == "returns.benchmark_other_partnership"


def test_only_those_who_enter_returns_rate(tracker):
    with pytest.raises(ActionPermissionDenied):
        actions.rate_benchmark(tracker["exercise"], tracker["benchmarks"][0], rating="Met", evidence="x",
                               acting_user=user("cllr", Role.COUNCILLOR))


def test_norfolk_benchmarks_and_the_2022_exercise_load_from_the_data_file():
    report = load_returns()
    assert (report.benchmarks, report.exercises) == (10, 1)
    exercise = BenchmarkExercise.objects.get()
    assert (exercise.started_on, exercise.completed_on, exercise.review_due, exercise.month_only) == (
        D(2022, 1, 1), D(2022, 4, 1), D(2023, 2, 1), True)  # 001:725-726, to the month
    assert "Not rated (1, 2, 3, 4, 5, 6, 7, 8, 9, 10): The ratings are not in the published papers." == exercise.note
    assert load_returns().benchmarks == 0  # loading twice changes nothing


@time_machine.travel("2023-02-10T12:00+00:00", tick=False)  # the expectations are for this day
def test_tracker_pages(client, tracker):
    ex, one = tracker["exercise"], tracker["benchmarks"][0]
    client.force_login(user("cllr", Role.COUNCILLOR))
    assert client.get(f"/returns/prevent/exercises/{ex.pk}/").status_code == 404  # in progress: not for councillors
    assert "Exercises still in progress are not shown" in client.get("/returns/prevent/").content.decode()
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.post(f"/returns/prevent/exercises/{ex.pk}/", {
        "benchmark": one.pk, f"b{one.pk}-rating": "Met", f"b{one.pk}-evidence": ""}).content.decode()
    assert "Error: " in page and "Enter the evidence for the rating." in page
    response = client.post(f"/returns/prevent/exercises/{ex.pk}/", {
        "benchmark": one.pk, f"b{one.pk}-rating": "Met", f"b{one.pk}-evidence": "Channel meets monthly.",
        f"b{one.pk}-plan_actions": "2.11, 2.8"})
    assert response.status_code == 302
    rating = ex.ratings.get()
    assert rating.plan_actions == ["2.11", "2.8"] and rating.recorded_on == D(2023, 2, 10)
    page = client.post(f"/returns/prevent/exercises/{ex.pk}/", {
        "complete": "1", "complete-completed_on_day": "20", "complete-completed_on_month": "1",
        "complete-completed_on_year": "2023"}).content.decode()
    assert "Rate every benchmark before completing the exercise: 2 not rated yet." in page
    assert client.post(f"/returns/prevent/exercises/{ex.pk}/", {"benchmark": "x"}).status_code == 404
    page = client.get("/returns/prevent/").content.decode()
    assert "1. Benchmark 1" in page and "Met" in page and "In progress" in page
    client.force_login(user("agency", Role.AGENCY_OFFICER))
    assert client.get("/returns/prevent/").status_code == 404
