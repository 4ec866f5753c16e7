"""Working days, clear days and civic years (England and Wales bank holidays)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saferhub.core import calendar

D = dt.date


def test_platinum_jubilee_bank_holidays_are_not_working_days():
    assert not calendar.is_working_day(D(2022, 6, 2))
    assert not calendar.is_working_day(D(2022, 6, 3))
    assert calendar.is_working_day(D(2022, 6, 1))


def test_weekends_are_not_working_days():
    assert not calendar.is_working_day(D(2022, 6, 4))
    assert not calendar.is_working_day(D(2022, 6, 5))


def test_five_working_days_after_a_friday_skip_the_weekend():
    assert calendar.add_working_days(D(2023, 2, 17), 5) == D(2023, 2, 24)


def test_working_days_skip_christmas_and_boxing_day():
    assert calendar.add_working_days(D(2022, 12, 23), 1) == D(2022, 12, 28)


def test_norfolk_published_the_june_2022_agenda_on_the_last_lawful_day():
    """Five clear working days before 9 June 2022 (seed 002:108: published 30 May 2022)."""
    assert calendar.latest_date_for_clear_days(D(2022, 6, 9), 5) == D(2022, 5, 30)
    assert calendar.clear_working_days_between(D(2022, 5, 30), D(2022, 6, 9)) == 5
    assert calendar.clear_working_days_between(D(2022, 5, 31), D(2022, 6, 9)) == 4


def test_february_2023_agenda_had_five_clear_days():
    """Published Thursday 16 February 2023 for Friday 24 February 2023 (seed 001:94)."""
    assert calendar.clear_working_days_between(D(2023, 2, 16), D(2023, 2, 24)) == 5


def test_civic_year_labels():
    assert calendar.civic_year_label(D(2021, 7, 20)) == "2021-22"
    assert calendar.civic_year_label(D(2023, 2, 24)) == "2022-23"
    assert calendar.civic_year_label(D(2023, 6, 8)) == "2023-24"
    assert calendar.civic_year_label(D(1999, 6, 8)) == "1999-00"


def test_civic_year_bounds_and_bad_labels():
    assert calendar.civic_year_bounds("2022-23") == (D(2022, 5, 1), D(2023, 4, 30))
    for bad in ["2022", "2022-24", "22-23", "abcd-ef"]:
        with pytest.raises(ValueError, match="not a civic year"):
            calendar.civic_year_bounds(bad)


def test_unknown_region_is_refused():
    with pytest.raises(ValueError, match="Unknown bank-holiday region"):
        calendar.is_working_day(D(2022, 1, 4), "XYZ")


def test_add_months_clamps_to_month_end():
    assert calendar.add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert calendar.add_months(D(2023, 6, 8), 2) == D(2023, 8, 8)
    assert calendar.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)), st.integers(0, 60))
def test_adding_then_counting_working_days_round_trips(start, n):
    end = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, end) == n
    assert n == 0 or calendar.is_working_day(end)
    assert calendar.subtract_working_days(end, n) <= start


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)), st.integers(1, 15))
def test_latest_publication_date_leaves_exactly_enough_clear_days(meeting, days):
    latest = calendar.latest_date_for_clear_days(meeting, days)
    assert calendar.clear_working_days_between(latest, meeting) >= days
    assert calendar.clear_working_days_between(latest + dt.timedelta(days=1), meeting) < days or not calendar.is_working_day(latest + dt.timedelta(days=1))
