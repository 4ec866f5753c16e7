"""UK working days, clear days and civic years.

Every statutory clock in SaferHub is counted here. A *working day* is Monday to Friday excluding
bank holidays for the configured region (England and Wales share the same list, from the
``holidays`` package). *Clear days* exclude both the day something happens and the day of the
event it is counted towards (Local Government Act 1972 s.100B, as applied by the Access to
Information rules).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

SUPPORTED_REGIONS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}


@lru_cache(maxsize=64)
def _holidays_for_year(region: str, year: int) -> frozenset[dt.date]:
    if region not in SUPPORTED_REGIONS:
        raise ValueError(f"Unknown bank-holiday region {region!r}; use one of {', '.join(SUPPORTED_REGIONS)}.")
    return frozenset(holidays.country_holidays("GB", subdiv=region, years=year).keys())


def bank_holidays(year: int, region: str = "ENG") -> frozenset[dt.date]:
    return _holidays_for_year(region, year)


def is_working_day(day: dt.date, region: str = "ENG") -> bool:
    return day.weekday() < 5 and day not in _holidays_for_year(region, day.year)


def add_working_days(start: dt.date, days: int, region: str = "ENG") -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    "Within 5 working days" of an application received on ``start`` means on or before
    ``add_working_days(start, 5)``.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += dt.timedelta(days=1)
        if is_working_day(current, region):
            remaining -= 1
    return current


def subtract_working_days(end: dt.date, days: int, region: str = "ENG") -> dt.date:
    """The date ``days`` working days before ``end`` (``end`` itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = end
    remaining = days
    while remaining:
        current -= dt.timedelta(days=1)
        if is_working_day(current, region):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date, region: str = "ENG") -> int:
    """Working days after ``start`` up to and including ``end`` (0 if ``end`` is not after ``start``)."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current, region):
            count += 1
    return count


def clear_working_days_between(first: dt.date, second: dt.date, region: str = "ENG") -> int:
    """Working days strictly between two dates: neither end counts ("clear days")."""
    if second <= first:
        return 0
    return working_days_between(first, second - dt.timedelta(days=1), region)


def latest_date_for_clear_days(event: dt.date, clear_days: int, region: str = "ENG") -> dt.date:
    """The last working day on which something can happen and still leave ``clear_days`` clear
    working days before ``event``.

    For a meeting on Thursday 9 June 2022 and 5 clear working days, the clear days are 31 May,
    1, 6, 7 and 8 June (2 and 3 June were the Platinum Jubilee bank holidays), so the agenda had
    to be published by Monday 30 May 2022 – the day Norfolk published it (seed 002:108).
    """
    earliest_clear = subtract_working_days(event, clear_days, region)
    return subtract_working_days(earliest_clear, 1, region)


def civic_year_start(day: dt.date, start_month: int = 5, start_day: int = 1) -> dt.date:
    """The first day of the civic year containing ``day``."""
    start = dt.date(day.year, start_month, start_day)
    return start if day >= start else dt.date(day.year - 1, start_month, start_day)


def civic_year_label(day: dt.date, start_month: int = 5, start_day: int = 1) -> str:
    """The civic year containing ``day``, written as councils write it ("2022-23")."""
    start = civic_year_start(day, start_month, start_day)
    return f"{start.year}-{(start.year + 1) % 100:02d}"


def civic_year_bounds(label: str, start_month: int = 5, start_day: int = 1) -> tuple[dt.date, dt.date]:
    """First and last day of the civic year ``label`` ("2022-23")."""
    try:
        first_year = int(label[:4])
        second = int(label[5:])
    except (ValueError, IndexError):
        raise ValueError(f"{label!r} is not a civic year; write it as 2022-23.") from None
    if len(label) != 7 or label[4] != "-" or second != (first_year + 1) % 100:
        raise ValueError(f"{label!r} is not a civic year; write it as 2022-23.")
    start = dt.date(first_year, start_month, start_day)
    end = dt.date(first_year + 1, start_month, start_day) - dt.timedelta(days=1)
    return start, end


def quarter_of(day: dt.date) -> tuple[int, int]:
    """Calendar quarter as ``(year, 1..4)``."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    start = dt.date(year, first_month, 1)
    end = dt.date(year + (first_month + 3 > 12), (first_month + 3 - 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"{day.isoformat()} plus {months} months is outside the calendar.")
    for candidate in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
