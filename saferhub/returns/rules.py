"""The returns' rules, as plain Python (no database): field values and the rules between fields.

The rules between fields are data (``ValidationRule`` rows, read here as ``RuleSpec``); this module
evaluates them. Sources: issue 14 ("validation rules between fields"); seed 002:980 (county lines by
tier against their stated totals), 002:1071-1095 (disposals and initial assessments against 352
positive tests), 002:1013-1020 (diversionary referrals against 807), 002:986 and 001:174 (VARAC).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from saferhub.core.exceptions import RuleViolation

COUNT, PERCENTAGE, BREAKDOWN, TEXT = "count", "percentage", "breakdown", "text"
SUM, SUBSET, PERCENT_100 = "parts_sum_to_total", "subset_not_over_set", "percentages_sum_to_100"
MAX_COUNT = Decimal(10) ** 11


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    name: str
    kind: str
    whole: str
    parts: tuple[str, ...]
    tolerance: Decimal = Decimal(0)


@dataclass(frozen=True)
class Failure:
    rule_name: str
    rule_kind: str
    message: str


def _number(raw, label: str, kind: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise RuleViolation(f"{label}: enter a number, not {str(raw)[:40]!r}.", code="returns.not_a_number",
                            field=label) from None
    if not value.is_finite():
        raise RuleViolation(f"{label}: enter a number.", code="returns.not_a_number", field=label)
    if kind == COUNT:
        if value != value.to_integral_value() or value < 0 or value >= MAX_COUNT:
            raise RuleViolation(f"{label}: a count is a whole number, 0 or more.", code="returns.count_whole",
                                field=label)
    else:
        if not Decimal(0) <= value <= Decimal(100) or value.as_tuple().exponent < -2:
            raise RuleViolation(f"{label}: a percentage is between 0 and 100, with at most 2 decimal places.",
                                code="returns.percentage_range", field=label)
    return value


def clean_values(fields: list[FieldSpec], raw: dict) -> dict:
    """Check each value against its field's kind; return ``{key: Decimal | {category: Decimal} | str}``
    with empty values left out. Unknown fields and categories are refused by name."""
    by_key = {f.key: f for f in fields}
    unknown = sorted(set(raw) - set(by_key))
    if unknown:
        raise RuleViolation(f"This return has no field {unknown[0]!r}.", code="returns.unknown_field")
    out: dict = {}
    for key, value in raw.items():
        spec = by_key[key]
        if spec.kind == TEXT:
            if value not in (None, ""):
                out[key] = str(value)[:10_000]
        elif spec.kind == BREAKDOWN:
            if value in (None, ""):
                continue
            if not isinstance(value, dict):
                raise RuleViolation(f"{spec.label}: give a figure for each category.", code="returns.breakdown_shape",
                                    field=key)
            bad = sorted(set(value) - set(spec.categories))
            if bad:
                raise RuleViolation(f"{spec.label} has no category {bad[0]!r}.", code="returns.unknown_category",
                                    field=key)
            parts = {c: _number(v, f"{spec.label} – {c}", COUNT) for c, v in value.items()}
            parts = {c: v for c, v in parts.items() if v is not None}
            if parts:
                out[key] = parts
        else:
            number = _number(value, spec.label, spec.kind)
            if number is not None:
                out[key] = number
    return out


def _operand(ref: str, values: dict, fields: dict[str, FieldSpec]) -> tuple[list[Decimal], str] | None:
    """The numbers a reference names and how to say it; None when a value is missing (not checked)."""
    key, _, category = ref.partition(":")
    label = fields[key].label if key in fields else key
    value = values.get(key)
    if value is None:
        return None
    if category == "*":
        spec = fields[key]
        if any(c not in value for c in spec.categories):
            return None
        return [value[c] for c in spec.categories], label
    if category:
        return ([value[category]], f"{label} – {category}") if category in value else None
    return [value], label


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


def check_rule(rule: RuleSpec, fields: list[FieldSpec], values: dict) -> Failure | None:
    """One rule between fields on one submission's values; a Failure names the rule and the arithmetic.
    A rule whose figures are not all given is not checked (nothing to compare)."""
    by_key = {f.key: f for f in fields}
    parts = [_operand(ref, values, by_key) for ref in rule.parts]
    if any(p is None for p in parts):
        return None
    numbers = [n for p in parts for n in p[0]]
    total = sum(numbers, Decimal(0))
    shown = " + ".join(_fmt(n) for n in numbers)
    if rule.kind == PERCENT_100:
        if abs(total - 100) > rule.tolerance:
            return Failure(rule.name, rule.kind, f"Rule “{rule.name}”: the percentages add up to {_fmt(total)}, "
                                                 f"not 100 ({shown}).")
        return None
    whole = _operand(rule.whole, values, by_key)
    if whole is None:
        return None
    stated = sum(whole[0], Decimal(0))
    if rule.kind == SUM and abs(total - stated) > rule.tolerance:
        return Failure(rule.name, rule.kind, f"Rule “{rule.name}”: {shown} = {_fmt(total)}, but {whole[1]} is "
                                             f"given as {_fmt(stated)}.")
    if rule.kind == SUBSET and total > stated + rule.tolerance:
        names = ", ".join(p[1] for p in parts)
        return Failure(rule.name, rule.kind, f"Rule “{rule.name}”: {names} ({_fmt(total)}) cannot be more than "
                                             f"{whole[1]} ({_fmt(stated)}).")
    return None


def check_rules(rules: list[RuleSpec], fields: list[FieldSpec], values: dict) -> list[Failure]:
    return [f for f in (check_rule(r, fields, values) for r in rules) if f is not None]


def check_rule_definition(rule: RuleSpec, fields: list[FieldSpec]) -> None:
    """A rule must name fields of its return, of a kind it can add up."""
    by_key = {f.key: f for f in fields}
    if rule.kind not in (SUM, SUBSET, PERCENT_100):
        raise RuleViolation(f"Rule “{rule.name}”: unknown kind {rule.kind!r}.", code="returns.rule_kind")
    refs = list(rule.parts) + ([rule.whole] if rule.kind != PERCENT_100 else [])
    if not rule.parts or (rule.kind != PERCENT_100 and not rule.whole):
        raise RuleViolation(f"Rule “{rule.name}” needs its parts and its total or set.", code="returns.rule_operands")
    for ref in refs:
        key, _, category = ref.partition(":")
        spec = by_key.get(key)
        if spec is None or spec.kind == TEXT:
            raise RuleViolation(f"Rule “{rule.name}” names {ref!r}, which is not a figure of this return.",
                                code="returns.rule_operands")
        if category and (spec.kind != BREAKDOWN or (category != "*" and category not in spec.categories)):
            raise RuleViolation(f"Rule “{rule.name}” names {ref!r}, which is not a category of {spec.label}.",
                                code="returns.rule_operands")
        if rule.kind == PERCENT_100 and spec.kind != PERCENTAGE:
            raise RuleViolation(f"Rule “{rule.name}” adds percentages; {spec.label} is not one.",
                                code="returns.rule_operands")


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def check_period(kind: str, start: dt.date, end: dt.date) -> None:
    """A submission's period fits its return's kind: a calendar month; a quarter of the financial year
    (April, July, October, January); a financial year from 1 April; a meeting's single day."""
    if end < start:
        raise RuleViolation("The period must end on or after the day it starts.", code="returns.period_order",
                            field="period_end")
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if kind == "monthly" and not (whole_months and _months_between(start, end) == 1):
        raise RuleViolation("A monthly return covers one calendar month, from its 1st to its last day.",
                            code="returns.period_month", field="period_start")
    if kind == "quarterly" and not (whole_months and _months_between(start, end) == 3 and start.month in (1, 4, 7, 10)):
        raise RuleViolation("A quarterly return covers a quarter of the financial year (April–June, July–September, "
                            "October–December or January–March).", code="returns.period_quarter", field="period_start")
    if kind == "annual" and not (whole_months and _months_between(start, end) == 12 and start.month == 4):
        raise RuleViolation("A financial-year return runs from 1 April to 31 March.", code="returns.period_year",
                            field="period_start")
    if kind == "per_meeting" and start != end:
        raise RuleViolation("A return for a meeting covers the meeting's day only.", code="returns.period_meeting",
                            field="period_end")


