"""The heading of the minutes (committee named, kind of meeting, date, weekday, venue, start time) and how
item headings are told from the text under them."""

from __future__ import annotations

import re

from saferhub.importer.parsing.minutes.patterns import _BLOCK, _FINISHED, _HEADER, _HEADING, _PARA, _VERB
from saferhub.importer.parsing.split import BODY_WORD, MINUTES_NO_MEETING, MINUTES_PREFIXED
from saferhub.importer.parsing.text import Line, find_dates, find_time, flat, fmt_date

# "Minutes of the [annual] meeting of [the] X held at …", "… of X, held on …", "… of X on Tuesday 5 March 2024".
_MEETING_OF = re.compile(
    r"^minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}?meeting\s+of\s+(?:the\s+)?(?P<named>.+?)\s*,?\s+"
    r"(?:held|which\s+took\s+place|convened|(?:on|at)\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|the\s+\d|\d))\b", re.I)
# "Minutes of the X meeting held on …": X, less the kind of meeting ("annual", "inquorate").
_NAMED_MEETING = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<named>(?:[\w'’&()-]+\s+){1,12}?)meeting\b", re.I)
_KIND_WORDS = re.compile(r"^(?:(?:annual|extraordinary|special|ordinary|inquorate|reconvened|adjourned|additional|"
                         r"urgent|virtual|remote|hybrid|informal|inaugural|first|public|general)\s+)+", re.I)


def read_heading(text: str) -> tuple[str, str]:
    """The committee a minutes heading names, as written ("" when it names none), and the heading in the
    "Minutes of the … meeting …" form the rest of the reader takes.

    "Minutes of the meeting of the Police and Crime Panel held at County Hall, Norwich on 14 June 2022",
    "Minutes of a meeting of X held …", "Minutes of the X meeting held on …", "MINUTES of the X Sub-Committee
    held at …" and "X – Minutes of the meeting held on …". Which committee that is, is decided where the
    meetings are merged (``extract._merge_meetings``), against the committees known: a name no known committee
    has is not taken."""
    prefixed = MINUTES_PREFIXED.match(text)
    if prefixed:
        return _clean(prefixed["named"]), prefixed["head"]
    meeting_of = _MEETING_OF.match(text)
    if meeting_of:
        return _clean(meeting_of["named"]), text
    no_meeting = MINUTES_NO_MEETING.match(text)
    if no_meeting:
        return _clean(no_meeting["named"]), f"Minutes of the meeting {no_meeting['rest']}"
    named = _NAMED_MEETING.match(text)
    if named:
        name = _KIND_WORDS.sub("", _clean(named["named"]))
        if re.search(rf"\b{BODY_WORD}\b", name, re.I):
            return name, text
    return "", text


def _clean(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:–—-")
    return re.sub(r"^the\s+", "", name, flags=re.I)


class HeaderMixin:
    def _find(self, pattern: str, start: int) -> int | None:
        regex = re.compile(pattern, re.I)
        for i in range(start, min(len(self.lines), start + 80)):
            text = flat(self.lines[i].raw)
            if regex.match(text) and len(text) < 60 + (40 if "\t" in self.lines[i].raw else 0) or (
                    regex.match(text) and "\t" in self.lines[i].raw and i > start):
                return i
        return None

    def _header(self, text: str, line: Line) -> None:
        match = _HEADER.match(text)
        kind = (match["kind"] or "").lower()
        rest = match["rest"]
        if "inquorate" in kind:
            self.out["status"] = "inquorate"
        found = find_dates(rest)
        if not found:
            self.ctx.flag("missing_date", "The meeting date in the minutes heading could not be read.", self.src(line),
                          "error")
            return
        day, a, b = found[0]
        self.out["date"] = day
        weekday = re.search(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*$", rest[:a], re.I)
        if weekday and weekday.group(1).lower() != f"{day:%A}".lower():
            self.ctx.flag("weekday_mismatch", f"The heading says {weekday.group(1)} {fmt_date(day)}, but that date was "
                          f"a {day:%A}.", self.src(line))
        venue = re.search(r"\bheld\s+(?:at|in)\s+(?P<v>.+?)\s+on\b", rest, re.I) or re.search(
            r"\b(?:at|in)\s+(?P<v>[A-Z][^,]*?(?:Hall|Room|Chamber|Offices|House|Centre|Council)[^,]*?)(?:\s+on|\s+at|,|$)", rest[b:])
        if venue:
            self.out["venue"] = venue.group("v").strip(" ,")
        self.out["time"] = find_time(rest[b:]) or find_time(rest)
        if not self.out["time"]:
            self.ctx.flag("missing_time", "The start time in the minutes heading could not be read.", self.src(line),
                          "info")

    def _first_item(self, start: int) -> int:
        for i in range(start + 1, len(self.lines)):
            ln = self.lines[i]
            if ln.blank:
                continue
            if self._heading(ln, 1) is not None:
                return i
        return len(self.lines)

    def _heading(self, line: Line, expected: int | None) -> tuple[str, str] | None:
        raw = line.raw
        if re.match(r"^\s*[-*•+]\s", raw) or "\t" in raw.strip():
            return None
        text = flat(raw)
        match = _HEADING.match(text)
        if match:
            title = match["title"].strip()
            if len(title) > 140 or (title.endswith(".") and not raw.lstrip().startswith("#")):
                return None
            if re.match(r"^(?:" + _VERB + r")\b", title) or _BLOCK.match(title):
                return None
            number = int(match["n"])
            if expected is not None and not (expected <= number <= expected + 3):
                return None
            return match["n"], title
        if raw.lstrip().startswith("#") and len(text) < 80 and not text.endswith(":") and not _FINISHED.match(text) \
                and not _PARA.match(text) and text.lower() not in {"chair", "present", "also in attendance"} \
                and not re.match(r"^(?:" + _VERB + r")\b", text):
            return "", text
        return None
