"""Minutes: header, attendance, apologies, items, declarations, decisions and recommendations.

One module per part of a minute, each a mixin of :class:`MinutesParser`: ``header``, ``attendance``
(also :func:`harvest_names`), ``apologies``, ``items``, ``declarations``, ``resolutions`` and
``derived`` (chair, substitutes, elections, :func:`civic_year`); the shared patterns are in
``patterns``.
"""

from __future__ import annotations

import re

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.minutes.adapt import read_other_layout
from saferhub.importer.parsing.minutes.apologies import ApologiesMixin
from saferhub.importer.parsing.minutes.attendance import AttendanceMixin, harvest_names, looks_like_name
from saferhub.importer.parsing.minutes.declarations import DeclarationsMixin
from saferhub.importer.parsing.minutes.derived import DerivedMixin, civic_year
from saferhub.importer.parsing.minutes.header import HeaderMixin, read_heading
from saferhub.importer.parsing.minutes.items import ItemsMixin
from saferhub.importer.parsing.minutes.patterns import _HEADER, VERBS
from saferhub.importer.parsing.minutes.resolutions import ResolutionsMixin
from saferhub.importer.parsing.split import is_minutes_heading
from saferhub.importer.parsing.text import Line, flat

__all__ = ["VERBS", "MinutesParser", "civic_year", "harvest_names", "looks_like_name", "parse_minutes", "read_heading"]


class MinutesParser(HeaderMixin, AttendanceMixin, ApologiesMixin, ItemsMixin, DeclarationsMixin, ResolutionsMixin,
                    DerivedMixin):
    def __init__(self, lines: list[Line], ctx: Context, path: str):
        self.lines = lines
        self.ctx = ctx
        self.path = path
        self.out: dict = {
            "committee": "", "committee_named": "", "date": None, "time": None, "venue": "", "status": "held", "chair": None,
            "chair_capacity": "", "chair_note": "", "present": [], "substitutes": [], "apologies": [],
            "in_attendance": [], "declarations": [], "minutes_confirmed": [], "decisions": [], "items": [],
            "finished": None, "declared_inquorate_at": None, "present_count_stated": None,
            "recommendations": [], "delegations": [], "fwp_additions": [], "elections": [], "quorum_stated": None,
            "source": {"path": path, "lines": [lines[0].number, lines[-1].number]},
        }

    def src(self, line: Line | int, end: Line | int | None = None) -> str:
        a = line.number if isinstance(line, Line) else line
        if end is None:
            return f"{self.path}:{a}"
        b = end.number if isinstance(end, Line) else end
        return f"{self.path}:{a}" if a == b else f"{self.path}:{a}-{b}"

    # -------------------------------------------------------------------------------------
    def parse(self) -> dict:
        out = self.out
        lines = self.lines
        head_index = next((i for i, ln in enumerate(lines) if _HEADER.match(read_heading(flat(ln.raw))[1])
                           and is_minutes_heading(flat(ln.raw))), None)
        if head_index is None or self._other_present_list(head_index):
            if read_other_layout(self):
                return out
            self.ctx.flag("unreadable_minutes", "No “Minutes of the meeting …” line was found.", self.src(lines[0]),
                          "error")
            return out
        titles = [flat(ln.raw) for ln in lines[:head_index] if not ln.blank]
        out["committee"] = titles[-1] if titles else ""
        header = flat(lines[head_index].raw)
        j = head_index + 1
        while j < len(lines) and j <= head_index + 3 and not lines[j].blank and not re.match(
                r"present", flat(lines[j].raw), re.I):
            header += " " + flat(lines[j].raw)
            j += 1
        # The committee the heading names is only taken if it is a known one (see extract._merge_meetings).
        out["committee_named"], header = read_heading(header)
        self._header(header, lines[head_index])
        present_i = self._find(r"^present\s*:?", head_index)
        also_i = self._find(r"^(?:also\s+)?in\s+attendance\s*:?|^also\s+present\s*:?|^officers\s+(?:present|in attendance)\s*:?", head_index)
        first_item = self._first_item(max(i for i in (present_i, also_i, head_index) if i is not None))
        end_present = also_i if also_i is not None else first_item
        if present_i is not None:
            self._present(lines[present_i:end_present], lines[present_i])
        else:
            self.ctx.flag("no_present_list", "The minutes have no “Present” list.", self.src(lines[head_index]))
        if also_i is not None:
            self._attendance(lines[also_i:first_item])
        self._items(first_item)
        self._derive()
        return out


    def _other_present_list(self, head_index: int) -> bool:
        """A Present list in another council's layout ("Present: Cllrs C Barr, C Broad …", "PRESENT: Councillor A
        (Chairman), Councillors B, C and D"): one name per line starting "Cllr"/"Councillor" is Norfolk's."""
        present_i = next((i for i in range(head_index, min(len(self.lines), head_index + 40))
                          if re.match(r"^present\b", flat(self.lines[i].raw), re.I)), None)
        if present_i is None:
            return False
        first = re.sub(r"^present\s*:?\s*", "", flat(self.lines[present_i].raw), flags=re.I)
        if not first:
            first = next((flat(ln.raw) for ln in self.lines[present_i + 1:present_i + 4] if not ln.blank), "")
        if "\t" in self.lines[present_i].raw.strip() or any("\t" in ln.raw.strip() for ln in self.lines[present_i + 1:present_i + 3]):
            return False
        return bool(re.match(r"(?:Cllrs|Councillors)\b", first)) or first.count(",") >= 2


def parse_minutes(lines: list[Line], ctx: Context, path: str) -> dict:
    return MinutesParser(lines, ctx, path).parse()
