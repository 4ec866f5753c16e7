"""Submit a response: the online form's answers from the session, or a paper/email/event return keyed in
by staff. Nothing of a response is written before this (seed 003:1316: a person withdraws by closing
the survey before completing it, and what they gave is not used)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from saferhub.consultations import rules
from saferhub.consultations.actions import tallies
from saferhub.consultations.models import Answer, Channel, Response, Survey
from saferhub.core import audit
from saferhub.core.actors import Actor, SystemActor, is_system
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require

#: Who the audit trail names for an online response (the form is anonymous: no user, no address).
PUBLIC = SystemActor("A member of the public (online form)")


def _rows(response: Response, question, cleaned: rules.Cleaned) -> list[Answer]:
    base = {"response": response, "survey_id": response.survey_id, "question": question}
    rows = []
    if question.kind == rules.TEXT:
        if cleaned.text:
            rows.append(Answer(**base, text=cleaned.text))
    elif question.kind == rules.GRID:
        rows += [Answer(**base, row_key=row, value=col) for row, col in cleaned.grid.items()]
    else:
        rows += [Answer(**base, value=v, text=cleaned.other if v == rules.OTHER else "") for v in cleaned.values]
    if cleaned.comment:
        rows.append(Answer(**base, row_key="comment", text=cleaned.comment))
    return rows


@transaction.atomic
def submit_response(survey: Survey, *, acting_user: Actor, answers: dict[str, dict],
                    channel: str = Channel.ONLINE, submitted_at=None) -> Response:
    """Save a complete response in one transaction. ``answers`` maps a question's key to what was posted
    (see ``rules.clean_answer``); unknown keys are ignored.

    No response is taken while the survey is a draft. Online responses are taken only while the survey is open and must answer every required question.
    A paper, email or event return is keyed in by staff (``consultations.key_in``) with its channel; it may
    arrive after the closing date, and its required questions may be blank (a paper form cannot make
    anyone answer)."""
    if channel not in Channel.values:
        raise RuleViolation("Choose how the response was received.", code="consultations.channel", field="channel")
    today = timezone.localdate()
    if submitted_at is not None and is_system(acting_user):
        today = timezone.localdate(submitted_at)  # a historical load gives the day each response was made
    opened = not survey.is_draft
    if channel == Channel.ONLINE:
        rules.check_open(survey.opens_on, survey.closes_on, today, opened=opened)
    else:
        require(acting_user, "consultations.key_in", survey)
        if survey.status_on(today) in ("draft", "not_open"):  # a paper return may arrive after closing
            rules.check_open(survey.opens_on, survey.closes_on, today, opened=opened)
    questions = list(survey.questions.all())
    specs = [q.spec() for q in questions]
    if channel == Channel.ONLINE:
        missing = rules.missing_required(specs, answers)
        if missing:
            raise RuleViolation(f"Answer “{missing[0].text}”: it must be answered before you send your response.",
                                code="consultations.incomplete", field=missing[0].key)
    cleaned = {}
    for question, spec in zip(questions, specs, strict=True):
        if channel != Channel.ONLINE:
            spec = rules.QuestionSpec(**{**spec.__dict__, "required": False})
        cleaned[question.pk] = rules.clean_answer(spec, answers.get(question.key) or {})
    if all(c.empty for c in cleaned.values()):
        raise RuleViolation("The response has no answers.", code="consultations.empty_response")
    staff = None if is_system(acting_user) or not getattr(acting_user, "is_authenticated", False) else acting_user
    survey = Survey.objects.select_for_update().get(pk=survey.pk)  # one response at a time updates the tallies
    response = Response.objects.create(survey=survey, channel=channel, submitted_at=submitted_at or timezone.now(),
                                       entered_by=staff if channel != Channel.ONLINE else None)
    rows = []
    for question in questions:
        rows += _rows(response, question, cleaned[question.pk])
    Answer.objects.bulk_create(rows)
    tallies.add_answers(survey, rows)
    audit.record("consultations.response.submitted", actor=acting_user if channel != Channel.ONLINE else PUBLIC,
                 target=response, data={"survey": survey.slug, "channel": channel, "answers": len(rows)})
    return response
