"""Bounded numbers and dates from a request: ids, limits, offsets, page numbers and ISO dates.

Every integer a request carries (an API path or query parameter, a page number in a page's query
string) is bounded here, so that the database never sees a number it cannot hold (SQLite and
PostgreSQL store 64-bit integers; Python's are unbounded) and an id that can name no row (zero or
negative) is refused as such. The API answers a value out of range with 422 problem+json
(``saferhub/api.py``); a page answers 404 (``parse_page``, ``IdConverter``).

Use the types in ninja signatures and schemas::

    def get_meeting(request, meeting_id: Id): ...
    limit: Limit500 = 50
    offset: Offset = 0
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from django.http import Http404
from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

#: Every primary key is a ``BigAutoField`` (``settings.DEFAULT_AUTO_FIELD``): a signed 64-bit
#: integer, counted from 1.
MAX_ID = 2**63 - 1
#: The deepest ``offset`` a list accepts: far beyond any list (a national dataset has about 400,000
#: meetings), far below what the database can count. Deeper reading uses the list's date filters.
MAX_OFFSET = 10_000_000
#: The highest page number a paginated page accepts (at most ``MAX_OFFSET`` rows in).
MAX_PAGE = 100_000

#: A database id (1 to 2**63 - 1).
Id = Annotated[int, Field(ge=1, le=MAX_ID, description="A record's id, from 1.")]
#: How many rows to skip.
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description=f"Rows to skip (0 to {MAX_OFFSET:,}).")]
#: How many rows to return (the two page sizes the API offers).
Limit100 = Annotated[int, Field(ge=1, le=100, description="Rows to return (1 to 100).")]
Limit500 = Annotated[int, Field(ge=1, le=500, description="Rows to return (1 to 500).")]

#: The dates a request may name: wide enough for any record, narrow enough that a day or a year
#: either side (a civic year, the day after a range) is still a date Python can hold.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)

#: A code or slug that names a record (an area's code, a case reference): letters, digits, "-" and
#: "_", so that no odd byte (a NUL, which PostgreSQL refuses in a string) reaches the database.
Code = Annotated[str, Field(pattern=r"^[-A-Za-z0-9_]{1,40}$", description="A code: letters, digits, - and _.")]

#: Free text from a request (a name, a title): any characters but NUL (PostgreSQL refuses it).
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]
Name = Annotated[str, Field(max_length=150, pattern=r"^[^\x00]*$")]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value):
    """Only ``YYYY-MM-DD`` (pydantic on its own also reads a number as a Unix timestamp)."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("Enter a date as YYYY-MM-DD, for example 2024-05-01.")
    if not isinstance(value, str | dt.date):
        raise ValueError("Enter a date as YYYY-MM-DD, for example 2024-05-01.")
    return value


def _date_in_range(value: dt.date) -> dt.date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"Enter a date from {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}.")
    return value


#: A calendar date written ``YYYY-MM-DD``, from ``MIN_DATE`` to ``MAX_DATE``.
IsoDate = Annotated[
    dt.date, BeforeValidator(_iso_date), AfterValidator(_date_in_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                    "description": f"A date from {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}."}),
]


def parse_int(raw: str | None, *, low: int, high: int) -> int | None:
    """The whole number ``raw`` written in plain digits (no sign, no spaces) from ``low`` to
    ``high``; ``None`` when it is missing or blank. Anything else raises ``ValueError``, before
    Python converts a huge string of digits."""
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(high)) or not low <= int(raw) <= high:
        raise ValueError(f"Enter a whole number from {low} to {high}.")
    return int(raw)


def parse_page(raw: str | None, *, last: int = MAX_PAGE) -> int:
    """The page number in a page's query string: 1 when missing; 404 when it is not a whole number
    from 1 to ``last``."""
    try:
        page = parse_int(raw, low=1, high=last)
    except ValueError:
        raise Http404("No such page.") from None
    return page or 1


def parse_id(raw: str | None) -> int | None:
    """A database id from a query string or form (1 to ``MAX_ID``), or ``None`` if it is not one."""
    try:
        return parse_int(raw, low=1, high=MAX_ID)
    except ValueError:
        return None


class IdConverter:
    """The URL converter ``<id:pk>``: a database id (1 to ``MAX_ID``); anything else is no match
    (404), never a number the database cannot hold."""

    regex = "[1-9][0-9]{0,18}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("Not a database id.")  # the URL resolver takes it as no match
        return number

    def to_url(self, value) -> str:
        return str(value)
