"""Split a file's lines into the documents it contains.

An agenda pack is a front sheet, the minutes to be confirmed, and a cover report per item with its
annexes and appendices, ending with the forward work programme. Boundaries are found from the
signals each kind of document opens with (seed-governance §4.1): a committee title followed by
``Date:`` (front sheet), ``Minutes of the … meeting`` (minutes), ``Item No:`` or ``Report title:``
(reports), a ``Forward Work Programme`` table, ``Questions requiring written responses``, a
``Terms of Reference`` title, and ``Appendix``/``Annex`` headings. The accessibility footer that
closes most documents also ends the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from saferhub.importer.parsing.text import Line, flat

FRONT_SHEET = "front_sheet"
MINUTES = "minutes"
COVER_REPORT = "cover_report"
ANNEX = "annex"
APPENDIX = "appendix"
WORK_PROGRAMME = "work_programme"
WRITTEN_QUESTIONS = "written_questions"
TERMS_OF_REFERENCE = "terms_of_reference"
MINUTES_APPENDIX = "minutes_appendix"
OTHER = "document"

KIND_LABELS = {
    FRONT_SHEET: "Agenda front sheet",
    MINUTES: "Minutes",
    COVER_REPORT: "Cover report",
    ANNEX: "Annex",
    APPENDIX: "Appendix",
    WORK_PROGRAMME: "Forward work programme",
    WRITTEN_QUESTIONS: "Questions requiring written responses",
    TERMS_OF_REFERENCE: "Terms of reference",
    MINUTES_APPENDIX: "Appendix to minutes",
    OTHER: "Document",
}

# The word a committee's name ends with ("Licensing Sub-Committee", "Police and Crime Panel", "Health Board").
BODY_WORD = r"(?:sub[- ]?committee|committee|sub[- ]?panel|panel|board|cabinet|council|partnership|forum|commission)"
# "MINUTES of the Licensing Sub-Committee held at …" (no "meeting") and "Police and Crime Panel – Minutes of the
# meeting held on …" (the committee before the heading): the committee is in the group ``named``.
MINUTES_NO_MEETING = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<named>(?:[\w'’&()-]+\s+){0,12}?"
                                + BODY_WORD + r")\s*,?\s+(?P<rest>held\b.*)$", re.I)
MINUTES_PREFIXED = re.compile(r"^(?P<named>(?![\d(])[^–—:]{3,120}?" + BODY_WORD + r"(?:\s*\([A-Z]{2,8}\))?)"
                              r"\s+[-–—:]\s+(?P<head>minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}?meeting\b.*)$",
                              re.I)
_MINUTES = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+){0,12}?meeting\b|^minutes$", re.I)
_NOT_A_START = re.compile(r"\b(?:previous|last)\s+meeting\b|pdf\s+icon|\bto\s+(?:confirm|approve|sign)\b|"
                          r"^minutes\s+of\s+the\s+meeting\s+of\s+the\s+\d", re.I)
_FOOTER = re.compile(r"if you need this (?:document|report) in large print", re.I)
_DATE_LABEL = re.compile(r"^date\s*:", re.I)
_ITEM_NO = re.compile(r"^item\s*no\.?\s*:?\s*\d", re.I)
_REPORT_TITLE = re.compile(r"^report\s+title\s*:", re.I)
_APPENDIX = re.compile(r"^(?:appendix|annex)\s+[a-z0-9]{1,3}\.?(?:\s+to\s+(?:the|these)\s+minutes)?$", re.I)
_WQ = re.compile(r"questions\s+requiring\s+written\s+responses", re.I)
_FWP_HEAD = re.compile(r"forward\s+work\s+programme$", re.I)
_FWP_TABLE = re.compile(r"^date\t+report\t", re.I)
_TOR = re.compile(r"^terms\s+of\s+reference$", re.I)
_DELIVERY = re.compile(r"^n\taction\tsuccess measure", re.I)


@dataclass
class Document:
    kind: str
    start: int  # index into the file's line list
    end: int  # exclusive
    title: str = ""
    parent: int | None = None
    label: str = ""
    data: dict = field(default_factory=dict)

    def lines(self, all_lines: list[Line]) -> list[Line]:
        return all_lines[self.start:self.end]


def _next_texts(lines: list[Line], i: int, n: int) -> list[tuple[int, str]]:
    out = []
    j = i + 1
    while j < len(lines) and len(out) < n:
        if not lines[j].blank:
            out.append((j, lines[j].text))
        j += 1
    return out


def _title_start(lines: list[Line], i: int, floor: int, max_back: int = 2) -> int:
    """Walk back from line ``i`` over up to ``max_back`` title-like lines (not blank-separated by a footer)."""
    start = i
    seen = 0
    j = i - 1
    while j >= floor and seen < max_back:
        if lines[j].blank:
            j -= 1
            continue
        text = flat(lines[j].raw)
        if _FOOTER.search(text) or len(text) > 160 or text.endswith(".") or "\t" in lines[j].raw.strip("\t"):
            break
        if not re.search(r"(committee|panel|partnership|council|sub|scrutiny|board|cabinet|\d{4})", text, re.I):
            break
        start = j
        seen += 1
        j -= 1
    return start


def find_documents(lines: list[Line]) -> list[Document]:
    """The documents in ``lines`` in order, each with its kind and line range."""
    starts: list[tuple[int, str, str]] = []
    weak: set[int] = set()  # starts found only from a footer or an appendix heading
    after_footer = False
    last_kind = None
    for i, line in enumerate(lines):
        if line.blank:
            continue
        text = line.text
        plain = flat(line.raw)
        if _FOOTER.search(plain):
            after_footer = True
            continue
        kind = None
        at = i
        weak_floor = starts[-1][0] if starts and starts[-1][0] in weak and i - starts[-1][0] <= 6 else None
        if is_minutes_heading(plain):
            kind, at = MINUTES, _title_start(lines, i, _floor(starts, weak_floor))
        elif _ITEM_NO.match(plain) or (_REPORT_TITLE.match(plain) and re.search(
                r"scrutiny|committee|panel", " ".join(t for _, t in _prev_texts(lines, i, 2)), re.I)):
            if last_kind != COVER_REPORT or not starts or i - starts[-1][0] > 12:
                kind, at = COVER_REPORT, _title_start(lines, i, _floor(starts, weak_floor))
        elif _REPORT_TITLE.match(plain):
            if not starts or i - starts[-1][0] > 6 or last_kind not in {ANNEX}:
                kind, at = ANNEX, _title_start(lines, i, _floor(starts, weak_floor), max_back=1)
        elif _WQ.search(plain) and len(plain) < 120:
            kind, at = WRITTEN_QUESTIONS, _title_start(lines, i, _floor(starts, weak_floor))
        elif _FWP_HEAD.search(plain) and len(plain) < 100 and any(
                _FWP_TABLE.match(t) for _, t in _next_texts(lines, i, 3)):
            kind = WORK_PROGRAMME
        elif _DATE_LABEL.match(plain) and i > 0:
            prev = _prev_texts(lines, i, 1)
            if prev and not _DATE_LABEL.match(prev[0][1]) and re.search(
                    r"committee|panel|board|council|cabinet|partnership", prev[0][1], re.I) \
                    and not _REPORT_TITLE.match(prev[0][1]):
                kind, at = FRONT_SHEET, prev[0][0]
        elif _TOR.match(plain):
            prev = _prev_texts(lines, i, 1)
            if prev and re.search(r"committee|panel|board", prev[0][1], re.I) and not re.search(
                    r"report title", prev[0][1], re.I):
                kind, at = TERMS_OF_REFERENCE, prev[0][0]
        elif _APPENDIX.match(plain):
            kind = MINUTES_APPENDIX if last_kind in {MINUTES, MINUTES_APPENDIX} else APPENDIX
        elif after_footer:
            kind = APPENDIX if last_kind not in {MINUTES, MINUTES_APPENDIX} else MINUTES_APPENDIX
            if _DELIVERY.match(text) or re.search(r"delivery plan", plain, re.I):
                kind = APPENDIX
        was_after_footer = after_footer
        after_footer = False
        if kind is None:
            continue
        is_weak = was_after_footer and kind in {APPENDIX, MINUTES_APPENDIX} or _APPENDIX.match(plain) is not None
        if starts and at <= starts[-1][0]:
            # Same document, a stronger signal (a committee title above "Minutes of the meeting").
            if kind == starts[-1][1] or starts[-1][0] in weak:
                weak.discard(starts[-1][0])
                starts[-1] = (starts[-1][0], kind, "")
                last_kind = kind
            continue
        if starts and starts[-1][0] in weak and kind not in {APPENDIX, MINUTES_APPENDIX} and \
                _nonblank_between(lines, starts[-1][0], i) <= 3:
            weak.discard(starts[-1][0])
            starts[-1] = (starts[-1][0], kind, "")
            last_kind = kind
            continue
        if is_weak and starts and starts[-1][0] in weak and _nonblank_between(lines, starts[-1][0], i) <= 8:
            continue
        starts.append((at, kind, plain))
        if is_weak:
            weak.add(at)
        last_kind = kind
    if not starts and _other_minutes(lines):
        starts.append((0, MINUTES, ""))
    docs: list[Document] = []
    for n, (start, kind, _) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        docs.append(Document(kind=kind, start=start, end=end))
    if not docs or docs[0].start > 0:
        head_end = docs[0].start if docs else len(lines)
        if any(not ln.blank for ln in lines[:head_end]):
            docs.insert(0, Document(kind=OTHER, start=0, end=head_end))
    for doc in docs:
        doc.title = _title_of(doc, lines)
    _link_parents(docs)
    return docs


def _floor(starts: list, weak_floor: int | None) -> int:
    if weak_floor is not None:
        return weak_floor
    return starts[-1][0] + 1 if starts else 0


def _nonblank_between(lines: list[Line], a: int, b: int) -> int:
    return sum(1 for ln in lines[a:b] if not ln.blank)


def _prev_texts(lines: list[Line], i: int, n: int) -> list[tuple[int, str]]:
    out = []
    j = i - 1
    while j >= 0 and len(out) < n:
        if not lines[j].blank:
            out.append((j, flat(lines[j].raw)))
        j -= 1
    return out


def _title_of(doc: Document, lines: list[Line]) -> str:
    body = lines[doc.start:doc.end]
    texts = [flat(ln.raw) for ln in body if not ln.blank]
    for text in texts[:12]:
        match = re.match(r"^report\s+title\s*:\s*(.+)$", text, re.I)
        if match:
            return match.group(1).strip()
    if doc.kind == MINUTES:
        for text in texts[:4]:
            if _MINUTES.match(text) or MINUTES_NO_MEETING.match(text) or MINUTES_PREFIXED.match(text):
                return text[:300]
    if doc.kind in {APPENDIX, MINUTES_APPENDIX} and texts and _APPENDIX.match(texts[0]) and len(texts) > 1:
        return f"{texts[0].rstrip('.')}: {texts[1]}"[:300]
    return (texts[0] if texts else KIND_LABELS[doc.kind])[:300]


def _link_parents(docs: list[Document]) -> None:
    parent = None
    for index, doc in enumerate(docs):
        if doc.kind in {COVER_REPORT, MINUTES, FRONT_SHEET}:
            parent = index
            continue
        if doc.kind in {ANNEX, APPENDIX, MINUTES_APPENDIX, WORK_PROGRAMME, TERMS_OF_REFERENCE} and parent is not None:
            doc.parent = parent
        if doc.kind == WRITTEN_QUESTIONS and parent is not None and docs[parent].kind == MINUTES:
            doc.parent = parent


def is_minutes_heading(text: str) -> bool:
    """ "Minutes of the meeting held at …" opens a set of minutes; an item heading in another council's minutes
    ("MINUTES OF THE PREVIOUS MEETING pdf icon", "Minutes of the last meeting To confirm …") does not."""
    return bool(_MINUTES.match(text) or MINUTES_NO_MEETING.match(text) or MINUTES_PREFIXED.match(text)) \
        and not _NOT_A_START.search(text)


_HEAD_DATE = re.compile(r"^(?:[^.]{0,80}?\s[-–—]\s)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
                        r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8},?\s+\d{2,4}\b.{0,30}$")

_OTHER_SIGNALS = (
    re.compile(r"^minutes\s*:", re.I),  # ModernGov "Agenda and minutes" pages
    re.compile(r"^(?:present|members\s+present|committee\s+members)\b\s*[:\-–]", re.I),
    re.compile(r"\bapolog(?:y|ies)\b.*\b(?:received|submitted|apologised|none)\b|apologised\s+for", re.I),
    re.compile(r"\bdeclar\w*\b.*\binterest|\bdisclosures?\b|\binterest\b.*\bdeclared\b", re.I),
    re.compile(r"(?<![A-Za-z])(?:RESOLVED|AGREED|RECOMMENDED)(?![A-Za-z])"),
)


def _other_minutes(lines: list[Line]) -> bool:
    """A file none of the signals above opens, that still reads as minutes in another council's layout
    (see docs/importer.md, "Supported layouts"): at least two of a "Minutes:" label, a Present list,
    apologies received, declarations of interest and a resolution."""
    text = [flat(ln.raw) for ln in lines[:400] if not ln.blank]
    dated_head = any(_HEAD_DATE.match(t) for t in text[:15])
    return dated_head + sum(1 for signal in _OTHER_SIGNALS if any(signal.search(t) for t in text)) >= 2
