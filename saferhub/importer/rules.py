"""What an officer may type on the review page where the documents' own date or committee is missing or wrong
(issue 15): pure checks, no database. Nothing is guessed: a value is taken only as typed, and only if it holds."""

from __future__ import annotations

import datetime as dt
import re

from saferhub.core.exceptions import RuleViolation

#: Flags whose answer may be typed, and what is typed.
TYPED_ANSWERS = {"meeting_date_missing": "date", "committee_missing": "committee"}


def typed_date(day: str, month: str, year: str, *, today: dt.date) -> dt.date:
    """A meeting date typed as day, month and year (the GOV.UK date input): a real date, with a four-figure year,
    not after today (minutes are of a meeting that has taken place)."""
    parts = [str(p or "").strip() for p in (day, month, year)]
    if not all(parts):
        raise RuleViolation("Enter the meeting date with a day, month and year.", code="importer.typed_date",
                            field="date")
    if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        raise RuleViolation("Enter the meeting date in numbers, with a four-figure year, for example 5 3 2024.",
                            code="importer.typed_date", field="date")
    try:
        value = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        raise RuleViolation("The meeting date must be a real date.", code="importer.typed_date", field="date") from None
    if value > today:
        raise RuleViolation("The meeting date cannot be in the future: minutes record a meeting that has been held.",
                            code="importer.typed_date_future", field="date")
    return value


def typed_committee(text: str) -> str:
    """A committee's name as typed: single spaces, at most 200 characters, with at least one word in it."""
    name = " ".join(str(text or "").split())
    if not name:
        raise RuleViolation("Enter the committee's name.", code="importer.typed_committee", field="committee")
    if len(name) > 200:
        raise RuleViolation("The committee's name must be 200 characters or fewer.", code="importer.typed_committee",
                            field="committee")
    if not re.search(r"[A-Za-z]{2,}", name):
        raise RuleViolation("Enter the committee's name in words, as the council gives it.",
                            code="importer.typed_committee", field="committee")
    return name
