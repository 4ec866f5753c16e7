"""What one import knows while it reads: people, bodies, memberships, flags."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from saferhub.importer.parsing.names import KnownPerson, NameBook, Resolution
from saferhub.importer.parsing.text import fold

_COUNCIL_RE = re.compile(
    r"(?:Borough Council of [A-Z][\w'’]*(?: (?:and|of|[A-Z][\w'’]*))*"
    r"|(?:the )?[A-Z][\w'’]*(?: (?:and|of|upon|on|[A-Z][\w'’]*))*? (?:County|District|Borough|City|Town|Parish) Council"
    r"(?: \([A-Z]{2,6}\))?)"
)


@dataclass
class Flag:
    kind: str
    message: str
    source: str  # "file:line" or "file:line-line"
    severity: str = "warning"  # info | warning | error
    suggestions: list[dict] = field(default_factory=list)
    ref: dict = field(default_factory=dict)

    def public(self) -> dict:
        return {"kind": self.kind, "message": self.message, "source": self.source}


@dataclass
class Body:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""


@dataclass
class SeatRow:
    body: str
    ordinal: int
    main: str | None  # canonical name, None = "To be confirmed"
    substitute: str | None
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.body}#{self.ordinal}"


@dataclass
class Snapshot:
    date: dt.date
    rows: list[SeatRow]
    source: str


def body_kind(name: str) -> str:
    low = name.lower()
    if "county council" in low:
        return "county_council"
    if re.search(r"(district|borough|city|town) council|borough council of", low):
        return "district_council"
    if "unitary" in low:
        return "unitary_council"
    return ""


class Context:
    """Names, bodies and membership snapshots for one import, plus the flags it raises."""

    def __init__(self, people: list[KnownPerson] | None = None, bodies: list[Body] | None = None,
                 snapshots: list[Snapshot] | None = None, offices: dict | None = None):
        self.names = NameBook(people or [])
        self.bodies: list[Body] = list(bodies or [])
        self.snapshots: list[Snapshot] = list(snapshots or [])
        self.offices: dict[tuple[str, str], str] = dict(offices or {})  # (office, civic year) -> name
        self.flags: list[Flag] = []
        self.aliases_seen: dict[str, tuple[str, str]] = {}  # written -> (canonical, source)
        self._flag_keys: set[tuple] = set()
        self.intervals: list[dict] = []  # memberships from the database: name, role, seat, body, start, end
        self.committees: list[dict] = []  # committees in the database: name, short_name, councils (owner's names)

    # -- flags -------------------------------------------------------------------------------
    def flag(self, kind: str, message: str, source: str, severity: str = "warning", **extra) -> Flag | None:
        key = (kind, message, source)
        if key in self._flag_keys:
            return None
        self._flag_keys.add(key)
        flag = Flag(kind, message, source, severity, extra.get("suggestions", []), extra.get("ref", {}))
        self.flags.append(flag)
        return flag

    # -- bodies ------------------------------------------------------------------------------
    def add_body(self, name: str) -> Body:
        found = self.find_body(name)
        if found:
            return found
        body = Body(name=" ".join(name.split()), kind=body_kind(name))
        self.bodies.append(body)
        return body

    def find_body(self, text: str) -> Body | None:
        key = fold(text.strip(" .,*")).removeprefix("the ")
        for body in self.bodies:
            if key in {fold(body.name), *(fold(a).removeprefix("the ") for a in body.aliases)}:
                return body
        words = _words(key)
        for body in self.bodies:
            if any(words == _words(fold(c)) for c in [body.name, *body.aliases]):
                return body
        best = None
        for body in self.bodies:
            for cand in [body.name, *body.aliases]:
                score = fuzz.token_sort_ratio(key, fold(cand))
                if score >= 97 and (best is None or score > best[0]):
                    best = (score, body)
        return best[1] if best else None

    def split_bodies(self, text: str) -> list[str]:
        """Split "Norfolk County Council North Norfolk District Council …" into body names."""
        rest = " ".join(text.replace("\t", " ").split()).strip(" *")
        out: list[str] = []
        names = sorted({n for b in self.bodies for n in [b.name, *b.aliases] if len(n) > 6}, key=len, reverse=True)
        while rest:
            for name in names:
                if fold(rest[:len(name)]) == fold(name):
                    out.append(rest[:len(name)])
                    rest = rest[len(name):].strip(" ,;")
                    break
            else:
                match = _COUNCIL_RE.match(rest)
                if not match:
                    out.append(rest)
                    break
                out.append(match.group(0))
                rest = rest[match.end():].strip(" ,;")
        return out

    # -- people ------------------------------------------------------------------------------
    def resolve(self, written: str, source: str, *, councillor: bool | None = None, create: bool = False,
                strength: int = 1, body: str = "", title: str = "") -> Resolution:
        """Resolve a name; record an alias flag for a variant spelling, an unresolved flag otherwise.

        With ``create`` (a structured list such as a membership table or the Present list), an
        unknown full name becomes a new known person and is reported as new, not as unresolved.
        """
        written = " ".join(written.split()).strip(" ,.;:")
        result = self.names.resolve(written, councillor=councillor)
        if result.person is not None:
            if result.how in {"fuzzy", "ocr"}:
                self.names.add_alias(result.person, _bare(written))
                self._alias(written, result.person.name, source, result.how)
            if body and not result.person.body:
                result.person.body = body
            if title and not result.person.title:
                result.person.title = title
            return result
        from saferhub.importer.parsing.names import split_honorific
        honorific, bare = split_honorific(written)
        if create and " " in bare.strip():
            person = self.names.add(KnownPerson(
                name=bare, councillor=bool(councillor or honorific == "Cllr"), body=body, title=title,
                strength=strength))
            return Resolution(written, person, "new")
        self.flag("unresolved_name", f"“{written}” does not match anyone known; it was not linked to a person.",
                  source, ref={"name": written})
        return result

    def _alias(self, written: str, canonical: str, source: str, how: str) -> None:
        bare = _bare(written)
        if bare in self.aliases_seen:
            return
        self.aliases_seen[bare] = (canonical, source)
        self.flag("name_alias", f"“{bare}” read as {canonical} ({'OCR correction' if how == 'ocr' else 'close spelling'}); "
                  "recorded as an alias.", source, severity="info", ref={"alias": bare, "person": canonical})

    # -- memberships -------------------------------------------------------------------------
    def snapshot_for(self, day: dt.date) -> Snapshot | None:
        before = [s for s in self.snapshots if s.date <= day]
        if before:
            return max(before, key=lambda s: s.date)
        after = [s for s in self.snapshots if s.date > day]
        return min(after, key=lambda s: s.date) if after else None

    def role_on(self, name: str, day: dt.date) -> tuple[str, SeatRow] | None:
        """("member" | "substitute", seat row) for a canonical name on a date: from the database's
        memberships when it has them, else from the nearest membership table."""
        for iv in self.intervals:
            if iv["name"] == name and iv["start"] <= day and (iv["end"] is None or day <= iv["end"]):
                seat = [m for m in self.intervals if m["seat"] == iv["seat"] and m["start"] <= day
                        and (m["end"] is None or day <= m["end"])]
                main = next((m["name"] for m in seat if m["role"] == "member"), None)
                sub = next((m["name"] for m in seat if m["role"] == "substitute"), None)
                body, _, ordinal = iv["seat"].rpartition("#")
                return iv["role"], SeatRow(body=iv["body"], ordinal=int(ordinal or 1), main=main, substitute=sub)
        ordered = sorted(self.snapshots, key=lambda s: (s.date > day, abs((s.date - day).days)))
        for snap in ordered:
            for row in snap.rows:
                if row.main == name:
                    return "member", row
                if row.substitute == name:
                    return "substitute", row
        return None

    def seat_row_on(self, key: str, day: dt.date) -> SeatRow | None:
        snap = self.snapshot_for(day)
        if not snap:
            return None
        return next((r for r in snap.rows if r.key == key), None)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9']+", text.replace("’", "'")) if w not in {"of", "the", "and"})


def _bare(written: str) -> str:
    from saferhub.importer.parsing.names import split_honorific
    return split_honorific(written)[1]
