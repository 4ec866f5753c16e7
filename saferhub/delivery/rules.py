"""The Plan's rules as plain Python (no database): reading a printed due date, cross-references,
numbering within a version, the diff between versions, RAG and update rules, measure values and the
distance to target. Each cites the seed line it comes from."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from saferhub.core.exceptions import RuleViolation

# -- due dates ----------------------------------------------------------------------------------

#: Cyrillic letters that look like Latin ones. The seeds print "ТВС" (Cyrillic) for "TBC" in 12 cells
#: (seed 003:1589, 1603, 1630, 1723).
CYRILLIC_LOOKALIKES = str.maketrans({"А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M",
                                     "О": "O", "Р": "P", "Т": "T", "Х": "X", "а": "a", "с": "c", "е": "e",
                                     "о": "o", "р": "p", "х": "x"})
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b")


@dataclass(frozen=True)
class DueReading:
    kind: str  # "date", "ongoing", "tbc" or "unknown" (models.DueKind)
    date: dt.date | None = None
    flag: str = ""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def read_due(raw: str) -> DueReading:
    """What a printed "Date" cell means: a date (a month is read as its last day), "Ongoing", "TBC"
    (with an indicative date if one follows: "TBC September 2021", seed 003:1620) or not known
    ("???", seed 003:1652; a blank cell, 003:1715). The raw text is kept by the caller; ``flag`` says
    what reading it needed (Cyrillic look-alikes, literal question marks)."""
    flags = []
    text = " ".join((raw or "").split())
    latin = text.translate(CYRILLIC_LOOKALIKES)
    if latin != text:
        flags.append(f"Cyrillic look-alike letters read as Latin (“{text}” as “{latin}”)")
    text = latin
    if not text:
        return DueReading("unknown", None, "Blank in the source")
    if not re.search(r"[A-Za-z0-9]", text):
        return DueReading("unknown", None, "; ".join([*flags, f"Not legible in the source (“{text}”)"]))
    date = None
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        try:
            date = dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            date = None
    else:
        for match in _MONTH_YEAR.finditer(text):
            month = MONTHS.get(match[1].lower())
            if month:
                date = _month_end(int(match[2]), month)
                break
    lowered = text.lower()
    if lowered.startswith("tbc"):
        if date:
            flags.append("To be confirmed, with an indicative date")
        return DueReading("tbc", date, "; ".join(flags))
    if lowered.startswith("ongoing"):
        return DueReading("ongoing", None, "; ".join(flags))
    if date:
        return DueReading("date", date, "; ".join(flags))
    return DueReading("unknown", None, "; ".join([*flags, f"Not read as a date (“{text}”)"]))


# -- cross-references ---------------------------------------------------------------------------

#: The County Lines Strategic Group's actions 1-6 (seed 002:697-709) and the Prevent Duty Toolkit's
#: benchmarks 1-10 (seed 003:1641-1646) that delivery actions cite.
CROSS_REFERENCE_SCHEMES = {"CLSG Action": 6, "Prevent Duty Benchmark": 10}
_CROSS_REFERENCE = re.compile(r"\b(CLSG Action|Prevent Duty Benchmark)\s+(\d{1,3})\b", re.IGNORECASE)


def find_cross_references(text: str) -> list[str]:
    """The cross-references cited in an action's wording or success measure, in order, each once:
    "(CLSG Action 2)" → "CLSG Action 2". A number outside the scheme's range is refused."""
    found: list[str] = []
    for match in _CROSS_REFERENCE.finditer(text or ""):
        scheme = next(s for s in CROSS_REFERENCE_SCHEMES if s.lower() == match[1].lower())
        found.append(check_cross_reference(f"{scheme} {int(match[2])}"))
    return list(dict.fromkeys(found))


