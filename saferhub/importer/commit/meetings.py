"""Meetings: matched or scheduled, their agenda, and their minutes (items, attendance, outcome,
declarations, decisions) written through the governance actions in the order the rules need."""

from __future__ import annotations

from django.utils import timezone

from saferhub.governance import actions as gov
from saferhub.governance.models import AgendaItem, Attendance, Committee, DatePrecision, Meeting, MeetingStatus
from saferhub.importer.commit.base import _d, _t
from saferhub.importer.models import ImportFlag, Provenance
from saferhub.importer.parsing.text import fmt_date


class MeetingsMixin:
    # -- meetings ---------------------------------------------------------------------------
    def find_meeting(self, committee: Committee, m: dict) -> Meeting | None:
        day = _d(m["date"])
        qs = Meeting.objects.filter(committee=committee, date=day)
        if m.get("precision") == "month":
            qs = Meeting.objects.filter(committee=committee, date__year=day.year, date__month=day.month)
        return qs.exclude(status=MeetingStatus.CANCELLED).order_by("date_precision").first()

    def meeting(self, committee: Committee, m: dict) -> None:
        src = m.get("source") or {}
        where = f"{src.get('path', '')}:{(src.get('lines') or [0])[0]}"
        existing = self.find_meeting(committee, m)
        # Minutes without a Present list (a ModernGov minutes page: attendance is on another page) still carry
        # items, apologies, declarations and decisions.
        has_minutes = bool(m["present"] or m.get("decisions") or m.get("apologies") or m.get("declarations"))
        if existing is not None and (existing.attendance_finalised or existing.status != MeetingStatus.SCHEDULED
                                     or Attendance.objects.filter(meeting=existing).exists()
                                     or not has_minutes):
            self.summary["meetings_matched"] += 1
            self.by_date[m["date"]] = existing
            self.provenance(existing, src, Provenance.Role.CONFIRMED)
            self.compare(existing, m, where)
            return
        if existing is None:
            existing = gov.schedule_meeting(
                committee, date=_d(m["date"]), date_precision=m.get("precision") or DatePrecision.DAY,
                start_time=_t(m.get("time")), venue=m.get("venue") or m.get("agenda_venue") or committee.default_venue,
                livestream_url=m.get("livestream") or "", acting_user=self.actor)
            self.summary["meetings_created"] += 1
        self.by_date[m["date"]] = existing
        self.provenance(existing, src)
        if has_minutes:
            self.record_minutes(existing, m)
        else:
            self.record_agenda(existing, m)
            if m["status"] == "held" and _d(m["date"]) <= timezone.localdate():
                with self.attempt(f"The outcome of the meeting of {fmt_date(_d(m['date']))}", where):
                    gov.record_outcome_without_attendance(existing, status="held",
                                                          evidence="; ".join(m["evidence"])[:900] or "Imported",
                                                          acting_user=self.actor)
            elif m["status"] == "rescheduled" and m.get("rescheduled_to") in self.by_date:
                with self.attempt(f"Rescheduling the meeting of {fmt_date(_d(m['date']))}", where):
                    gov.postpone_meeting(existing, to_meeting=self.by_date[m["rescheduled_to"]],
                                         acting_user=self.actor)
            elif m["status"] == "rescheduled":
                self.pending_reschedule = getattr(self, "pending_reschedule", []) + [(existing, m, where)]
        for pending in list(getattr(self, "pending_reschedule", [])):
            old, pm, pwhere = pending
            if pm.get("rescheduled_to") in self.by_date:
                with self.attempt(f"Rescheduling the meeting of {fmt_date(_d(pm['date']))}", pwhere):
                    gov.postpone_meeting(old, to_meeting=self.by_date[pm["rescheduled_to"]], acting_user=self.actor)
                self.pending_reschedule.remove(pending)

    def record_agenda(self, meeting: Meeting, m: dict) -> None:
        agenda = m.get("agenda")
        if not agenda or AgendaItem.objects.filter(meeting=meeting).exists():
            return
        rows, labels = [], []
        for position, item in enumerate(agenda["items"], start=1):
            confirms = [self.by_date[d] for d in item.get("confirms", []) if d in self.by_date]
            rows.append(dict(title=item["title"][:300], kind=item["kind"], number=item["number"],
                             description=item.get("description", ""), page=item.get("page"), position=position,
                             confirms=confirms))
            labels.append((f"Agenda item {item['number']}", f"{agenda['path']}:{item['line']}"))
        for obj, (_, source) in zip(self.bulk(gov.add_agenda_items, meeting, rows, labels), labels, strict=True):
            self.provenance(obj, source)

    def record_minutes(self, meeting: Meeting, m: dict) -> None:
        """The minutes in the order the rules need them: the items, who attended, the outcome
        (attendance confirmed, so quorum is known), then what was declared, decided and elected,
        the finishing time and, for a public import, the published record."""
        path = m["source"]["path"]
        where = f"{path}:{m['source']['lines'][0]}"
        items = self.record_minute_items(meeting, m)
        self.record_attendance(meeting, m)
        meeting = self.record_outcome(meeting, m)
        self.record_declarations(meeting, m)
        self.record_decisions(meeting, m, items)
        self.record_elections(meeting, m)
        finished = _t(m.get("finished"))
        meeting.refresh_from_db()
        if finished and meeting.finished_at != finished:
            with self.attempt("The finishing time", where):
                gov.update_meeting(meeting, finished_at=finished, acting_user=self.actor)
        meeting.refresh_from_db()
        if self.batch.publish and meeting.took_place:
            with self.attempt("Publishing the record", where):
                gov.publish_meeting_record(meeting, acting_user=self.actor)


    def record_minute_items(self, meeting: Meeting, m: dict) -> dict[str, AgendaItem]:
        """The minute's items (with the minutes they confirm), by number."""
        path = m["source"]["path"]
        agenda_items = {i["number"]: i for i in (m.get("agenda") or {}).get("items", [])}
        items: dict[str, AgendaItem] = {}
        rows, labels, spans = [], [], []
        for position, item in enumerate(m["items"], start=1):
            confirms = self.confirmations(m) if item["kind"] == "minutes" else []
            planned = agenda_items.get(item["number"], {})
            rows.append(dict(title=item["title"][:300], kind=item["kind"], number=item["number"], position=position,
                             description=planned.get("description", ""), page=planned.get("page"),
                             minute_text=item["minute_text"], confirms=confirms))
            labels.append((f"Minute {item['number']} ({item['title']})", f"{path}:{item['source'][0]}"))
            spans.append((item["number"] or f"#{position}", {"path": path, "lines": item["source"]}))
        for obj, (key, span) in zip(self.bulk(gov.add_agenda_items, meeting, rows, labels), spans, strict=True):
            if obj is not None:
                items[key] = obj
                self.provenance(obj, span)
        return items

    def confirmations(self, m: dict) -> list[Meeting]:
        out = []
        for day in m["minutes_confirmed"]:
            target = day
            if day >= m["date"]:
                flag = self.batch.flags.filter(kind="minutes_date_after_meeting", ref__printed=day,
                                               ref__meeting=m["date"]).first()
                target = flag.resolution if flag and flag.status == ImportFlag.Status.RESOLVED else None
            if target and target in self.by_date:
                out.append(self.by_date[target])
        return out
