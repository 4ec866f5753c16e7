"""Load a consultation survey and the population baselines from YAML data files, through the actions
(SYSTEM actor, one transaction). Norfolk's 2021 Safer Norfolk Plan consultation is the first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.db import transaction

from saferhub.consultations import actions
from saferhub.consultations.models import Baseline, Survey
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation

DATA_DIR = Path(__file__).resolve().parent / "data"
SURVEY_FILE = DATA_DIR / "norfolk_2021.yaml"
BASELINE_FILE = DATA_DIR / "norfolk_baselines.yaml"
QUESTION_FIELDS = ("key", "kind", "text", "required", "hint", "options", "rows", "other_option", "prefer_not_option",
                   "dont_know_option", "comment_prompt", "dimension", "asks_personal", "max_length")


class ConsultationDataError(Exception):
    pass


@dataclass
class LoadReport:
    survey: Survey | None = None
    created: bool = False
    questions: int = 0
    themes: int = 0
    baselines: int = 0

    def summary(self) -> str:
        state = "loaded" if self.created else "already loaded"
        return (f"Survey {self.survey.slug if self.survey else '-'} {state}: {self.questions} questions, "
                f"{self.themes} themes; {self.baselines} population baselines.")


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConsultationDataError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConsultationDataError(f"{path}: expected a mapping at the top")
    return data


def _date(value, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConsultationDataError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from exc


@transaction.atomic
def load_survey(path: Path = SURVEY_FILE, *, slug: str | None = None, opens_on: dt.date | None = None,
                closes_on: dt.date | None = None) -> LoadReport:
    """Create the survey in ``path`` (left as it is when already loaded). ``slug`` and the dates may be
    overridden (a test or a rehearsal copy of the survey)."""
    data = _read(path)
    head = dict(data.get("survey") or {})
    slug = slug or head.get("slug")
    report = LoadReport()
    existing = Survey.objects.filter(slug=slug).first()
    if existing:
        report.survey = existing
        report.questions = existing.questions.count()
        return report
    try:
        survey = actions.create_survey(
            acting_user=SYSTEM, slug=slug, title=head["title"], run_by=head.get("run_by", ""),
            opens_on=opens_on or _date(head["opens_on"], "opens_on"),
            closes_on=closes_on or _date(head["closes_on"], "closes_on"),
            introduction=head.get("introduction", ""), privacy_notice=head.get("privacy_notice", ""),
            paper_instructions=head.get("paper_instructions", ""), retention_days=int(head.get("retention_days", 730)),
            baseline_area=head.get("baseline_area", ""), source=head.get("source", ""))
        for block in data.get("sections") or []:
            section = actions.add_section(survey, acting_user=SYSTEM, title=block["title"])
            for q in block.get("questions") or []:
                question = actions.add_question(survey, acting_user=SYSTEM, section=section,
                                                **{k: q[k] for k in QUESTION_FIELDS if k in q})
                report.questions += 1
                for label in q.get("themes") or []:
                    actions.add_theme(question, acting_user=SYSTEM, label=label)
                    report.themes += 1
        if not head.get("draft", False):  # a survey in a data file is opened unless it says ``draft: true``
            survey = actions.open_survey(survey, acting_user=SYSTEM)
    except KeyError as exc:
        raise ConsultationDataError(f"{path}: missing {exc.args[0]!r}") from exc
    except RuleViolation as exc:
        raise ConsultationDataError(f"{path}: {exc.text}") from exc
    report.survey, report.created = survey, True
    return report


@transaction.atomic
def load_baselines(path: Path = BASELINE_FILE) -> int:
    """Set every population share in ``path``; returns how many."""
    data = _read(path)
    area = data.get("area") or ""
    count = 0
    for dimension, block in (data.get("baselines") or {}).items():
        for category, share in (block.get("shares") or {}).items():
            try:
                value = Decimal(str(share))
            except InvalidOperation as exc:
                raise ConsultationDataError(f"{path}: {dimension} {category}: {share!r} is not a number") from exc
            try:
                actions.set_baseline(acting_user=SYSTEM, area=area, dimension=dimension, category=str(category),
                                     share=value, source=block.get("source", ""))
            except RuleViolation as exc:
                raise ConsultationDataError(f"{path}: {dimension} {category}: {exc.text}") from exc
            count += 1
    return count


def load_norfolk(*, demo: bool = True) -> LoadReport:
    """Norfolk's 2021 consultation, its baselines and (``demo``) fictional responses with coded themes."""
    report = load_survey()
    report.baselines = load_baselines() if not Baseline.objects.filter(area="Norfolk").exists() else (
        Baseline.objects.filter(area="Norfolk").count())
    if demo and report.created:
        from saferhub.consultations.demo import load_demo_responses

        load_demo_responses(report.survey)
    return report
