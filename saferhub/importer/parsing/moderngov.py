"""A ModernGov attendance page (``mgMeetingAttendance.aspx``), read as converted lines: the title
"Committee - Tuesday, 2nd March, 2010 6.30 pm", then an Attendee / Role / Attendance table. It gives the
attendance directly, in the same shape as parsed minutes (``parse_minutes``), so that it merges with the
minutes of the same meeting (a second rendering) or stands for them when the minutes are not imported.

Attendance words: Present, Present as substitute, Apologies (and "Apologies, sent substitute"), In attendance,
Expected (the page was saved before the attendance was confirmed) and Absent. An "Expected" row is flagged, never
read as present; "Absent" is neither present nor apologies.
"""

from __future__ import annotations

import re

from saferhub.importer.parsing.context import Context
from saferhub.importer.parsing.text import Line, find_dates, find_time, flat

_HEAD = re.compile(r"^attendee\tRole\tAttendance", re.I)
_TITLE = re.compile(r"^(?P<committee>.+?)\s+[-–]\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)


def is_attendance_page(lines: list[Line]) -> bool:
    return any(_HEAD.match(ln.raw) for ln in lines[:80])


def parse_attendance_page(lines: list[Line], ctx: Context, path: str) -> dict:
    out: dict = {
        "committee": "", "date": None, "time": None, "venue": "", "status": "held", "chair": None,
        "chair_capacity": "", "chair_note": "", "present": [], "substitutes": [], "apologies": [],
        "in_attendance": [], "declarations": [], "minutes_confirmed": [], "decisions": [], "items": [],
        "finished": None, "declared_inquorate_at": None, "present_count_stated": None,
        "recommendations": [], "delegations": [], "fwp_additions": [], "elections": [], "quorum_stated": None,
        "source": {"path": path, "lines": [lines[0].number, lines[-1].number]}, "from_attendance_page": True,
    }
    for ln in lines[:40]:
        match = _TITLE.match(flat(ln.raw))
        dates = find_dates(flat(ln.raw))
        if match and dates:
            out["committee"] = match["committee"].strip()
            out["date"] = dates[0][0]
            out["time"] = find_time(flat(ln.raw)[dates[0][2]:])
            break
    if out["date"] is None:
        ctx.flag("not_understood", "The attendance page gives no committee and date in its title; its attendance "
                 "was not read.", f"{path}:{lines[0].number}", "error")
        return out
    head = next(i for i, ln in enumerate(lines) if _HEAD.match(ln.raw))
    expected = []
    for ln in lines[head + 1:]:
        cells = [c.strip() for c in ln.raw.split("\t")]
        if len(cells) < 3:
            if ln.blank:
                continue
            break
        written, role, attendance = cells[0], cells[1], cells[2].lower()
        where = f"{path}:{ln.number}"
        officer = role.lower() in {"officer", "officers"} or attendance == "in attendance"
        res = ctx.resolve(written, where, councillor=not officer, create=True, strength=2)
        name = res.person.name if res.person else written
        if attendance.startswith("present"):
            note = "Chair" if re.match(r"chair(?:man|woman)?$", role, re.I) else (
                "Vice-Chair" if re.match(r"vice[- ]chair", role, re.I) else "")
            out["present"].append({"written": written, "note": note, "line": ln, "name": name, "person": res.person,
                                   "body": ""})
            if note == "Chair":
                out["chair"] = name
            if "substitute" in attendance:
                # The page names the substitute but not whom they replaced: flagged, not guessed.
                ctx.flag("substitute_for_unknown", f"{name} attended as a substitute; the attendance page does not "
                         "say for whom.", where)
        elif attendance.startswith("apolog"):
            out["apologies"].append({"name": name, "kind": "officer" if officer else "member", "source": where,
                                     "written": written, "title": ""})
        elif attendance == "in attendance":
            out["in_attendance"].append({"name": name, "title": role, "line": ln, "written": written})
        elif attendance == "expected":
            expected.append(name)
        # "Absent": neither present nor apologies; nothing is recorded for them.
    if expected:
        ctx.flag("attendance_not_confirmed", f"The attendance page still shows {len(expected)} member(s) as "
                 f"expected ({', '.join(expected)}): it was saved before the attendance was confirmed, so they were "
                 "not recorded as present.", f"{path}:{lines[head].number}")
    out["source"]["lines"] = [lines[0].number, lines[-1].number]
    return out
