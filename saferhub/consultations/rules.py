"""Consultation rules, pure Python (no database): when a survey takes responses, what a valid answer is,
when a response is complete, retention, and the arithmetic of results and representativeness.

Sources: the 2021 Safer Norfolk Plan consultation (seed 003:1296-1428; spec §4.7, §5.7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from saferhub.core.exceptions import RuleViolation

SINGLE, MULTIPLE, GRID, TEXT = "single", "multiple", "grid", "text"
OTHER = "Other (please specify)"
KINDS = (SINGLE, MULTIPLE, GRID, TEXT)
#: The most a person may type into a comments box or an "Other" box.
SHORT_TEXT = 1000


@dataclass(frozen=True)
class QuestionSpec:
    """What the rules need to know of a question (built from the model or the data file)."""

    key: str
    kind: str
    text: str
    required: bool = False
    choices: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    other: bool = False
    comment: bool = False
    max_length: int = 5000


@dataclass
class Cleaned:
    """One question's answer as stored: ``values`` (choices, or a grid's row → column), typed texts."""

    values: list[str] = field(default_factory=list)
    grid: dict[str, str] = field(default_factory=dict)
    other: str = ""
    text: str = ""
    comment: str = ""

    @property
    def empty(self) -> bool:
        return not (self.values or self.grid or self.other or self.text or self.comment)

    def as_session(self) -> dict:
        return {"values": self.values, "grid": self.grid, "other": self.other, "text": self.text,
                "comment": self.comment}


#: What staff and the public read for each ``survey_status``.
STATUS_LABELS = {"draft": "Draft", "not_open": "Not open yet", "open": "Open", "closed": "Closed"}


def survey_status(opens_on: dt.date, closes_on: dt.date, today: dt.date, *, opened: bool) -> str:
    """"draft" until staff open the survey, then "not_open", "open" or "closed" by its dates. The 2021
    consultation ran from 24 May to 16 July inclusive (seed 003:451)."""
    if not opened:
        return "draft"
    if today < opens_on:
        return "not_open"
    if today > closes_on:
        return "closed"
    return "open"


def check_open(opens_on: dt.date, closes_on: dt.date, today: dt.date, *, opened: bool) -> None:
    """A survey takes online responses only once staff have opened it, and only between its opening and
    closing dates (seed 003:451)."""
    status = survey_status(opens_on, closes_on, today, opened=opened)
    if status == "draft":
        raise RuleViolation("This survey is a draft. Open it before it takes responses.", code="consultations.draft")
    if status == "not_open":
        raise RuleViolation(f"This consultation opens on {opens_on:%-d %B %Y}. It is not taking responses yet.",
                            code="consultations.not_open")
    if status == "closed":
        raise RuleViolation(f"This consultation closed on {closes_on:%-d %B %Y}. It is no longer taking responses.",
                            code="consultations.closed")


def check_can_open(*, opened: bool, question_count: int, opens_on: dt.date, closes_on: dt.date) -> None:
    """A draft survey may be opened (made public) only once it has at least one question and its closing date
    is on or after its opening date; a survey is opened once."""
    if opened:
        raise RuleViolation("This survey is already open.", code="consultations.already_open")
    if question_count < 1:
        raise RuleViolation("A survey must have at least one question before it can be opened. Add a question "
                            "first.", code="consultations.open_without_questions")
    if closes_on < opens_on:
        raise RuleViolation("A survey can only be opened if its closing date is the same as or after its opening "
                            "date. Change its dates first.", code="consultations.open_closes_before_opens")


def check_dates(opens_on: dt.date, closes_on: dt.date) -> None:
    """The closing date is on or after the opening date."""
    if closes_on < opens_on:
        raise RuleViolation("The closing date must be the same as or after the opening date.",
                            code="consultations.closes_before_opens", field="closes_on")


def check_question_definition(spec: QuestionSpec) -> None:
    """A choice question offers at least two choices; a grid has statements and columns; choices appear once."""
    if spec.kind not in KINDS:
        raise RuleViolation(f"A question is one of: {', '.join(KINDS)}.", code="consultations.kind", field="kind")
    if spec.kind in (SINGLE, MULTIPLE) and len(spec.choices) < 2:
        raise RuleViolation("A choice question offers at least two choices.", code="consultations.choices_needed",
                            field="options")
    if spec.kind == GRID and (not spec.rows or len(spec.choices) < 2):
        raise RuleViolation("A grid lists its statements and at least two answers for each.",
                            code="consultations.grid_needed", field="rows")
    if len(set(spec.choices)) != len(spec.choices) or len(set(spec.rows)) != len(spec.rows):
        raise RuleViolation("Each choice and each statement appears once.", code="consultations.duplicate_choice",
                            field="options")


def check_questions_editable(response_count: int) -> None:
    """Questions cannot change once people have answered: earlier answers would no longer match them."""
    if response_count:
        raise RuleViolation(f"The questions cannot change: {response_count} responses have been received.",
                            code="consultations.has_responses")


def _text(raw, limit: int, what: str, key: str) -> str:
    text = raw if isinstance(raw, str) else ""
    text = text.replace("\x00", "").strip()
    if len(text) > limit:
        raise RuleViolation(f"{what} must be {limit:,} characters or fewer (you typed {len(text):,}).",
                            code="consultations.too_long", field=key)
    return text


def clean_answer(spec: QuestionSpec, raw: dict) -> Cleaned:
    """Check one question's answer as posted: choices must be the question's own (a tampered value is
    refused), "Other (please specify)" needs its text, a required question needs an answer, texts have a
    length limit. ``raw`` holds ``values`` (list), ``grid`` (dict), ``other``, ``text``, ``comment``."""
    out = Cleaned()
    values = raw.get("values") or []
    values = [v for v in values if isinstance(v, str) and v]
    if spec.kind in (SINGLE, MULTIPLE):
        if any(v not in spec.choices for v in values):
            raise RuleViolation("Select one of the answers shown.", code="consultations.unknown_choice",
                                field=spec.key)
        if spec.kind == SINGLE and len(values) > 1:
            raise RuleViolation("Select only one answer.", code="consultations.one_answer", field=spec.key)
        out.values = list(dict.fromkeys(values))
        if spec.other:
            out.other = _text(raw.get("other"), SHORT_TEXT, "Your other answer", "other")
            if OTHER in out.values and not out.other:
                raise RuleViolation("You selected other: say what it is.", code="consultations.other_needed",
                                    field="other")
            if OTHER not in out.values:
                out.other = ""
    elif spec.kind == GRID:
        grid = raw.get("grid") or {}
        if not isinstance(grid, dict):
            grid = {}
        for row in spec.rows:
            choice = grid.get(row) or ""
            if not isinstance(choice, str):
                choice = ""
            if choice and choice not in spec.choices:
                raise RuleViolation("Select one of the answers shown.", code="consultations.unknown_choice",
                                    field=spec.key)
            if choice:
                out.grid[row] = choice
            elif spec.required:
                raise RuleViolation(f"Select an answer for “{row}”.", code="consultations.row_needed",
                                    field=spec.key)
    else:
        out.text = _text(raw.get("text"), spec.max_length, "Your answer", spec.key)
    if spec.comment:
        out.comment = _text(raw.get("comment"), SHORT_TEXT, "Your comments", "comment")
    if spec.required and not (out.values or out.grid or out.text):
        message = "Enter your answer." if spec.kind == TEXT else "Select an answer."
        raise RuleViolation(f"{message} This question must be answered.", code="consultations.required",
                            field=spec.key)
    return out


def missing_required(specs: list[QuestionSpec], answers: dict[str, dict]) -> list[QuestionSpec]:
    """The required questions a response has not answered: it cannot be submitted until it has them all."""
    missing = []
    for spec in specs:
        if not spec.required:
            continue
        try:
            clean_answer(spec, answers.get(spec.key) or {})
        except RuleViolation:
            missing.append(spec)
    return missing


def retention_ends(closes_on: dt.date, retention_days: int) -> dt.date:
    """Responses are kept for the configured number of days after the survey closes, then anonymised."""
    return closes_on + dt.timedelta(days=retention_days)


def retention_due(closes_on: dt.date, retention_days: int, today: dt.date) -> bool:
    return today > retention_ends(closes_on, retention_days)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage to one decimal place (half up); None when nobody answered."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RepresentativenessRow:
    category: str
    responses: int
    share: Decimal | None
    baseline: Decimal | None
    difference: Decimal | None


def representativeness(categories: list[str], counts: dict[str, int], baseline: dict[str, Decimal],
                       ) -> list[RepresentativenessRow]:
    """Each category's share of responses beside its share of the population (seed 003:1143-1202). The
    share is of every response to the question, "Prefer not to say" included, as the 2021 report does
    ("7.3% of responders have chosen not to state", 003:1177); a category with no baseline shows none."""
    total = sum(counts.values())
    rows = []
    for category in categories:
        n = counts.get(category, 0)
        share = percent(n, total)
        base = baseline.get(category)
        if base is not None and base == base.quantize(Decimal("0.1")):
            base = base.quantize(Decimal("0.1"))  # 15.40 (as stored) reads 15.4
        diff = (share - base).quantize(Decimal("0.1")) if share is not None and base is not None else None
        rows.append(RepresentativenessRow(category, n, share, base, diff))
    return rows
