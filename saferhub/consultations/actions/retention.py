"""Retention: once a survey has been closed longer than its retention period, its responses are
anonymised. Answers to questions that ask for personal details are deleted and typed answers are
cleared (their theme coding stays, so ranked themes and every count survive)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.consultations import rules
from saferhub.consultations.actions import tallies
from saferhub.consultations.models import Answer, Response, Survey
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.permissions import require


@transaction.atomic
def apply_retention(*, acting_user: Actor, today: dt.date | None = None) -> dict[str, int]:
    """Anonymise every response kept beyond its survey's retention period; returns responses per survey."""
    require(acting_user, "consultations.manage")
    today = today or timezone.localdate()
    done: dict[str, int] = {}
    for survey in Survey.objects.select_for_update().order_by("pk"):
        if not rules.retention_due(survey.closes_on, survey.retention_days, today):
            continue
        pending = Response.objects.filter(survey=survey, anonymised_at__isnull=True)
        count = pending.count()
        if not count:
            continue
        answers = Answer.objects.filter(response__in=pending)
        deleted, _ = answers.filter(question__asks_personal=True).delete()
        cleared = answers.exclude(text="").update(text="")
        pending.update(anonymised_at=timezone.now())
        tallies.rebuild(survey)
        done[survey.slug] = count
        audit.record("consultations.responses.anonymised", actor=acting_user, target=survey,
                     data={"responses": count, "personal_answers_deleted": deleted, "texts_cleared": cleared,
                           "retention_ended": rules.retention_ends(survey.closes_on, survey.retention_days)})
    return done