def check_contributors(geographies: list[str], contributors: list[tuple[str, str]]) -> None:
    """Partner-scoped submissions (task brief "partner-scoped submissions"): ``contributors`` are
    (organisation name, geography or "" for the whole return). Each names one of the return's geographies,
    and each geography has at most one contributing organisation, since a period has one submission per
    geography."""
    for name, geography in contributors:
        if geography and geography not in geographies:
            raise RuleViolation(f"{name} cannot contribute for {geography!r}: the return covers "
                                f"{', '.join(geographies)}.", code="returns.contributor_geography",
                                field="contributors")
    for geography in geographies:
        names = sorted({name for name, g in contributors if g in ("", geography)})
        if len(names) > 1:
            raise RuleViolation(f"{geography} has one contributing organisation, not {len(names)} "
                                f"({', '.join(names)}): a period has one submission per geography.",
                                code="returns.contributor_twice", field="contributors")


def check_missed_percent(value) -> None:
    """The Channel Panel summary's threshold (Prevent Duty benchmark 5, seed 003:1648-1649): a whole per cent
    from 0 to 100 of the meetings a sector may miss before it is flagged."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise RuleViolation("The share of meetings a sector may miss is a whole per cent from 0 to 100.",
                            code="returns.channel_missed_percent", field="missed_percent")


# -- Prevent Duty benchmarks (seed-processes §4.2; 001:725-726) ---------------------------------------

#: The Home Office's Prevent Duty benchmarks are numbered 1 to 10 (003:1641-1649; 001:676-679).
BENCHMARK_NUMBERS = range(1, 11)


def check_benchmark_number(number: int) -> None:
    if number not in BENCHMARK_NUMBERS:
        raise RuleViolation("A Prevent Duty benchmark is numbered 1 to 10.", code="returns.benchmark_number",
                            field="number")


def check_exercise_dates(*, started_on: dt.date, completed_on: dt.date | None, review_due: dt.date | None) -> None:
    if completed_on is not None and completed_on < started_on:
        raise RuleViolation("An exercise cannot be completed before it started.", code="returns.exercise_dates",
                            field="completed_on")
    if review_due is not None and review_due <= (completed_on or started_on):
        raise RuleViolation("The review is due after the exercise.", code="returns.exercise_review_date",
                            field="review_due")


def check_rating(*, rating: str, scale: list[str], evidence: str, complete: bool) -> None:
    """A rating is one of the exercise's scale, with the evidence for it, while the exercise is open: a
    completed exercise is the record, and a change of rating belongs to the next exercise (the review)."""
    if complete:
        raise RuleViolation("This exercise is complete: record a changed rating in its review exercise.",
                            code="returns.exercise_complete", field="rating")
    if rating not in scale:
        raise RuleViolation(f"Choose a rating: {', '.join(scale)}.", code="returns.rating_not_in_scale", field="rating")
    if not " ".join((evidence or "").split()):
        raise RuleViolation("Enter the evidence for the rating.", code="returns.rating_evidence_required",
                            field="evidence")


def check_exercise_complete(*, unrated: list[int]) -> None:
    """An exercise is complete when every benchmark has a rating."""
    if unrated:
        names = ", ".join(str(n) for n in unrated)
        raise RuleViolation(f"Rate every benchmark before completing the exercise: {names} not rated yet.",
                            code="returns.exercise_unrated", field="completed_on")


def benchmark_trend(ratings: list[str], scale: list[str]) -> str:
    """How a benchmark's rating moved between its last two exercises: "up", "down", "same" or "" (one or none)."""
    known = [scale.index(r) for r in ratings if r in scale]
    if len(known) < 2:
        return ""
    return "up" if known[-1] > known[-2] else "down" if known[-1] < known[-2] else "same"


