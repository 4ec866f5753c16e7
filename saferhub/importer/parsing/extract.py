"""Read a batch of files into one extraction: documents, meetings, papers and flags.

``extract_batch`` is pure (no database): it takes the files' bytes and what is already known, and
returns plain data. ``public_json`` turns that into the documented, stable ``--dry-run --json``
shape (docs/importer.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict

from saferhub.importer.parsing.agenda import find_cross_references, parse_front_sheet
from saferhub.importer.parsing.context import Body, Context, Flag
from saferhub.importer.parsing.minutes import civic_year, harvest_names, parse_minutes
from saferhub.importer.parsing.moderngov import is_attendance_page, parse_attendance_page
from saferhub.importer.parsing.names import KnownPerson, canonical_variant, normalise
from saferhub.importer.parsing.papers import (
    parse_cover_report,
    parse_delivery_plan,
    parse_work_programme,
    parse_written_questions,
)
from saferhub.importer.parsing.reader import ReadError, read_lines
from saferhub.importer.parsing.renamed import suggest_renamed
from saferhub.importer.parsing.split import (
    ANNEX,
    APPENDIX,
    COVER_REPORT,
    FRONT_SHEET,
    KIND_LABELS,
    MINUTES,
    WORK_PROGRAMME,
    WRITTEN_QUESTIONS,
    find_documents,
)
from saferhub.importer.parsing.text import MONTHS, find_dates, first_date, flat, fmt_date, fold

STATUS_RANK = {"scheduled": 0, "held": 1, "rescheduled": 2, "inquorate": 3}


def committee_key(name: str) -> str:
    key = fold(name)
    key = re.sub(r"\([a-z]{2,8}\)", " ", key)
    key = key.replace("sub-panel", "sub panel").replace("-", " ")
    return " ".join(key.split())


def _iso(value):
    if isinstance(value, dt.date | dt.time):
        return value.isoformat() if isinstance(value, dt.date) else value.strftime("%H:%M")
    return value


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if k not in {"person", "seat", "line_obj"}}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "number") and hasattr(value, "raw"):
        return value.number
    return _iso(value)


def context_from_knowledge(knowledge: dict | None) -> Context:
    knowledge = knowledge or {}
    people = [KnownPerson(name=p["name"], aliases=list(p.get("aliases", [])), councillor=p.get("councillor", False),
                          body=p.get("body", ""), title=p.get("title", ""), db_id=p.get("id"), strength=3)
              for p in knowledge.get("people", [])]
    bodies = [Body(name=b["name"], aliases=list(b.get("aliases", [])), kind=b.get("kind", ""))
              for b in knowledge.get("bodies", [])]
    ctx = Context(people, bodies)
    ctx.committees = [dict(c) for c in knowledge.get("committees", [])]
    for m in knowledge.get("memberships", []):
        ctx.intervals.append({**m, "start": dt.date.fromisoformat(m["start"]),
                              "end": dt.date.fromisoformat(m["end"]) if m.get("end") else None})
    for o in knowledge.get("offices", []):
        ctx.offices[(o["office"], o["civic_year"])] = o["name"]
    return ctx


def extract_batch(files: list[tuple[str, bytes]], knowledge: dict | None = None) -> dict:
    """Extract everything from ``files`` (name, bytes). Raises ``ReadError`` for an unreadable file."""
    ctx = context_from_knowledge(knowledge)
    parsed = []
    for name, data in files:
        lines, kind, pages = read_lines(name, data)
        docs = find_documents(lines)
        attendance_page = kind == "html" and is_attendance_page(lines)
        if not attendance_page and not any(d.kind != "document" for d in docs):
            # Not refused: the review page says what was (not) found, so that the rest of a batch still imports.
            ctx.flag("not_understood", f"{name}: no agenda, minutes, report, work programme or attendance list was "
                     f"recognised in this file ({len(lines):,} lines); nothing was read from it. Check that it is "
                     "one of these, or leave it out of the import.", f"{name}:{lines[0].number}-{lines[-1].number}",
                     "error", ref={"file": name})
        parsed.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "kind": kind, "pages": pages,
                       "lines": lines, "docs": docs, "size": len(data), "attendance_page": attendance_page})
    result = {"files": [], "meetings": {}, "work_programme": [], "future_items": [], "written_questions": [],
              "delivery_plans": [], "reports": [], "fwp_additions": [], "item_links": []}
    # Pass 1: membership tables and agenda front sheets (they name the members and their councils).
    fronts = []
    for f in parsed:
        for doc in f["docs"]:
            if doc.kind == FRONT_SHEET:
                fs = parse_front_sheet(doc.lines(f["lines"]), ctx, f["name"])
                doc.data = fs
                fronts.append((f, doc, fs))
    # Pass 2: minutes, oldest first, so that elections inform later meetings.
    minutes_docs = []
    for f in parsed:
        for doc in f["docs"]:
            if doc.kind == MINUTES:
                dates = find_dates(" ".join(flat(ln.raw) for ln in doc.lines(f["lines"])[:8]))
                minutes_docs.append((dates[0][0] if dates else dt.date.max, f, doc))
    minutes_docs.sort(key=lambda t: (t[0], t[1]["name"]))
    # Attendance lists first, so that names used in narrative resolve against them.
    for _, f, doc in minutes_docs:
        harvest_names(doc.lines(f["lines"]), ctx, f["name"])
    parsed_minutes = []
    attendance_pages = []
    result_pending: list[dict] = []
    for f in parsed:
        if f["attendance_page"]:
            m = parse_attendance_page(f["lines"], ctx, f["name"])
            f["docs"][0].title = "Attendance"
            f["docs"][0].data = {"date": m["date"]}
            attendance_pages.append(m)
    for _, f, doc in minutes_docs:
        m = parse_minutes(doc.lines(f["lines"]), ctx, f["name"])
        doc.data = {"date": m["date"]}
        parsed_minutes.append((f, doc, m))
        if m["date"] is None:
            _pending_minutes(result_pending, m, doc.lines(f["lines"]), f["name"], ctx)
    # Pass 3: papers.
    for f in parsed:
        version = None
        for index, doc in enumerate(f["docs"]):
            lines = doc.lines(f["lines"])
            if doc.kind == FRONT_SHEET:
                version = doc.data.get("date")
            if doc.kind == COVER_REPORT:
                rep = parse_cover_report(lines, ctx, f["name"])
                if rep["meeting_date"] is None and version:
                    rep["meeting_date"] = version
                if rep["item"] is None and version:
                    agenda = next((fs for ff, dd, fs in fronts if ff is f), None)
                    if agenda:
                        match = [it for it in agenda["items"] if fold(it["title"]).replace("–", "-")[:40]
                                 == fold(rep["title"]).replace("–", "-")[:40]]
                        if match:
                            rep["item"] = match[0]["number"]
                doc.data = rep
                rep["document"] = index
                rep["path"] = f["name"]
                result["reports"].append(rep)
                result["item_links"] += find_cross_references(lines, f["name"], rep)
            elif doc.kind in (ANNEX, APPENDIX) and result["reports"] and result["reports"][-1]["path"] == f["name"]:
                result["item_links"] += find_cross_references(lines, f["name"], result["reports"][-1])
            elif doc.kind == WORK_PROGRAMME:
                wp = parse_work_programme(lines, ctx, f["name"], version)
                result["work_programme"] += wp["entries"]
                result["future_items"] += wp["future_items"]
            elif doc.kind == WRITTEN_QUESTIONS:
                wq = parse_written_questions(lines, ctx, f["name"])
                result["written_questions"] += wq["questions"]
            if any(re.match(r"^N\tAction\tSuccess measure", ln.raw, re.I) for ln in lines):
                plan = parse_delivery_plan(lines, ctx, f["name"])
                if plan["actions"]:
                    plan["source"] = {"path": f["name"], "lines": [lines[0].number, lines[-1].number]}
                    result["delivery_plans"].append(plan)
    renames = _canonicalise_variants(ctx)
    _merge_meetings(result, fronts, parsed_minutes, parsed, ctx)
    for page in attendance_pages:
        _merge_attendance_page(result, page, ctx)
    result["pending_meetings"] = result_pending
    _flag_missing_committees(result, ctx)
    if renames:
        _apply_renames(result, renames)
        _apply_renames(parsed_minutes, renames)
        for flag in ctx.flags:
            for old, new in renames.items():
                flag.message = flag.message.replace(f" as {old} ", f" as {new} ")
    for f in parsed:
        result["files"].append({
            "name": f["name"], "sha256": f["sha256"], "kind": f["kind"], "pages": f["pages"], "size": f["size"],
            "line_count": len(f["lines"]),
            "documents": [{"kind": d.kind, "label": KIND_LABELS[d.kind], "title": d.title,
                           "lines": [f["lines"][d.start].number, f["lines"][d.end - 1].number],
                           "pages": _pages(f["lines"][d.start:d.end]), "parent": d.parent,
                           "meeting_date": _doc_date(d), "item": (d.data or {}).get("item")}
                          for d in f["docs"]],
        })
    suggest_renamed(ctx, result["meetings"].values())  # a changed surname is proposed, never merged
    result["flags"] = [asdict(flag) for flag in ctx.flags]
    result["people"] = [{"name": p.name, "aliases": p.aliases, "councillor": p.councillor, "body": p.body,
                         "title": p.title, "db_id": p.db_id} for p in ctx.names.people]
    result["bodies"] = [{"name": b.name, "aliases": b.aliases, "kind": b.kind} for b in ctx.bodies]
    result["snapshots"] = [{"date": s.date.isoformat(), "source": s.source,
                            "rows": [{"body": r.body, "ordinal": r.ordinal, "member": r.main,
                                      "substitute": r.substitute, "source": r.source} for r in s.rows]}
                           for s in sorted(ctx.snapshots, key=lambda s: s.date)]
    result["meetings"] = sorted(result["meetings"].values(), key=lambda m: (m["date"], m["committee"]))
    return _jsonable(result)


def _doc_date(doc):
    data = doc.data or {}
    value = data.get("date") or data.get("meeting_date")
    return value.isoformat() if isinstance(value, dt.date) else value


def _pages(lines):
    pages = [ln.page for ln in lines if ln.page is not None]
    return [min(pages), max(pages)] if pages else None


_NAME_KEYS = {"name", "for", "chair", "member", "substitute"}


def _apply_renames(value, renames: dict[str, str]):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _NAME_KEYS and isinstance(item, str) and item in renames:
                value[key] = renames[item]
            else:
                _apply_renames(item, renames)
    elif isinstance(value, list | tuple):
        for item in value:
            _apply_renames(item, renames)
    return value


def _canonicalise_variants(ctx: Context) -> dict[str, str]:
    """Where one person appears under several spellings, keep the likeliest as the name."""
    renames = {}
    for person in ctx.names.people:
        if person.db_id is not None or not person.aliases:
            continue
        best = canonical_variant([person.name, *person.aliases])
        if normalise(best) != normalise(person.name):
            old = person.name
            person.name = best
            person.aliases = [a for a in person.aliases if normalise(a) != normalise(best)] + [old]
            renames[old] = best
    for snap in ctx.snapshots:
        for row in snap.rows:
            row.main = renames.get(row.main, row.main)
            row.substitute = renames.get(row.substitute, row.substitute)
    return renames


def _meeting(result: dict, committee: str, day: dt.date, precision: str = "day") -> dict:
    key = (committee_key(committee), day.isoformat(), precision)
    meeting = result["meetings"].get(key)
    if meeting is None:
        meeting = {
            "committee": committee, "date": day, "precision": precision, "status": "scheduled", "time": None,
            "venue": "", "chair": None, "chair_capacity": "", "chair_note": "", "present": [], "substitutes": [],
            "apologies": [], "in_attendance": [], "declarations": [], "minutes_confirmed": [], "decisions": [],
            "recommendations": [], "delegations": [], "elections": [], "items": [], "finished": None,
            "declared_inquorate_at": None, "source": None, "evidence": [], "agenda": None, "minutes": [],
            "livestream": "", "rescheduled_to": None, "quorum_stated": None, "remote": False,
        }
        result["meetings"][key] = meeting
    return meeting


def _set_status(meeting: dict, status: str, evidence: str) -> None:
    if STATUS_RANK[status] > STATUS_RANK[meeting["status"]] or (
            meeting["status"] == "scheduled" and status != "scheduled"):
        meeting["status"] = status
    meeting["evidence"].append(evidence)


def _merge_meetings(result: dict, fronts, parsed_minutes, parsed, ctx: Context) -> None:
    names = {}
    for _f, _doc, fs in fronts:
        if fs["committee"]:
            names.setdefault(committee_key(fs["committee"]), fs["committee"])
    def canonical(name: str) -> str:
        return names.get(committee_key(name), name)
    default_committee = next(iter(names.values()), None)
    known = _known_committees(names, ctx)
    minutes_by_key = {}
    for f, _doc, m in parsed_minutes:
        if m["date"] is None:
            continue
        named = m.get("committee_named", "")
        if named and committee_key(named) in known:
            committee = known[committee_key(named)]
        elif named and not m["committee"]:
            # The heading names a committee nobody knows: the officer chooses (or types) it; never guessed.
            committee = ""
            result.setdefault("committees_named", {})[m["date"].isoformat()] = named
        else:
            committee = canonical(m["committee"] or default_committee or "")
        default_committee = default_committee or committee
        meeting = _meeting(result, committee, m["date"])
        src = f"{f['name']}:{m['source']['lines'][0]}-{m['source']['lines'][1]}"
        key = (committee_key(committee), m["date"].isoformat())
        if key in minutes_by_key:
            _compare_renderings(minutes_by_key[key], m, ctx)
            meeting["minutes"].append(m["source"])
            continue
        minutes_by_key[key] = m
        for field in ("time", "venue", "chair", "chair_capacity", "chair_note", "present", "substitutes", "apologies",
                      "in_attendance", "declarations", "minutes_confirmed", "decisions", "recommendations",
                      "delegations", "elections", "items", "finished", "declared_inquorate_at", "quorum_stated"):
            meeting[field] = m[field]
        meeting["remote"] = bool(m.get("remote"))
        meeting["source"] = m["source"]
        meeting["minutes"].append(m["source"])
        _set_status(meeting, m["status"], f"Minutes {src}")
        for day in m["minutes_confirmed"]:
            if day < m["date"]:
                earlier = _meeting(result, committee, day)
                _set_status(earlier, "held", f"Its minutes were confirmed on {fmt_date(m['date'])} ({src})")
            else:
                # A confirmation of a meeting that had not happened: the flagged correction (the same
                # day a year earlier) is evidence that the earlier meeting was held, if it is known.
                result.setdefault("corrected_confirmations", []).append((committee, day.replace(year=day.year - 1), src))
        for add in m["fwp_additions"]:
            result["fwp_additions"].append({**add, "agreed_at": m["date"], "committee": committee})
    for f, _doc, fs in fronts:
        if fs["date"] is None:
            continue
        committee = canonical(fs["committee"])
        meeting = _meeting(result, committee, fs["date"])
        meeting["agenda"] = {"path": f["name"], "lines": fs["source"], "items": fs["items"],
                             "membership": fs["membership"], "published": fs["published"]}
        meeting["time"] = meeting["time"] or fs["time"]
        meeting["agenda_venue"] = fs["venue"]
        meeting["venue"] = meeting["venue"] or fs["venue"]
        meeting["livestream"] = fs["livestream"]
        if meeting["source"] is None:
            meeting["source"] = {"path": f["name"], "lines": fs["source"]}
        for item in fs["items"]:
            if item["kind"] == "minutes":
                for day in item.get("confirms", []):
                    if day < fs["date"]:
                        earlier = _meeting(result, committee, day)
                        _set_status(earlier, "held", f"Its minutes are on the agenda of {fmt_date(fs['date'])} "
                                    f"({f['name']}:{item['line']})")
    for committee_name, day, src in result.pop("corrected_confirmations", []):
        key = (committee_key(committee_name), day.isoformat(), "day")
        if key in result["meetings"]:
            _set_status(result["meetings"][key], "held", f"Its minutes were confirmed, under a misprinted date ({src})")
    committee = default_committee or ""
    # The work programme schedules meetings; month-only dates join an exact meeting in that month.
    for entry in result["work_programme"]:
        day = dt.date.fromisoformat(entry["meeting_date"])
        src = f"{entry['source']['path']}:{entry['source']['lines'][0]}"
        meeting = _match_month(result, committee, day, entry) if entry["precision"] == "month" else None
        if meeting is None:
            meeting = _meeting(result, committee, day, entry["precision"])
        entry["meeting"] = meeting["date"].isoformat()
        meeting["evidence"].append(f"Forward work programme {src}")
        if meeting["source"] is None:
            meeting["source"] = dict(entry["source"])
    # Past meetings mentioned in passing ("agreed at the 27 November 2020 Sub Panel meeting").
    for item in result["future_items"]:
        if item.get("agreed_at"):
            day = dt.date.fromisoformat(item["agreed_at"])
            meeting = _meeting(result, committee, day)
            _set_status(meeting, "held", f"Items were agreed at this meeting ({item['source']['path']}:"
                        f"{item['source']['lines'][0] - 2})")
            if meeting["source"] is None:
                meeting["source"] = dict(item["source"])
    # Rescheduled meetings: "in February 2022 (rescheduled from December 2021)".
    for f in parsed:
        for ln in f["lines"]:
            text = flat(ln.raw)
            for match in re.finditer(r"(\w+ \d{4}) \(rescheduled from (\w+) (\d{4})\)", text):
                to = _month(match.group(1))
                frm = (int(match.group(3)), MONTHS.get(match.group(2).lower()))
                if to is None or frm[1] is None:
                    continue
                target = next((m for m in result["meetings"].values() if (m["date"].year, m["date"].month) == to
                               and m["precision"] == "day"), None)
                for m in result["meetings"].values():
                    if (m["date"].year, m["date"].month) == frm and m["status"] == "scheduled":
                        _set_status(m, "rescheduled", f"Rescheduled ({f['name']}:{ln.number})")
                        m["rescheduled_to"] = target["date"] if target else None
                        ctx.flag("rescheduled", f"The meeting of {fmt_date(m['date'])} was rescheduled to "
                                 f"{match.group(1)}.", f"{f['name']}:{ln.number}", severity="info")
    for meeting in result["meetings"].values():
        if meeting["source"] is None and meeting["evidence"]:
            where = re.search(r"\(?([\w.-]+):(\d+)", meeting["evidence"][0])
            meeting["source"] = {"path": where.group(1), "lines": [int(where.group(2))] * 2} if where else None
        for d in meeting["delegations"]:
            if d["date"] is None:
                rep = next((r for r in result["reports"] if r["meeting_date"] == meeting["date"]
                            and r["item"] == d["item"] and r["report_to"]), None)
                if rep:
                    d["date"] = rep["report_to"]
                    d["date_from"] = "cover report"


def _pending_minutes(pending: list[dict], m: dict, lines, path: str, ctx: Context) -> None:
    """Minutes whose meeting date could not be read: kept aside with what was read from them; the officer may
    choose the date on the review page (each date printed near the top is offered), and they are then committed."""
    where = f"{path}:{lines[0].number}-{lines[-1].number}"
    found = []
    for ln in lines[:40]:
        for day, _a, _b in find_dates(flat(ln.raw)):
            if day.isoformat() not in {s["value"] for s in found}:
                found.append({"value": day.isoformat(), "label": f"The meeting was on {fmt_date(day)} (line {ln.number})"})
    pending.append(m)
    ctx.flag("meeting_date_missing", f"Minutes were found at {where}, but the date of their meeting could not be "
             f"read ({len(m['present'])} present, {len(m['apologies'])} apologies and {len(m['decisions'])} decisions "
             "were read from them). Choose the date to commit them; unless you do, they are left out.", where, "error",
             suggestions=found[:6], ref={"pending": len(pending) - 1})


def _known_committees(names: dict[str, str], ctx: Context) -> dict[str, str]:
    """The committees known, by ``committee_key``: those SaferHub has (under their name or short name, alone or
    after their council's name: "Norfolk County Council Scrutiny Committee") and those the batch's agenda front
    sheets name (``names``), which win."""
    known: dict[str, str] = {}
    for c in ctx.committees:
        for name in filter(None, (c["name"], c.get("short_name", ""))):
            known.setdefault(committee_key(name), c["name"])
            for council in filter(None, c.get("councils", [])):
                known.setdefault(committee_key(f"{council} {name}"), c["name"])
    return {**known, **names}


def _flag_missing_committees(result: dict, ctx: Context) -> None:
    """A meeting whose committee no document names, or whose minutes name one that is not known: the officer
    chooses one (or creates the one offered)."""
    named = sorted({m["committee"] for m in result["meetings"].values() if m["committee"]})
    unknown = result.pop("committees_named", {})
    for m in result["meetings"].values():
        if m["committee"]:
            continue
        src = m.get("source") or {"path": "", "lines": [0, 0]}
        written = unknown.get(m["date"].isoformat(), "")
        if written:
            message = (f"The minutes of the meeting of {fmt_date(m['date'])} name “{written}”, which is not a "
                       "committee SaferHub knows. Choose the committee it belongs to, or choose or type its name to "
                       "create it; unless you do, the meeting is left out.")
        else:
            message = (f"The meeting of {fmt_date(m['date'])} names no committee. Choose the committee it belongs "
                       "to; unless you do, it is left out.")
        offered = ([written] if written else []) + [name for name in named if name != written]
        ctx.flag("committee_missing", message, f"{src['path']}:{src['lines'][0]}", "error",
                 ref={"meeting": m["date"].isoformat()},
                 suggestions=[{"value": name, "label": name} for name in offered[:10]])


def _merge_attendance_page(result: dict, page: dict, ctx: Context) -> None:
    """A ModernGov attendance page: it gives the attendance of a meeting whose minutes have none (or are not
    imported); where the minutes record attendance too, each difference is flagged and the minutes are kept."""
    if page["date"] is None:
        return
    known = next((m for m in result["meetings"].values() if m["precision"] == "day" and m["date"] == page["date"]
                  and committee_key(m["committee"]) == committee_key(page["committee"])), None)
    where = f"{page['source']['path']}:{page['source']['lines'][0]}"
    if known is None or not known["minutes"]:
        meeting = known or _meeting(result, page["committee"], page["date"])
        for field in ("time", "chair", "present", "apologies", "in_attendance"):
            meeting[field] = meeting[field] or page[field]
        meeting["source"] = meeting["source"] or page["source"]
        meeting["minutes"].append(page["source"])
        _set_status(meeting, "held", f"Attendance page {where}")
        return
    for field in ("present", "apologies", "in_attendance"):
        mine = sorted(p["name"] for p in page[field])
        if not known[field]:
            known[field] = page[field]
        elif sorted(p["name"] for p in known[field]) != mine:
            ctx.flag("rendering_differs", f"The attendance page {where} and the minutes of {fmt_date(page['date'])} "
                     f"differ on who is listed as {field.replace('_', ' ')}; the minutes were kept.", where,
                     ref={"field": field})
    known["chair"] = known["chair"] or page["chair"]
    known["evidence"].append(f"Attendance page {where}")


def _month(text: str):
    match = re.match(r"(\w+) (\d{4})", text)
    if not match or match.group(1).lower() not in MONTHS:
        return None
    return int(match.group(2)), MONTHS[match.group(1).lower()]


def _match_month(result: dict, committee: str, day: dt.date, entry: dict):
    months = {day.month}
    alt = re.search(r"(\w+)/(\w+)\s+\d{4}", entry["date_text"])
    if alt:
        months |= {MONTHS.get(alt.group(1).lower(), 0), MONTHS.get(alt.group(2).lower(), 0)}
    for m in result["meetings"].values():
        if committee_key(m["committee"]) == committee_key(committee) and m["precision"] == "day" and \
                m["date"].year == day.year and m["date"].month in months:
            return m
    return None


def _compare_renderings(first: dict, second: dict, ctx: Context) -> None:
    """Two renderings of the same minutes: report each fact on which they differ."""
    where = f"{second['source']['path']}:{second['source']['lines'][0]}"
    other = f"{first['source']['path']}:{first['source']['lines'][0]}"
    checks = [
        ("present", lambda m: sorted((p["name"], p.get("body", "")) for p in m["present"])),
        ("apologies", lambda m: sorted((a["name"], a["kind"]) for a in m["apologies"])),
        ("in attendance", lambda m: sorted(a["name"] for a in m["in_attendance"])),
        ("declarations", lambda m: sorted((d["name"], d["type"]) for d in m["declarations"])),
        ("minutes confirmed", lambda m: m["minutes_confirmed"]),
        ("decisions", lambda m: [(d["item"], d["verb"], re.sub(r"[^a-z0-9]", "", d["text"].lower())) for d in m["decisions"]]),
        ("finishing time", lambda m: m["finished"]),
        ("chair", lambda m: m["chair"]),
    ]
    same = []
    for label, get in checks:
        if get(first) != get(second):
            ctx.flag("rendering_differs", f"The minutes of {fmt_date(first['date'])} at {where} are a second "
                     f"rendering of {other}; their {label} differ.", where, ref={"field": label})
        else:
            same.append(label)
    ctx.flag("second_rendering", f"The minutes of {fmt_date(first['date'])} at {where} are a second rendering of "
             f"{other}; they were reconciled with it (same {', '.join(same) or 'nothing'}).", where, severity="info")


# ---------------------------------------------------------------------------------------------
# The documented --json shape
# ---------------------------------------------------------------------------------------------


def public_json(result: dict) -> dict:
    """The stable shape printed by ``import_documents --dry-run --json`` (docs/importer.md)."""
    meetings = []
    for m in result["meetings"]:
        src = m.get("source") or {"path": "", "lines": [0, 0]}
        meetings.append({
            "committee": m["committee"],
            "date": m["date"],
            "status": m["status"],
            "chair": m["chair"],
            "present": [{"name": p["name"], "body": p.get("body", "")} for p in m["present"]],
            "substitutes": [{"name": s["name"], "for": s["for"]} for s in m["substitutes"]],
            "apologies": [{"name": a["name"], "kind": a["kind"]} for a in m["apologies"]],
            "in_attendance": [{"name": a["name"], "title": a["title"]} for a in m["in_attendance"]],
            "declarations": [{"name": d["name"], "type": d["type"], "text": d["text"]} for d in m["declarations"]],
            "minutes_confirmed": list(m["minutes_confirmed"]),
            "decisions": [{"item": d["item"], "verb": d["verb"], "text": d["text"]} for d in m["decisions"]],
            "finished": m["finished"],
            "source": {"path": src["path"], "lines": list(src["lines"])},
        })
    wp = [{"meeting_date": e["meeting_date"], "precision": e["precision"], "date_text": e["date_text"],
           "report": e["report"], "issues": e["issues"], "invited": e["invited"], "kind": "entry",
           "version": e["version"], "source": e["source"]} for e in result["work_programme"]]
    wp += [{"meeting_date": None, "precision": None, "date_text": "", "report": "", "issues": [i["text"]],
            "invited": "", "kind": "identified_for_future", "version": i["version"], "source": i["source"]}
           for i in result["future_items"]]
    wp += [{"meeting_date": a["meeting_date"], "precision": a.get("precision", "day"), "date_text": "",
            "report": "", "issues": [a["text"]], "invited": "", "kind": "added_by_minutes",
            "version": a["agreed_at"], "source": _src(a["source"])} for a in result["fwp_additions"]]
    questions = [{"meeting_date": q["meeting_date"], "number": q["number"], "item": q["item"],
                  "question": q["question"], "response": q["response"], "source": q["source"]}
                 for q in result["written_questions"]]
    actions = [{"plan": p["title"], "number": a["number"], "theme": a["theme"], "action": a["action"],
                "success_measure": a["success_measure"], "owner": a["owner"], "date": a["date"],
                "update": a["update"], "source": a["source"]}
               for p in result["delivery_plans"] for a in p["actions"]]
    flags = [{"kind": f["kind"], "message": f["message"], "source": f["source"]} for f in result["flags"]]
    return {"meetings": meetings, "work_programme": wp, "written_questions": questions, "delivery_actions": actions,
            "flags": flags}


def _src(text: str) -> dict:
    path, _, lines = text.rpartition(":")
    a, _, b = lines.partition("-")
    return {"path": path, "lines": [int(a), int(b or a)]}


__all__ = ["ReadError", "extract_batch", "public_json", "Flag", "civic_year", "first_date"]
