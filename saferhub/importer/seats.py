"""Seats proposed from a Present list (issue 15): a committee created from minutes alone has no seats, so the
attendance of those present cannot be recorded (``not_recorded``). The review page proposes a member's seat for
each councillor present at the committee's first meeting in the import; nothing is placed unless the officer
chooses it (the flag's ``seats`` answer), and the commit step then creates the seats and memberships through the
governance actions (``commit.memberships``)."""

from __future__ import annotations

import datetime as dt

from saferhub.importer.parsing.extract import committee_key
from saferhub.importer.parsing.text import fmt_date

ANSWER = "seats"


def seat_proposals(extraction: dict) -> list[dict]:
    """A ``seats_proposed`` flag per committee without seats (in SaferHub or in the documents' membership tables)
    whose meetings list councillors present. Reads which committees already have seats."""
    if extraction.get("snapshots"):
        return []  # a membership table gives the seats
    from saferhub.governance.models import Seat

    seated = set()
    for name, short in Seat.objects.values_list("committee__name", "committee__short_name").distinct():
        seated |= {committee_key(name), committee_key(short or name)}
    proposals, done = [], set()
    for m in sorted(extraction.get("meetings") or [], key=lambda m: str(m["date"])):
        key = committee_key(m.get("committee") or "")
        if not m.get("committee") or key in seated or key in done or not m.get("present"):
            continue
        subs = {s["name"] for s in m.get("substitutes", [])}
        names = list(dict.fromkeys(p["name"] for p in m["present"] if p["name"] not in subs))
        if not names:
            continue
        done.add(key)
        src = m.get("source") or {"path": "", "lines": [0, 0]}
        day = fmt_date(dt.date.fromisoformat(str(m["date"])))
        proposals.append({
            "kind": "seats_proposed", "severity": "warning", "source": f"{src['path']}:{src['lines'][0]}",
            "message": f"{m['committee']} has no seats in SaferHub and no membership table was found, so the "
                       f"attendance of those present cannot be recorded. SaferHub can give each of the {len(names)} "
                       f"present at the meeting of {day} a member's seat from that date: {', '.join(names)}. Nothing "
                       "is placed unless you choose it.",
            "suggestions": [{"value": ANSWER, "label": f"Give these {len(names)} members' seats from {day}"}],
            "ref": {"committee": m["committee"], "date": str(m["date"]), "names": names},
        })
    return proposals
