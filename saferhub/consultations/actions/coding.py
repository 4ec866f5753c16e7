"""Free-text coding: staff define themes for a question and code each typed answer to them."""

from __future__ import annotations

from django.db import transaction

from saferhub.consultations.models import Answer, Coding, Question, Theme
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.core.writes import full_clean


@transaction.atomic
def add_theme(question: Question, *, acting_user: Actor, label: str) -> Theme:
    require(acting_user, "consultations.code", question.survey)
    label = " ".join(label.split())
    if not label:
        raise RuleViolation("Enter the theme.", code="consultations.theme_needed", field="label")
    if question.themes.filter(label__iexact=label).exists():
        raise RuleViolation(f"The theme “{label}” already exists for this question.",
                            code="consultations.theme_taken", field="label")
    theme = Theme(question=question, label=label)
    full_clean(theme, code="consultations.invalid_value")
    theme.save()
    audit.record("consultations.theme.added", actor=acting_user, target=question.survey,
                 data={"question": question.key, "theme": label})
    return theme


@transaction.atomic
def code_answer(answer: Answer, *, acting_user: Actor, themes: list[Theme]) -> list[Theme]:
    """Set the themes a typed answer is coded to (replacing its earlier coding)."""
    require(acting_user, "consultations.code", answer.survey)
    if not answer.text:
        raise RuleViolation("Only a typed answer can be coded into themes.", code="consultations.not_text")
    if any(t.question_id != answer.question_id for t in themes):
        raise RuleViolation("A theme codes answers to its own question only.", code="consultations.theme_question",
                            field="themes")
    old = sorted(answer.codings.values_list("theme__label", flat=True))
    answer.codings.exclude(theme__in=themes).delete()
    have = set(answer.codings.values_list("theme_id", flat=True))
    Coding.objects.bulk_create([Coding(answer=answer, theme=t) for t in themes if t.pk not in have])
    new = sorted(t.label for t in themes)
    if old != new:
        audit.record("consultations.answer.coded", actor=acting_user, target=answer.survey,
                     data={"answer": answer.pk, "question": answer.question.key, "old": old, "new": new})
    return themes