def check_cross_reference(reference: str) -> str:
    """One cross-reference, "CLSG Action 1" to "CLSG Action 6" or "Prevent Duty Benchmark 1" to "10"."""
    match = re.fullmatch(r"\s*(.+?)\s+(\d{1,3})\s*", reference or "")
    scheme = match and next((s for s in CROSS_REFERENCE_SCHEMES if s.lower() == match[1].lower()), None)
    if not scheme:
        raise RuleViolation(f"“{reference}” is not a cross-reference this plan uses: write “CLSG Action N” or "
                            "“Prevent Duty Benchmark N”.", code="delivery.cross_reference_scheme",
                            field="cross_references")
    top = CROSS_REFERENCE_SCHEMES[scheme]
    if not 1 <= int(match[2]) <= top:
        raise RuleViolation(f"There is no {scheme} {int(match[2])}: the numbers run from 1 to {top}.",
                            code="delivery.cross_reference_range", field="cross_references")
    return f"{scheme} {int(match[2])}"


# -- numbering and versions ---------------------------------------------------------------------

def check_numbers_unique(numbers: list[str]) -> None:
    """Numbers are unique within one version; a renumbering that gives two actions one number is
    refused (the number is what the Sub Panel cites, seed 002:181-186)."""
    seen: set[str] = set()
    for number in numbers:
        if number in seen:
            raise RuleViolation(f"Two actions would be numbered {number} in this version. Give each action its "
                                "own number.", code="delivery.number_collision", field="number")
        seen.add(number)


def check_one_draft(waiting: list[str]) -> None:
    """One draft at a time: a new version starts from the published one only while no other version of the
    plan waits to be published, so two drafts never compete to replace it (docs/processes/plan.md, "Versions")."""
    if waiting:
        raise RuleViolation(f"{waiting[0]} is not published yet. Publish it before starting a new version: a plan "
                            "has one draft at a time.", code="delivery.draft_exists", field="label")


def check_version_open(*, published: bool) -> None:
    """A published version can no longer change (docs/processes/plan.md, "Versions")."""
    if published:
        raise RuleViolation("This version is published: start a new version to change it.",
                            code="delivery.version_published", field="number")


def check_row_entry(*, number: str | None, action: str | None) -> None:
    """A row typed in by the team has a number and wording (the number is what the Sub Panel cites)."""
    if number is not None and not number.strip():
        raise RuleViolation("Enter the action's number, for example 1.14.", code="delivery.number_required",
                            field="number")
    if action is not None and not action.strip():
        raise RuleViolation("Enter what the action is: its wording cannot be empty.",
                            code="delivery.action_required", field="action")


def check_due(raw: str) -> DueReading:
    """A due date typed in by the team must be read: a date, Ongoing or TBC. (The loader and the importer keep
    what the source printed, even "???", and flag it.)"""
    reading = read_due(raw)
    if reading.kind == "unknown":
        raise RuleViolation("Enter the due date as a real date, or choose Ongoing or To be confirmed.",
                            code="delivery.due_unreadable", field="due")
    return reading


@dataclass(frozen=True)
class RowSnapshot:
    """An action row as a diff sees it: its stable identity, its number and its wording."""

    key: str
    number: str
    text: str
    success_measure: str = ""


@dataclass
class VersionDiff:
    added: list[RowSnapshot] = field(default_factory=list)
    removed: list[RowSnapshot] = field(default_factory=list)
    renumbered: list[tuple[RowSnapshot, RowSnapshot]] = field(default_factory=list)
    reworded: list[tuple[RowSnapshot, RowSnapshot]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.renumbered or self.reworded)


def _words(text: str) -> str:
    return " ".join((text or "").split())


def diff_versions(old: list[RowSnapshot], new: list[RowSnapshot]) -> VersionDiff:
    """What publishing ``new`` changes from ``old``, matched by identity, never by number: the draft's
    1.13 that is the final plan's 1.14 is renumbered, not removed and added (seed 002:181-186). An action
    both renumbered and reworded is listed under both."""
    before = {row.key: row for row in old}
    after = {row.key: row for row in new}
    diff = VersionDiff()
    for row in new:
        was = before.get(row.key)
        if was is None:
            diff.added.append(row)
            continue
        changed = False
        if was.number != row.number:
            diff.renumbered.append((was, row))
            changed = True
        if _words(was.text) != _words(row.text) or _words(was.success_measure) != _words(row.success_measure):
            diff.reworded.append((was, row))
            changed = True
        diff.unchanged += not changed
    diff.removed = [row for row in old if row.key not in after]
    return diff


