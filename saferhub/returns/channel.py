"""Channel Panel attendance across meetings, for Prevent Duty benchmark 5 ("The Channel Panel meets monthly, with
all relevant sectors represented", seed 003:1648-1649; Delivery Plan 2.11).

The Channel Panel return (``channel-panel`` in the data file) has one submission per panel meeting, with how many
people attended from each sector (the ``attendance`` breakdown; no names). This module is the one home of the
summary over a period: the number of meetings, for each sector the meetings it attended (one person or more),
that as a share of the meetings, the people it sent in total, and whether it missed more than the partnership's
configured share of meetings (``LogSettings.channel_missed_percent``). Only submitted figures count: drafts are
work in progress and are counted separately. ``summarise`` is pure; ``summary_for`` reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from saferhub.returns.csvio import safe_cell

CHANNEL_SLUG = "channel-panel"
ATTENDANCE_KEY = "attendance"
DEFAULT_MISSED_PERCENT = 25


@dataclass(frozen=True)
class SectorRow:
    sector: str
    attended: int  # meetings with one person or more from the sector
    missed: int
    people: int  # people from the sector over all the meetings
    percent: int | None  # meetings attended, as a whole percentage of the meetings; None without meetings
    over_threshold: bool  # missed more than the configured share of the meetings


@dataclass(frozen=True)
class ChannelSummary:
    start: dt.date
    end: dt.date
    meetings: int
    months_without_meeting: list[str]
    missed_percent: int
    rows: list[SectorRow]
    drafts: int = 0  # meetings in the period whose figures are not submitted yet (not counted)

    @property
    def flagged(self) -> list[SectorRow]:
        return [r for r in self.rows if r.over_threshold]


def financial_year(day: dt.date) -> int:
    """The year in which the financial year holding ``day`` starts (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def whole_percent(part: int, whole: int) -> int | None:
    if whole == 0:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def summarise(meetings: list[tuple[dt.date, dict[str, Decimal | int | None]]], *, sectors: list[str],
              start: dt.date, end: dt.date, missed_percent: int, drafts: int = 0) -> ChannelSummary:
    """``meetings``: (meeting day, {sector: people present}) for each meeting with submitted figures in the period.
    A sector with no figure or 0 for a meeting missed it. A sector is flagged when the meetings it missed are more
    than ``missed_percent`` per cent of the meetings (exact arithmetic, not the rounded percentage). With no
    meetings nothing is flagged (there was nothing to attend) and the percentages are empty."""
    meetings = [(day, att) for day, att in meetings if start <= day <= end]
    count = len(meetings)
    rows = []
    for sector in sectors:
        present = [int(att.get(sector) or 0) for _, att in meetings]
        attended = sum(1 for p in present if p > 0)
        missed = count - attended
        rows.append(SectorRow(sector=sector, attended=attended, missed=missed, people=sum(present),
                              percent=whole_percent(attended, count),
                              over_threshold=count > 0 and missed * 100 > missed_percent * count))
    held = {(day.year, day.month) for day, _ in meetings}
    empty = [dt.date(y, m, 1).strftime("%B %Y") for y, m in _months(start, end) if (y, m) not in held]
    return ChannelSummary(start=start, end=end, meetings=count, months_without_meeting=empty,
                          missed_percent=missed_percent, rows=rows, drafts=drafts)


def summary_for(definition, *, start: dt.date, end: dt.date, geography: str | None = None) -> ChannelSummary:
    """The summary of ``definition``'s submitted meetings from ``start`` to ``end`` (of one geography, if given)."""
    from saferhub.returns.models import Figure, LogSettings, Submission, SubmissionStatus

    sectors = next((list(f.categories) for f in definition.fields.all() if f.key == ATTENDANCE_KEY), [])
    subs = Submission.objects.filter(definition=definition, period_start__gte=start, period_start__lte=end)
    if geography:
        subs = subs.filter(geography=geography)
    submitted = {s.pk: s.period_start for s in subs.filter(status=SubmissionStatus.SUBMITTED)}
    drafts = subs.exclude(status=SubmissionStatus.SUBMITTED).count()
    attendance: dict[int, dict] = {pk: {} for pk in submitted}
    for sub_id, category, value in Figure.objects.filter(
            submission_id__in=list(submitted), field__key=ATTENDANCE_KEY).values_list("submission_id", "category",
                                                                                      "value"):
        attendance[sub_id][category] = value
    settings = LogSettings.objects.filter(pk=1).first()
    missed = settings.channel_missed_percent if settings else DEFAULT_MISSED_PERCENT
    return summarise([(day, attendance[pk]) for pk, day in submitted.items()], sectors=sectors, start=start,
                     end=end, missed_percent=missed, drafts=drafts)


def csv_rows(summary: ChannelSummary) -> list[list]:
    """The summary as CSV rows (no names are held, so none are written)."""
    rows = [["period_start", "period_end", "meetings", "sector", "meetings_attended", "meetings_missed",
             "percent_of_meetings_attended", "people_attending", f"missed_more_than_{summary.missed_percent}_percent"]]
    for r in summary.rows:
        rows.append([summary.start.isoformat(), summary.end.isoformat(), summary.meetings, safe_cell(r.sector), r.attended,
                     r.missed, "" if r.percent is None else r.percent, r.people, "yes" if r.over_threshold else "no"])
    return rows
