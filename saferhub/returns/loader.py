"""Load a partnership's returns and their first figures from a YAML data file, through the actions,
in one transaction (CONVENTIONS "loader.py, data/").

A return already defined is left unchanged, so loading twice changes nothing. Figures the source
printed with arithmetic defects are kept as published: the submission names the rules it breaks
(``flagged_as_published``) and is saved as a flagged draft with the reason "As published in the
source"; any other broken rule (or a listed one that holds) stops the load, naming the return.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.returns import actions
from saferhub.returns.actions.submissions import evaluate
from saferhub.returns.models import Benchmark, LogSettings, ReturnDefinition

DATA_FILE = Path(__file__).parent / "data" / "norfolk_returns.yaml"
AS_PUBLISHED = "As published in the source"


class ReturnsDataError(Exception):
    """The data file cannot be loaded; the message says where and why."""


@dataclass
class ReturnsLoadReport:
    definitions: int = 0
    submissions: int = 0
    flagged: int = 0
    benchmarks: int = 0
    exercises: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"Defined {self.definitions} returns and loaded {self.submissions} submissions "
                f"({self.flagged} flagged as published), {self.benchmarks} Prevent benchmarks and "
                f"{self.exercises} benchmarking exercises.")
        if self.skipped:
            text += " Already defined, left unchanged: " + ", ".join(self.skipped) + "."
        return text


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ReturnsDataError(f"{where}: {value!r} is not a date (write it as YYYY-MM-DD).") from None


def _submission(definition: ReturnDefinition, entry: dict, report: ReturnsLoadReport) -> None:
    where = f"{definition.slug} {entry.get('period_start')}"
    expected = sorted(entry.get("flagged_as_published") or [])
    values = entry.get("values") or {}
    _, failures = evaluate(definition, values)
    broken = sorted(f.rule_name for f in failures)
    if broken != expected:
        raise ReturnsDataError(f"{where}: the figures break {broken or 'no rule'}, but the file lists "
                               f"{expected or 'none'} as published defects.")
    reason = f"{AS_PUBLISHED} ({entry['source']})." if failures and entry.get("source") else (
        AS_PUBLISHED + "." if failures else "")
    submission = actions.save_submission(
        acting_user=SYSTEM, definition=definition, period_start=_date(entry.get("period_start"), where),
        period_end=_date(entry.get("period_end"), where), geography=entry.get("geography", ""), values=values,
        flag_reason=reason, note=entry.get("note", "") or "")
    report.submissions += 1
    report.flagged += bool(failures)
    if entry.get("submit"):
        actions.submit_submission(acting_user=SYSTEM, submission=submission)


@transaction.atomic
def load_returns(path: Path = DATA_FILE) -> ReturnsLoadReport:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ReturnsDataError(f"{path}: {exc}") from exc
    report = ReturnsLoadReport()
    for entry in data.get("returns") or []:
        slug = entry.get("slug", "")
        if ReturnDefinition.objects.filter(slug=slug).exists():
            report.skipped.append(slug)
            continue
        try:
            definition = actions.define_return(
                acting_user=SYSTEM, slug=slug, name=entry.get("name", ""), recipient=entry.get("recipient", ""),
                period_kind=entry.get("period_kind", ""), geographies=entry.get("geographies") or [],
                fields=entry.get("fields") or [], rules_between=entry.get("rules") or [],
                description=entry.get("description", "") or "", source=entry.get("source", "") or "")
            report.definitions += 1
            for sub in entry.get("submissions") or []:
                _submission(definition, sub, report)
        except (RuleViolation, KeyError, TypeError) as exc:
            raise ReturnsDataError(f"{slug}: {exc}") from exc
    if data.get("prevent"):
        _prevent(data["prevent"], report)
    if data.get("tension_log"):
        _tension_log(data["tension_log"], report)
    return report


def _tension_log(spec: dict, report: ReturnsLoadReport) -> None:
    """The tension log's settings; left unchanged once configured (the analysts may have changed them)."""
    if LogSettings.objects.exists():
        report.skipped.append("tension log settings")
        return
    try:
        actions.configure_log(acting_user=SYSTEM, triage_hours=spec["triage_hours"], grades=spec["grades"],
                              retention_months=spec["retention_months"],
                              centre_check_months=spec["centre_check_months"])
    except (RuleViolation, KeyError, TypeError) as exc:
        raise ReturnsDataError(f"tension_log: {exc}") from exc


def _prevent(spec: dict, report: ReturnsLoadReport) -> None:
    """The Prevent Duty benchmarks and exercises; left unchanged if the partnership's are already loaded."""
    name = " ".join(str(spec.get("partnership", "")).split())
    partnership = Organisation.objects.filter(name=name).first()
    if partnership is None and name:
        partnership = core_actions.create_organisation(name=name, kind="partnership", acting_user=SYSTEM)
    if partnership is None:
        raise ReturnsDataError("prevent: name the partnership the benchmarks are for.")
    if Benchmark.objects.filter(partnership=partnership).exists():
        report.skipped.append("prevent benchmarks")
        return
    where = "prevent"
    try:
        for b in spec.get("benchmarks") or []:
            where = f"prevent benchmark {b.get('number')}"
            actions.add_benchmark(partnership=partnership, number=b["number"], title=b["title"],
                                  description=b.get("description", ""), source=b.get("source", ""), acting_user=SYSTEM)
            report.benchmarks += 1
        for e in spec.get("exercises") or []:
            where = f"prevent exercise {e.get('name')}"
            exercise = actions.open_exercise(
                partnership=partnership, name=e["name"], started_on=_date(e["started_on"], where),
                review_due=_date(e["review_due"], where) if e.get("review_due") else None,
                month_only=bool(e.get("month_only")), with_whom=e.get("with_whom", ""), scale=e.get("scale"),
                source=e.get("source", ""), acting_user=SYSTEM)
            if e.get("completed_on"):
                actions.complete_exercise(exercise, completed_on=_date(e["completed_on"], where),
                                          unrated_reason=e.get("unrated_reason", ""), acting_user=SYSTEM)
            report.exercises += 1
    except (RuleViolation, KeyError, TypeError) as exc:
        raise ReturnsDataError(f"{where}: {exc}") from exc
