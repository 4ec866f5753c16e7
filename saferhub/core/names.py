"""Name handling: honorifics, normalisation, and resolving a written name to a person."""

from __future__ import annotations

import re
import unicodedata

HONORIFICS = (
    "Cllr", "Councillor", "Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Professor", "Supt", "T/Supt",
    "Ch Supt", "CI", "DCI", "Insp", "Inspector", "Acting Inspector", "Sgt", "PC", "Rev", "Sir", "Dame",
)
_HONORIFIC_RE = re.compile(
    r"^(?P<h>" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True)) + r")\.?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_DASHES = re.compile(r"\s*[‐‑‒–—-]\s*")


def split_honorific(text: str) -> tuple[str, str]:
    """Split "Cllr Emma Corlett" into ("Cllr", "Emma Corlett"); no honorific gives ("", text)."""
    cleaned = " ".join((text or "").split())
    match = _HONORIFIC_RE.match(cleaned)
    if not match:
        return "", cleaned
    found = match.group("h")
    canonical = next(h for h in HONORIFICS if h.lower() == found.lower())
    if canonical == "Councillor":
        canonical = "Cllr"
    return canonical, match.group("rest")


def normalise_name(text: str) -> str:
    """Fold a name for comparison: no honorific, single spaces, one kind of hyphen, lower case.

    "Cllr Mark Kiddle – Morris" and "Mark Kiddle-Morris" normalise to the same string.
    """
    _, bare = split_honorific(text)
    bare = unicodedata.normalize("NFKC", bare)
    bare = _DASHES.sub("-", bare)
    return " ".join(bare.split()).casefold()
