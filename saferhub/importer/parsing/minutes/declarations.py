"""Declarations of interest: who declared, what kind (a disclosable pecuniary interest or other),
and whether during the meeting."""

from __future__ import annotations

import re

from saferhub.importer.parsing.minutes.patterns import _DECL, _PARA
from saferhub.importer.parsing.names import split_honorific
from saferhub.importer.parsing.text import Line, flat


class DeclarationsMixin:
    def _declaration(self, ln: Line) -> None:
        text = _PARA.sub("", flat(ln.raw))
        if re.search(r"no (?:declarations|interests were declared)", text, re.I):
            return
        match = _DECL.search(text)
        if not match:
            return
        kind = match["type"].lower()
        dtype = "DPI" if "pecuniary" in kind and "non" not in kind else "Other"
        res = self.ctx.resolve(match["who"], self.src(ln), councillor=True)
        self.out["declarations"].append({
            "name": res.person.name if res.person else split_honorific(match["who"])[1], "type": dtype,
            "text": match["text"].strip(), "during_meeting": bool(match["during"]), "source": self.src(ln),
        })
