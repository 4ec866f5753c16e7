"""Who attended: the Present list (names paired with the councils they represent) and the list of
officers in attendance, in TAB-separated, untabbed and names-then-titles layouts."""

from __future__ import annotations

import re
from itertools import combinations

from rapidfuzz import fuzz

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.minutes.patterns import _FINISHED, _HEADING, ORG_END
from saferhub.importer.parsing.names import HONORIFICS, KnownPerson, split_honorific
from saferhub.importer.parsing.text import Line, flat, fold


class AttendanceMixin:
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
