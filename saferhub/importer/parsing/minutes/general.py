"""Minutes in the layouts other councils publish (see docs/importer.md, "Supported layouts").

The Norfolk reader (:class:`MinutesParser`) expects the seeds' layout. This reader takes any of the
common English and Welsh layouts: a ModernGov "Agenda and minutes" page ("Council - Thursday, 18th
July, 2024 10.00 am", items "1." with "Minutes:" under them), a CeList "Meeting documents" page
("C 08/042 Election of Mayor"), PDF minutes ("Minutes of a meeting of X held at … on 5th May 2020",
"PRESENT: Councillor A (Chairman), Councillors B, C and D") and printed minutes ("Committee Members:
Councillors …"). It reads the date, committee, venue, start and end times, remote or hybrid, who was present and chaired,
apologies, substitutes, declarations, decisions, minutes confirmed, recorded votes and exempt items.

What it cannot read with confidence is flagged with its line (``flags``), never guessed: a list entry
that does not read as a name is left out and flagged, and a document without a date in its heading
gets ``date: None``.
"""

from __future__ import annotations

import re

from saferhub.importer.parsing.names import printed_name
from saferhub.importer.parsing.text import Line, find_dates_loose, find_time, flat

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MEETING_OF = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}?meeting\s+of\s+(?:the\s+)?(?P<body>.+?)"
                         r"\s+(?:held|which\s+took\s+place)\b(?P<rest>.*)$", re.I)
_MINUTES_HELD = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<body>.+?)\s+(?:meeting\s+)?,?\s*held\b(?P<rest>.*)$", re.I)
_BOILER = re.compile(r"^(?:agenda|meeting documents|agenda(?:,| and) (?:decisions and )?(?:draft )?minutes|minutes|"
                     r"minutes template|media|items|no\.? item|contact:.*|venue:.*|place:?.*|\|)$", re.I)
_REMOTE = re.compile(r"\b(?:remote(?:ly)?|virtual(?:ly)?|zoom|microsoft teams|via teams|video conference|hybrid)\b", re.I)
_HELD_REMOTELY = re.compile(r"\b(?:held\s+(?:remotely|virtually|online)|remote\s+meeting|virtual\s+meeting)"
                            r"(?:\s+(?:using|via|on|by)\s+(?P<tool>[A-Z][\w ]{1,30}?))?(?=\s+on\b|\s+at\b|[,.;]|$)", re.I)
_PLACE_WORDS = re.compile(r"\b(?:Hall|Chamber|Room|Centre|Offices|House|Building|Guildhall|Suite)\b")
_ENDED = re.compile(r"\b(?:the\s+)?(?:meeting|proceedings)\s+(?:was\s+)?(?:ended|closed|finished|concluded|terminated|"
                    r"rose|adjourned|ended\s+and\s+closed)\s+at\s+(?P<t>.{2,20})|\bclosed\s+the\s+meeting\s+at\s+(?P<t2>.{2,20})|"
                    r"^(?:meeting\s+)?(?:ended|closed|finished|close\s+of\s+meeting)\s*[:\-–]\s*(?P<t3>.{2,20})", re.I)
_PRESENT = re.compile(r"^(?:members\s+present|present|committee\s+members|in\s+attendance\s+members)\b\s*[:\-–]*\s*(?P<rest>.*)$", re.I)
_ITEM = re.compile(r"^(?:(?P<a>\d{1,3})\.?|(?P<b>\d{1,3}/\d{2})|(?P<c>[A-Z]{1,4}\s?\d{2}/\d{2,3})|(?P<d>[A-Z]{2,4}[./]\s?\d{1,3})|"
                   r"Minute\s+(?P<e>\d{1,3})|(?P<f>[IVX]{1,6})\.)(?:\s+(?P<title>[A-Z(].*))?$")
_VERB = re.compile(r"(?<![A-Za-z])(?:UNANIMOUSLY\s+)?(?P<verb>RESOLVED|AGREED|RECOMMENDED|NOTED|APPROVED|ENDORSED|"
                   r"DEFERRED|REQUESTED)(?![A-Za-z])")