# -- Community tension log (seed-processes §4.3; 001:772) ---------------------------------------------------

#: Titles and words that are followed by a person's name: "Mr Smith", "Mrs. Patel", "Dr Jones", "PC Brown",
#: "called Ahmed", "named Sarah", "known as Tommo".
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord|Rev|Revd|Cllr|PC|PCSO|DC|DS|Sgt|Insp)\.?"
                    r"\s+[A-Z][\w'’-]+")
_CALLED = re.compile(r"\b(?:called|named|known as|name is)\s+[A-Z][\w'’-]+")
#: A date of birth: "DOB", "D.O.B.", "date of birth", "born on 3/4/1990", "born 12 March 1985".
_BIRTH = re.compile(r"\b(?:D\.?O\.?B\b\.?|date of birth|born(?: on)? \d{1,2}(?:[/.-]\d{1,2}[/.-]\d{2,4}|\s+[A-Z][a-z]+))",
                    re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")

PERSONAL_PATTERNS = (
    ("a title and a name", _TITLE),
    ("a name after “called”, “named” or “known as”", _CALLED),
    ("a date of birth", _BIRTH),
    ("an email address", _EMAIL),
)


def personal_data_matches(*texts: str) -> list[str]:
    """What in the free text looks like it identifies a person, as ``"a title and a name: Mr Smith"``.

    A plain rule, not a detector of every name: it catches a title followed by a capitalised word (Mr, Mrs,
    Ms, Miss, Mx, Dr, Prof, Sir, Dame, Lady, Lord, Rev, Cllr, PC, PCSO, DC, DS, Sgt, Insp), a capitalised word
    after "called", "named", "known as" or "name is", a date of birth ("DOB", "date of birth", "born on
    3/4/1990") and an email address. A bare name ("John Smith") is not caught: the warning is a prompt,
    not a guarantee (issue 14: "never a named victim in free text without a warning")."""
    found: list[str] = []
    for text in texts:
        for label, pattern in PERSONAL_PATTERNS:
            for match in pattern.finditer(text or ""):
                entry = f"{label}: {match.group(0).strip()[:60]}"
                if entry not in found:
                    found.append(entry)
    return found


def check_personal_data(matches: list[str], *, confirmed: bool) -> None:
    """Free text that looks like it names a person is kept only when the submitter confirms it must be."""
    if matches and not confirmed:
        raise RuleViolation("The report looks like it names or identifies a person (" + "; ".join(matches[:5]) +
                            "). Remove it, or confirm that the report needs it.", code="returns.tension_personal_data",
                            field="confirm_personal")


def check_tension_report(*, what: str, where: str, communities: str, source: str, occurred_on: dt.date,
                         today: dt.date) -> None:
    for value, field, name in ((what, "what", "what is happening"), (where, "where", "where it is happening"),
                               (communities, "communities", "the communities affected"),
                               (source, "source", "where the information comes from")):
        if not " ".join((value or "").split()):
            raise RuleViolation(f"Enter {name}.", code="returns.tension_required", field=field)
    if occurred_on > today:
        raise RuleViolation("The date it happened cannot be in the future.", code="returns.tension_future",
                            field="occurred_on")


def check_grade(grade: str, grades: list[str]) -> None:
    if grade not in grades:
        raise RuleViolation(f"Choose a grade: {', '.join(grades)}.", code="returns.tension_grade", field="grade")


def check_escalation(*, triaged: bool, already: bool, escalated_on: dt.date, submitted_on: dt.date,
                     today: dt.date) -> None:
    """A report is escalated to the National Community Tension Team once, after the analysts triaged it."""
    if not triaged:
        raise RuleViolation("Triage the report before escalating it.", code="returns.tension_escalate_untriaged",
                            field="escalated_on")
    if already:
        raise RuleViolation("This report has already been escalated.", code="returns.tension_escalated",
                            field="escalated_on")
    if not submitted_on <= escalated_on <= today:
        raise RuleViolation("The escalation date is between the day the report came in and today.",
                            code="returns.tension_escalation_date", field="escalated_on")


def hours_between(start: dt.datetime, end: dt.datetime) -> Decimal:
    return (Decimal((end - start).total_seconds()) / 3600).quantize(Decimal("0.1"))


def triage_late(*, submitted_at: dt.datetime, triaged_at: dt.datetime | None, now: dt.datetime, hours: int) -> bool:
    """Whether a report was (or, untriaged, is already) past the configured time to triage."""
    return ((triaged_at or now) - submitted_at) > dt.timedelta(hours=hours)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def erasure_due(*, submitted_on: dt.date, months: int, today: dt.date) -> bool:
    """A report's free text is erased once the configured retention period after its submission has passed."""
    return add_months(submitted_on, months) <= today


def centre_check_overdue(*, last_checked_on: dt.date | None, months: int, today: dt.date) -> bool:
    """A reporting centre whose details were never checked, or not for ``months`` months, needs checking."""
    return last_checked_on is None or add_months(last_checked_on, months) <= today
