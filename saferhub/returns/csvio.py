"""Returns as CSV: reading an upload into rows (with per-row errors) and writing an export.

An upload has one row per submission: ``period_start``, ``period_end`` (YYYY-MM-DD), ``geography``,
``flag_reason`` (optional) and a column per figure, named by the field's key or, for one category of a
breakdown, ``key:Category``. Exports prefix a cell starting with = + - @ (or a tab or carriage
return) with ' so a spreadsheet does not run it as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from saferhub.core.exceptions import RuleViolation
from saferhub.returns import rules
from saferhub.returns.actions.submissions import evaluate
from saferhub.returns.models import ReturnDefinition, Submission

MAX_ROWS = 50_000
FIXED = ("period_start", "period_end", "geography", "flag_reason")


@dataclass
class Row:
    number: int
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    geography: str = ""
    flag_reason: str = ""
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


class UploadError(Exception):
    """The file as a whole cannot be read (the message says why)."""


def _date(raw: str, name: str, row: Row) -> dt.date | None:
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        row.errors.append(f"{name}: enter a date as YYYY-MM-DD, not {raw[:20]!r}.")
        return None


def read_upload(definition: ReturnDefinition, text: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    fields = {f.key: f for f in definition.fields.all()}
    missing = [h for h in FIXED[:3] if h not in header]
    if missing:
        raise UploadError(f"The file has no column {missing[0]!r}. The first row names the columns.")
    for h in header:
        if h in FIXED:
            continue
        key, _, cat = h.partition(":")
        if key not in fields or (cat and cat not in fields[key].categories) or (
                fields[key].kind == "breakdown" and not cat):
            raise UploadError(f"Column {h!r} is not a figure of {definition.name}.")
    rows = []
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise UploadError(f"The file has more than {MAX_ROWS:,} rows; split it.")
        raw = {(k or "").strip(): (v if isinstance(v, str) else "") for k, v in raw.items()}
        row = Row(number, geography=raw.get("geography", "").strip(), flag_reason=raw.get("flag_reason", "").strip())
        row.period_start = _date(raw.get("period_start", ""), "period_start", row)
        row.period_end = _date(raw.get("period_end", ""), "period_end", row)
        values: dict = {}
        for h, v in raw.items():
            if h in FIXED or h == "" or not v.strip():
                continue
            key, _, cat = h.partition(":")
            if cat:
                values.setdefault(key, {})[cat] = v
            else:
                values[key] = v
        row.values = values
        if row.period_start and row.period_end:
            try:
                rules.check_period(definition.period_kind, row.period_start, row.period_end)
            except RuleViolation as exc:
                row.errors.append(exc.text)
        if row.geography not in definition.geographies:
            row.errors.append(f"geography: {definition.name} covers {', '.join(definition.geographies)}.")
        try:
            _, failures = evaluate(definition, values)
        except RuleViolation as exc:
            row.errors.append(exc.text)
        else:
            row.flags = [f.message for f in failures]
            if failures and not row.flag_reason:
                row.errors.append("The figures break a rule; give a flag_reason to keep them as a flagged draft.")
        rows.append(row)
    if not rows:
        raise UploadError("The file has no rows of figures.")
    return rows


def safe_cell(value) -> str:
    text = "" if value is None else (f"{value.normalize():f}" if hasattr(value, "normalize") else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


EXPORT_HEADER = ["return", "period_start", "period_end", "geography", "status", "field", "category", "value",
                 "text", "flags"]


def export_rows(definition: ReturnDefinition, submissions: list[Submission]):
    yield EXPORT_HEADER
    for sub in submissions:
        flags = " | ".join(f.rule_name for f in sub.flags.all())
        for fig in sub.figures.all():
            yield [safe_cell(v) for v in (definition.slug, sub.period_start.isoformat(), sub.period_end.isoformat(),
                                          sub.geography, sub.status, fig.field.key, fig.category, fig.value,
                                          fig.text, flags)]
