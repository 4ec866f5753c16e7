"""The survey builder's writes: a survey, its sections and questions, its dates, publishing its results,
and the population baselines respondents are compared with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from saferhub.consultations import rules
from saferhub.consultations.models import Baseline, Question, Section, Survey
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.core.writes import full_clean

CODE = "consultations.invalid_value"


@transaction.atomic
def create_survey(*, acting_user: Actor, slug: str, title: str, opens_on: dt.date, closes_on: dt.date,
                  run_by: str = "", introduction: str = "", privacy_notice: str = "", paper_instructions: str = "",
                  retention_days: int = 730, baseline_area: str = "", source: str = "") -> Survey:
    """Create a survey (no questions yet): a draft until ``open_survey``."""
    require(acting_user, "consultations.manage")
    rules.check_dates(opens_on, closes_on)
    if Survey.objects.filter(slug=slug).exists():
        raise RuleViolation(f"A survey with the address {slug!r} already exists.", code="consultations.slug_taken",
                            field="slug")
    survey = Survey(slug=slug, title=title, opens_on=opens_on, closes_on=closes_on, run_by=run_by,
                    introduction=introduction, privacy_notice=privacy_notice, paper_instructions=paper_instructions,
                    retention_days=retention_days, baseline_area=baseline_area, source=source)
    full_clean(survey, code=CODE)
    survey.save()
    audit.record("consultations.survey.created", actor=acting_user, target=survey,
                 data={"opens_on": opens_on, "closes_on": closes_on, "retention_days": retention_days})
    return survey


@transaction.atomic
def set_schedule(survey: Survey, *, acting_user: Actor, opens_on: dt.date, closes_on: dt.date,
                 retention_days: int) -> Survey:
    """Change a survey's opening and closing dates and how long its responses are kept."""
    require(acting_user, "consultations.manage", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    rules.check_dates(opens_on, closes_on)
    old = audit.snapshot(survey, ["opens_on", "closes_on", "retention_days"])
    survey.opens_on, survey.closes_on, survey.retention_days = opens_on, closes_on, retention_days
    full_clean(survey, code=CODE)
    survey.save(update_fields=["opens_on", "closes_on", "retention_days"])
    new = audit.snapshot(survey, ["opens_on", "closes_on", "retention_days"])
    audit.record("consultations.survey.scheduled", actor=acting_user, target=survey, data=audit.changes(old, new))
    return survey


@transaction.atomic
def open_survey(survey: Survey, *, acting_user: Actor) -> Survey:
    """Open a draft survey: from now on it is public (listed, its form answers between its dates). Refused
    without a question or with a closing date before the opening date (``rules.check_can_open``)."""
    require(acting_user, "consultations.manage", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    rules.check_can_open(opened=not survey.is_draft, question_count=survey.questions.count(),
                         opens_on=survey.opens_on, closes_on=survey.closes_on)
    survey.opened_at = timezone.now()
    full_clean(survey, code=CODE)
    survey.save(update_fields=["opened_at"])
    audit.record("consultations.survey.opened", actor=acting_user, target=survey,
                 data={"questions": survey.questions.count(), "opens_on": survey.opens_on,
                       "closes_on": survey.closes_on})
    return survey


@transaction.atomic
def add_section(survey: Survey, *, acting_user: Actor, title: str) -> Section:
    require(acting_user, "consultations.manage", survey)
    rules.check_questions_editable(survey.responses.count())
    section = Section(survey=survey, title=title, order=survey.sections.count() + 1)
    full_clean(section, code=CODE)
    section.save()
    audit.record("consultations.section.added", actor=acting_user, target=survey, data={"section": title})
    return section


@transaction.atomic
def add_question(survey: Survey, *, acting_user: Actor, key: str, kind: str, text: str, required: bool = False,
                 section: Section | None = None, hint: str = "", options: list[str] | None = None,
                 rows: list[str] | None = None, other_option: bool = False, prefer_not_option: bool = False,
                 dont_know_option: bool = False, comment_prompt: str = "", dimension: str = "",
                 asks_personal: bool = False, max_length: int = 5000) -> Question:
    """Add a question at the end of the survey (or of its section's place in the order)."""
    require(acting_user, "consultations.manage", survey)
    rules.check_questions_editable(survey.responses.count())
    if section is not None and section.survey_id != survey.pk:
        raise RuleViolation("That section belongs to another survey.", code="consultations.section", field="section")
    if survey.questions.filter(key=key).exists():
        raise RuleViolation(f"The survey already has a question with the key {key!r}.",
                            code="consultations.key_taken", field="key")
    question = Question(survey=survey, section=section, key=key, kind=kind, text=text, required=required,
                        hint=hint, options=[o.strip() for o in options or [] if o.strip()],
                        rows=[r.strip() for r in rows or [] if r.strip()], other_option=other_option,
                        prefer_not_option=prefer_not_option, dont_know_option=dont_know_option,
                        comment_prompt=comment_prompt, dimension=dimension, asks_personal=asks_personal,
                        max_length=max_length, order=survey.questions.count() + 1)
    rules.check_question_definition(question.spec())
    full_clean(question, code=CODE)
    question.save()
    audit.record("consultations.question.added", actor=acting_user, target=survey,
                 data={"key": key, "kind": kind, "text": text, "required": required})
    return question


@transaction.atomic
def publish_results(survey: Survey, *, acting_user: Actor, summary: str = "") -> Survey:
    """Publish the results: the results page and its PDF become public."""
    require(acting_user, "consultations.manage", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.responses.exists():
        raise RuleViolation("There are no responses to publish yet.", code="consultations.no_responses")
    survey.results_published_at = timezone.now()
    survey.results_summary = summary or survey.results_summary
    full_clean(survey, code=CODE)
    survey.save(update_fields=["results_published_at", "results_summary"])
    audit.record("consultations.results.published", actor=acting_user, target=survey,
                 data={"responses": survey.responses.count()})
    return survey


@transaction.atomic
def withdraw_results(survey: Survey, *, acting_user: Actor) -> Survey:
    require(acting_user, "consultations.manage", survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.results_published_at = None
    survey.save(update_fields=["results_published_at"])
    audit.record("consultations.results.withdrawn", actor=acting_user, target=survey)
    return survey


@transaction.atomic
def set_baseline(*, acting_user: Actor, area: str, dimension: str, category: str, share: Decimal,
                 source: str = "") -> Baseline:
    """Set one category's share of the population (replacing an earlier figure)."""
    require(acting_user, "consultations.manage")
    if not Decimal(0) <= Decimal(share) <= Decimal(100):
        raise RuleViolation("A population share is a percentage between 0 and 100.", code="consultations.share",
                            field="share")
    baseline = Baseline.objects.filter(area=area, dimension=dimension, category=category).first() or Baseline(
        area=area, dimension=dimension, category=category)
    old = str(baseline.share) if baseline.pk else None
    baseline.share, baseline.source = Decimal(share), source
    full_clean(baseline, code=CODE, validate_unique=False)
    baseline.save()
    audit.record("consultations.baseline.set", actor=acting_user, target=baseline,
                 data={"old": old, "new": str(baseline.share)})
    return baseline
