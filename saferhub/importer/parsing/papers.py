"""Cover reports, forward work programmes, written questions and delivery-plan action tables."""

from __future__ import annotations

import re

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.text import Line, clean, find_dates, first_date, flat, month_year, strip_markup

_LI = re.compile(r"<li>(.*?)</li>", re.I | re.S)


def _cell_text(cell: str) -> list[str]:
    """A table cell as a list of entries: HTML list items, bullets or the whole text."""
    items = [strip_markup(m) for m in _LI.findall(cell)]
    if items:
        before = strip_markup(cell.split("<ul", 1)[0]).strip()
        out = [before] if before else []
        out += items
    else:
        text = strip_markup(cell)
        out = [p for p in re.split(r"\s*(?:•|;\s+(?=[A-Z])|(?<=\.)\s+(?=[A-Z]))\s*", text)] if "•" in text else [text]
    return [" ".join(re.sub(r"^[-•·]\s*", "", o.strip()).split()) for o in out if o and o.strip(" -•")]


def _rows(lines: list[Line], header_test) -> tuple[list[str], list[tuple[list[str], int, int]]]:
    """Logical table rows: a physical row starting with a TAB (an empty first cell) continues the
    previous row, cell by cell (split and multi-line cells, seed-governance §4)."""
    header: list[str] = []
    rows: list[tuple[list[str], int, int]] = []
    started = False
    for ln in lines:
        if ln.blank:
            continue
        raw = ln.raw.rstrip("\n")
        if not started:
            if header_test(flat(raw.replace("\t", " \t "))) and "\t" in raw:
                header = [clean(c) for c in raw.split("\t")]
                started = True
            continue
        if "\t" not in raw:
            if rows and not re.match(r"^(?:items identified|it was agreed)", flat(raw), re.I):
                break
            break
        cells = raw.split("\t")
        if re.fullmatch(r"[-\s|]*", raw.replace("\t", "")):
            continue
        if cells[0].strip() == "" and rows:
            prev, a, _ = rows[-1]
            for k, c in enumerate(cells[1:], start=1):
                if not c.strip():
                    continue
                while len(prev) <= k:
                    prev.append("")
                prev[k] = (prev[k] + " " + c).strip()
            rows[-1] = (prev, a, ln.number)
            continue
        rows.append((cells, ln.number, ln.number))
    return header, rows


def parse_work_programme(lines: list[Line], ctx: Context, path: str, version_date) -> dict:
    """A forward work programme table and its "items identified for future meetings"."""
    _, rows = _rows(lines, lambda t: t.lower().startswith("date") and "report" in t.lower())
    entries = []
    for cells, a, b in rows:
        cells = cells + [""] * (4 - len(cells))
        date_text = " ".join(strip_markup(cells[0]).split())
        day = first_date(date_text)
        precision = "day"
        tbc = "to be confirmed" in date_text.lower()
        if day is None:
            month = month_year(date_text)
            if month is None:
                ctx.flag("unreadable_date", f"The work programme date “{date_text}” could not be read.", f"{path}:{a}")
                continue
            day, _ = month
            precision = "month"
        where = f"{path}:{a}" if a == b else f"{path}:{a}-{b}"
        if tbc:
            ctx.flag("date_to_be_confirmed", f"The work programme gives the meeting date as “{date_text}”: it is "
                     "still to be confirmed.", where, severity="info", ref={"date": day.isoformat()})
        entries.append({
            "meeting_date": day.isoformat(), "precision": precision, "date_text": date_text, "tbc": tbc,
            "report": " ".join(strip_markup(cells[1]).split()),
            "issues": _cell_text(cells[2]), "invited": " ".join(strip_markup(cells[3]).split()),
            "version": version_date.isoformat() if version_date else None, "source": {"path": path, "lines": [a, b]},
        })
    future = []
    agreed_at = None
    in_future = False
    for ln in lines:
        text = flat(ln.raw)
        if re.match(r"items identified for consideration", text, re.I):
            in_future = True
            continue
        if not in_future or not text:
            continue
        match = re.match(r"^\(?([a-z])\)\s*(.+)$", text)
        if match:
            future.append({"label": match.group(1), "text": match.group(2), "agreed_at": agreed_at,
                           "version": version_date.isoformat() if version_date else None,
                           "source": {"path": path, "lines": [ln.number, ln.number]}})
        elif re.search(r"it was agreed at", text, re.I):
            day = first_date(text)
            agreed_at = day.isoformat() if day else None
    return {"entries": entries, "future_items": future}