# -- RAG and updates ----------------------------------------------------------------------------

#: What each status means. The seeds give no RAG scale; the Sub Panel asked to see "where the
#: Partnership was nearly meeting the success measures and where it was further away" (seed 002:171),
#: so each colour is defined against the action's success measure. A partnership may reword these.
RAG_DEFINITIONS = {
    "not_started": "Work has not begun, and the action is not yet due to start.",
    "red": "The success measure will not be met by the due date without a change of plan, resources or owner.",
    "amber": "Work is under way but the success measure is at risk; the update says what is being done.",
    "green": "On track: the success measure is expected to be met by the due date.",
    "complete": "The success measure has been met; the evidence says how we know.",
}
#: The order of the RAG summary, from furthest from the success measure to met.
RAG_ORDER = ["red", "amber", "green", "complete", "not_started"]
RAG_NAMES = {"red": "Red", "amber": "Amber", "green": "Green", "complete": "Complete", "not_started": "Not started"}
RAG_DEFINITION_MAX = 300


def rag_definitions(own: dict | None) -> dict[str, str]:
    """What each status means for a partnership: its own wording where it has given one, else the default."""
    own = own or {}
    return {key: _words(str(own.get(key) or "")) or default for key, default in RAG_DEFINITIONS.items()}


def check_rag_definitions(definitions: dict) -> dict[str, str]:
    """A partnership's wording of the RAG scale: a meaning for every status, in at most 300 characters.
    Returns only the statuses worded differently from the default (the rest follow the default)."""
    for key in definitions:
        if key not in RAG_DEFINITIONS:
            raise RuleViolation(f"“{key}” is not a RAG status.", code="delivery.rag_definition_unknown", field=key)
    own = {}
    for key in RAG_ORDER:
        text = _words(str(definitions.get(key) or ""))
        if not text:
            raise RuleViolation(f"Enter what {RAG_NAMES[key]} means.", code="delivery.rag_definition_required",
                                field=key)
        if len(text) > RAG_DEFINITION_MAX:
            raise RuleViolation(f"What {RAG_NAMES[key]} means must be {RAG_DEFINITION_MAX} characters or fewer.",
                                code="delivery.rag_definition_too_long", field=key)
        if text != RAG_DEFINITIONS[key]:
            own[key] = text
    return own


def check_update(*, rag: str, commentary: str, evidence: str, submitted_on: dt.date, due_by: dt.date,
                 period_end: dt.date) -> None:
    """An owner's update: a RAG status from the scale, commentary, evidence for "Complete", and a period
    that has ended by the day it is written (seed 002:171: updates report distance to the success measure)."""
    if rag not in RAG_DEFINITIONS:
        raise RuleViolation("Select a RAG status: Red, Amber, Green, Complete or Not started.",
                            code="delivery.rag_required", field="rag")
    if not _words(commentary):
        raise RuleViolation("Enter the update: what has happened since the last one.",
                            code="delivery.commentary_required", field="commentary")
    if rag == "complete" and not _words(evidence):
        raise RuleViolation("Enter the evidence that the success measure has been met (Complete means met).",
                            code="delivery.complete_needs_evidence", field="evidence")
    if rag in {"red", "amber"} and submitted_on > due_by and len(_words(commentary)) < 20:
        raise RuleViolation("This update is late and Red or Amber: say what is being done to bring it back on "
                            "track.", code="delivery.late_update_needs_plan", field="commentary")
    if period_end > submitted_on:
        raise RuleViolation("The reporting period has not ended yet: an update covers a period that has ended.",
                            code="delivery.period_not_ended", field="period_end")


def update_is_overdue(*, due_by: dt.date, today: dt.date, submitted: bool) -> bool:
    """An update not submitted by the day it was due is overdue the day after."""
    return not submitted and today > due_by


# -- reporting rounds -----------------------------------------------------------------------------

#: What a round shows for one action (seed-processes §5.3: "who has not replied; late updates are flagged").
REPLY_LABELS = {"updated": "Updated", "late": "Updated late", "awaiting": "Waiting for an update",
                "overdue": "Overdue: no update"}


