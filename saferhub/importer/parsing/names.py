"""Resolving written names to known people, with fuzzy matching and recorded aliases.

A name printed in a document ("Cllr lan Mackie", "Amanda Muir", "Cllr Mark Kiddle – Morris") is
resolved against the people already known (from the database and from structured lists in the
same import, such as membership tables and attendance lists). Exact and alias matches resolve
silently; a close spelling resolves with an alias flag; a surname resolves only when exactly one
known councillor has it. Anything else is unresolved and flagged: names are never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

HONORIFICS = (
    "Cllr", "Councillor", "Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Professor", "Supt", "T/Supt", "Ch Supt",
    "CI", "DCI", "DI", "Insp", "Inspector", "Acting Inspector", "Sgt", "PC", "Rev", "Sir", "Dame", "Chief Inspector",
    "Superintendent", "Det Supt",
)
_HON_RE = re.compile(
    r"^(?P<h>" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+(?P<rest>\S.*)$"
)
_DASHES = re.compile(r"\s*[‐‑‒–—-]\s*")
FUZZY_THRESHOLD = 86


def split_honorific(text: str) -> tuple[str, str]:
    cleaned = " ".join((text or "").split())
    match = _HON_RE.match(cleaned)
    if not match:
        return "", cleaned
    h = match["h"]
    return ("Cllr" if h.lower() in {"cllr", "councillor"} else h), match["rest"]


def ocr_fix(name: str) -> str:
    """Undo the commonest OCR slip in names: a capital I read as a lower-case l ("lan" → "Ian")."""
    return re.sub(r"(?<![\w'])l(?=[a-z]{1,12}\b)", "I", name)


def normalise(text: str) -> str:
    """Fold a name for comparison: no honorific, NFKC, one hyphen style, single spaces, lower case."""
    _, bare = split_honorific(text)
    bare = unicodedata.normalize("NFKC", bare)
    bare = _DASHES.sub("-", bare)
    return " ".join(bare.split()).casefold()


@dataclass
class KnownPerson:
    """Someone the importer can resolve names to (from the database or a structured list)."""

    name: str
    aliases: list[str] = field(default_factory=list)
    councillor: bool = False
    body: str = ""
    title: str = ""
    db_id: int | None = None
    strength: int = 1  # 3 = database, 2 = membership table or attendance list, 1 = narrative

    @property
    def surname(self) -> str:
        return normalise(self.name).split(" ")[-1]


@dataclass
class Resolution:
    written: str
    person: KnownPerson | None
    how: str  # exact | alias | fuzzy | surname | ocr | new | unresolved
    score: float = 100.0


class NameBook:
    """The people known to one import, and how each written form was resolved."""

    def __init__(self, people: list[KnownPerson] | None = None):
        self.people: list[KnownPerson] = []
        self._index: dict[str, KnownPerson] = {}
        for person in people or []:
            self.add(person)

    def add(self, person: KnownPerson) -> KnownPerson:
        key = normalise(person.name)
        existing = self._index.get(key)
        if existing:
            existing.strength = max(existing.strength, person.strength)
            existing.councillor = existing.councillor or person.councillor
            existing.body = existing.body or person.body
            existing.title = existing.title or person.title
            for alias in person.aliases:
                self.add_alias(existing, alias)
            return existing
        self.people.append(person)
        self._index[key] = person
        for alias in list(person.aliases):
            self._index.setdefault(normalise(alias), person)
        return person

    def add_alias(self, person: KnownPerson, alias: str) -> None:
        key = normalise(alias)
        if key == normalise(person.name) or key in self._index:
            return
        person.aliases.append(" ".join(alias.split()))
        self._index[key] = person

    def lookup(self, written: str) -> KnownPerson | None:
        return self._index.get(normalise(written))

    def resolve(self, written: str, *, councillor: bool | None = None) -> Resolution:
        """Resolve a written name. ``councillor`` narrows surname and fuzzy matching when known."""
        honorific, bare = split_honorific(written)
        if councillor is None and honorific == "Cllr":
            councillor = True
        bare = bare.strip(" ,.;:")
        if not bare:
            return Resolution(written, None, "unresolved", 0)
        exact = self._index.get(normalise(bare))
        if exact:
            return Resolution(written, exact, "exact" if normalise(exact.name) == normalise(bare) else "alias")
        fixed = ocr_fix(bare)
        if fixed != bare and self._index.get(normalise(fixed)):
            return Resolution(written, self._index[normalise(fixed)], "ocr", 99)
        pool = [p for p in self.people if councillor is None or p.councillor == councillor or not p.councillor]
        key = normalise(fixed)
        if " " not in key:
            same = [p for p in pool if p.surname == key and (councillor is None or p.councillor == councillor)]
            if len(same) == 1:
                return Resolution(written, same[0], "surname")
            return Resolution(written, None, "unresolved", 0)
        best: list[tuple[float, KnownPerson]] = []
        first = key.split(" ")[0]
        for person in pool:
            for candidate in [person.name, *person.aliases]:
                cand = normalise(candidate)
                if " " not in cand:
                    continue
                score = fuzz.ratio(key, cand)
                # A different forename is a different person, however close the surname.
                if cand.split(" ")[0][:1] != first[:1]:
                    continue
                if score >= FUZZY_THRESHOLD:
                    best.append((score, person))
        best.sort(key=lambda s: -s[0])
        distinct = {id(p) for _, p in best}
        if len(distinct) == 1:
            return Resolution(written, best[0][1], "fuzzy", best[0][0])
        if len(distinct) > 1 and best[0][0] - best[1][0] >= 5:
            return Resolution(written, best[0][1], "fuzzy", best[0][0])
        return Resolution(written, None, "unresolved", best[0][0] if best else 0)


_NAME_TOKEN = r"[A-Z][a-zA-Z'’]+(?:[‐‑‒–—-][A-Z][a-zA-Z'’]+)?"
NAME_RE = re.compile(
    r"(?:(?:" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+)?"
    + _NAME_TOKEN + r"(?:\s+(?:[‐‑‒–—-]\s+)?" + _NAME_TOKEN + r"){0,3}"
)


def canonical_variant(variants: list[str]) -> str:
    """Choose the canonical spelling among variants of one name: OCR-fixed, then the longest
    (a dropped letter is a commoner slip than an added one), then the commonest."""
    fixed = [" ".join(_DASHES.sub("-", ocr_fix(v)).split()) for v in variants]
    counts: dict[str, int] = {}
    for v in fixed:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=lambda v: (len(v.replace(" ", "")), counts[v], v))


# -- names as printed in other councils' lists -------------------------------------------------
_LIST_PREFIX = re.compile(r"^(?:(?:District|County|Borough|Town|Parish)\s+)?(?:Councillors|Councillor|Cllrs|Cllr|"
                          r"Members|Mr|Mrs|Ms|Miss|Mx|Dr|Colonel|Col|Professor|Prof|Sir|Dame|Rev)\.?\s+", re.I)
_SUFFIXES = re.compile(r"(?:,?\s+(?:CC|MBE|OBE|CBE|JP|DL|BEM|QPM|KC|QC|MP))+\.?$")
_NOT_NAMES = {"panel", "council", "committee", "police", "crime", "member", "members", "board", "partnership", "service",
              "authority", "office", "officer", "officers", "chair", "chairman", "mayor", "group", "team", "trust", "county",
              "district", "borough", "the", "minutes", "meeting", "present", "apologies", "none", "clerk", "public"}
_NAME_TOKEN = re.compile(r"^(?:[A-Z]\.?|[A-Z][a-zA-Z'’]+(?:-[A-Z][a-zA-Z'’]+)*|Mac|Mc[A-Z][a-z]+|de|van|von|ap|al)$")


def printed_name(text: str) -> str | None:
    """A person's name from a list entry ("Councillor Mrs P A Channer, CC", "Cllr Sam Naylor (Cheshire East)",
    "K. Evans"): without titles, honours, bracketed notes or initials' full stops; ``None`` when the text
    does not read as a name (it is then flagged by the caller, never guessed)."""
    text = re.sub(r"\([^()]*\)?", " ", text or "")
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,.;:|")
    for _ in range(3):
        text = _LIST_PREFIX.sub("", text).strip()
    text = _SUFFIXES.sub("", text).strip(" ,.;:")
    text = re.sub(r"\s+(?:co-opted|independent|substitute|lay)(?:\s+members?)?$", "", text, flags=re.I)
    text = re.sub(r"\b([A-Z])\.(?=\s|$|[A-Z])", r"\1 ", text)
    tokens = text.split()
    if not tokens or len(tokens) > 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    if not any(len(t.strip(".")) > 1 for t in tokens) or any(t.lower() in _NOT_NAMES for t in tokens):
        return None
    return " ".join(t.rstrip(".") for t in tokens)
