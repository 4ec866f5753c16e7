"""Cover reports, forward work programmes, written questions and delivery-plan action tables."""

from __future__ import annotations

import re

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.plan_tables import parse_delivery_plan  # noqa: F401 (re-exported)
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
