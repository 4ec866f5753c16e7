"""Reconciling a meeting already recorded with what the documents say: each difference is a flag,
SaferHub keeps what it had; what agrees is linked to its source as confirmed."""

from __future__ import annotations

from rapidfuzz import fuzz

from saferhub.governance.models import Decision, Declaration, Meeting, MeetingStatus
from saferhub.importer.commit.base import _d, _norm, _t
from saferhub.importer.models import Provenance
from saferhub.importer.parsing.text import fmt_date


class ReconcileMixin:
    # -- reconciling with what is already recorded ------------------------------------------
    def compare(self, meeting: Meeting, m: dict, where: str) -> None:
        diffs = []
        status = {"held": MeetingStatus.HELD, "inquorate": MeetingStatus.INQUORATE, "scheduled": MeetingStatus.SCHEDULED,
                  "rescheduled": MeetingStatus.POSTPONED}[m["status"]]
        if m["status"] != "scheduled" and meeting.status != status:
            diffs.append(f"status {meeting.get_status_display().lower()} in SaferHub, {m['status']} in the document")
        if m["present"]:
            recorded = {a.person.name: a.status for a in meeting.attendances.select_related("person")}
            for p in m["present"]:
                if recorded.get(p["name"]) != "present":
                    diffs.append(f"{p['name']} present in the document, "
                                 f"{recorded.get(p['name'], 'not recorded').replace('_', ' ')} in SaferHub")
                else:
                    att = meeting.attendances.filter(person__name=p["name"]).first()
                    self.provenance(att, f"{m['source']['path']}:{p['line']}", Provenance.Role.CONFIRMED)
            for a in m["apologies"]:
                if recorded.get(a["name"]) not in {"apologies", None} or a["name"] not in recorded:
                    diffs.append(f"apologies from {a['name']} in the document, "
                                 f"{recorded.get(a['name'], 'not recorded').replace('_', ' ')} in SaferHub")
            chair = meeting.chaired_by.name if meeting.chaired_by_id else None
            if m.get("chair") and chair != m["chair"]:
                diffs.append(f"chair {chair or 'not recorded'} in SaferHub, {m['chair']} in the document")
            finished = _t(m.get("finished"))
            if finished and meeting.finished_at and finished != meeting.finished_at:
                diffs.append(f"finished at {meeting.finished_at:%H:%M} in SaferHub, {finished:%H:%M} in the document")
            stored = list(Decision.objects.filter(agenda_item__meeting=meeting).select_related("agenda_item"))
            for d in m["decisions"]:
                same_item = [s for s in stored if s.agenda_item.number == d["item"] and s.verb == d["verb"]]
                best = max(same_item, key=lambda s: fuzz.ratio(_norm(s.text), _norm(d["text"])), default=None)
                if best is None:
                    diffs.append(f"decision {d['item']} “{d['verb']} {d['text'][:70]}” is not in SaferHub")
                    continue
                score = fuzz.partial_ratio(_norm(best.text), _norm(d["text"]))
                self.provenance(best, d["source"], Provenance.Role.CONFIRMED if score >= 90 else Provenance.Role.DIFFERS)
                if score < 90:
                    diffs.append(f"decision {d['item']} ({d['verb']}) is worded differently in SaferHub")
            declared = {x.person.name for x in Declaration.objects.filter(meeting=meeting).select_related("person")}
            for d in m["declarations"]:
                if d["name"] not in declared:
                    diffs.append(f"declaration by {d['name']} is not in SaferHub")
        confirmed = {x.date.isoformat() for i in meeting.agenda_items.all() for x in i.confirms_minutes_of.all()}
        for day in m["minutes_confirmed"]:
            if day not in confirmed:
                diffs.append(f"confirms the minutes of {fmt_date(_d(day))} in the document, "
                             f"{', '.join(sorted(confirmed)) or 'none'} in SaferHub")
        for text in diffs:
            self.summary["differences"] += 1
            self.flag("differs_from_database", f"Meeting of {fmt_date(meeting.date)}: {text}.", where)
