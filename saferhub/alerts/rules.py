"""Rules of email alerts (pure Python)."""

from __future__ import annotations

import datetime as dt
import re

from saferhub.core.exceptions import RuleViolation

KEYWORD_MIN, KEYWORD_MAX = 3, 60
DIGEST_HOUR = 7  # daily and weekly summaries go out at the first run after 07:00 (weekly: on Mondays)


def clean_keyword(word: str) -> str:
    """A keyword alert watches one word or phrase: letters, digits, spaces, hyphens and apostrophes, 3 to 60
    characters (longer or odder input would match nothing useful)."""
    cleaned = " ".join((word or "").split())
    if not cleaned:
        raise RuleViolation("Enter a word or phrase to look for in new documents.", code="alerts.keyword_required",
                            field="keyword")
    if not KEYWORD_MIN <= len(cleaned) <= KEYWORD_MAX:
        raise RuleViolation(f"The word or phrase must be between {KEYWORD_MIN} and {KEYWORD_MAX} characters.",
                            code="alerts.keyword_length", field="keyword")
    if not re.fullmatch(r"[\w' -]+", cleaned):
        raise RuleViolation("The word or phrase can only contain letters, numbers, spaces, hyphens and apostrophes.",
                            code="alerts.keyword_characters", field="keyword")
    return cleaned


def keyword_pattern(word: str) -> re.Pattern:
    """Whole words, any case: "knife" matches "Knife crime" but not "knifepoint"."""
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)


def digest_due(found_at: dt.datetime, frequency: str, now: dt.datetime) -> bool:
    """Whether an item found at ``found_at`` (local time) goes out in a run at ``now``: straight away, or at
    the first digest moment after it was found (07:00 daily; 07:00 on Monday weekly), so every item found
    before one digest moment goes out together in that digest."""
    if frequency == "immediate":
        return True
    moment = found_at.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if moment <= found_at:
        moment += dt.timedelta(days=1)
    if frequency == "weekly":
        while moment.weekday() != 0:
            moment += dt.timedelta(days=1)
    return now >= moment