def check_round(*, period_start: dt.date, period_end: dt.date, due_by: dt.date) -> None:
    """A round asks for updates on a period by a date: the period runs forwards, and the updates cannot be
    due before it ends, because an update covers a period that has ended (``check_update``)."""
    if period_end < period_start:
        raise RuleViolation("The end of the reporting period must be on or after its start.",
                            code="delivery.round_period_order", field="period_end")
    if due_by < period_end:
        raise RuleViolation("Updates cannot be due before the reporting period ends: an update covers a period "
                            "that has ended.", code="delivery.round_due_before_period_end", field="due_by")


def reply_status(*, submitted_on: dt.date | None, due_by: dt.date, today: dt.date) -> str:
    """One action's state in a round: updated (on time or late), still waiting, or overdue."""
    if submitted_on is not None:
        return "late" if submitted_on > due_by else "updated"
    return "overdue" if update_is_overdue(due_by=due_by, today=today, submitted=False) else "awaiting"


# -- measure values ------------------------------------------------------------------------------

GEOGRAPHY_ORDER = {"county": 0, "district": 1, "locality": 2}


#: A reporting frequency: how many months a value covers, and the months its period may start in (quarters
#: of the calendar, which are also the financial year's; a year is a calendar or a financial year).
FREQUENCY_PERIODS = {
    "monthly": (1, set(range(1, 13)), "one calendar month"),
    "quarterly": (3, {1, 4, 7, 10}, "one quarter: January to March, April to June, July to September or "
                                    "October to December"),
    "annual": (12, {1, 4}, "one year: January to December, or April to March"),
}


def check_value(*, period_start: dt.date, period_end: dt.date, geography: str, measure_geography: str,
                plan_start_year: int, plan_end_year: int, extended: bool, frequency: str = "") -> None:
    """A measure's value covers whole months (from the first of a month to the last day of a month), lies
    in the plan's period (or earlier, as a baseline; after the end year only when the plan was extended,
    seed 002:159), is for the period its measure is reported by (a quarter for a quarterly measure; any
    whole months when the frequency is not stated), and is at a level the measure is measured at: county,
    district or locality "wherever appropriate" (seed 003:923)."""
    if period_end < period_start:
        raise RuleViolation("The period must end on or after the day it starts.",
                            code="delivery.period_order", field="period_end")
    if period_start.day != 1 or period_end != _month_end(period_end.year, period_end.month):
        raise RuleViolation("A value covers whole months: start on the first of a month and end on its last day.",
                            code="delivery.period_whole_months", field="period_start")
    if period_start.year < plan_start_year - 5:
        raise RuleViolation(f"The period is more than five years before the plan starts ({plan_start_year}).",
                            code="delivery.period_before_plan", field="period_start")
    if not extended and period_start > dt.date(plan_end_year, 12, 31):
        raise RuleViolation(f"The plan runs to {plan_end_year} and has not been extended: this period is after it.",
                            code="delivery.period_after_plan", field="period_start")
    if frequency in FREQUENCY_PERIODS:
        months, starts, text = FREQUENCY_PERIODS[frequency]
        length = (period_end.year - period_start.year) * 12 + period_end.month - period_start.month + 1
        if length != months or period_start.month not in starts:
            raise RuleViolation(f"This measure is reported {frequency.replace('annual', 'yearly')}: a value covers "
                                f"{text}.", code="delivery.period_frequency", field="period_start")
    if geography not in GEOGRAPHY_ORDER:
        raise RuleViolation("Select county, district or locality.", code="delivery.geography", field="geography")
    if GEOGRAPHY_ORDER[geography] > GEOGRAPHY_ORDER.get(measure_geography, 0):
        raise RuleViolation(f"This measure is recorded at {measure_geography} level, not by {geography}.",
                            code="delivery.geography_too_fine", field="geography")


@dataclass(frozen=True)
class Distance:
    latest: Decimal | None
    target: Decimal | None
    gap: Decimal | None
    met: bool | None
    text: str


