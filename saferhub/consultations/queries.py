"""Reads for the consultation pages: surveys, the answers kept in a session, and the results (counts and
percentages per question, grids, ranked themes and representativeness) in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch

from saferhub.consultations import rules
from saferhub.consultations.models import (
    Answer,
    Baseline,
    Channel,
    Coding,
    Question,
    QuestionKind,
    Response,
    Survey,
    Tally,
    Theme,
)


def surveys():
    return Survey.objects.annotate(response_count=Count("responses"))


def public_surveys():
    """Surveys the public may see: every survey staff have opened (drafts never)."""
    return surveys().filter(opened_at__isnull=False)


def published_surveys():
    return public_surveys().filter(results_published_at__isnull=False)


def survey_with_questions(slug: str, *, public: bool = False) -> Survey | None:
    """A survey with its sections and questions; ``public`` leaves out drafts (their public pages are 404)."""
    found = Survey.objects.filter(slug=slug)
    if public:
        found = found.filter(opened_at__isnull=False)
    return (found.prefetch_related(
        "sections", Prefetch("questions", queryset=Question.objects.select_related("section"))).first())


@dataclass
class ChoiceRow:
    label: str
    count: int
    percent: Decimal | None


@dataclass
class GridRow:
    statement: str
    answered: int
    cells: list[ChoiceRow]
    agree: Decimal | None


@dataclass
class ThemeRow:
    label: str
    count: int
    percent: Decimal | None


@dataclass
class QuestionResult:
    question: Question
    answered: int
    choices: list[ChoiceRow] = field(default_factory=list)
    grid: list[GridRow] = field(default_factory=list)
    typed: int = 0
    comments: int = 0
    themes: list[ThemeRow] = field(default_factory=list)
    coded: int = 0
    representativeness: list[rules.RepresentativenessRow] = field(default_factory=list)


@dataclass
class Results:
    survey: Survey
    total: int
    channels: list[ChoiceRow]
    questions: list[QuestionResult]


def results(survey: Survey) -> Results:
    """Every question's counts. Percentages are of the people who answered that question (of each
    statement, for a grid); a multiple-choice question's can add up to more than 100."""
    questions = list(survey.questions.select_related("section").order_by("order", "pk"))
    counts: dict[tuple[int, str, str], int] = {}
    rows_of: dict[tuple[int, str], int] = defaultdict(int)
    typed: dict[tuple[int, str], int] = defaultdict(int)
    answered: dict[int, int] = {}
    for qid, row_key, value, n, with_text in Tally.objects.filter(survey=survey).values_list(
            "question_id", "row_key", "value", "count", "typed"):
        if row_key == Tally.ANSWERED:
            answered[qid] = n
            continue
        counts[(qid, row_key, value)] = n
        rows_of[(qid, row_key)] += n
        typed[(qid, row_key)] += with_text
    themes: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for theme in Theme.objects.filter(question__survey=survey).annotate(n=Count("codings")).order_by("-n", "label"):
        themes[theme.question_id].append((theme.label, theme.n))
    coded = dict(Coding.objects.filter(theme__question__survey=survey).order_by()
                 .values_list("theme__question_id").annotate(n=Count("answer_id", distinct=True)))
    baselines: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for b in Baseline.objects.filter(area=survey.baseline_area):
        baselines[b.dimension][b.category] = b.share
    channel_counts = dict(Response.objects.filter(survey=survey).order_by().values_list("channel")
                          .annotate(n=Count("id")))
    total = sum(channel_counts.values())
    out = []
    for q in questions:
        result = QuestionResult(question=q, answered=0, comments=typed.get((q.pk, "comment"), 0))
        if q.kind == QuestionKind.GRID:
            for row in q.rows:
                on_row = rows_of.get((q.pk, row), 0)
                cells = [ChoiceRow(c, counts.get((q.pk, row, c), 0), rules.percent(counts.get((q.pk, row, c), 0),
                                                                                     on_row)) for c in q.choices]
                positive = sum(cell.count for cell in cells[:2])
                result.grid.append(GridRow(row, on_row, cells, rules.percent(positive, on_row)))
            result.answered = answered.get(q.pk, 0)
        elif q.kind == QuestionKind.TEXT:
            result.answered = answered.get(q.pk, 0)
            result.typed = typed.get((q.pk, ""), 0)
        else:
            result.answered = answered.get(q.pk, 0)
            result.choices = [ChoiceRow(c, counts.get((q.pk, "", c), 0),
                                        rules.percent(counts.get((q.pk, "", c), 0), result.answered)) for c in q.choices]
            if q.dimension:
                result.representativeness = rules.representativeness(
                    q.choices, {c.label: c.count for c in result.choices}, baselines.get(q.dimension, {}))
        result.coded = coded.get(q.pk, 0)
        result.themes = [ThemeRow(label, n, rules.percent(n, result.coded)) for label, n in themes.get(q.pk, [])]
        out.append(result)
    channels = [ChoiceRow(c.label, channel_counts.get(c.value, 0), rules.percent(channel_counts.get(c.value, 0), total))
                for c in Channel]
    return Results(survey=survey, total=total, channels=channels, questions=out)


def typed_answers(question: Question):
    """The typed answers to a question (free text, "Other" specified, comments), with their themes."""
    return (Answer.objects.filter(question=question).exclude(text="")
            .prefetch_related("codings__theme").order_by("pk"))
