"""Norfolk's 2021 consultation loads from its data file and reproduces the questionnaire (seed
003:1296-1428); the baselines load; representativeness uses them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from saferhub.consultations import queries
from saferhub.consultations.demo import load_demo_responses
from saferhub.consultations.loader import ConsultationDataError, load_baselines, load_survey
from saferhub.consultations.models import Baseline, Response, Survey

pytestmark = pytest.mark.django_db


def test_norfolk_2021_questionnaire():
    report = load_survey()
    survey = report.survey
    assert (survey.opens_on, survey.closes_on) == (dt.date(2021, 5, 24), dt.date(2021, 7, 16))
    questions = {q.key: q for q in survey.questions.all()}
    assert list(questions)[:8] == ["district", "priorities", "outcomes", "plan-comments", "feel-safer", "gender",
                                   "age", "ethnicity"]
    district = questions["district"]
    assert district.required and district.choices[-2:] == ["Other (please specify)", "Prefer not to say"]
    grid = questions["priorities"]
    assert len(grid.rows) == 8 and grid.choices[-1] == "Don't know" and len(grid.choices) == 6
    assert "Don't know" not in questions["outcomes"].choices and len(questions["outcomes"].choices) == 5
    assert not questions["plan-comments"].required and questions["feel-safer"].kind == "text"
    assert questions["age"].choices[0] == "Under 16" and questions["age"].choices[-1] == "Prefer not to say"
    assert [s.title for s in survey.sections.all()] == ["Where you live", "Priorities and outcomes", "About you"]
    assert questions["feel-safer"].themes.count() == 10
    assert load_survey().created is False  # loading again changes nothing


def test_baselines_and_representativeness():
    assert load_baselines() == 25
    assert Baseline.objects.get(dimension="ethnicity", category="White").share == Decimal("96.5")
    survey = load_survey().survey
    load_demo_responses(survey, count=20)
    result = next(r for r in queries.results(survey).questions if r.question.key == "ethnicity")
    white = next(row for row in result.representativeness if row.category == "White")
    assert white.baseline == Decimal("96.5") and white.responses + sum(
        r.responses for r in result.representativeness if r.category != "White") == 20
    assert Survey.objects.get().results_published_at is not None


def test_command_loads_and_scripts_run_lists_it(client):
    call_command("load_consultations_data", "--no-demo")
    assert Survey.objects.count() == 1 and not Response.objects.exists()
    page = client.get(reverse("consultations:start", args=["safer-norfolk-plan-2021"])).content.decode()
    assert "closed on 16 July 2021" in page
    from pathlib import Path

    run = (Path(__file__).resolve().parents[3] / "scripts" / "run").read_text()
    assert run.index("load_returns_data") < run.index("load_consultations_data")


def test_bad_data_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("survey:\n  slug: x\n  title: X\n  opens_on: 2021-05-24\n  closes_on: 2021-05-01\n")
    with pytest.raises(ConsultationDataError, match="closing date"):
        load_survey(path)
    path.write_text("survey: [\n")
    with pytest.raises(ConsultationDataError):
        load_survey(path)
