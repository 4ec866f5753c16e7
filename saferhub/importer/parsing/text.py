"""Line-level clean-up of PDF-to-text conversions: markup, bullets, dashes, dates and times."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"], start=1)
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_TAGS = re.compile(r"</?(?:b|p|u|i|em|strong|sup|sub|span|div|br|ul|ol|li|a|font)\b[^>]{0,400}>", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]\n]{0,500})\]\([^)\n]{0,1000}\)")
_ESCAPE = re.compile(r"\\([*_\\#()\[\]])")
_LATEX = re.compile(r"\$[^$\n]{0,200}\$")
_BULLET = re.compile(r"^\s*(?:(?:[-*+•·⊖]|o(?=\s))\s+)+")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
DASHES = "‐‑‒–—―"
_DASH_RE = re.compile(f"[{DASHES}]")


@dataclass(frozen=True)
class Line:
    """One physical line of a source file: its 1-based number, page (for PDFs), raw and clean text."""

    number: int
    raw: str
    page: int | None = None

    @property
    def text(self) -> str:
        return clean(self.raw)

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def strip_markup(text: str) -> str:
    """Remove Markdown and HTML emphasis, links and entities, keeping the words and TABs."""
    text = _LATEX.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAGS.sub(" ", text)
    text = text.replace("**", "").replace("__", "")
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return text


def clean(raw: str) -> str:
    """A line without heading marks, bullets, emphasis or surplus spaces (TABs are kept)."""
    text = strip_markup(raw)
    text = _HEADING.sub("", text)
    text = _BULLET.sub("", text)
    cells = [" ".join(c.split()) for c in text.split("\t")]
    return "\t".join(cells).strip()


def flat(text: str) -> str:
    """Clean text with TABs turned into spaces and spaces squeezed."""
    return " ".join(clean(text).replace("\t", " ").split())


def fold(text: str) -> str:
    """Fold for comparison: lower case, one kind of dash and apostrophe, single spaces."""
    text = _DASH_RE.sub("-", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.replace("-", " - ").split()).casefold().replace(" - ", "-")


def norm_dashes(text: str) -> str:
    return _DASH_RE.sub("–", text)


_DATE_RE = re.compile(
    r"\b(?P<d>\d{1,2})\s*(?:st|nd|rd|th)?\s+(?P<m>January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)
_MONTH_YEAR_RE = re.compile(
    r"\b(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:/(?:January|February|March|April|May|June|July|August|September|October|November|December))?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)
_ISO_RE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_NUMERIC_RE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    if key.startswith("sept"):
        return 9
    return MONTHS.get(key) or MONTHS[key[:3]]


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date in ``text`` ("24 February 2022", "24 th February 2023", "2024-03-01", "1/3/2024")."""
    found = []
    for match in _DATE_RE.finditer(text):
        try:
            day = dt.date(int(match["y"]), month_number(match["m"]), int(match["d"]))
        except (ValueError, KeyError):
            continue
        found.append((day, match.start(), match.end()))
    for regex in (_ISO_RE, _NUMERIC_RE):
        for match in regex.finditer(text):
            try:
                found.append((dt.date(int(match["y"]), int(match["m"]), int(match["d"])), match.start(), match.end()))
            except ValueError:
                continue
    return sorted(found, key=lambda f: f[1])


def first_date(text: str) -> dt.date | None:
    found = find_dates(text)
    return found[0][0] if found else None


def month_year(text: str) -> tuple[dt.date, bool] | None:
    """A month-only date ("February 2024", "May/June 2022 (to be confirmed)"): the first of the month,
    and whether the text says the date is still to be confirmed."""
    match = _MONTH_YEAR_RE.search(text)
    if not match:
        return None
    day = dt.date(int(match["y"]), MONTHS[match["m"].lower()], 1)
    return day, "to be confirmed" in text.lower() or "tbc" in text.lower()


_TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?|noon)(?![a-z])|\b(?P<h24>[01]?\d|2[0-3])[:.](?P<m24>[0-5]\d)\b(?!\s*(?:am|pm))",
    re.IGNORECASE,
)


def find_time(text: str) -> dt.time | None:
    """The first time of day in ``text``: "10am", "10 am", "11.15 am", "11:57 am", "12.05 pm", "14:00"."""
    match = _TIME_RE.search(text)
    if not match:
        return None
    if match["h24"] is not None:
        return dt.time(int(match["h24"]), int(match["m24"]))
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ap = match["ap"].lower().replace(".", "")
    if hour > 12 or minute > 59:
        return None
    if ap == "pm" and hour != 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    return dt.time(hour, minute)


def fmt_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


_SHORT_YEAR_RE = re.compile(
    r"\b(?P<d>\d{1,2})\s*(?:st|nd|rd|th)?\s+(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+"
    r"(?P<y>\d{2})(?![\d/])", re.IGNORECASE)


def find_dates_loose(text: str) -> list[tuple[dt.date, int, int]]:
    """:func:`find_dates` plus the forms other councils print: a two-digit year ("2 Mar 10")."""
    found = find_dates(text)
    taken = [(a, b) for _, a, b in found]
    for match in _SHORT_YEAR_RE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        try:
            found.append((dt.date(2000 + int(match["y"]), month_number(match["m"]), int(match["d"])),
                          match.start(), match.end()))
        except (ValueError, KeyError):
            continue
    return sorted(found, key=lambda f: f[1])
