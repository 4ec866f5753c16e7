"""The minute's items: each heading and the text under it, the minutes it confirms, an inquorate
declaration, a change of chair, and the speakers named in it."""

from __future__ import annotations

import re

from saferhub.importer.parsing.agenda import item_kind
from saferhub.importer.parsing.minutes.patterns import _FINISHED, _join
from saferhub.importer.parsing.text import Line, find_dates, find_time, flat, fmt_date


class ItemsMixin:
    # -- items --------------------------------------------------------------------------------
    def _items(self, first: int) -> None:
        lines = self.lines
        items: list[dict] = []
        expected = 1
        current = None
        for i in range(first, len(lines)):
            ln = lines[i]
            if ln.blank:
                continue
            text = flat(ln.raw)
            if _FINISHED.match(text):
                self.out["finished"] = find_time(text)
                self.out["finished_line"] = ln.number
                break
            heading = self._heading(ln, expected)
            if heading:
                number, title = heading
                current = {"number": number, "title": title, "lines": [], "line": ln.number, "end": ln.number}
                items.append(current)
                if number:
                    expected = int(number) + 1
                continue
            if current is not None:
                current["lines"].append(ln)
                current["end"] = ln.number
        for item in items:
            item["kind"] = item_kind(item["title"])
            self._item(item)
        self.out["items"] = [
            {"number": it["number"], "title": it["title"], "kind": it["kind"], "minute_text": it["minute_text"],
             "source": [it["line"], it["end"]]}
            for it in items
        ]

    def _item(self, item: dict) -> None:
        lines: list[Line] = item["lines"]
        text = _join(lines)
        item["minute_text"] = "\n".join(flat(ln.raw) for ln in lines)
        kind = item["kind"]
        if kind == "apologies":
            self._apologies(text, lines)
        if kind == "minutes" or re.search(r"minutes of the (?:meeting|meetings)\b.*\b(?:agreed|confirmed|approved)", text, re.I):
            self._confirmed(text, lines, item)
        for ln in lines:
            self._declaration(ln)
        if kind == "inquorate" or "inquorate" in text.lower():
            match = re.search(r"declared\s+inquorate\s+at\s+(.{1,20})", text, re.I)
            if match:
                self.out["status"] = "inquorate"
                self.out["declared_inquorate_at"] = find_time(match.group(1))
            count = re.search(r"only\s+(\w+)\s+(?:voting\s+)?members", text, re.I)
            if count:
                self.out["present_count_stated"] = count.group(1)
            quorum = re.search(r"(\w+)\s+members\s+of\s+the\s+(?:committee|panel|sub[- ]panel)\s+had\s+to\s+be", text, re.I)
            if quorum:
                self.out["quorum_stated"] = quorum.group(1)
        took = re.search(r"\(([^()]*?)\btook the chair\)?", text, re.I) or re.search(
            r"\((?:Cllr|Councillor)\s+([^()]+?)\s+in the chair\)", text, re.I)
        if took:
            self.out.setdefault("chair_statements", []).append(took.group(0))
        self._decisions(item)
        self._speakers(lines)

    def _confirmed(self, text: str, lines: list[Line], item: dict) -> None:
        match = re.search(r"minutes of the meetings?\s+held\s+on\s+(?P<dates>.+?)\s+(?:were|was)\b", text, re.I)
        if not match:
            return
        dates = [d for d, _, _ in find_dates(match["dates"])]
        line = next((ln for ln in lines if "minutes" in ln.raw.lower()), lines[0] if lines else None)
        where = self.src(line) if line else self.src(item["line"])
        for day in dates:
            self.out["minutes_confirmed"].append(day)
            if self.out["date"] and day >= self.out["date"]:
                suggestion = day.replace(year=day.year - 1)
                self.ctx.flag(
                    "minutes_date_after_meeting",
                    f"The minutes of {fmt_date(self.out['date'])} confirm the minutes of “{fmt_date(day)}”, a meeting "
                    f"that had not yet happened; {fmt_date(suggestion)} was probably meant.",
                    where,
                    suggestions=[{"value": suggestion.isoformat(), "label": f"Link to the meeting of {fmt_date(suggestion)}"},
                                 {"value": "", "label": "Leave the confirmation unlinked"}],
                    ref={"meeting": self.out["date"].isoformat(), "printed": day.isoformat(),
                         "suggested": suggestion.isoformat()},
                )

    def _speakers(self, lines: list[Line]) -> None:
        for ln in lines:
            text = flat(ln.raw)
            for match in re.finditer(r"(?:^|[.;]\s+|^-\s*)((?:(?:Supt|Insp|Inspector|Dr|CI)\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:said|explained|highlighted|advised|confirmed|reported)\b", text):
                written = match.group(1)
                if written.split()[0] in {"The", "It", "This", "Members", "Officers", "Police"}:
                    continue
                res = self.ctx.names.resolve(written, councillor=False)
                if res.person and res.how in {"fuzzy", "ocr"}:
                    self.ctx.resolve(written, self.src(ln), councillor=False)