_PERSON = r"(?:(?:Councillor|Cllr)\.?\s+(?:(?:Mrs|Mr|Ms|Miss|Dr)\s+)?|(?:Mrs|Mr|Ms|Miss|Dr|Colonel)\s+)" \
          r"(?P<{g}>(?:[A-Z]\.?\s+){{0,3}}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})"
_KINDS = ("non-pecuniary", "non pecuniary", "disclosable pecuniary", "pecuniary", "prejudicial", "personal", "other",
          "declarable", "significant")


def _sentence(text: str) -> str:
    """``text`` up to the end of its first sentence (a full stop not after an initial or an abbreviation)."""
    for m in re.finditer(r"\.(?=\s|$)", text):
        before = text[:m.start()].split()[-1] if text[:m.start()].split() else ""
        if re.fullmatch(r"[A-Z]|Cllrs?|Mrs?|Ms|Dr|St|Col|No", before):
            continue
        return text[:m.start()]
    return text


def _chunks(text: str) -> list[str]:
    """A list of names split on commas and "and", outside brackets."""
    masked = re.sub(r"\([^()]*\)?", lambda m: "\0" * len(m.group(0)), text)
    cuts = [(m.start(), m.end()) for m in re.finditer(r"\s*,\s*(?:and\s+)?|\s+and\s+|(?<=\0)\s+(?=[A-Z])", masked)]
    parts, last = [], 0
    for a, b in cuts:
        parts.append(text[last:a])
        last = b
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