def parse_written_questions(lines: list[Line], ctx: Context, path: str) -> dict:
    """Questions requiring written responses: numbered questions, each with the Partnership's response."""
    header_text = " ".join(flat(ln.raw) for ln in lines[:8] if not ln.blank)
    meeting = first_date(header_text)
    questions: list[dict] = []
    group = ""
    current = None
    in_response = False
    for ln in lines:
        if ln.blank:
            continue
        raw = ln.raw
        cells = raw.split("\t")
        first = clean(cells[0])
        text = flat(raw)
        if re.fullmatch(r"[-\s]*", raw.replace("\t", "")):
            continue
        if re.match(r"^(?:agenda item|agenua item)\b", text, re.I):
            continue
        grp = re.match(r"^(Item\s+\d+\s*:.+)$", first)
        if grp and (len(cells) == 1 or not "".join(cells[1:]).strip()) and len(first) < 80:
            group = " ".join(grp.group(1).split())
            current = None
            continue
        num = re.match(r"^(\d{1,2})\.\s*$", first) or re.match(r"^(\d{1,2})\.$", text)
        if num and current is not None and int(num.group(1)) != current["number"] + 1:
            num = None
        if num:
            body = "\t".join(cells[1:])
            current = {"number": int(num.group(1)), "item": group, "question": "", "response": "",
                       "meeting_date": meeting.isoformat() if meeting else None, "source": {"path": path,
                       "lines": [ln.number, ln.number]}}
            questions.append(current)
            in_response = False
            body_text = body
            if body_text.strip():
                _wq_fill(current, body_text)
                in_response = bool(current["response"]) or "response from the partnership" in body_text.lower()
            continue
        if current is None:
            continue
        current["source"]["lines"][1] = ln.number
        if re.search(r"response from the partnership\s*:?", text, re.I):
            in_response = True
            current["answered_by"] = _answered_by(text)
            rest = re.split(r"response from the partnership\s*:?", text, flags=re.I)[-1].strip()
            if rest:
                current["response"] += (" " if current["response"] else "") + rest
            continue
        if in_response or current["question"]:
            if not in_response and not current["question"].endswith("?"):
                current["question"] += " " + text
            else:
                in_response = True
                current["response"] += (" " if current["response"] else "") + text
        else:
            current["question"] = text
    for q in questions:
        q["question"] = _tidy(q["question"])
        q["response"] = _tidy(q["response"])
        q.setdefault("answered_by", "the Partnership" if q["response"] else "")
        if not q["response"]:
            ctx.flag("question_without_response", f"Question {q['number']} has no response.",
                     f"{path}:{q['source']['lines'][0]}")
    return {"meeting_date": meeting.isoformat() if meeting else None, "questions": questions}


def _tidy(text: str) -> str:
    """Single spaces, and no space left inside brackets where a link's markup was removed:
    the text as published ("(source)", not "( source )")."""
    text = " ".join(text.split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))


def _wq_fill(q: dict, body: str) -> None:
    parts = re.split(r"<p>\s*<b>\s*Response from the Partnership:\s*</b>\s*</p>|Response from the Partnership:",
                     body, maxsplit=1, flags=re.I)
    q["question"] = flat(parts[0])
    if len(parts) > 1:
        q["response"] = flat(parts[1])
        q["answered_by"] = _answered_by(flat(body))


def _answered_by(text: str) -> str:
    """Who the document says answered: "Response from the Partnership:" gives "the Partnership"."""
    said = re.search(r"response from (.{2,80}?)\s*:", text, re.I)
    return " ".join(said.group(1).split()) if said else ""


_ACTION_NO = re.compile(r"^\d{1,2}\.\d{1,2}$")
_JUNK_RE = re.compile(r"^[\d\s.,+T•?]*$|^\?+$")


