"""Bounded numbers and dates from a request (saferhub.core.params)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from pydantic import TypeAdapter, ValidationError

from saferhub.core.params import MAX_ID, Id, IdConverter, IsoDate, Offset, parse_id, parse_int, parse_page


@pytest.mark.parametrize("raw", ["0", "-1", "1.5", "abc", " 1", "+1", "٣", "1e5", "9" * 5000, "13"])
def test_parse_int_refuses_anything_but_plain_digits_in_range(raw):
    with pytest.raises(ValueError, match="whole number from 1 to 12"):
        parse_int(raw, low=1, high=12)


def test_parse_int_reads_digits_and_treats_blank_as_missing():
    assert parse_int("12", low=1, high=12) == 12
    assert parse_int("", low=1, high=12) is None and parse_int(None, low=1, high=12) is None


@pytest.mark.parametrize("raw", ["0", "-1", "99999999999999999999", "abc", "51"])
def test_a_page_number_out_of_range_is_a_404(raw):
    with pytest.raises(Http404):
        parse_page(raw, last=50)


def test_a_missing_page_is_the_first():
    assert parse_page(None) == 1 and parse_page("") == 1 and parse_page("7", last=7) == 7


def test_ids_run_from_1_to_the_largest_bigint():
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None and parse_id("0") is None and parse_id("-3") is None
    adapter = TypeAdapter(Id)
    assert adapter.validate_python(1) == 1
    for bad in (0, -1, MAX_ID + 1):
        with pytest.raises(ValidationError):
            adapter.validate_python(bad)
    with pytest.raises(ValidationError):
        TypeAdapter(Offset).validate_python(71962018183987431047430144)


def test_the_url_converter_matches_ids_only():
    converter = IdConverter()
    assert converter.to_python("42") == 42
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))
    assert converter.to_url(7) == "7"


@pytest.mark.parametrize("raw", ["0", 0, "2024-02-30", "20240201", "2024-2-1", "0001-01-01", "9999-12-31", "today"])
def test_iso_dates_are_yyyy_mm_dd_within_range(raw):
    with pytest.raises(ValidationError):
        TypeAdapter(IsoDate).validate_python(raw)


def test_an_iso_date_reads():
    assert TypeAdapter(IsoDate).validate_python("2024-02-29") == dt.date(2024, 2, 29)
