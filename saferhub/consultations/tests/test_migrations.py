"""consultations 0003: existing surveys with questions stay open (with or without responses); a survey without
questions becomes a draft."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("consultations", "0002_tally")]
AFTER = [("consultations", "0003_survey_draft")]


@pytest.mark.django_db(transaction=True)
def test_surveys_with_questions_stay_open_and_empty_ones_become_drafts():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Survey, Question = old.get_model("consultations", "Survey"), old.get_model("consultations", "Question")
    dates = {"opens_on": dt.date(2021, 5, 24), "closes_on": dt.date(2021, 7, 16)}
    answered = Survey.objects.create(slug="answered", title="Answered", **dates)
    asked = Survey.objects.create(slug="asked", title="Asked", **dates)
    empty = Survey.objects.create(slug="empty", title="Empty", **dates)
    for survey in (answered, asked):
        for key in ("a", "b"):
            Question.objects.create(survey=survey, key=key, kind="text", text=key)
    old.get_model("consultations", "Response").objects.create(survey=answered, channel="paper",
                                                               submitted_at=dt.datetime(2021, 6, 1, tzinfo=dt.UTC))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    opened = dict(new.get_model("consultations", "Survey").objects.values_list("slug", "opened_at"))
    assert opened["answered"] is not None and opened["asked"] is not None
    assert opened["empty"] is None
    assert {answered.pk, asked.pk, empty.pk} == set(new.get_model("consultations", "Survey").objects
                                                   .values_list("pk", flat=True))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