def distance_to_target(*, latest: Decimal | None, baseline: Decimal | None, target: Decimal | None,
                       direction: str) -> Distance:
    """How far the latest value is from the target, in the measure's intended direction. With no target,
    a neutral measure says so (under-reported crime: a change is not good or bad, seed 003:924) and a
    directional one reports the change from the baseline."""
    if latest is None:
        return Distance(None, target, None, None, "No values recorded yet.")
    if target is None:
        if direction == "neutral":
            return Distance(latest, None, None, None, "Neutral measure: no target (a change may reflect reporting).")
        if baseline is None:
            return Distance(latest, None, None, None, "No target or baseline set.")
        change = latest - baseline
        return Distance(latest, None, None, None, f"{_signed(change)} since the baseline; no target set.")
    gap = target - latest
    if direction == "decrease":
        met = latest <= target
    elif direction == "increase":
        met = latest >= target
    else:
        met = latest == target
    if met:
        return Distance(latest, target, gap, True, "Target met.")
    return Distance(latest, target, abs(gap), False, f"{_plain(abs(gap))} from the target.")


def _plain(value: Decimal) -> str:
    return f"{value.normalize():,f}" if value != value.to_integral() else f"{int(value):,}"


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + _plain(abs(value))


# -- CSV of values -------------------------------------------------------------------------------

CSV_COLUMNS = ["measure", "period_start", "period_end", "geography", "area", "value", "note"]
CSV_REQUIRED = ["measure", "period_start", "period_end", "value"]


@dataclass
class CsvRow:
    line: int
    measure: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    geography: str = "county"
    area: str = ""
    value: Decimal | None = None
    note: str = ""
    errors: list[str] = field(default_factory=list)