class GeneralMinutes:
    def __init__(self, lines: list[Line], path: str):
        self.lines = [ln for ln in lines if not ln.blank]
        self.texts = [re.sub(r"(?<=[ap]m)(?=\d)", " ", flat(ln.raw)) for ln in self.lines]
        self.path = path
        self.out: dict = {
            "layout": "general", "committee": "", "date": None, "time": None, "finished": None, "venue": "",
            "remote": False,
            "present": [], "chair": None, "apologies": [], "apologies_stated_none": False, "substitutes": [],
            "declarations": [], "declarations_stated_none": False, "decisions": [], "minutes_confirmed": [],
            "votes": [], "exempt": False, "items": [], "flags": [],
        }

    def flag(self, kind: str, message: str, i: int) -> None:
        self.out["flags"].append({"kind": kind, "message": message, "source": f"{self.path}:{self.lines[i].number}"})

    def parse(self) -> dict:
        if not self.lines:
            return self.out
        self._header()
        self._present()
        self._body()
        return self.out

    # -- header -------------------------------------------------------------------------------
    def _header(self) -> None:
        out = self.out
        region = self.texts[:14]
        for i, text in enumerate(region):
            m = _MEETING_OF.match(text) or _MINUTES_HELD.match(text)
            dates = find_dates_loose(text)
            if m and dates and not re.search(r"\b(?:to confirm|to approve|last meeting|previous meeting)\b", text, re.I):
                out["committee"] = m["body"].strip(" ,")
                self._set_date(text, dates, i)
                venue = re.search(r"\bheld\s+(?:at|in)\s+(?:the\s+)?(?P<v>[^,]+?(?:,[^,]+?)*?)\s+on\b", text, re.I)
                if venue:
                    # "held at 7.30pm in the Millennium Hall, Church Lane on 20th May 2010": the time is not the venue.
                    out["venue"] = re.sub(r"^\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?\s+(?:at|in)\s+(?:the\s+)?", "",
                                          venue["v"], flags=re.I).strip(" ,")
                remote = _HELD_REMOTELY.search(text)
                if remote:
                    out["remote"] = True
                    out["venue"] = out["venue"] or (f"Remote meeting ({remote['tool'].strip()})" if remote["tool"]
                                                    else "Remote meeting")
                return
        for i, text in enumerate(region):
            dates = find_dates_loose(text)
            if not dates or re.search(r"\bheld\s+on\b|\bminutes of the\b|\bto (?:confirm|approve)\b", text, re.I):
                continue
            day, a, b = dates[0]
            before = re.sub(rf"\s*[-–—,]?\s*{_WEEKDAY}?\s*,?\s*$", "", text[:a], flags=re.I).strip(" -–—,")
            before = re.sub(r"\s*\(\d{2}\.\d{2}\.\d{4}\s*-\s*\d{2}\.\d{2}\.\d{4}\)", "", before)
            before = re.sub(r"^\d{1,2}[.:]?\d{2}\s*[ap]\.?m\.?", "", before, flags=re.I).strip()
            after = text[b:]
            if len(re.sub(r"[\d.:apm\s]", "", after, flags=re.I)) > 12:
                continue
            if before and not re.match(r"^minutes$", before, re.I):
                out["committee"] = re.sub(r"^minutes\s*[-–—]\s*", "", before, flags=re.I).strip(" -–—")
            else:
                out["committee"] = self._title_above(i)
            self._set_date(text, dates, i)
            return
        self.flag("missing_date", "No meeting date was found in the heading; the meeting's date must be entered.", 0)
        self._venue(None)

    def _title_above(self, i: int) -> str:
        for j in range(i - 1, -1, -1):
            if not _BOILER.match(self.texts[j]):
                return self.texts[j]
        return ""

    def _set_date(self, text: str, dates, i: int) -> None:
        day, a, b = dates[0]
        self.out["date"] = day
        self.out["time"] = find_time(text[b:]) or find_time(text[:a])
        self.out["header_line"] = self.lines[i].number
        self._venue(i)

    def _venue(self, i: int | None) -> None:
        """The venue ("Venue: …", "Place:" over it, or a hall's name under the date line) and whether the
        meeting was remote; read whether or not the heading gave a date."""
        if i is None:
            for j, line in enumerate(self.texts[:14]):
                if re.match(r"^(?:Venue|Place)\s*:", line, re.I):
                    i = j
                    break
            else:
                i = 0
        for j, line in enumerate(self.texts[:i + 4]):
            venue = re.match(r"^(?:Venue|Place)\s*:\s*(?P<v>.*?)(?:\.\s+View directions\.?|\s+Contact:.*)?$", line, re.I)
            if venue:
                # "Place:" on its own line: the venue is the next line.
                self.out["venue"] = venue["v"].strip() or (self.texts[j + 1] if j + 1 < len(self.texts) else "")
                break
        if not self.out["venue"] and self.out["date"] and i + 1 < len(self.texts) and _PLACE_WORDS.search(self.texts[i + 1]) \
                and len(self.texts[i + 1]) < 100 and not find_dates_loose(self.texts[i + 1]):
            self.out["venue"] = self.texts[i + 1]  # "Hove Town Hall - Council Chamber" under the date
        # Someone "also present via Teams" does not make the meeting remote: only the heading lines count.
        heading = [t for t in self.texts[:12] if not re.search(r"\b(?:present|attendance|attending)\b", t, re.I)]
        self.out["remote"] = self.out["remote"] or bool(_REMOTE.search(" ".join(heading)))

    # -- attendance ---------------------------------------------------------------------------
    def _present(self) -> None:
        for i, text in enumerate(self.texts[:30]):
            m = _PRESENT.match(text)
            if not m:
                continue
            rest = m["rest"] or (self.texts[i + 1] if i + 1 < len(self.texts) else "")
            self._people_list(_sentence(rest), i, self.out["present"], chair=True)
            return

    def _people_list(self, text: str, i: int, into: list, chair: bool = False) -> None:
        for chunk in _chunks(text):
            note = re.search(r"\(([^()]*)\)?", chunk)
            name = printed_name(chunk)
            if name is None:
                self.flag("unreadable_name", f"“{chunk}” does not read as a person's name; it was left out.", i)
                continue
            into.append(name)
            if chair and note and re.match(r"^(?:chair(?:man|woman|person)?|in the chair|presiding)$",
                                           note.group(1).strip(), re.I):
                self.out["chair"] = name

    # -- items --------------------------------------------------------------------------------
    def _body(self) -> None:
        out = self.out
        item, title = "", ""
        declaring: str | None = None
        for i, text in enumerate(self.texts):
            m = _ITEM.match(text)
            if m and not _VERB.search(text) and len(text) < 160:
                item = next(g for g in m.groups()[:6] if g)
                title = (m["title"] or (self.texts[i + 1] if i + 1 < len(self.texts) else "")).lower()
                below = self.texts[i + 1] if i + 1 < len(self.texts) and not _ITEM.match(self.texts[i + 1]) else ""
                out["items"].append({"number": item, "title": (m["title"] or below)[:300], "line": self.lines[i].number})
                declaring = None
            elif re.match(r"^(?:apologies|declarations?|disclosures?|code of conduct|minutes of|public|matters|written|"
                          r"chairman|chair's|urgent)\b", text, re.I) and not re.match(r"^minutes:", text, re.I):
                title = text.lower()
                declaring = None
            low = text.lower()
            self._chair(text)
            if "apolog" in low or re.match(r"^(?:minutes:\s*)?(?:cllr|councillor)\b", low) and "apolog" in title:
                self._apologies(text, i, title)
            if "substitut" in low or "in place of" in low:
                self._substitutes(text)
            if "interest" in title or "disclos" in title or "declar" in low or "interest" in low:
                declaring = self._declarations(text, i, title, declaring)
            self._confirmed(text)
            for v in _VERB.finditer(text):
                if text[max(0, v.start() - 25):v.start()].lower().rstrip().endswith(("the following", "move the")):
                    continue
                out["decisions"].append({"item": item, "verb": v["verb"], "text": text[v.end():].strip(" :–-")[:300],
                                         "source": f"{self.path}:{self.lines[i].number}"})
            votes = re.search(r"(\d+|no)\s+(?:voting\s+)?FOR,?\s+(\d+|no)\s+AGAINST,?\s+(?:and\s+)?(\d+|no)\s+ABSTENTIONS?",
                              text, re.I)
            if votes:
                out["votes"].append({"item": item, **{k: 0 if v.lower() == "no" else int(v) for k, v in
                                                      zip(("for", "against", "abstain"), votes.groups(), strict=True)}})
            if re.search(r"schedule\s+12\s*\(?a\)?|\bpart\s+(?:2|two|ii)\b|public\s+be\s+excluded", text, re.I):
                out["exempt"] = True
            ended = _ENDED.search(text)
            if ended and find_time(ended["t"] or ended["t2"] or ended["t3"]):
                out["finished"] = find_time(ended["t"] or ended["t2"] or ended["t3"])
                out["finished_line"] = self.lines[i].number

    def _chair(self, text: str) -> None:
        if self.out["chair"]:
            return
        for pattern in (r"^The Chair(?:man|woman|person)?,\s+" + _PERSON.format(g="n") + r",",
                        r"^" + _PERSON.format(g="n") + r",\s+Chair(?:man)?\s+of\s+the\s+(?:Council|Committee|Panel)\b",
                        _PERSON.format(g="n") + r"\s+(?:was\s+)?in\s+the\s+Chair\b"):
            m = re.search(pattern, text)
            if m:
                self.out["chair"] = printed_name(m["n"])
                return

    def _apologies(self, text: str, i: int, title: str) -> None:
        out = self.out
        body = re.sub(r"^minutes:\s*", "", text, flags=re.I)
        if re.search(r"\b(?:no apologies|there were (?:no apologies|none))\b", body, re.I):
            out["apologies_stated_none"] = True
            return
        m = re.search(r"apolog(?:y|ies)(?:\s+for\s+absence)?\s+(?:had\s+been\s+|were\s+|was\s+)?(?:received|submitted|given|"
                      r"tendered)\s+(?:on\s+behalf\s+of|from)\s+(?P<list>.+)$|there\s+were\s+apologies\s+for\s+absence\s+"
                      r"from\s+(?P<list2>.+)$", body, re.I)
        by = re.search(r"apology\s+(?:was\s+)?submitted\s+by\s+[^.]*?,\s+" + _PERSON.format(g="n") + r",", body)
        if by and printed_name(by["n"]):
            out["apologies"].append(printed_name(by["n"]))
            return
        if m:
            names = _sentence(m["list"] or m["list2"])
        else:
            m = re.match(r"^(?P<list>.+?),?\s+(?:also\s+)?apologised\s+for\s+(?:his|her|their)\s+inability", body)
            if m:
                names = m["list"]
            elif "apolog" in title and re.match(r"^(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\b", body) and len(body) < 200 \
                    and all(printed_name(c) for c in _chunks(_sentence(body))):
                names = _sentence(body)  # the item's minute is just the list: "Cllr A King."
            else:
                return
        self._people_list(names, i, out["apologies"])

    def _substitutes(self, text: str) -> None:
        p1, p2 = _PERSON.format(g="who"), _PERSON.format(g="for_")
        for m in re.finditer(p1 + r"\s+(?:was\s+present\s+as\s+(?:a\s+)?Substitute\s+Member\s+for|had\s+been\s+appointed\s+"
                             r"as\s+substitute\s+for|substituted\s+for|attended\s+in\s+place\s+of|for)\s+" + p2, text):
            who, for_ = printed_name(m["who"]), printed_name(m["for_"])
            if who and for_:
                self.out["substitutes"].append({"name": who, "for": for_})

    def _declarations(self, text: str, i: int, title: str, current: str | None) -> str | None:
        out = self.out
        body = re.sub(r"^minutes:\s*", "", text, flags=re.I)
        if re.search(r"\bno (?:declarations|disclosures|interests)\b|\bthere were none\b|no issues were raised", body, re.I) \
                and ("interest" in title or "disclos" in title or "declar" in body.lower()):
            out["declarations_stated_none"] = True
            return current
        alone = re.fullmatch(_PERSON.format(g="n"), body)
        if alone and ("interest" in title or "declar" in title):
            return printed_name(alone["n"])
        for m in re.finditer(_PERSON.format(g="n") + r"(?:,\s*CC)?\s+declared\s+(?P<what>[^.]*)", body):
            name = printed_name(m["n"])
            if name:
                self._declaration(name, m["what"])
        m = re.search(r"declarations\s+of\s+interest\s+were\s+made\s+by\s+(?P<list>.+)$", body, re.I)
        if m:
            parts = re.split(r"\s+and\s+(?=(?:Colonel|Cllr|Councillor|Mr|Mrs|Ms|Dr)\b)", m["list"])
            for part in parts:
                part = re.split(r"\s+who\b", part)[0]
                for chunk in _chunks(part):
                    name = printed_name(chunk)
                    if name:
                        self._declaration(name, "")
                    else:
                        self.flag("unreadable_name", f"“{chunk}” in a declaration does not read as a name.", i)
        if current and re.search(r"\binterest\b", body, re.I) and not re.search(r"declared", body):
            self._declaration(current, body)
        return current

    def _declaration(self, name: str, what: str) -> None:
        low = what.lower()
        kind = next((k for k in _KINDS if k in low.split(" interest")[0]), "") if "interest" in low else ""
        kind = {"non pecuniary": "non-pecuniary", "disclosable pecuniary": "pecuniary"}.get(kind, kind)
        item = re.search(r"\bitem\s+(\d+)", what, re.I)
        self.out["declarations"].append({"name": name, "kind": kind or "unspecified", "item": item.group(1) if item else "",
                                         "text": what.strip()[:200]})

    def _confirmed(self, text: str) -> None:
        m = re.search(r"minutes\s+of\s+the\s+(?:[\w-]+\s+){0,10}?(?:meeting|proceedings)\b[^.]*?\b(?:held\s+)?on\s+(?:the\s+)?"
                      r"(?P<d>[^.]*?)\s+(?:were|was|be|are)\s+(?:\w+\s+)?(?:confirmed|agreed|approved|signed)", text, re.I)
        if m:
            found = find_dates_loose(m["d"])
            if found:
                self.out["minutes_confirmed"].append(found[0][0])


def read_general_minutes(lines: list[Line], path: str) -> dict:
    """Read minutes in any of the supported general layouts; see the module docstring."""
    return GeneralMinutes(lines, path).parse()
