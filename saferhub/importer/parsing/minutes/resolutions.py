"""What the meeting resolved: each decision with its verb and sub-paragraphs, recommendations and
their addressee, delegations to a parent committee, and additions to the work programme."""

from __future__ import annotations

import re

from saferhub.importer.parsing.minutes.patterns import _BLOCK, _INLINE, _LABEL, _PARA, _STARTS_VERB, VERBS
from saferhub.importer.parsing.text import Line, find_dates, first_date, flat, month_year


class ResolutionsMixin:
    # -- decisions ----------------------------------------------------------------------------
    def _decisions(self, item: dict) -> None:
        lines: list[Line] = item["lines"]
        in_block = False
        current: dict | None = None
        pending_resolved: dict | None = None
        decisions = []
        for ln in lines:
            raw = ln.raw
            text = _PARA.sub("", flat(raw)).strip()
            bare = _LABEL.sub("", text).strip()
            indent = len(raw) - len(raw.lstrip(" \t"))
            if pending_resolved is not None:
                pending_resolved["text"] = bare
                pending_resolved["end"] = ln.number
                pending_resolved = None
                continue
            if _BLOCK.match(text) and len(text) < 70 and text.lower().startswith("the"):
                in_block = True
                current = None
                continue
            inline = _INLINE.match(bare)
            starts = _STARTS_VERB.match(bare)
            match = inline or starts
            if match:
                verb = match["verb"]
                body = match["text"].strip()
                decision = {"item": item["number"], "verb": verb, "text": body, "line": ln.number,
                            "end": ln.number, "subs": []}
                decisions.append(decision)
                current = decision
                if not body and verb == "RESOLVED":
                    pending_resolved = decision
                continue
            if current is None:
                continue
            is_sub = indent >= 1 and re.match(r"^\s+[-•o*]", raw) or raw.lstrip().startswith("•")
            date_line = re.match(r"^(.{3,40}?\d{4})\s*:$", text) or re.match(r"^(\d{1,2} \w+ \d{4}):$", text)
            continues = current["text"] and not re.search(r"[.;:)]$", current["text"]) and bare[:1].islower()
            if continues:
                current["text"] += " " + bare
                current["end"] = ln.number
            elif is_sub or date_line or (current["text"].endswith(":") and raw.lstrip().startswith("-")) or (
                    current["subs"] and raw.lstrip().startswith("-") and not in_block):
                current["subs"].append({"text": bare, "line": ln.number, "date_heading": bool(date_line)})
                current["end"] = ln.number
            else:
                current = None if not in_block else current
                if in_block and not raw.lstrip().startswith("-"):
                    current = None
        decisions = [part for d in decisions for part in _compound(d)]
        for d in decisions:
            d["text"] = d["text"].replace("**", "").strip()
            self._decision_extras(d, item)
            full = " ".join([d["text"], *(s["text"] for s in d["subs"])]).strip()
            self.out["decisions"].append({"item": d["item"], "verb": d["verb"], "text": full,
                                          "source": self.src(d["line"], d["end"]), "line": d["line"]})

    def _decision_extras(self, d: dict, item: dict) -> None:
        text = d["text"]
        source = self.src(d["line"], d["end"])
        if d["verb"] == "RECOMMENDED":
            addressee = re.search(r"to\s+(?:the\s+)?([A-Z][\w ]+?)\s*[;:,.]", text + ";")
            recs = [s["text"] for s in d["subs"] if not s["date_heading"]]
            if not recs:
                rest = re.sub(r"^to\s+the\s+[A-Z][\w ]+?[;:,]\s*", "", text)
                recs = [rest] if rest else []
            for n, rec in enumerate(recs, start=1):
                self.out["recommendations"].append({"item": d["item"], "sequence": n,
                                                    "to": addressee.group(1) if addressee else "",
                                                    "text": rec, "source": source})
        if d["verb"] == "AGREED" and re.search(r"\bdelegate\b", text, re.I):
            body = re.search(r"report(?:ing)?\b.*?\bto\s+the\s+([A-Z][\w ]*?Committee)", text)
            dates = find_dates(text)
            self.out["delegations"].append({
                "item": d["item"], "to": body.group(1) if body else "", "date": dates[0][0] if dates else None,
                "if_agenda_allows": "agenda allow" in text.lower(), "text": text, "source": source,
            })
        if item["kind"] == "work_programme" and d["verb"] in {"AGREED", "NOTED", "RESOLVED", "APPROVED"}:
            target = None
            month = re.search(r"for the (\w+ \d{4}) meeting", text)
            if month:
                target = month_year(month.group(1))
            for sub in d["subs"]:
                if sub["date_heading"]:
                    day = first_date(sub["text"])
                    target = (day, False) if day else month_year(sub["text"])
                    continue
                if target is None:
                    continue
                self.out["fwp_additions"].append({
                    "meeting_date": target[0], "precision": "month" if month and target and not first_date(sub["text"]) and not isinstance(target, tuple) else ("month" if target[0].day == 1 and month else "day"),
                    "text": sub["text"], "source": self.src(sub["line"]),
                })


_AND_VERB = re.compile(r"\s+and\s+(?:\*\*)?(?P<verb>" + "|".join(VERBS) + r")(?:\*\*)?\s+")


def _compound(d: dict) -> list[dict]:
    """"NOTED the report and AGREED to …" (001:199) is two decisions: split at "and" + a verb in capitals."""
    match = _AND_VERB.search(d["text"])
    if not match:
        return [d]
    first = {**d, "text": d["text"][:match.start()].strip(), "subs": []}
    second = {**d, "verb": match["verb"], "text": d["text"][match.end():].strip()}
    return [first, *_compound(second)]
