"""Delivery-plan action tables (N, Action, Success measure, Owner, Date, Update), read faithfully.

What the text conversions of the Safer Norfolk Delivery Plan do to a table, and what is done here:

- a cell split across lines or pages continues the row above it, cell by cell, and is joined
  ("September" + "2021" is 1.4's date "September 2021", seed 003:1555-1556);
- a page footer ("safety partnership", read by OCR as "salely parinership") after a page break,
  and chart residue ("+", "•"), are left out of the row and reported, never read as an update (1.3, 1.8);
- a cell that is not legible ("???", 2.14) is kept as printed and flagged;
- OCR-garbled cells ("3.0", "2,1000", "5.18511.18", "SCAULI VIOIETICE", 3.6) are kept raw in a flag,
  out of the row's text;
- Cyrillic look-alike letters ("ТВС" for TBC, 2.3, 2.7 and others) are read as Latin, with a flag;
- the long-term outcomes of each section ("Long-term outcome 7: ...") are attached to its rows.
"""

from __future__ import annotations

import re
from collections import Counter

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.text import Line, clean, flat, strip_markup

COLUMNS = ["action", "success_measure", "owner", "date", "update"]
LABELS = {"action": "action", "success_measure": "success measure", "owner": "owner", "date": "date",
          "update": "update"}