class _Junk:
    """Page-footer debris ("safety partnership" read as "salely parinership") and chart residue."""

    @staticmethod
    def search(cell: str) -> bool:
        from rapidfuzz import fuzz

        cell = cell.strip()
        if not cell:
            return False
        if _JUNK_RE.match(cell):
            return True
        if fuzz.partial_ratio("safety partnership", cell.lower()) >= 70 and len(cell) < 30:
            return True
        if re.fullmatch(r"[A-Z]{6,}(?: [A-Z]{5,})*", cell):
            letters = cell.replace(" ", "")
            return sum(ch in "AEIOU" for ch in letters) / len(letters) >= 0.4
        return False


_JUNK = _Junk()


def parse_delivery_plan(lines: list[Line], ctx: Context, path: str) -> dict:
    """Delivery-plan action tables (N, Action, Success measure, Owner, Date, Update), rows repaired
    from multi-line cells; page-footer debris is dropped and reported."""
    title = next((flat(ln.raw) for ln in lines if not ln.blank), "Delivery plan")
    actions: list[dict] = []
    section = ""
    theme = ""
    in_table = False
    current = None
    nonblank = [ln for ln in lines if not ln.blank]
    words = {w.lower() for ln in nonblank for w in re.findall(r"[A-Za-z]+", ln.text) if "<u>" not in ln.raw}
    next_rows = {a.number: b.raw for a, b in zip(nonblank, nonblank[1:], strict=False)}
    for ln in lines:
        if ln.blank:
            continue
        raw = ln.raw
        text = flat(raw)
        cells = [clean(c) for c in raw.split("\t")]
        if "\t" not in raw:
            if re.search(r"delivery plan$", text, re.I) and len(text) < 120:
                section = text
            current = None if not in_table else current
            continue
        if cells and cells[0].upper() == "N" and len(cells) > 2 and cells[1].lower().startswith("action"):
            in_table = True
            current = None
            continue
        first = cells[0].strip()
        rest = [c for c in cells[1:]]
        filled = [c for c in cells if c.strip()]
        if not in_table:
            # A theme heading just above the first table's header row ("<u>Fraud</u>" over 1.1-1.5).
            following = (next_rows.get(ln.number) or "").split("\t")
            if (not first and filled and following[0].strip().upper() == "N" and len(following) > 2
                    and _is_theme(raw, filled, " ".join(" ".join(filled).split()), next_rows.get(ln.number))):
                theme = _theme_text(raw, filled, words)
            continue
        if _ACTION_NO.match(first):
            number = first
            if actions and _out_of_order(actions[-1]["number"], number):
                ctx.flag("delivery_row_repaired", f"Row “{number}” breaks the numbering after "
                         f"{actions[-1]['number']}; it was read as a continuation of action {actions[-1]['number']}.",
                         f"{path}:{ln.number}", severity="info")
                _extend(current, rest)
                continue
            current = {"number": number, "section": section, "theme": theme, "cells": ["", "", "", "", ""],
                       "source": {"path": path, "lines": [ln.number, ln.number]}}
            _extend(current, rest)
            actions.append(current)
            continue
        if filled and all(_JUNK.search(c) for c in filled):
            ctx.flag("delivery_debris", f"Text “{' '.join(filled)}” looks like a page footer or chart residue "
                     "inside the action table; it was left out.", f"{path}:{ln.number}", severity="info")
            continue
        joined = " ".join(" ".join(filled).split())
        if not first and filled and _is_theme(raw, filled, joined, next_rows.get(ln.number)):
            theme = _theme_text(raw, filled, words)
            current = None
            continue
        if not first and current is not None:
            _extend(current, rest, join=True)
            current["source"]["lines"][1] = ln.number
            continue
        if not first and current is None:
            continue
    for action in actions:
        c = action.pop("cells")
        action.update({"action": c[0], "success_measure": c[1], "owner": c[2], "date": _fix_tbc(c[3]),
                       "update": c[4]})
        if action["date"] != c[3]:
            ctx.flag("ocr_text", f"Action {action['number']}: date “{c[3]}” read as “{action['date']}” (Cyrillic "
                     "letters from OCR).", f"{path}:{action['source']['lines'][0]}", severity="info")
    numbers = [a["number"] for a in actions]
    for prev, nxt in zip(numbers, numbers[1:], strict=False):
        pa, pb = map(int, prev.split("."))
        na, nb = map(int, nxt.split("."))
        if na == pa and nb > pb + 1:
            ctx.flag("delivery_gap", f"Action numbers jump from {prev} to {nxt}: action {pa}.{pb + 1} is missing.",
                     f"{path}", severity="info")
    return {"title": title, "actions": actions}


