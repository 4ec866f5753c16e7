"""Agenda front sheets: the meeting's date, time and venue, the membership table and the items."""

from __future__ import annotations

import re

from saferhub.importer.parsing.context import Context, SeatRow, Snapshot
from saferhub.importer.parsing.text import Line, find_time, first_date, flat, fold

_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*[.)]?\s*\t*\s*(?P<title>[A-Za-z(].*)$")
_PAGE = re.compile(r"\(\s*Page\s*\**\s*(\d{1,4})\s*\**\s*\)", re.I)
_SUB_ITEM = re.compile(r"^(?P<l>[a-h])\)\s*(?P<text>.+)$")
_SIGNATURE = re.compile(r"head of paid service|date agenda published|chief executive$|^tom mccabe", re.I)
STANDARD_KINDS = [
    ("apologies", re.compile(r"apologies", re.I)),
    ("minutes", re.compile(r"^minutes\b", re.I)),
    ("declarations", re.compile(r"declar\w* (?:any |of )?interests?|interests", re.I)),
    ("urgent_business", re.compile(r"urgen", re.I)),
    ("election", re.compile(r"election of|appointment of (?:the )?(?:chair|vice)", re.I)),
    ("terms_of_reference", re.compile(r"terms of reference", re.I)),
    ("work_programme", re.compile(r"work programme|work plan", re.I)),
    ("inquorate", re.compile(r"inquorate", re.I)),
    ("verbal_update", re.compile(r"^a verbal", re.I)),
]


def item_kind(title: str, description: str = "") -> str:
    for kind, regex in STANDARD_KINDS:
        if kind == "verbal_update":
            if regex.search(description):
                return kind
            continue
        if regex.search(title):
            return kind
    if re.match(r"introductions?$", title.strip(), re.I):
        return "other"
    return "report"


def _fix_title(title: str) -> str:
    title = _PAGE.sub(" ", title)
    title = re.sub(r"(\d{4})-\s+(\d{2})\b", r"\1-\2", title)
    title = re.sub(r"\s*\t+\s*", " ", title)
    return " ".join(title.split()).strip(" -")


def parse_membership_table(lines: list[Line], ctx: Context, path: str, day) -> Snapshot | None:
    """The MAIN MEMBER / SUBSTITUTE MEMBER / REPRESENTING table, rows resolved to people and bodies."""
    rows: list[SeatRow] = []
    header = None
    source = ""
    for index, line in enumerate(lines):
        cells = [c.strip() for c in line.text.split("\t")]
        if header is None:
            if len(cells) >= 3 and "main member" in cells[0].lower() and "representing" in cells[-1].lower():
                header = index
                source = f"{path}:{line.number}"
            continue
        if line.blank:
            if rows:
                break
            continue
        if len(cells) < 3:
            break
        main, sub, body_name = cells[0], cells[1], cells[-1]
        body = ctx.add_body(body_name)
        where = f"{path}:{line.number}"
        ordinal = 1 + sum(1 for r in rows if r.body == body.name)
        people = []
        for written in (main, sub):
            if not written or re.match(r"to be confirmed|tbc|vacan", written, re.I):
                people.append(None)
                continue
            res = ctx.resolve(written, where, councillor=True, create=True, strength=2, body=body.name)
            people.append(res.person.name if res.person else None)
        rows.append(SeatRow(body=body.name, ordinal=ordinal, main=people[0], substitute=people[1], source=where))
    if not rows or day is None:
        return None
    snap = Snapshot(date=day, rows=rows, source=source)
    for row in rows:
        if row.main is None:
            ctx.flag("vacancy", f"{row.body} has no main member: the table says “To be confirmed”.", row.source,
                     severity="info")
    return snap


def parse_front_sheet(lines: list[Line], ctx: Context, path: str) -> dict:
    """Read an agenda front sheet."""
    out: dict = {"committee": "", "date": None, "time": None, "venue": "", "published": None, "items": [],
                 "contact": "", "livestream": "", "source": [lines[0].number, lines[-1].number] if lines else [0, 0]}
    texts = [(ln, flat(ln.raw)) for ln in lines if not ln.blank]
    if texts:
        out["committee"] = texts[0][1]
    for _ln, text in texts[:14]:
        low = text.lower()
        if low.startswith("date:") and out["date"] is None:
            out["date"] = first_date(text)
        elif low.startswith("time:") and out["time"] is None:
            out["time"] = find_time(text)
        elif low.startswith("venue:") and not out["venue"]:
            out["venue"] = text.split(":", 1)[1].strip()
    for ln, text in texts:
        if "date agenda published" in text.lower():
            out["published"] = first_date(text.lower().split("date agenda published", 1)[1])
        if re.search(r"youtu\.?be|youtube\.com", ln.raw) and not out["livestream"]:
            match = re.search(r"https?://\S+", ln.raw)
            if match:
                url = match.group(0).rstrip(")].,")
                after = ln.raw[match.end():match.end() + 2]
                if after.startswith(" ") and re.match(r"^https?://youtu\.be/$", url):
                    ctx.flag("invalid_link", f"The livestream link “{url}{ln.raw[match.end():].split()[0]}” "
                             "contains a space, so it is not a valid address; it is kept as text only.",
                             f"{path}:{ln.number}", severity="info")
                else:
                    out["livestream"] = url.replace("\\_", "_")
    snapshot = parse_membership_table(lines, ctx, path, out["date"])
    if snapshot:
        ctx.snapshots.append(snapshot)
        out["membership"] = [
            {"body": r.body, "member": r.main or "To be confirmed", "substitute": r.substitute or "To be confirmed"}
            for r in snapshot.rows
        ]
    else:
        out["membership"] = []
    out["items"] = _items(lines, ctx, path)
    if out["date"] is None:
        ctx.flag("missing_date", "The agenda's meeting date could not be read.", f"{path}:{out['source'][0]}", "error")
    return out


def _items(lines: list[Line], ctx: Context, path: str) -> list[dict]:
    start = None
    for index, line in enumerate(lines):
        text = flat(line.raw).replace(" ", "").lower()
        if text == "agenda":
            start = index + 1
            break
    if start is None:
        return []
    items: list[dict] = []
    orphans: list[tuple[int, int]] = []
    expected = 1
    in_boilerplate = False
    for line in lines[start:]:
        if line.blank:
            continue
        text = line.text
        plain = flat(line.raw)
        if _SIGNATURE.search(plain):
            break
        if re.fullmatch(r"[-\t ]+", line.raw):
            continue
        page_only = re.fullmatch(r"\(\s*Page\s*(\d+)\s*\)", plain.replace("*", ""), re.I)
        match = _ITEM.match(plain if "\t" not in text else text.replace("\t", " \t"))
        if match and int(match["n"]) == expected:
            title = match["title"]
            page = _PAGE.search(title)
            title = _fix_title(title)
            items.append({"number": match["n"], "title": title, "page": int(page.group(1)) if page else None,
                          "description": "", "sub_items": [], "line": line.number})
            expected += 1
            in_boilerplate = items[-1]["title"].lower().startswith("members to declare")
            continue
        if not items:
            continue
        item = items[-1]
        if page_only:
            if item["page"] is None and not item["description"]:
                item["page"] = int(page_only.group(1))
            else:
                orphans.append((int(page_only.group(1)), line.number))
            continue
        sub = _SUB_ITEM.match(plain)
        if sub and item["title"].lower().startswith("minutes"):
            page = _PAGE.search(sub["text"])
            item["sub_items"].append({"label": sub["l"], "text": _fix_title(sub["text"]),
                                      "date": first_date(sub["text"]), "page": int(page.group(1)) if page else None})
            continue
        if in_boilerplate:
            continue
        if not item["description"]:
            item["description"] = _fix_title(plain)
    for page, number in orphans:
        candidates = [
            it for it in items if it["page"] is None
            and item_kind(it["title"], it["description"]) in {"report", "other"}
        ]
        placed = False
        for it in candidates:
            before = [x["page"] for x in items[:items.index(it)] if x["page"]]
            after = [x["page"] for x in items[items.index(it) + 1:] if x["page"]]
            if (not before or before[-1] < page) and (not after or page < after[0]):
                it["page"] = page
                ctx.flag("orphan_page", f"A page number “(Page {page})” is printed apart from its item; it was "
                         f"placed with item {it['number']} ({it['title']}) by page order.", f"{path}:{number}",
                         severity="info")
                placed = True
                break
        if not placed:
            ctx.flag("orphan_page", f"A page number “(Page {page})” could not be placed with an item.",
                     f"{path}:{number}", severity="info")
    for it in items:
        it["kind"] = item_kind(it["title"], it["description"])
        for sub in it["sub_items"]:
            if sub["page"] is None:
                continue
        if it["kind"] == "minutes":
            dates = [s["date"] for s in it["sub_items"] if s["date"]]
            if not dates and it["description"]:
                dates = [d for d in [first_date(it["description"])] if d]
            it["confirms"] = dates
    return items


def same_title(a: str, b: str) -> bool:
    return fold(a).replace("–", "-") == fold(b).replace("–", "-")


_ITEM_REF = re.compile(r"\b(?:see|described at|set out at|set out in|covered at|covered under|considered at|under|at)\s+"
                       r"(?:agenda\s+)?item\s+(\d{1,2})\b(?:\s+on (?:today's|this|the) agenda)?", re.I)
_EARLIER = re.compile(r"\b(?:the )?(?:report|papers?) (?:produced|prepared|published) for the meetings? "
                      r"(?:scheduled|held|planned) (?:for |in |on )?((?:[A-Z][a-z]+(?:,| and| &)? ?){1,4}\d{4})")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def find_cross_references(lines, path: str, report: dict | None) -> list[dict]:
    """References from a report (cover report or annex) to another item of the same meeting ("see
    item 3", "described at item 9 on today's agenda", 002:493) or to the papers of earlier meetings
    ("the report produced for the meetings scheduled in September and December 2022", 001:681)."""
    if not report or not report.get("item") or not report.get("meeting_date"):
        return []
    out: list[dict] = []
    for ln in lines:
        if ln.blank:
            continue
        text = flat(ln.raw)
        for m in _ITEM_REF.finditer(text):
            if m.group(1) != str(report["item"]):
                out.append({"meeting_date": report["meeting_date"], "from_item": str(report["item"]), "kind": "item",
                            "to_item": m.group(1), "months": [], "text": m.group(0)[:300],
                            "source": {"path": path, "lines": [ln.number, ln.number]}})
        for m in _EARLIER.finditer(text):
            words = m.group(1).replace(",", " ").replace("&", " ").split()
            year = words[-1]
            months = [f"{year}-{_MONTHS.index(w.lower()) + 1:02d}" for w in words[:-1] if w.lower() in _MONTHS]
            if months:
                out.append({"meeting_date": report["meeting_date"], "from_item": str(report["item"]),
                            "kind": "earlier_papers", "to_item": None, "months": months, "text": m.group(0)[:300],
                            "source": {"path": path, "lines": [ln.number, ln.number]}})
    return out