_ACTION_NO = re.compile(r"^\d{1,2}\.\d{1,2}$")
_OUTCOME = re.compile(r"Long-term outcome (\d{1,2})\b", re.I)
_RESIDUE = re.compile(r"^[\s+•·,.;:T1]{1,3}$")
_NUMERIC = re.compile(r"^[\d.,]+$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ILLEGIBLE = re.compile(r"^[?\s]+$")
_LI = re.compile(r"<li>(.*?)</li>", re.I | re.S)
#: Cyrillic letters that OCR gives for Latin ones that look the same ("ТВС" for "TBC").
CYRILLIC = str.maketrans("АВСЕНКМОРТХаесорхуіІ", "ABCEHKMOPTXaecopxyiI")
FOOTER = "safety partnership"


def _footer_like(cell: str) -> bool:
    """The page footer "safety partnership" as OCR read it ("salely parinership", "aciety partificiant"):
    two words, the first like "safety", the second starting "par" ("local partnerships" is not)."""
    from rapidfuzz import fuzz

    words = cell.lower().strip(" •·").split()
    return (len(words) == 2 and fuzz.ratio(words[0], "safety") >= 60 and words[1].startswith("par")
            and fuzz.ratio(" ".join(words), FOOTER) >= 50)


def _garbled(cell: str, column: int) -> bool:
    """Text OCR made up: capitals with too many vowels ("TECOVEI") or figures where an owner or a date
    should be ("2,1000", "5.18511.18"). Acronyms (DASVG, NCCSP, MASH) and years are not garbled."""
    cell = cell.strip()
    if re.fullmatch(r"[A-Z]{6,}(?: [A-Z]{5,})*", cell):
        letters = cell.replace(" ", "")
        return sum(ch in "AEIOU" for ch in letters) / len(letters) >= 0.4
    return bool(_NUMERIC.match(cell)) and len(cell) >= 3 and not _YEAR.match(cell) and column in (2, 3)


def _cells(raw: str) -> list[str]:
    """The row's cells; a cell holding a list keeps its items as sentences ("completed. County ...")."""
    out = []
    for cell in raw.split("\t"):
        items = [" ".join(strip_markup(m).split()) for m in _LI.findall(cell)]
        items = [re.sub(r"^[-•·]\s*", "", i) for i in items if i.strip(" -•")]
        if items:
            out.append(" ".join(i if i.endswith((".", "]", "?", "!")) else i + "." for i in items))
        else:
            out.append(clean(cell))
    return out


def _title(lines: list[Line]) -> str:
    texts = [flat(ln.raw).lstrip("# ").strip() for ln in lines if not ln.blank][:6]
    for text in texts:
        if re.match(r"extract from\b", text, re.I) or re.search(r"delivery plan\b", text, re.I) and len(text) < 120:
            return text
    return texts[0] if texts else "Delivery plan"


def parse_delivery_plan(lines: list[Line], ctx: Context, path: str) -> dict:
    """The action rows of a delivery plan (or of an extract of one), with their section's outcomes."""
    title = _title(lines)
    kind = "extract" if title.lower().startswith("extract") else "plan"
    actions: list[dict] = []
    theme, in_table, current = "", False, None
    outcomes: list[int] = []
    nonblank = [ln for ln in lines if not ln.blank]
    words = Counter(w.lower() for ln in nonblank for w in re.findall(r"[A-Za-z]+", ln.text) if "<u>" not in ln.raw)
    next_rows = {a.number: b.raw for a, b in zip(nonblank, nonblank[1:], strict=False)}
    blanks = 0
    for ln in lines:
        if ln.blank:
            blanks += 1
            continue
        after_break, blanks = blanks >= 2, 0
        raw = ln.raw
        cells = _cells(raw)
        first = cells[0].strip()
        if not _ACTION_NO.match(first) and (found := _OUTCOME.findall(raw)):
            if re.search(r"delivery plan\b", strip_markup(raw.split("\t")[0]), re.I):
                outcomes = []
            outcomes += [int(n) for n in found if int(n) not in outcomes]
            if "\t" not in raw or not in_table:
                continue
        if "\t" not in raw:
            if re.search(r"delivery plan$", flat(raw), re.I) and len(flat(raw)) < 120:
                outcomes = []
            current = None if not in_table else current
            continue
        if first.upper() == "N" and len(cells) > 2 and cells[1].lower().startswith("action"):
            in_table, current = True, None
            continue
        filled = [c for c in cells if c.strip()]
        joined = " ".join(" ".join(filled).split())
        if not in_table:
            following = (next_rows.get(ln.number) or "").split("\t")
            if (not first and filled and following[0].strip().upper() == "N" and len(following) > 2
                    and _is_theme(raw, filled, joined, next_rows.get(ln.number))):
                theme = _theme_text(filled, words)
            continue
        if _ACTION_NO.match(first):
            if actions and _out_of_order(actions[-1]["number"], first):
                ctx.flag("delivery_row_repaired", f"Row “{first}” breaks the numbering after "
                         f"{actions[-1]['number']}; it was read as a continuation of action {actions[-1]['number']}.",
                         f"{path}:{ln.number}", severity="info")
                _garble(current, "number", first, ln.number)
                _extend(current, cells[1:], ln.number, ctx, path)
                continue
            current = {"number": first, "theme": theme, "outcomes": list(outcomes), "cells": [""] * 5,
                       "garbled": [], "residue": [], "source": {"path": path, "lines": [ln.number, ln.number]}}
            _extend(current, cells[1:], ln.number, ctx, path)
            actions.append(current)
            continue
        if not first and filled and (after_break or len(filled) == 1) and _is_footer(filled):
            ctx.flag("delivery_debris", f"Text “{joined}” is a page footer or chart residue inside the action "
                     "table; it was left out of the rows.", f"{path}:{ln.number}", severity="info",
                     ref={"raw": joined})
            continue
        if filled and _heading_row(raw, cells):
            theme, current = _theme_text(filled, words), None
            continue
        if not first and filled and _is_theme(raw, filled, joined, next_rows.get(ln.number)):
            theme, current = _theme_text(filled, words), None
            continue
        if not first and current is not None:
            _extend(current, cells[1:], ln.number, ctx, path)
            current["source"]["lines"][1] = ln.number
    for action in actions:
        _finish(action, ctx, path)
    _flag_gaps(actions, ctx, path)
    return {"title": title, "kind": kind, "actions": actions}


def _is_footer(filled: list[str]) -> bool:
    """A line of page-footer debris: the footer text with at most a few stray characters."""
    return any(_footer_like(c) for c in filled) and all(_footer_like(c) or _RESIDUE.match(c) for c in filled)


def _heading_row(raw: str, cells: list[str]) -> bool:
    """A bold heading in the first cell with the rest empty ("<b>County Lines</b>", 002:696)."""
    parts = raw.split("\t")
    return bool(re.match(r"\s*<(b|strong|u)>", parts[0], re.I)) and not any(c.strip() for c in cells[1:]) \
        and not _ACTION_NO.match(cells[0].strip())


def _garble(current: dict | None, column: str, text: str, line: int) -> None:
    if current is not None:
        current["garbled"].append({"column": column, "raw": text, "line": line})


def _extend(current: dict | None, cells: list[str], line: int, ctx: Context, path: str) -> None:
    """Join this physical row's cells onto the logical row, column by column."""
    if current is None:
        return
    for k, c in enumerate(cells[:5]):
        c = c.strip()
        if not c:
            continue
        if k == 4 and _footer_like(c):
            current["residue"].append({"column": COLUMNS[k], "raw": c, "line": line, "footer": True})
            continue
        if _RESIDUE.match(c) and not c.isdigit():
            current["residue"].append({"column": COLUMNS[k], "raw": c, "line": line})
            continue
        if _garbled(c, k):
            _garble(current, COLUMNS[k], c, line)
            continue
        current["cells"][k] = f"{current['cells'][k]} {c}".strip()


def _finish(action: dict, ctx: Context, path: str) -> None:
    cells = action.pop("cells")
    where = f"{path}:{action['source']['lines'][0]}"
    number = action["number"]
    action["normalised"] = []
    for k, column in enumerate(COLUMNS):
        text = " ".join(cells[k].split())
        latin = text.translate(CYRILLIC)
        if latin != text:
            ctx.flag("ocr_text", f"Action {number}: {LABELS[column]} “{text}” read as “{latin}” (Cyrillic "
                     "look-alike letters from OCR).", where, severity="info",
                     ref={"number": number, "column": column, "raw": text, "read_as": latin})
            action["normalised"].append({"column": column, "raw": text, "read_as": latin})
        action[column] = latin
    if _ILLEGIBLE.match(action["date"] or ""):
        ctx.flag("delivery_illegible", f"Action {number}: the date is printed as “{action['date']}”; it is kept as "
                 "printed and read as not known.", where, ref={"number": number, "column": "date",
                                                              "raw": action["date"]})
    for column in ("action", "owner", "date"):
        if not action[column]:
            ctx.flag("delivery_cell_blank", f"Action {number}: the {LABELS[column]} cell is blank.", where)
    if action["garbled"]:
        listed = ", ".join(f"“{g['raw']}” ({LABELS.get(g['column'], 'number')}, line {g['line']})"
                           for g in action["garbled"])
        ctx.flag("delivery_ocr_garbled", f"Action {number}: cells garbled by OCR are kept as printed here and left "
                 f"out of the row: {listed}. Check the row against the published plan.", where,
                 ref={"number": number, "cells": action["garbled"]})
    if action["residue"]:
        listed = ", ".join(f"“{r['raw']}” ({LABELS[r['column']]}, "
                           f"{'page footer' if r.get('footer') else 'chart residue'})" for r in action["residue"])
        ctx.flag("delivery_debris", f"Action {number}: {listed} left out of the row.", where, severity="info",
                 ref={"number": number, "cells": action["residue"]})


def _flag_gaps(actions: list[dict], ctx: Context, path: str) -> None:
    numbers = [a["number"] for a in actions]
    for prev, nxt in zip(numbers, numbers[1:], strict=False):
        pa, pb = map(int, prev.split("."))
        na, nb = map(int, nxt.split("."))
        if na == pa and nb > pb + 1:
            ctx.flag("delivery_gap", f"Action numbers jump from {prev} to {nxt}: action {pa}.{pb + 1} is missing.",
                     f"{path}", severity="info")


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


def _theme_text(filled: list[str], words: Counter) -> str:
    parts = [c.strip() for c in filled]
    own = Counter(w.lower() for c in parts for w in re.findall(r"[A-Za-z]+", c))
    text = parts[0]
    for part in parts[1:]:
        # "Neighbour" + "hood crime", "Pre" + "vent": a word split across cells is rejoined, unless
        # the second part is a word the document uses on its own ("Hate" + "crime").
        head = part.split()[0].lower() if part.split() else ""
        if part[:1].islower() and words.get(head, 0) <= own.get(head, 0):
            tail = text.split()[-1] if text.split() else ""
            if tail[-1:] == part[:1] and (tail + head).lower() not in words and (tail[:-1] + head).lower() in words:
                text = text[:-1]  # "cohesi" + "ive": OCR repeated the letter at the split
            text = text + part
        else:
            text = text + " " + part
    return " ".join(text.split())


def _out_of_order(prev: str, new: str) -> bool:
    pa, pb = map(int, prev.split("."))
    na, nb = map(int, new.split("."))
    return (na == pa and nb <= pb) or (na < pa)