def _is_theme(raw: str, filled: list[str], joined: str, next_raw: str | None) -> bool:
    """A theme heading inside the table ("<u>Neighbour</u>⇥<u>hood crime</u>", "Modern⇥Slavery")."""
    if "<u>" in raw.lower():
        return True
    if len(joined.split()) > 5 or re.search(r"[.,;:()]", joined) or not joined[:1].isupper():
        return False
    cells = raw.split("\t")
    first_filled = next((k for k, c in enumerate(cells) if c.strip()), 0)
    if len(filled) < 2 and not (first_filled == 1 and len(joined.split()) >= 2):
        return False
    following = (next_raw or "").split("\t")[0].strip()
    return bool(_ACTION_NO.match(following) or following.upper() == "N")


def _theme_text(raw: str, filled: list[str], words: set[str]) -> str:
    parts = [c.strip() for c in filled]
    text = parts[0]
    for part in parts[1:]:
        # "Neighbour" + "hood crime", "Pre" + "vent": a word split across cells is rejoined, unless
        # the second part is a word the document uses on its own ("Hate" + "crime").
        head = part.split()[0].lower() if part.split() else ""
        text = text + part if part[:1].islower() and head not in words else text + " " + part
    return " ".join(text.split())


def _fix_tbc(text: str) -> str:
    return text.replace("ТВС", "TBC").strip()


def _out_of_order(prev: str, new: str) -> bool:
    pa, pb = map(int, prev.split("."))
    na, nb = map(int, new.split("."))
    return (na == pa and nb <= pb) or (na < pa)


def _extend(current: dict | None, cells: list[str], join: bool = False) -> None:
    if current is None:
        return
    for k, c in enumerate(cells[:5]):
        c = c.strip()
        if not c or _JUNK.search(c):
            continue
        current["cells"][k] = (current["cells"][k] + " " + c).strip() if join or current["cells"][k] else c


def parse_cover_report(lines: list[Line], ctx: Context, path: str) -> dict:
    """The header fields, summary, action required and the Scrutiny Committee date of a cover report."""
    texts = [(ln, flat(ln.raw)) for ln in lines if not ln.blank]
    out = {"item": None, "title": "", "meeting_date": None, "summary": "", "action_required": [],
           "report_to": None, "source": [lines[0].number, lines[-1].number] if lines else [0, 0]}
    joined = " ".join(t for _, t in texts[:14])
    m = re.search(r"item\s*no\.?\s*:?\s*(\d+)", joined, re.I)
    if m:
        out["item"] = m.group(1)
    m = re.search(r"report\s+title\s*:\s*(.+?)(?:\s+date of meeting|$)", joined, re.I)
    if m:
        out["title"] = m.group(1).strip()
    m = re.search(r"date of meeting\s*:\s*(.+?)(?:\s+responsible|$)", joined, re.I)
    if m:
        out["meeting_date"] = first_date(m.group(1))
    for n, (_, text) in enumerate(texts):
        if text.lower() == "executive summary" and n + 1 < len(texts):
            out["summary"] = texts[n + 1][1]
        if text.lower().startswith("action required") and not out["action_required"]:
            for _, t in texts[n + 1:n + 6]:
                if re.match(r"^[a-e]\)", t):
                    out["action_required"].append(t)
                elif out["action_required"] or t.lower().startswith("to review"):
                    if t.lower().startswith("to review"):
                        out["action_required"].append(t)
                    break
    for _, text in texts:
        if re.search(r"written report to the\b", text, re.I) and re.search(r"scrutiny committee", text, re.I):
            dates = find_dates(text)
            if dates:
                out["report_to"] = dates[0][0]
                break
    return out
