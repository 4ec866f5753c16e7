"""Attendance from the minutes: who was present (and for whom a substitute sat), apologies,
officers in attendance, the chair, and the outcome that confirming the attendance gives."""

from __future__ import annotations

from saferhub.governance import actions as gov
from saferhub.governance.models import Meeting, MeetingStatus
from saferhub.importer.commit.base import _d, _t
from saferhub.importer.parsing.text import fmt_date


class AttendanceMixin:
    def record_attendance(self, meeting: Meeting, m: dict) -> None:
        path = m["source"]["path"]
        subs = {s["name"]: s["for"] for s in m["substitutes"]}
        rows, labels = [], []
        position = 0
        for p in m["present"]:
            position += 1
            where = f"{path}:{p['line']}"
            person = self.person(p["name"], councillor=True, source=where)
            role = "substitute" if p["name"] in subs else "member"
            rows.append(dict(person=person, status="present", role=role,
                             substitute_for=self.person(subs[p["name"]], councillor=True) if role == "substitute" else None,
                             organisation=self.org(p.get("body", "")), recorded_name=p.get("written", "")[:150],
                             note=p.get("note", "")[:300], position=position))
            labels.append((f"The attendance of {p['name']}", where))
        for a in m["apologies"]:
            position += 1
            person = self.person(a["name"], councillor=a["kind"] != "officer", source=a["source"])
            rows.append(dict(person=person, status="apologies", role=a["kind"], title=a.get("title", "")[:300],
                             recorded_name=a.get("written", "")[:150], position=position))
            labels.append((f"The apologies of {a['name']}", a["source"]))
        for o in m["in_attendance"]:
            position += 1
            where = f"{path}:{o['line']}"
            person = self.person(o["name"], councillor=False, source=where)
            rows.append(dict(person=person, status="in_attendance", role="officer", title=o["title"][:300],
                             recorded_name=o.get("written", "")[:150], position=position))
            labels.append((f"The attendance of {o['name']}", where))
        if rows:
            for att, (_, source) in zip(self.bulk(gov.record_attendance_many, meeting, rows, labels), labels,
                                        strict=True):
                if att is not None:
                    self.summary["attendance"] += 1
                    self.provenance(att, source)

    def record_outcome(self, meeting: Meeting, m: dict) -> Meeting:
        """The chair, then the attendance confirmed (which fixes held or inquorate); a status that
        differs from what the minutes say is flagged, not forced."""
        path = m["source"]["path"]
        if m.get("chair"):
            with self.attempt(f"The chair ({m['chair']})", f"{path}:{m['source']['lines'][0]}"):
                gov.record_chair(meeting, person=self.person(m["chair"]), capacity=m.get("chair_capacity") or "chair",
                                 note=(m.get("chair_note") or "")[:200], acting_user=self.actor)
        where = f"{path}:{m['source']['lines'][0]}"
        with self.attempt(f"Confirming the attendance of {fmt_date(_d(m['date']))}", where):
            meeting = gov.finalise_attendance(meeting, declared_at=_t(m.get("declared_inquorate_at")),
                                              acting_user=self.actor)
        meeting.refresh_from_db()
        if m["status"] == "inquorate" and meeting.status != MeetingStatus.INQUORATE:
            self.flag("status_differs", f"The minutes say the meeting of {fmt_date(meeting.date)} was inquorate, but "
                      f"the attendance recorded makes it {meeting.get_status_display().lower()}.", where)
        if m["status"] == "held" and meeting.status != MeetingStatus.HELD:
            self.flag("status_differs", f"The minutes record business at the meeting of {fmt_date(meeting.date)}, but "
                      f"the attendance recorded makes it {meeting.get_status_display().lower()}.", where)
        return meeting
