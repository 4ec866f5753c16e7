"""Minutes in another council's layout, read by :mod:`general`, put into the shape the Norfolk reader
gives (``MinutesParser.out``), so that merging, the review page and committing treat them alike.

Names are resolved like the Norfolk lists' (created as new people when nobody matches, with the
importer's usual flags); what the general reader could not read is flagged with its line."""

from __future__ import annotations

from saferhub.importer.parsing.agenda import item_kind
from saferhub.importer.parsing.minutes.general import read_general_minutes


def read_other_layout(parser) -> bool:
    """Fill ``parser.out`` from the general reader; ``False`` when it found nothing to go on."""
    g = read_general_minutes(parser.lines, parser.path)
    out, ctx = parser.out, parser.ctx
    if g["date"] is None and not (g["present"] or g["apologies"] or g["decisions"] or g["declarations"]):
        return False
    by_number = {ln.number: ln for ln in parser.lines}
    head = by_number.get(g.get("header_line"), parser.lines[0])
    for key in ("committee", "date", "time", "finished", "venue", "remote", "exempt", "votes"):
        out[key] = g[key]
    if out["remote"] and not out["venue"]:
        out["venue"] = "Remote meeting"  # the meeting's place, as the minutes give it
    out["layout"] = "general"
    where = parser.src(head)
    people = []
    for name in g["present"]:
        res = ctx.resolve(name, where, councillor=True, create=True, strength=2)
        people.append({"written": name, "note": "", "line": head, "name": res.person.name if res.person else name,
                       "person": res.person})
    parser._pair_bodies(people, [])
    out["present"] = people
    if g["chair"]:
        chair = next((p["name"] for p in people if p["written"] == g["chair"]), None)
        if chair is None:
            res = ctx.resolve(g["chair"], where, councillor=True)
            chair = res.person.name if res.person else g["chair"]
        out["chair"], out["chair_capacity"], out["chair_note"] = chair, "chair", ""
    for name in g["apologies"]:
        ctx.resolve(name, where, councillor=True, create=True, strength=2)
        parser._apology_person(name, "member", where, out["apologies"])
    for s in g["substitutes"]:
        res = ctx.resolve(s["name"], where, councillor=True, create=True, strength=2)
        out["substitutes"].append({"name": res.person.name if res.person else s["name"], "for": s["for"],
                                   "source": where, "stated": True})
    for d in g["declarations"]:
        res = ctx.resolve(d["name"], where, councillor=True, create=True, strength=2)
        out["declarations"].append({"name": res.person.name if res.person else d["name"],
                                    "type": "DPI" if d["kind"] == "pecuniary" else "Other", "kind": d["kind"],
                                    "item": d["item"], "text": d["text"], "during_meeting": False, "source": where})
    out["minutes_confirmed"] = sorted(set(g["minutes_confirmed"]))
    items = [{"number": it["number"], "title": it["title"] or f"Item {it['number']}", "line": it["line"]}
             for it in g["items"]]
    numbers = {it["number"] for it in items}
    if any(d["item"] not in numbers for d in g["decisions"]):
        items.insert(0, {"number": "", "title": "Business of the meeting", "line": head.number})
    last = parser.lines[-1].number
    for n, it in enumerate(items):
        end = items[n + 1]["line"] - 1 if n + 1 < len(items) else last
        out["items"].append({"number": it["number"], "title": it["title"][:300], "kind": item_kind(it["title"]),
                             "minute_text": "", "source": [it["line"], max(it["line"], end)]})
    for d in g["decisions"]:
        line = int(d["source"].rsplit(":", 1)[1])
        out["decisions"].append({"item": d["item"], "verb": d["verb"], "text": d["text"], "source": d["source"],
                                 "line": line})
    for f in g["flags"]:
        ctx.flag(f["kind"], f["message"], f["source"], "error" if f["kind"] == "missing_date" else "warning")
    ctx.flag("other_layout", "These minutes are not in a layout SaferHub knows in full; the date, attendance, "
             "apologies, declarations and decisions were read with the general reader. Check them before "
             "committing.", parser.src(parser.lines[0], parser.lines[-1]), "info")
    return True

