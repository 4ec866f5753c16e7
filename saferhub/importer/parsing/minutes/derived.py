"""Facts derived once the whole minute is read: the chair, substitutes present for whom, people
present who hold no seat, elections to office, and what could not be read."""

from __future__ import annotations

import datetime as dt
import re

from saferhub.importer.parsing.text import fmt_date, fold


class DerivedMixin:
    # -- derived facts ------------------------------------------------------------------------
    def _derive(self) -> None:
        out = self.out
        day = out["date"]
        present = out["present"]
        # Chair: from the Present annotations, then from statements, then the Chair in office.
        for p in present:
            note = p["note"].lower()
            if "in the chair" in note or note in {"chair", "chairman", "chairwoman", "chairperson"} or "elected chair" in note:
                out["chair"] = p["name"]
                out["chair_note"] = p["note"]
                out["chair_capacity"] = "vice_chair" if "vice" in note else "chair"
                break
        if out["chair"] is None:
            for statement in out.get("chair_statements", []):
                for p in present:
                    if p["person"] and fold(p["person"].name.split()[-1]) in fold(statement):
                        out["chair"] = p["name"]
                        out["chair_note"] = statement.strip("()")
                        out["chair_capacity"] = "vice_chair" if "vice" in statement.lower() else "chair"
        if out["chair"] is None and day:
            for p in present:
                if self.ctx.offices.get(("chair", civic_year(day))) == p["name"]:
                    out["chair"] = p["name"]
                    out["chair_capacity"] = "chair"
            if out["chair"] is None:
                for p in present:
                    if self.ctx.offices.get(("vice_chair", civic_year(day))) == p["name"]:
                        out["chair"] = p["name"]
                        out["chair_capacity"] = "vice_chair"
        # Substitutes present: named in the apologies, or a named substitute in the table.
        stated = {s["name"] for s in out["substitutes"]}
        apologised = {a["name"] for a in out["apologies"]}
        for p in present:
            if p["name"] in stated:
                p["role"] = "substitute"
                continue
            if p.get("role") == "substitute" and p.get("seat") is not None:
                member = p["seat"].main
                if member:
                    out["substitutes"].append({"name": p["name"], "for": member, "source": self.src(p["line"]),
                                               "stated": False})
                    if member in {q["name"] for q in present}:
                        self.ctx.flag("member_and_substitute_present",
                                      f"{p['name']} is named substitute for {member}, and both are listed as present.",
                                      self.src(p["line"]))
                    elif member not in apologised and out["status"] != "inquorate":
                        self.ctx.flag("substitute_without_apologies",
                                      f"{p['name']} attended as substitute for {member}, whose apologies are not "
                                      "recorded.", self.src(p["line"]), severity="info")
            elif p.get("role") is None and p["person"] is not None:
                self.ctx.flag("not_a_member", f"{p['name']} is listed as present but appears in no membership table "
                              f"for {fmt_date(day) if day else 'this meeting'}.", self.src(p["line"]), severity="info")
        # Elections.
        for d in out["decisions"]:
            if d["verb"] != "RESOLVED":
                continue
            match = re.search(r"(?:Cllr|Councillor)\s+(.+?)\s+be\s+elected\s+(Vice[- ]Chair|Chair)", d["text"], re.I)
            if match:
                res = self.ctx.resolve(match.group(1), d["source"], councillor=True)
                office = "vice_chair" if "vice" in match.group(2).lower() else "chair"
                year = re.search(r"for\s+(\d{4}-\d{2})", d["text"])
                name = res.person.name if res.person else match.group(1)
                out["elections"].append({"office": office, "name": name, "civic_year": year.group(1) if year else
                                         (civic_year(day) if day else ""), "source": d["source"]})
                if day:
                    self.ctx.offices[(office, year.group(1) if year else civic_year(day))] = name
        if out["status"] == "inquorate" and out["declared_inquorate_at"] is None:
            self.ctx.flag("inquorate_time", "The meeting is recorded as inquorate but the time it was declared "
                          "inquorate could not be read.", self.src(self.lines[0]))
        if out["finished"] is None:
            self.ctx.flag("missing_finish", "The finishing time could not be read.", self.src(self.lines[-1]),
                          severity="info")



def civic_year(day: dt.date, start_month: int = 5) -> str:
    year = day.year if day.month >= start_month else day.year - 1
    return f"{year}-{str(year + 1)[-2:]}"