def parse_values_csv(text: str, *, max_rows: int = 20000) -> list[CsvRow]:
    """Read a CSV of measure values (columns ``CSV_COLUMNS``, a header row first). Wrong columns refuse the
    whole file; each row's own problems are listed on it, so the preview shows every error at once."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in CSV_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if unknown:
            parts.append("unknown " + ", ".join(unknown))
        raise RuleViolation(f"The file's columns are wrong ({'; '.join(parts)}). The header row must be: "
                            + ",".join(CSV_COLUMNS) + ".", code="delivery.csv_columns", field="file")
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= max_rows:
            raise RuleViolation(f"The file has more than {max_rows:,} rows: split it.", code="delivery.csv_too_long",
                                field="file")
        data = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        row = CsvRow(line=line, measure=data.get("measure", ""), geography=(data.get("geography") or "county").lower(),
                     area=data.get("area", ""), note=data.get("note", ""))
        for name in ("period_start", "period_end"):
            try:
                setattr(row, name, dt.date.fromisoformat(data.get(name, "")))
            except ValueError:
                row.errors.append(f"{name.replace('_', ' ').capitalize()} must be a date written YYYY-MM-DD.")
        try:
            row.value = Decimal(data.get("value", "").replace(",", ""))
            if not row.value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            row.errors.append("Value must be a number.")
        if not row.measure:
            row.errors.append("Enter the measure's reference.")
        rows.append(row)
    return rows


# -- statutory duties -----------------------------------------------------------------------------

#: Months between due dates; a standing duty ("once") falls due once.
FREQUENCY_MONTHS = {"annual": 12, "six_monthly": 6, "quarterly": 3, "once": None}
#: A duty is shown as due soon this many days before its due date.
DUE_SOON_DAYS = 30


def _add_months(day: dt.date, months: int, anchor: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(anchor, calendar.monthrange(year, month)[1]))


def duty_due_dates(*, first_due: dt.date | None, frequency: str, until: dt.date) -> list[dt.date]:
    """Every due date of a duty from its first up to ``until`` (the first is always given). A date on the
    31st falls on the last day of shorter months; the day comes back in longer ones."""
    if first_due is None:
        return []
    step = FREQUENCY_MONTHS[frequency]
    dates = [first_due]
    while step and dates[-1] <= until:
        dates.append(_add_months(dates[-1], step, first_due.day))
    return [d for d in dates if d <= until] or [first_due]


@dataclass(frozen=True)
class DutyState:
    state: str  # "not_scheduled", "overdue", "due_soon", "up_to_date"
    next_due: dt.date | None
    missed: tuple[dt.date, ...] = ()


DUTY_LABELS = {"not_scheduled": "No due date set", "overdue": "Overdue", "due_soon": "Due soon",
               "up_to_date": "Up to date"}


def duty_state(*, first_due: dt.date | None, frequency: str, done: set[dt.date], today: dt.date) -> DutyState:
    """Whether a duty is overdue (a due date has passed without a record), due within ``DUE_SOON_DAYS``, or
    up to date; ``next_due`` is the earliest due date not yet met."""
    if first_due is None:
        return DutyState("not_scheduled", None)
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    dates = duty_due_dates(first_due=first_due, frequency=frequency, until=max(horizon, first_due))
    if FREQUENCY_MONTHS[frequency]:
        dates.append(_add_months(dates[-1], FREQUENCY_MONTHS[frequency], first_due.day))
    missed = tuple(d for d in dates if d < today and d not in done)
    upcoming = [d for d in dates if d not in done]
    next_due = upcoming[0] if upcoming else None
    if missed:
        return DutyState("overdue", next_due, missed)
    if next_due is not None and next_due <= horizon:
        return DutyState("due_soon", next_due)
    return DutyState("up_to_date", next_due)


def check_duty_record(*, due_on: dt.date, done_on: dt.date, evidence: str, first_due: dt.date | None,
                      frequency: str, today: dt.date, recorded: set[dt.date]) -> None:
    """A record that a duty was done meets one of its due dates, once, on a day that has come, with evidence."""
    if first_due is None:
        raise RuleViolation("Set when this duty first falls due before recording that it was done.",
                            code="delivery.duty_not_scheduled", field="due_on")
    if due_on not in duty_due_dates(first_due=first_due, frequency=frequency, until=max(due_on, first_due)):
        raise RuleViolation("Choose one of the duty's due dates.", code="delivery.duty_not_a_due_date", field="due_on")
    if due_on in recorded:
        raise RuleViolation(f"The duty due on {due_on:%-d %B %Y} is already recorded as done.",
                            code="delivery.duty_already_recorded", field="due_on")
    if done_on > today:
        raise RuleViolation("The date it was done cannot be in the future.", code="delivery.duty_done_in_future",
                            field="done_on")
    if not _words(evidence):
        raise RuleViolation("Enter the evidence that the duty was done: what was published, held or shared, "
                            "and where it can be found.", code="delivery.duty_evidence_required", field="evidence")


# -- funding --------------------------------------------------------------------------------------

def money(value: Decimal) -> str:
    """£500,000 or £22,875.50, as the seeds print amounts (003:741, 002:679)."""
    text = f"£{value:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def check_allocation(*, amount: Decimal, fund_amount: Decimal, allocated: Decimal, action: bool, project: str) -> None:
    """An allocation is a positive sum to one action or one named project, and the allocations of a fund add
    up to no more than the fund."""
    if action == bool((project or "").strip()):
        raise RuleViolation("Choose the action the money is for, or name the project (one, not both).",
                            code="delivery.allocation_target", field="project")
    if amount <= 0:
        raise RuleViolation("Enter an amount greater than £0.", code="delivery.allocation_positive", field="amount")
    if allocated + amount > fund_amount:
        left = fund_amount - allocated
        raise RuleViolation(f"This would allocate {money(allocated + amount)} of a {money(fund_amount)} fund: "
                            f"{money(left)} is left to allocate.", code="delivery.fund_overallocated",
                            field="amount")


def check_spend(*, spent: Decimal, amount: Decimal) -> None:
    """What has been spent is between nothing and the sum allocated."""
    if spent < 0:
        raise RuleViolation("Enter what has been spent, £0 or more.", code="delivery.spend_negative", field="spent")
    if spent > amount:
        raise RuleViolation(f"The spend ({money(spent)}) is more than the {money(amount)} allocated: record the "
                            "extra as a further allocation first.", code="delivery.spend_over_allocation",
                            field="spent")
