"""Apologies: members, named substitutes ("who was substituted by …", "her substitute …") and
officers with their titles."""

from __future__ import annotations

import re

from saferhub.importer.parsing.names import split_honorific
from saferhub.importer.parsing.text import Line


class ApologiesMixin:
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
