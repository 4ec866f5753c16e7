"""The consultations actions: happy paths, each refusal, permissions and audit rows."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from saferhub.consultations import actions
from saferhub.consultations.models import Answer, Response
from saferhub.consultations.tests.factories import GOOD, MANAGES, ROLES, small_survey, user_with
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def codes():
    return list(AuditEvent.objects.order_by("pk").values_list("code", flat=True))


def test_builder_audits_each_step():
    small_survey()
    assert codes() == ["consultations.survey.created", "consultations.section.added"] + [
        "consultations.question.added"] * 4 + ["consultations.survey.opened"]


def test_a_new_survey_is_a_draft_until_opened():
    survey = small_survey(opened=False)
    assert survey.is_draft and survey.status_on(dt.date(2026, 1, 1)) == "draft"
    opened = actions.open_survey(survey, acting_user=SYSTEM)
    assert not opened.is_draft and opened.status_on(dt.date(2026, 1, 1)) == "open"
    event = AuditEvent.objects.get(code="consultations.survey.opened")
    assert event.data == {"questions": 4, "opens_on": "2000-01-01", "closes_on": "2099-12-31"}


def test_a_survey_without_questions_is_not_opened_and_nothing_is_saved():
    survey = actions.create_survey(acting_user=SYSTEM, slug="empty", title="Empty", opens_on=dt.date(2021, 5, 1),
                                   closes_on=dt.date(2021, 6, 1))
    with pytest.raises(RuleViolation, match="at least one question before it can be opened"):
        actions.open_survey(survey, acting_user=SYSTEM)
    survey.refresh_from_db()
    assert survey.is_draft and not AuditEvent.objects.filter(code="consultations.survey.opened").exists()


def test_a_survey_is_opened_once():
    survey = small_survey()
    with pytest.raises(RuleViolation, match="already open"):
        actions.open_survey(survey, acting_user=SYSTEM)
    assert AuditEvent.objects.filter(code="consultations.survey.opened").count() == 1


@pytest.mark.parametrize("role", ROLES[1:])
def test_only_partnership_officers_and_administrators_open_a_survey(django_user_model, role):
    survey = small_survey(opened=False)
    user = user_with(django_user_model, role)
    if role in MANAGES:
        actions.open_survey(survey, acting_user=user)
        assert AuditEvent.objects.get(code="consultations.survey.opened").actor == user
    else:
        with pytest.raises(ActionPermissionDenied):
            actions.open_survey(survey, acting_user=user)
        survey.refresh_from_db()
        assert survey.is_draft


def test_a_draft_takes_no_response_online_or_on_paper(django_user_model):
    survey = small_survey(opened=False)
    officer = user_with(django_user_model, "partnership_officer")
    with pytest.raises(RuleViolation, match="This survey is a draft"):
        actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    with pytest.raises(RuleViolation, match="This survey is a draft"):
        actions.submit_response(survey, acting_user=officer, channel="paper", answers=GOOD)
    assert not Response.objects.exists()


def test_closing_before_opening_is_refused_and_nothing_saved():
    with pytest.raises(RuleViolation, match="closing date"):
        actions.create_survey(acting_user=SYSTEM, slug="x", title="X", opens_on=dt.date(2021, 5, 2),
                              closes_on=dt.date(2021, 5, 1))
    assert not AuditEvent.objects.exists()


def test_slug_and_key_taken():
    survey = small_survey()
    with pytest.raises(RuleViolation, match="already exists"):
        small_survey()
    with pytest.raises(RuleViolation, match="already has a question"):
        actions.add_question(survey, acting_user=SYSTEM, key="safer", kind="text", text="Again?")


@pytest.mark.parametrize("role", ROLES[1:])
def test_only_partnership_officers_and_administrators_build(django_user_model, role):
    user = user_with(django_user_model, role)
    if role in MANAGES:
        survey = actions.create_survey(acting_user=user, slug="s", title="S", opens_on=dt.date(2021, 1, 1),
                                       closes_on=dt.date(2021, 2, 1))
        assert AuditEvent.objects.get(code="consultations.survey.created").actor == user
        actions.set_schedule(survey, acting_user=user, opens_on=dt.date(2021, 1, 1), closes_on=dt.date(2021, 3, 1),
                             retention_days=30)
        event = AuditEvent.objects.get(code="consultations.survey.scheduled")
        assert event.data["closes_on"] == {"old": "2021-02-01", "new": "2021-03-01"}
    else:
        with pytest.raises(ActionPermissionDenied):
            actions.create_survey(acting_user=user, slug="s", title="S", opens_on=dt.date(2021, 1, 1),
                                  closes_on=dt.date(2021, 2, 1))


def test_submit_online_response_stores_rows_and_no_identifiers():
    survey = small_survey()
    response = actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    assert response.channel == "online" and response.entered_by is None
    rows = sorted(Answer.objects.values_list("question__key", "row_key", "value", "text"))
    assert rows == [("channels", "", "Facebook", ""), ("channels", "", "Library", ""),
                    ("district", "", "North", ""), ("priorities", "Burglary", "Don't know", ""),
                    ("priorities", "Fraud", "Agree", ""), ("safer", "", "", "More lighting")]
    event = AuditEvent.objects.get(code="consultations.response.submitted")
    assert event.actor is None and "public" in event.actor_repr and "North" not in str(event.data)


def test_online_response_missing_a_required_answer_saves_nothing():
    survey = small_survey()
    with pytest.raises(RuleViolation, match="Which district"):
        actions.submit_response(survey, acting_user=SYSTEM, answers={"safer": {"text": "x"}})
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_online_response_refused_when_closed_or_not_open():
    closed = small_survey("closed", opens_on=dt.date(2021, 5, 24), closes_on=dt.date(2021, 7, 16))
    with pytest.raises(RuleViolation, match="closed on 16 July 2021"):
        actions.submit_response(closed, acting_user=SYSTEM, answers=GOOD)
    later = small_survey("later", opens_on=dt.date(2098, 1, 1), closes_on=dt.date(2099, 1, 1))
    with pytest.raises(RuleViolation, match="opens on 1 January 2098"):
        actions.submit_response(later, acting_user=SYSTEM, answers=GOOD)
    assert not Response.objects.exists()


def test_paper_return_records_channel_and_who_keyed_it_in_and_may_be_partial(django_user_model):
    survey = small_survey("closed", opens_on=dt.date(2021, 5, 24), closes_on=dt.date(2021, 7, 16))
    officer = user_with(django_user_model, "partnership_officer")
    response = actions.submit_response(survey, acting_user=officer, channel="paper",
                                       answers={"safer": {"text": "Lighting"}})
    assert (response.channel, response.entered_by) == ("paper", officer)
    assert AuditEvent.objects.get(code="consultations.response.submitted").actor == officer
    with pytest.raises(RuleViolation, match="no answers"):
        actions.submit_response(survey, acting_user=officer, channel="email", answers={})
    with pytest.raises(RuleViolation, match="how the response was received"):
        actions.submit_response(survey, acting_user=officer, channel="pigeon", answers=GOOD)


def test_paper_return_needs_staff(django_user_model):
    survey = small_survey()
    councillor = user_with(django_user_model, "councillor")
    with pytest.raises(ActionPermissionDenied):
        actions.submit_response(survey, acting_user=councillor, channel="paper", answers=GOOD)


def test_questions_cannot_change_after_responses():
    survey = small_survey()
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    with pytest.raises(RuleViolation, match="cannot change"):
        actions.add_question(survey, acting_user=SYSTEM, key="new", kind="text", text="New?")
    with pytest.raises(RuleViolation, match="cannot change"):
        actions.add_section(survey, acting_user=SYSTEM, title="New")


def test_themes_and_coding_are_audited_and_checked(django_user_model):
    survey = small_survey()
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    safer = survey.questions.get(key="safer")
    officer = user_with(django_user_model, "partnership_officer")
    lighting = actions.add_theme(safer, acting_user=officer, label="  Street   lighting ")
    assert lighting.label == "Street lighting"
    with pytest.raises(RuleViolation, match="already exists"):
        actions.add_theme(safer, acting_user=officer, label="street lighting")
    other = actions.add_theme(survey.questions.get(key="district"), acting_user=officer, label="Elsewhere")
    answer = Answer.objects.get(question=safer)
    with pytest.raises(RuleViolation, match="its own question"):
        actions.code_answer(answer, acting_user=officer, themes=[other])
    with pytest.raises(RuleViolation, match="Only a typed answer"):
        actions.code_answer(Answer.objects.get(question__key="district"), acting_user=officer, themes=[other])
    actions.code_answer(answer, acting_user=officer, themes=[lighting])
    event = AuditEvent.objects.filter(code="consultations.answer.coded").get()
    assert event.data["new"] == ["Street lighting"] and event.actor == officer
    councillor = user_with(django_user_model, "councillor")
    with pytest.raises(ActionPermissionDenied):
        actions.code_answer(answer, acting_user=councillor, themes=[])


def test_publish_needs_responses():
    survey = small_survey()
    with pytest.raises(RuleViolation, match="no responses"):
        actions.publish_results(survey, acting_user=SYSTEM)
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    assert actions.publish_results(survey, acting_user=SYSTEM).results_published_at
    assert actions.withdraw_results(survey, acting_user=SYSTEM).results_published_at is None
    assert codes()[-2:] == ["consultations.results.published", "consultations.results.withdrawn"]


def test_baseline_share_is_a_percentage():
    with pytest.raises(RuleViolation, match="between 0 and 100"):
        actions.set_baseline(acting_user=SYSTEM, area="X", dimension="age", category="16-24", share=Decimal("101"))
    actions.set_baseline(acting_user=SYSTEM, area="X", dimension="age", category="16-24", share=Decimal("9.5"))
    b = actions.set_baseline(acting_user=SYSTEM, area="X", dimension="age", category="16-24", share=Decimal("10"))
    assert AuditEvent.objects.filter(code="consultations.baseline.set").order_by("pk").last().data == {"old": "9.50", "new": "10"}
    assert b.share == Decimal("10")


def test_retention_anonymises_only_surveys_past_their_period():
    survey = small_survey("old", opens_on=dt.date(2021, 5, 24), closes_on=dt.date(2021, 7, 16))
    actions.add_question(survey, acting_user=SYSTEM, key="email", kind="text", text="Your email (optional)",
                         asks_personal=True)
    with time_machine.travel("2021-06-01T12:00+01:00", tick=False):
        actions.submit_response(survey, acting_user=SYSTEM, answers={**GOOD, "email": {"text": "a@example.org"}})
    safer = survey.questions.get(key="safer")
    theme = actions.add_theme(safer, acting_user=SYSTEM, label="Lighting")
    actions.code_answer(Answer.objects.get(question=safer), acting_user=SYSTEM, themes=[theme])
    assert actions.apply_retention(acting_user=SYSTEM, today=dt.date(2023, 7, 16)) == {}
    assert actions.apply_retention(acting_user=SYSTEM, today=dt.date(2023, 7, 17)) == {"old": 1}
    assert not Answer.objects.filter(question__key="email").exists()
    assert not Answer.objects.exclude(text="").exists()
    assert Answer.objects.get(question=safer).codings.count() == 1  # themes and counts survive
    assert Response.objects.get().anonymised_at is not None
    event = AuditEvent.objects.get(code="consultations.responses.anonymised")
    assert event.data["personal_answers_deleted"] == 1 and event.data["texts_cleared"] == 1
    assert actions.apply_retention(acting_user=SYSTEM, today=dt.date(2024, 1, 1)) == {}  # once only


@time_machine.travel("2026-01-01T12:00+00:00", tick=False)
def test_retention_command_runs_the_action():
    survey = small_survey("old", opens_on=dt.date(2021, 5, 24), closes_on=dt.date(2021, 7, 16))
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD,
                            submitted_at=dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC))
    call_command("apply_consultation_retention")
    assert Response.objects.get().anonymised_at is not None
    assert AuditEvent.objects.filter(code="consultations.responses.anonymised").count() == 1


@time_machine.travel("2026-01-01T12:00+00:00", tick=False)
def test_the_nightly_task_applies_retention_and_queues_its_next_run():
    from django_tasks_db.models import DBTaskResult

    from saferhub.consultations.tasks import apply_retention_task

    survey = small_survey("old", opens_on=dt.date(2021, 5, 24), closes_on=dt.date(2021, 7, 16))
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD,
                            submitted_at=dt.datetime(2021, 6, 1, 12, tzinfo=dt.UTC))
    assert apply_retention_task.call(reschedule=False) == {"old": 1}
    assert not DBTaskResult.objects.exists()
    assert apply_retention_task.call(reschedule=True) == {}  # once only
    assert Response.objects.get().anonymised_at is not None
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferhub.consultations.tasks.apply_retention_task"
    assert queued.args_kwargs["kwargs"] == {"reschedule": True}
    assert queued.run_after == dt.datetime(2026, 1, 2, 3, 15, tzinfo=dt.UTC)  # 03:15 in London (GMT)


@time_machine.travel("2026-01-01T12:00+00:00", tick=False)
def test_the_retention_command_with_schedule_queues_the_nightly_task(capsys):
    from django_tasks_db.models import DBTaskResult

    call_command("apply_consultation_retention", "--schedule")
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferhub.consultations.tasks.apply_retention_task"
    out = capsys.readouterr().out
    assert "No responses are past their retention period." in out and f"Next run queued ({queued.id})." in out


def test_running_tallies_match_a_recount():
    from saferhub.consultations.actions import tallies
    from saferhub.consultations.models import Tally

    survey = small_survey()
    actions.submit_response(survey, acting_user=SYSTEM, answers=GOOD)
    actions.submit_response(survey, acting_user=SYSTEM, answers={
        **GOOD, "district": {"values": ["Other (please specify)"], "other": "Suffolk"},
        "priorities": {"grid": {"Fraud": "Disagree", "Burglary": "Agree"}, "comment": "Hmm"}, "safer": {}})

    def snapshot():
        return sorted(Tally.objects.values_list("question__key", "row_key", "value", "count", "typed"))

    kept = snapshot()
    assert ("district", "__answered__", "", 2, 0) in kept and ("priorities", "comment", "", 1, 1) in kept
    assert ("safer", "__answered__", "", 1, 0) in kept
    with transaction.atomic():
        tallies.rebuild(survey)
    assert snapshot() == kept


def test_section_must_be_the_surveys_own():
    survey = small_survey()
    other = small_survey("other")
    with pytest.raises(RuleViolation, match="another survey"):
        actions.add_question(survey, acting_user=SYSTEM, key="new", kind="text", text="New?",
                             section=other.sections.get())


def test_paper_return_not_before_the_survey_opens(django_user_model):
    survey = small_survey("later", opens_on=dt.date(2098, 1, 1), closes_on=dt.date(2099, 1, 1))
    officer = user_with(django_user_model, "partnership_officer")
    with pytest.raises(RuleViolation, match="opens on 1 January 2098"):
        actions.submit_response(survey, acting_user=officer, channel="paper", answers=GOOD)
