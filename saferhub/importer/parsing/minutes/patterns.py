"""The patterns minutes are read with: headings, paragraph labels, decision verbs, declarations."""

from __future__ import annotations

import re

from saferhub.importer.parsing.text import Line, flat

VERBS = ("RESOLVED", "NOTED", "AGREED", "ENDORSED", "COMMENDED", "RECOMMENDED", "APPROVED", "DEFERRED", "REFERRED",
         "REQUESTED")
_VERB = "|".join(VERBS)
_HEADER = re.compile(r"^minutes\s+of\s+(?:the\s+|a\s+)?(?P<kind>(?:\w+\s+){0,12}?)meeting\b(?P<rest>.*)$", re.I)
_HEADING = re.compile(r"^(?P<n>\d{1,2})(?:\.(?!\d))?\s+(?P<title>[A-Z(].{1,150})$")
_PARA = re.compile(r"^\(?\d{1,2}\.\d{1,2}\.?\)?\s*")
_LABEL = re.compile(r"^(?:\(?\d{1,2}\)|\(?[a-h]\)|\(?[ivx]{1,4}\))\s*")
_BLOCK = re.compile(r"^(?:the\s+)?(?:[A-Za-z-]+\s+){0,4}?(?:sub[- ]?panel|sub|panel|committee|board|cabinet)\s*(?:resolved)?\s*:?\s*[:–-]?$", re.I)
_INLINE = re.compile(r"^(?:[Tt]he\s+)?(?:[A-Za-z-]+\s+){0,4}?(?:[Ss]ub[- ]?[Pp]anel|[Ss]ub|[Pp]anel|[Cc]ommittee|[Bb]oard|[Cc]abinet)\s+(?P<verb>" + _VERB + r")\b\s*[:,–-]?\s*(?P<text>.*)$")
_STARTS_VERB = re.compile(r"^(?P<verb>" + _VERB + r")\b\s*[:,–-]?\s*(?P<text>.*)$")
_FINISHED = re.compile(r"^the meeting (?:finished|ended|closed|concluded) at\b", re.I)
_DECL = re.compile(
    r"(?P<who>(?:Cllr|Councillor)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}?(?:\s*[–-]\s*[A-Z][\w'’-]*)?)\s+"
    r"(?:declared|expressed|disclosed|registered)\s+(?:an?\s+)?(?P<type>[\"'“‘]?\s*(?:other|disclosable pecuniary|pecuniary|non[- ]pecuniary|personal|prejudicial)[^.]*?interest[\"'”’]?)"
    r"(?P<during>\s+during the meeting)?\s*(?:,\s*)?(?:as|in that|because|being|regarding|in respect of|on)?\s*(?P<text>.*)$",
    re.I,
)
_NAME_CHUNK = re.compile(r"(?:Cllr|Councillor)\s+[A-Z][\w'’]*(?:\s*[–-]\s*[A-Z][\w'’]*|\s+[A-Z][\w'’]*){0,3}")
ORG_END = re.compile(r"(?:OPCCN\)?|\(NCC\)|NCC|Council|Constabulary|Board|Partnership|Service|Trust|\(OPCCN\))$")


def _join(lines: list[Line]) -> str:
    return " ".join(flat(ln.raw) for ln in lines if not ln.blank)
