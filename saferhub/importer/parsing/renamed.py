"""People whose surname changed between documents (Nicola Jepson, later Nicola Allum "(nee
Jepson)", 001:796, 000:22): the importer proposes the match as a flag for staff to accept or
reject. It never merges them itself, and never records the second name without saying so.

A pair is proposed when the two names share the forename and differ in the surname, they hold
the same place (an officer: the same role and organisation as printed; a councillor: the same
council and the same seat in the membership tables) and the dates they appear on do not overlap
(every appearance of one comes before every appearance of the other).
"""

from __future__ import annotations

import datetime as dt
import re

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.text import fmt_date, fold

KIND = "possible_same_person"


def _split(name: str) -> tuple[str, str]:
    words = name.split()
    return (fold(words[0]), fold(words[-1])) if len(words) >= 2 else ("", "")


def _places(ctx: Context, meetings) -> dict[str, dict]:
    """Per name: the dates seen, the first source, and the places held (role or seat)."""
    seen: dict[str, dict] = {}

    def note(name: str, day: str, place: str, source: str) -> None:
        if not name:
            return
        entry = seen.setdefault(name, {"dates": set(), "places": set(), "source": source})
        entry["dates"].add(day if isinstance(day, str) else day.isoformat())
        if place:
            entry["places"].add(place)

    for m in meetings:
        src = m.get("source") or {}
        source = f"{src['path']}:{src['lines'][0]}" if src.get("path") and src.get("lines") else ""
        for a in m.get("in_attendance", []):
            note(a["name"], m["date"], "role:" + fold(re.sub(r"\s*\(.*?\)", "", a.get("title") or "")), source)
        for p in m.get("present", []):
            note(p["name"], m["date"], "", source)
        for a in m.get("apologies", []):
            note(a["name"], m["date"], "", source)
    for snap in ctx.snapshots:
        for row in snap.rows:
            for name in (row.main, row.substitute):
                if name:
                    note(name, snap.date.isoformat(), f"seat:{row.key}", snap.source)
    return seen


def suggest_renamed(ctx: Context, meetings) -> None:
    meetings = list(meetings)
    seen = _places(ctx, meetings)
    people = {p.name: p for p in ctx.names.people}
    names = sorted(seen, key=lambda n: min(seen[n]["dates"]))
    proposed: set[str] = set()
    for i, earlier in enumerate(names):
        first_a, last_a = _split(earlier)
        for later in names[i + 1:]:
            first_b, last_b = _split(later)
            if not first_a or first_a != first_b or last_a == last_b or later in proposed:
                continue
            a, b = seen[earlier], seen[later]
            shared = {p for p in a["places"] & b["places"] if not p.endswith(":")}
            if not shared or max(a["dates"]) >= min(b["dates"]):
                continue
            pa, pb = people.get(earlier), people.get(later)
            if pa and pb and (pa.councillor != pb.councillor or fold(pa.body) != fold(pb.body)):
                continue
            place = sorted(shared)[0]
            what = (f"the same role (“{place[5:]}”)" if place.startswith("role:")
                    else f"the same seat ({place[5:].replace('#', ', place ')})")
            until, since = dt.date.fromisoformat(max(a["dates"])), dt.date.fromisoformat(min(b["dates"]))
            ctx.flag(KIND, f"“{later}” (from {fmt_date(since)}) may be {earlier} (until {fmt_date(until)}) under a new "
                     f"surname: the same forename, {what}, and they never appear at the same time. Choose “The same person” to "
                     f"record “{later}” as a name of {earlier}; otherwise two people are recorded and this flag stays "
                     "with the import.", b["source"],
                     suggestions=[{"value": "same", "label": f"The same person: record “{later}” as a name of "
                                   f"{earlier}"},
                                  {"value": "different", "label": "Different people: keep them apart"}],
                     ref={"name": later, "same_as": earlier, "place": place})
            proposed.add(later)
