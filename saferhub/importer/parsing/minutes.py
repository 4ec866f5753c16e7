"""Minutes: header, attendance, apologies, items, declarations, decisions and recommendations."""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

from rapidfuzz import fuzz

from saferhub.importer.parsing.agenda import item_kind
from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.names import HONORIFICS, KnownPerson, split_honorific
from saferhub.importer.parsing.text import Line, find_dates, find_time, first_date, flat, fmt_date, fold, month_year

VERBS = ("RESOLVED", "NOTED", "AGREED", "ENDORSED", "COMMENDED", "RECOMMENDED", "APPROVED", "DEFERRED", "REFERRED",
         "REQUESTED")
_VERB = "|".join(VERBS)
_HEADER = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+)?(?P<kind>(?:\w+\s+){0,12}?)meeting\b(?P<rest>.*)$", re.I)
_HEADING = re.compile(r"^(?P<n>\d{1,2})(?:\.(?!\d))?\s+(?P<title>[A-Z(].{1,150})$")
_PARA = re.compile(r"^\(?\d{1,2}\.\d{1,2}\.?\)?\s*")
_LABEL = re.compile(r"^(?:\(?\d{1,2}\)|\(?[a-h]\)|\(?[ivx]{1,4}\))\s*")
_BLOCK = re.compile(r"^(?:the\s+)?(?:[A-Za-z-]+\s+){0,4}?(?:sub[- ]?panel|sub|panel|committee|board|cabinet)\s*(?:resolved)?\s*:?\s*[:–-]?$", re.I)
_INLINE = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Za-z-]+\s+){0,4}?(?:[Ss]ub[- ]?[Pp]anel|[Ss]ub|[Pp]anel|[Cc]ommittee|[Bb]oard|[Cc]abinet)\s+(?P<verb>" + _VERB + r")\b\s*[:,–-]?\s*(?P<text>.*)$")
_STARTS_VERB = re.compile(r"^(?P<verb>" + _VERB + r")\b\s*[:,–-]?\s*(?P<text>.*)$")
_FINISHED = re.compile(r"^the meeting (?:finished|ended|closed|concluded) at\b", re.I)
_DECL = re.compile(
    r"(?P<who>(?:Cllr|Councillor)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}?(?:\s*[–-]\s*[A-Z][\w'’-]*)?)\s+"
    r"(?:declared|expressed|disclosed|registered)\s+(?:an?\s+)?(?P<type>[\"'“‘]?\s*(?:other|disclosable pecuniary|pecuniary|non[- ]pecuniary|personal|prejudicial)[^.]*?interest[\"'”’]?)"
    r"(?P<during>\s+during the meeting)?\s*(?:,\s*)?(?:as|in that|because|being|regarding|in respect of|on)?\s*(?P<text>.*)$",
    re.I,
)
_NAME_CHUNK = re.compile(r"(?:Cllr|Councillor)\s+[A-Z][\w'’]*(?:\s*[–-]\s*[A-Z][\w'’]*|\s+[A-Z][\w'’]*){0,3}")
ORG_END = re.compile(r"(?:OPCCN\)?|\(NCC\)|NCC|Council|Constabulary|Board|Partnership|Service|Trust|\(OPCCN\))$")


def _join(lines: list[Line]) -> str:
    return " ".join(flat(ln.raw) for ln in lines if not ln.blank)


class MinutesParser:
    def __init__(self, lines: list[Line], ctx: Context, path: str):
        self.lines = lines
        self.ctx = ctx
        self.path = path
        self.out: dict = {
            "committee": "", "date": None, "time": None, "venue": "", "status": "held", "chair": None,
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
        head_index = next((i for i, ln in enumerate(lines) if _HEADER.match(flat(ln.raw))), None)
        if head_index is None:
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

    # -- attendance ---------------------------------------------------------------------------
    def _present(self, block: list[Line], head: Line) -> None:
        entries: list[dict] = []  # {written, note, line}
        bodies: list[tuple[str, Line]] = []
        body_lines = []
        first_text = re.sub(r"^present\s*:?\s*", "", flat(head.raw), flags=re.I)
        rows = []
        if first_text:
            rows.append((head, head.text.split(":", 1)[1] if ":" in head.text else ""))
        rows += [(ln, ln.text) for ln in block[1:] if not ln.blank]
        for ln, text in rows:
            cells = [c.strip() for c in text.split("\t") if c.strip()]
            if not cells:
                continue
            left = cells[0]
            right = " ".join(cells[1:])
            chunks = self._split_names(left)
            if chunks:
                for chunk in chunks:
                    entries.append({"written": chunk, "line": ln})
                if right:
                    bodies_here = self.ctx.split_bodies(right)
                    body_lines.append((ln, bodies_here))
                    bodies += [(b, ln) for b in bodies_here]
            elif entries and not self._looks_body(left) and (left[:1].islower() or left.endswith(")")):
                entries[-1]["written"] += " " + left
            else:
                bodies_here = self.ctx.split_bodies(" ".join(cells))
                bodies += [(b, ln) for b in bodies_here]
        people = []
        for entry in entries:
            written = entry["written"]
            note = ""
            paren = re.search(r"\((.*)\)?\s*$", written)
            if paren:
                note = paren.group(1).rstrip(")").strip()
                written = written[:paren.start()].strip()
            res = self.ctx.resolve(written, self.src(entry["line"]), councillor=True, create=True, strength=2)
            people.append({"written": written, "note": note, "line": entry["line"],
                           "name": res.person.name if res.person else written,
                           "person": res.person})
        self._pair_bodies(people, bodies)
        self.out["present"] = people

    def _looks_body(self, text: str) -> bool:
        return bool(self.ctx.find_body(text)) or bool(re.search(r"\bcouncil\b", text, re.I))

    def _split_names(self, text: str) -> list[str]:
        starts = [m.start() for m in re.finditer(r"\b(?:Cllr|Councillor)\s", text)]
        if not starts:
            return []
        pieces = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=False)]
        return [p for p in pieces if p]

    def _pair_bodies(self, people: list[dict], bodies: list[tuple[str, Line]]) -> None:
        day = self.out["date"]
        expected = []
        for p in people:
            role = self.ctx.role_on(p["name"], day) if day else None
            p["role"] = role[0] if role else None
            p["seat"] = role[1] if role else None
            expected.append(role[1].body if role else None)
        printed = [self.ctx.find_body(b) for b, _ in bodies]
        printed_names = [b.name if b else text for b, (text, _) in zip(printed, bodies, strict=False)]
        if not bodies:
            for p, exp in zip(people, expected, strict=False):
                p["body"] = exp or ""
            return
        if len(bodies) != len(people):
            self.ctx.flag("present_mismatch", f"The Present list has {len(people)} names but {len(bodies)} councils; "
                          "councils were taken from the membership tables.", self.src(bodies[0][1]))
            for p, exp in zip(people, expected, strict=False):
                p["body"] = exp or ""
            return
        if all(expected) and sorted(expected) == sorted(printed_names):
            for p, exp in zip(people, expected, strict=False):
                p["body"] = exp
            return
        for p, printed_name, exp, (_, ln) in zip(people, printed_names, expected, bodies, strict=False):
            p["body"] = printed_name
            if exp and printed_name != exp:
                self.ctx.flag(
                    "wrong_body",
                    f"{p['name']} is listed against {printed_name}, but the membership table shows them "
                    f"representing {exp}.", self.src(p["line"], ln),
                    suggestions=[{"value": exp, "label": f"Record for {exp}"},
                                 {"value": printed_name, "label": f"Keep {printed_name} as printed"}],
                    ref={"person": p["name"], "printed": printed_name, "expected": exp},
                )
                p["body"] = exp
                p["body_printed"] = printed_name

    def _attendance(self, block: list[Line]) -> None:
        head = block[0]
        rows: list[tuple[Line, str]] = []
        first = head.text.split(":", 1)[1].strip() if ":" in head.text else ""
        if first.strip("\t "):
            rows.append((head, first))
        rows += [(ln, ln.text) for ln in block[1:] if not ln.blank]
        tabbed = sum(1 for _, t in rows if "\t" in t.strip() or t.startswith("\t"))
        people: list[dict] = []
        if rows and tabbed >= max(1, len(rows) // 2):
            for ln, text in rows:
                cells = [c.strip() for c in text.split("\t")]
                if ln.raw.startswith("\t") or not cells[0]:
                    if people:
                        people[-1]["title"] = (people[-1]["title"] + " " + " ".join(c for c in cells if c)).strip()
                    continue
                names = self._find_people(cells[0])
                title = " ".join(c for c in cells[1:] if c)
                if len(names) > 1:
                    titles = self._split_titles(title, [n for n, _ in names])
                    for (written, _), t in zip(names, titles, strict=False):
                        people.append({"written": written, "title": t, "line": ln})
                else:
                    people.append({"written": cells[0], "title": title, "line": ln})
        else:
            people = self._untabbed(rows)
        result = []
        for p in people:
            res = self.ctx.resolve(p["written"], self.src(p["line"]), councillor=False, create=True, strength=2,
                                   title=p["title"])
            result.append({"name": res.person.name if res.person else p["written"], "title": p["title"].strip(" ,"),
                           "written": p["written"], "line": p["line"], "person": res.person})
        self.out["in_attendance"] = result

    def _known_names(self) -> list[tuple[str, object]]:
        out = []
        for person in self.ctx.names.people:
            for n in [person.name, *person.aliases]:
                out.append((n, person))
        return sorted(out, key=lambda x: -len(x[0]))

    def _find_people(self, text: str) -> list[tuple[str, int]]:
        """Known names (with any honorific) inside ``text``, as (written, position)."""
        found = []
        taken = [False] * len(text)
        low = fold(text)
        for name, _ in self._known_names():
            key = fold(name)
            start = 0
            while True:
                pos = low.find(key, start)
                if pos < 0:
                    break
                end = pos + len(key)
                before_ok = pos == 0 or not low[pos - 1].isalnum()
                after_ok = end >= len(low) or not low[end].isalnum()
                if before_ok and after_ok and not any(taken[pos:end]):
                    hon = re.search(r"(?:" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
                                    + r")\.?\s+$", text[:pos])
                    a = hon.start() if hon else pos
                    for k in range(a, end):
                        taken[k] = True
                    found.append((text[a:end], a))
                start = end
        if not found:
            for match in re.finditer(r"(?:(?:Cllr|Councillor|Dr|Supt|Insp|Inspector|CI|Mr|Mrs|Ms|Miss)\s+)"
                                     r"[A-Z][a-z'’]+(?:[\s-][A-Z][a-z'’-]+){0,2}", text):
                found.append((match.group(0), match.start()))
        return sorted(found, key=lambda f: f[1])

    def _split_titles(self, text: str, names: list[str]) -> list[str]:
        """Split one cell holding several people's titles, using known titles and body endings."""
        words = text.split()
        k = len(names)
        if k <= 1 or len(words) < k:
            return [text] + [""] * (k - 1)
        known = []
        for n in names:
            person = self.ctx.names.lookup(n)
            known.append(person.title if person else "")
        best = None
        for cut in combinations(range(1, len(words)), k - 1):
            bounds = [0, *cut, len(words)]
            parts = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
            score = 0.0
            for part, kt in zip(parts, known, strict=False):
                if kt:
                    score += fuzz.ratio(fold(part), fold(kt)) / 100
            for part in parts[:-1]:
                if ORG_END.search(part):
                    score += 0.6
            for a in cut:
                if words[a][:1].isupper():
                    score += 0.2
            if best is None or score > best[0]:
                best = (score, parts)
        return best[1]

    def _untabbed(self, rows: list[tuple[Line, str]]) -> list[dict]:
        """Names and titles without TABs: "Name Title", "Title Name", and names-then-titles blocks."""
        people: list[dict] = []
        pending: list[dict] = []
        last: dict | None = None
        loose: list[tuple[Line, str]] = []

        def flush_loose():
            nonlocal loose
            if not loose:
                return
            text = " ".join(t for _, t in loose)
            if pending:
                titles = self._split_titles(text, [p["written"] for p in pending])
                for p, t in zip(pending, titles, strict=False):
                    p["title"] = t
                pending.clear()
            elif last is not None:
                last["title"] = (last["title"] + " " + text).strip()
            loose = []

        for ln, text in rows:
            text = " ".join(text.replace("\t", " ").split())
            found = self._find_people(text)
            if not found and looks_like_name(text):
                found = [(text, 0)]
            if not found:
                loose.append((ln, text))
                continue
            if loose and not pending and last is not None and (loose[0][1][:1].islower() or loose[0][1][:1] == "("):
                last["title"] = (last["title"] + " " + " ".join(t for _, t in loose)).strip()
                loose = []
            flush_loose()
            segments = []
            cursor = 0
            for written, pos in found:
                segments.append(("text", text[cursor:pos].strip(" ,")))
                segments.append(("name", written))
                cursor = pos + len(written)
            segments.append(("text", text[cursor:].strip(" ,")))
            names = [s for kind, s in segments if kind == "name"]
            texts = [s for kind, s in segments if kind == "text"]
            if not any(texts):
                for n in names:
                    pending.append({"written": n, "title": "", "line": ln})
                    people.append(pending[-1])
                continue
            if texts[0] and not texts[-1]:
                # Title before name: "Committee Officer Tim Shaw", "Head of …, OPCCN Amanda Murr …".
                for n, t in zip(names, texts[:-1], strict=False):
                    people.append({"written": n, "title": t, "line": ln})
                last = people[-1]
            else:
                for n, t in zip(names, texts[1:], strict=False):
                    people.append({"written": n, "title": t, "line": ln})
                last = people[-1]
        flush_loose()
        return people

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

    def _apologies(self, text: str, lines: list[Line]) -> None:
        source = self.src(lines[0], lines[-1]) if lines else ""
        text = re.sub(r"\b(?<!\.)\d{1,2}\.\d{1,2}\.?\s+(?=[A-Z][a-z])", " ", text)  # stray paragraph numbers
        text = re.sub(r"(?:^|\s)\d{1,2}\s+(?=Apologies)", " ", text)
        out = self.out["apologies"]
        subs = self.out["substitutes"]
        sentences = re.split(r"(?<=[.])\s+(?=[A-Z])", text)
        for sentence in sentences:
            low = sentence.lower()
            if "apolog" not in low:
                continue
            body = re.split(r"\breceived\s+from\b", sentence, maxsplit=1, flags=re.I)
            if len(body) < 2:
                continue
            rest = body[1].strip()
            default_kind = None
            labelled = re.match(r"(named members|members|substitute members|substitutes|officers)\s*:\s*(.*)$", rest, re.I)
            if labelled:
                default_kind = "substitute" if "substitute" in labelled.group(1).lower() else (
                    "officer" if "officer" in labelled.group(1).lower() else "member")
                rest = labelled.group(2)
            rest = re.sub(r"\s*\((?:who|which)\b[^)]*\)", "", rest)
            # "…, and from Gavin Thompson, Director, …" – an officer with a title.
            officer_part = None
            split = re.split(r",?\s+and\s+from\s+(?!(?:Cllr|Councillor)\b)", rest, maxsplit=1)
            if len(split) == 2:
                rest, officer_part = split
            for chunk in self._apology_chunks(rest):
                self._apology(chunk, default_kind, source, out, subs)
            if officer_part:
                self._officer_apology(officer_part, source, out)

    def _apology_chunks(self, text: str) -> list[str]:
        text = text.strip().rstrip(".")
        # Split on commas and "and" outside parentheses.
        masked = re.sub(r"\([^()]*\)", lambda m: "\0" * len(m.group(0)), text)
        cuts = [(m.start(), m.end()) for m in re.finditer(
            r",\s*(?:and\s+)?|\s+and\s+(?=(?:Cllr|Councillor|his|her|their)\b)", masked)]
        parts, last = [], 0
        for a, b in cuts:
            parts.append(text[last:a])
            last = b
        parts.append(text[last:])
        return [p.strip() for p in parts if p.strip()]

    def _apology(self, chunk: str, default_kind: str | None, source: str, out: list, subs: list) -> None:
        sub_match = re.match(r"(?P<who>.+?)\s+who\s+was\s+substituted\s+by\s+(?P<sub>.+)$", chunk, re.I)
        if sub_match:
            who = self._apology_person(sub_match["who"], "member", source, out)
            res = self.ctx.resolve(sub_match["sub"], source, councillor=True)
            if res.person and who:
                subs.append({"name": res.person.name, "for": who, "source": source, "stated": True})
            return
        own_sub = re.match(r"(?:his|her|their)\s+substitute\s+(?P<who>.+)$", chunk, re.I)
        if own_sub:
            previous = out[-1]["name"] if out else None
            name = self._apology_person(own_sub["who"], "substitute", source, out)
            if name and previous:
                out[-1]["for"] = previous
            return
        if not re.match(r"(?:Cllr|Councillor)\b", chunk):
            if default_kind == "officer" or not default_kind:
                self._officer_apology(chunk, source, out)
                return
        self._apology_person(chunk, default_kind, source, out)

    def _apology_person(self, written: str, kind: str | None, source: str, out: list) -> str | None:
        written = written.strip().rstrip(".")
        res = self.ctx.resolve(written, source, councillor=True)
        name = res.person.name if res.person else split_honorific(written)[1]
        if kind is None:
            role = self.ctx.role_on(name, self.out["date"]) if self.out["date"] else None
            kind = role[0] if role else "member"
        out.append({"name": name, "kind": kind, "written": written, "source": source, "resolved": res.person is not None})
        return name

    def _officer_apology(self, text: str, source: str, out: list) -> None:
        text = text.strip().rstrip(".")
        found = self._find_people(text)
        paren = re.match(r"(?P<name>[^(,]+?)\s*\((?P<title>.+)\)$", text)
        if found and found[0][1] == 0:
            name = found[0][0]
            title = text[len(name):].strip(" ,")
            if title.startswith("(") and title.endswith(")"):
                title = title[1:-1]
        elif paren:
            name, title = paren["name"], paren["title"]
        else:
            name, _, title = text.partition(",")
        res = self.ctx.resolve(name, source, councillor=False, create=True, strength=2, title=title.strip())
        out.append({"name": res.person.name if res.person else name.strip(), "kind": "officer",
                    "title": title.strip(), "written": name.strip(), "source": source,
                    "resolved": res.person is not None})

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

    def _declaration(self, ln: Line) -> None:
        text = _PARA.sub("", flat(ln.raw))
        if re.search(r"no (?:declarations|interests were declared)", text, re.I):
            return
        match = _DECL.search(text)
        if not match:
            return
        kind = match["type"].lower()
        dtype = "DPI" if "pecuniary" in kind and "non" not in kind else "Other"
        res = self.ctx.resolve(match["who"], self.src(ln), councillor=True)
        self.out["declarations"].append({
            "name": res.person.name if res.person else split_honorific(match["who"])[1], "type": dtype,
            "text": match["text"].strip(), "during_meeting": bool(match["during"]), "source": self.src(ln),
        })

    # -- decisions ----------------------------------------------------------------------------
    def _decisions(self, item: dict) -> None:
        lines: list[Line] = item["lines"]
        in_block = False
        current: dict | None = None
        pending_resolved: dict | None = None
        decisions = []
        for ln in lines:
            raw = ln.raw
            text = _PARA.sub("", flat(raw)).strip()
            bare = _LABEL.sub("", text).strip()
            indent = len(raw) - len(raw.lstrip(" \t"))
            if pending_resolved is not None:
                pending_resolved["text"] = bare
                pending_resolved["end"] = ln.number
                pending_resolved = None
                continue
            if _BLOCK.match(text) and len(text) < 70 and text.lower().startswith("the"):
                in_block = True
                current = None
                continue
            inline = _INLINE.match(bare)
            starts = _STARTS_VERB.match(bare)
            match = inline or starts
            if match:
                verb = match["verb"]
                body = match["text"].strip()
                decision = {"item": item["number"], "verb": verb, "text": body, "line": ln.number,
                            "end": ln.number, "subs": []}
                decisions.append(decision)
                current = decision
                if not body and verb == "RESOLVED":
                    pending_resolved = decision
                continue
            if current is None:
                continue
            is_sub = indent >= 1 and re.match(r"^\s+[-•o*]", raw) or raw.lstrip().startswith("•")
            date_line = re.match(r"^(.{3,40}?\d{4})\s*:$", text) or re.match(r"^(\d{1,2} \w+ \d{4}):$", text)
            continues = current["text"] and not re.search(r"[.;:)]$", current["text"]) and bare[:1].islower()
            if continues:
                current["text"] += " " + bare
                current["end"] = ln.number
            elif is_sub or date_line or (current["text"].endswith(":") and raw.lstrip().startswith("-")) or (
                    current["subs"] and raw.lstrip().startswith("-") and not in_block):
                current["subs"].append({"text": bare, "line": ln.number, "date_heading": bool(date_line)})
                current["end"] = ln.number
            else:
                current = None if not in_block else current
                if in_block and not raw.lstrip().startswith("-"):
                    current = None
        for d in decisions:
            d["text"] = d["text"].replace("**", "").strip()
            self._decision_extras(d, item)
            full = " ".join([d["text"], *(s["text"] for s in d["subs"])]).strip()
            self.out["decisions"].append({"item": d["item"], "verb": d["verb"], "text": full,
                                          "source": self.src(d["line"], d["end"]), "line": d["line"]})

    def _decision_extras(self, d: dict, item: dict) -> None:
        text = d["text"]
        source = self.src(d["line"], d["end"])
        if d["verb"] == "RECOMMENDED":
            addressee = re.search(r"to\s+(?:the\s+)?([A-Z][\w ]+?)\s*[;:,.]", text + ";")
            recs = [s["text"] for s in d["subs"] if not s["date_heading"]]
            if not recs:
                rest = re.sub(r"^to\s+the\s+[A-Z][\w ]+?[;:,]\s*", "", text)
                recs = [rest] if rest else []
            for n, rec in enumerate(recs, start=1):
                self.out["recommendations"].append({"item": d["item"], "sequence": n,
                                                    "to": addressee.group(1) if addressee else "",
                                                    "text": rec, "source": source})
        if d["verb"] == "AGREED" and re.search(r"\bdelegate\b", text, re.I):
            body = re.search(r"report(?:ing)?\b.*?\bto\s+the\s+([A-Z][\w ]*?Committee)", text)
            dates = find_dates(text)
            self.out["delegations"].append({
                "item": d["item"], "to": body.group(1) if body else "", "date": dates[0][0] if dates else None,
                "if_agenda_allows": "agenda allow" in text.lower(), "text": text, "source": source,
            })
        if item["kind"] == "work_programme" and d["verb"] in {"AGREED", "NOTED", "RESOLVED", "APPROVED"}:
            target = None
            month = re.search(r"for the (\w+ \d{4}) meeting", text)
            if month:
                target = month_year(month.group(1))
            for sub in d["subs"]:
                if sub["date_heading"]:
                    day = first_date(sub["text"])
                    target = (day, False) if day else month_year(sub["text"])
                    continue
                if target is None:
                    continue
                self.out["fwp_additions"].append({
                    "meeting_date": target[0], "precision": "month" if month and target and not first_date(sub["text"]) and not isinstance(target, tuple) else ("month" if target[0].day == 1 and month else "day"),
                    "text": sub["text"], "source": self.src(sub["line"]),
                })

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

    # -- derived facts ------------------------------------------------------------------------
    def _derive(self) -> None:
        out = self.out
        day = out["date"]
        present = out["present"]
        # Chair: from the Present annotations, then from statements, then the Chair in office.
        for p in present:
            note = p["note"].lower()
            if "in the chair" in note or note in {"chair", "chairman", "chairwoman", "chairperson"} or "elected chair" in note:
                out["chair"] = p["name"]
                out["chair_note"] = p["note"]
                out["chair_capacity"] = "vice_chair" if "vice" in note else "chair"
                break
        if out["chair"] is None:
            for statement in out.get("chair_statements", []):
                for p in present:
                    if p["person"] and fold(p["person"].name.split()[-1]) in fold(statement):
                        out["chair"] = p["name"]
                        out["chair_note"] = statement.strip("()")
                        out["chair_capacity"] = "vice_chair" if "vice" in statement.lower() else "chair"
        if out["chair"] is None and day:
            for p in present:
                if self.ctx.offices.get(("chair", civic_year(day))) == p["name"]:
                    out["chair"] = p["name"]
                    out["chair_capacity"] = "chair"
            if out["chair"] is None:
                for p in present:
                    if self.ctx.offices.get(("vice_chair", civic_year(day))) == p["name"]:
                        out["chair"] = p["name"]
                        out["chair_capacity"] = "vice_chair"
        # Substitutes present: named in the apologies, or a named substitute in the table.
        stated = {s["name"] for s in out["substitutes"]}
        apologised = {a["name"] for a in out["apologies"]}
        for p in present:
            if p["name"] in stated:
                p["role"] = "substitute"
                continue
            if p.get("role") == "substitute" and p.get("seat") is not None:
                member = p["seat"].main
                if member:
                    out["substitutes"].append({"name": p["name"], "for": member, "source": self.src(p["line"]),
                                               "stated": False})
                    if member in {q["name"] for q in present}:
                        self.ctx.flag("member_and_substitute_present",
                                      f"{p['name']} is named substitute for {member}, and both are listed as present.",
                                      self.src(p["line"]))
                    elif member not in apologised and out["status"] != "inquorate":
                        self.ctx.flag("substitute_without_apologies",
                                      f"{p['name']} attended as substitute for {member}, whose apologies are not "
                                      "recorded.", self.src(p["line"]), severity="info")
            elif p.get("role") is None and p["person"] is not None:
                self.ctx.flag("not_a_member", f"{p['name']} is listed as present but appears in no membership table "
                              f"for {fmt_date(day) if day else 'this meeting'}.", self.src(p["line"]), severity="info")
        # Elections.
        for d in out["decisions"]:
            if d["verb"] != "RESOLVED":
                continue
            match = re.search(r"(?:Cllr|Councillor)\s+(.+?)\s+be\s+elected\s+(Vice[- ]Chair|Chair)", d["text"], re.I)
            if match:
                res = self.ctx.resolve(match.group(1), d["source"], councillor=True)
                office = "vice_chair" if "vice" in match.group(2).lower() else "chair"
                year = re.search(r"for\s+(\d{4}-\d{2})", d["text"])
                name = res.person.name if res.person else match.group(1)
                out["elections"].append({"office": office, "name": name, "civic_year": year.group(1) if year else
                                         (civic_year(day) if day else ""), "source": d["source"]})
                if day:
                    self.ctx.offices[(office, year.group(1) if year else civic_year(day))] = name
        if out["status"] == "inquorate" and out["declared_inquorate_at"] is None:
            self.ctx.flag("inquorate_time", "The meeting is recorded as inquorate but the time it was declared "
                          "inquorate could not be read.", self.src(self.lines[0]))
        if out["finished"] is None:
            self.ctx.flag("missing_finish", "The finishing time could not be read.", self.src(self.lines[-1]),
                          severity="info")


_TITLE_WORDS = re.compile(
    r"\b(?:officer|council|constabulary|manager|director|board|partnership|service|team|group|opccn|head|chair|"
    r"police|commissioner|county|norfolk|adder|inspector|safety|community|democratic|support|executive)\b", re.I)


def looks_like_name(text: str) -> bool:
    """A line that is just a person's name ("Paul Solomon-Sept"), not a title or a body."""
    text = text.strip()
    if not re.fullmatch(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|CI|Supt|Insp)\s+)?[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){1,2}", text):
        return False
    return not _TITLE_WORDS.search(text)


def harvest_names(lines: list[Line], ctx: Context, path: str) -> None:
    """Before reading any minutes in full, learn the names in their TAB-separated attendance lists,
    so that a list printed in another layout elsewhere can be matched against them."""
    in_block = False
    for ln in lines:
        text = flat(ln.raw)
        low = text.lower()
        if re.match(r"^(?:also\s+)?in\s+attendance|^present\s*:", low):
            in_block = True
            continue
        if not in_block or ln.blank:
            continue
        if _HEADING.match(text) or _FINISHED.match(text):
            in_block = False
            continue
        if "\t" not in ln.raw.strip():
            continue
        cells = [c.strip() for c in ln.text.split("\t")]
        name = re.sub(r"\s*\(.*$", "", cells[0]).strip()
        if name.lower().startswith(("cllr", "councillor")) and len(name) > 60:
            continue
        honorific, bare = split_honorific(name)
        if looks_like_name(bare) or honorific:
            councillor = honorific == "Cllr"
            ctx.names.add(KnownPerson(name=bare, councillor=councillor, strength=2,
                                      title="" if councillor else " ".join(cells[1:]).strip()))


def civic_year(day: dt.date, start_month: int = 5) -> str:
    year = day.year if day.month >= start_month else day.year - 1
    return f"{year}-{str(year + 1)[-2:]}"


def parse_minutes(lines: list[Line], ctx: Context, path: str) -> dict:
    return MinutesParser(lines, ctx, path).parse()
