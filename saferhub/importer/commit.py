"""Write an import's extraction into SaferHub, only through the domain actions.

Every record is written as the importer's system actor (or the staff member committing), inside
the caller's single transaction. A record that breaks a rule is not forced in: its write is rolled
back to a savepoint and a flag says what was not recorded and why, with the source location.
Records already in the database (loaded from the partnership's data file, or imported before)
are matched, not duplicated; differences are flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from rapidfuzz import fuzz

from saferhub.core import actions as core_actions
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.queries import find_person
from saferhub.delivery import actions as delivery_actions
from saferhub.delivery.models import DeliveryPlan
from saferhub.governance import actions as gov
from saferhub.governance.models import (
    AgendaItem,
    Attendance,
    Committee,
    DatePrecision,
    Decision,
    Declaration,
    Meeting,
    MeetingStatus,
    Recommendation,
)
from saferhub.importer.models import ImportFlag, Provenance, SourceDocument, SourceFile, StagedRecord
from saferhub.importer.parsing.extract import committee_key
from saferhub.importer.parsing.text import fmt_date, fold
from saferhub.papers import actions as papers_actions
from saferhub.papers.actions.reports import REPORT_KINDS
from saferhub.papers.models import DocumentKind, FutureItem, WorkProgrammeEntry, WorkProgrammeStatus, WrittenQuestion

COUNCIL_KINDS = {"county_council", "district_council", "unitary_council"}


def _d(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value


def _t(value) -> dt.time | None:
    return dt.time.fromisoformat(value) if isinstance(value, str) and value else value


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))


class Committer:
    def __init__(self, batch, actor):
        self.batch = batch
        self.actor = actor
        self.x = batch.extraction
        self.summary = {"meetings_created": 0, "meetings_matched": 0, "attendance": 0, "decisions": 0,
                        "declarations": 0, "people_created": 0, "staged": 0, "delivery_actions": 0,
                        "documents": 0, "files_unchanged": [], "not_recorded": 0, "differences": 0, "papers": 0}
        self.now = timezone.now()
        self.flag_position = batch.flags.count()
        self.docs: dict[tuple[str, int], SourceDocument] = {}
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Organisation] = {}
        self.resolutions = {f.ref.get("name") or f.source: f for f in batch.flags.all()}
        self.new_files: set[str] = set()
        self._prov: list[Provenance] = []
        self._prov_keys: set[tuple] = set()
        self._all_orgs: list[Organisation] | None = None
        self._flags: list[ImportFlag] = []

    # -- helpers ----------------------------------------------------------------------------
    def flag(self, kind: str, message: str, source: str, severity: str = "warning") -> None:
        self.flag_position += 1
        self._flags.append(ImportFlag(batch=self.batch, position=self.flag_position, kind=kind, message=message,
                                      source=source[:200], severity=severity))

    def flush_flags(self) -> None:
        ImportFlag.objects.bulk_create(self._flags, batch_size=500)
        self._flags = []

    def bulk(self, action, target, rows: list[dict], labels: list[tuple[str, str]], **kwargs):
        """Run a bulk action with its refusals collected: a refused row becomes a ``not_recorded``
        flag (as a refused single write does), the others are recorded. ``labels`` are
        (what, source) per row. Returns the records (``None`` where refused)."""
        outcome = None
        with self.attempt(labels[0][0] if len(rows) == 1 else "The records of " + str(target),
                          labels[0][1] if labels else ""):
            outcome = action(target, rows=rows, acting_user=self.actor, collect_refusals=True, **kwargs)
        if outcome is None:
            return [None] * len(rows)
        for index, exc in sorted(outcome.refused.items()):
            self.summary["not_recorded"] += 1
            what, source = labels[index]
            self.flag("not_recorded", f"{what} was not recorded: {exc.text}", source)
        return outcome.records

    @contextmanager
    def attempt(self, what: str, source: str):
        """Run one write in a savepoint; a rule it breaks becomes a flag, not a failed import."""
        try:
            with transaction.atomic():
                yield
        except RuleViolation as exc:
            self.summary["not_recorded"] += 1
            self.flag("not_recorded", f"{what} was not recorded: {exc.text}", source)

    def doc_for(self, path: str, line: int) -> SourceDocument | None:
        candidates = [d for (p, _), d in self.docs.items() if p == path and d.line_start <= line <= d.line_end]
        return candidates[0] if candidates else None

    def provenance(self, record, source, role: str = Provenance.Role.CREATED, note: str = "") -> None:
        if record is None or not source:
            return
        if isinstance(source, dict):
            path, lines = source["path"], source["lines"]
        else:
            path, _, span = str(source).rpartition(":")
            a, _, b = span.partition("-")
            if not a.isdigit():
                return
            lines = [int(a), int(b or a)]
        if path not in self.new_files:
            role = Provenance.Role.CONFIRMED if role == Provenance.Role.CREATED else role
        doc = self.doc_for(path, lines[0])
        if doc is None:
            return
        key = (doc.pk, type(record), str(record.pk), lines[0], lines[1])
        if key in self._prov_keys:
            return
        self._prov_keys.add(key)
        self._prov.append(Provenance(document=doc, content_type=ContentType.objects.get_for_model(record),
                                     object_id=str(record.pk), line_start=lines[0], line_end=lines[1],
                                     page_start=doc.page_start, page_end=doc.page_end, role=role, note=note[:300]))

    def flush_provenance(self) -> None:
        Provenance.objects.bulk_create(self._prov, batch_size=500)
        self._prov = []

    # -- files and documents ----------------------------------------------------------------
    def files(self) -> bool:
        any_new = False
        for f in self.batch.files.all():
            earlier = SourceFile.objects.filter(sha256=f.sha256, committed=True).exclude(pk=f.pk).first()
            if earlier:
                f.duplicate_of = earlier
                f.save(update_fields=["duplicate_of"])
                self.summary["files_unchanged"].append(f.name)
                continue
            f.committed = True
            f.save(update_fields=["committed"])
            self.new_files.add(f.name)
            any_new = True
        info = {fi["name"]: fi for fi in self.x["files"]}
        for f in self.batch.files.filter(committed=True):
            lines = bytes(f.content).decode("utf-8", "replace").split("\n") if f.kind == "text" else None
            if lines is None:
                lines = self.x.get("pdf_text", {}).get(f.name, "").split("\n")
            created = []
            for position, d in enumerate(info[f.name]["documents"]):
                a, b = d["lines"]
                pages = d.get("pages") or [None, None]
                doc = SourceDocument.objects.create(
                    file=f, position=position, kind=d["kind"], label=d["label"], title=d["title"][:300],
                    line_start=a, line_end=b, page_start=pages[0], page_end=pages[1],
                    text="\n".join(lines[a - 1:b]), meeting_date=_d(d.get("meeting_date")),
                    item_number=str(d.get("item") or ""), is_public=self.batch.publish,
                    parent=created[d["parent"]] if d.get("parent") is not None else None,
                )
                created.append(doc)
                self.docs[(f.name, position)] = doc
                self.summary["documents"] += 1
        return any_new

    # -- organisations and people -----------------------------------------------------------
    def org(self, name: str) -> Organisation | None:
        if not name:
            return None
        if name in self.orgs:
            return self.orgs[name]
        key = fold(name)
        if self._all_orgs is None:
            self._all_orgs = list(Organisation.objects.all())
        for org in self._all_orgs:
            if key in {fold(org.name), fold(org.short_name or "")} | {fold(a) for a in org.aliases or []}:
                self.orgs[name] = org
                return org
        body = next((b for b in self.x.get("bodies", []) if b["name"] == name), {"kind": ""})
        org = core_actions.create_organisation(name=name, kind=body.get("kind") or "other",
                                               aliases=body.get("aliases", []), acting_user=self.actor)
        self.orgs[name] = org
        self._all_orgs.append(org)
        return org

    def person(self, name: str, *, councillor: bool | None = None, source: str = "") -> Person | None:
        if not name:
            return None
        if name in self.people:
            return self.people[name]
        info = next((p for p in self.x.get("people", []) if p["name"] == name), None)
        person = None
        if info and info.get("db_id"):
            person = Person.objects.filter(pk=info["db_id"]).first()
        if person is None:
            person = find_person(name)
            for alias in (info or {}).get("aliases", []):
                person = person or find_person(alias)
        if person is None:
            is_cllr = bool(info["councillor"]) if info else bool(councillor)
            person = core_actions.create_person(
                name=name, honorific="Cllr" if is_cllr else "", is_councillor=is_cllr,
                organisation=self.org(info["body"]) if info and info.get("body") else None,
                job_title=(info or {}).get("title", "")[:250] if not is_cllr else "", acting_user=self.actor)
            self.summary["people_created"] += 1
            if not info:
                self.flag("person_created", f"“{name}” was not matched to anyone known, so a new person was "
                          "recorded under that name; check and merge if it is someone already known.", source)
        for alias in (info or {}).get("aliases", []):
            if fold(alias) == fold(person.name) or person.aliases.filter(name__iexact=alias).exists():
                continue
            with self.attempt(f"The alias “{alias}” for {person.name}", source):
                core_actions.add_person_alias(person, name=alias, note=f"Seen in imported documents (import "
                                              f"{self.batch.pk}).", acting_user=self.actor)
        self.people[name] = person
        return person

    # -- committee --------------------------------------------------------------------------
    def committee(self, name: str) -> Committee:
        key = committee_key(name)
        for c in Committee.objects.all():
            if key in {committee_key(c.name), committee_key(c.short_name or "")}:
                return c
        return self.create_committee(name)

    def create_committee(self, name: str) -> Committee:
        snapshots = self.x.get("snapshots", [])
        rows = snapshots[-1]["rows"] if snapshots else []
        county = next((r["body"] for r in rows if "county council" in r["body"].lower()), None)
        owner = self.org(county) if county else (self.org(rows[0]["body"]) if rows else None)
        if owner is None:
            owner = core_actions.create_organisation(name="Council (from imported documents)", kind="other",
                                                     acting_user=self.actor)
        quorum = 1
        for m in self.x["meetings"]:
            stated = m.get("quorum_stated")
            if stated:
                quorum = _number(stated) or quorum
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]
        committee = gov.create_committee(name=name, slug=slug, organisation=owner, quorum=max(1, quorum),
                                         acting_user=self.actor)
        self.flag("committee_created", f"The committee “{name}” was not in SaferHub, so it was created from the "
                  f"documents (quorum {committee.quorum}); check its Terms of Reference settings.", "", "info")
        self.build_memberships(committee, snapshots)
        return committee

    def build_memberships(self, committee: Committee, snapshots: list[dict]) -> None:
        if not snapshots:
            return
        counts: dict[str, int] = {}
        for row in snapshots[-1]["rows"]:
            counts[row["body"]] = counts.get(row["body"], 0) + 1
        groups = {}
        county = [b for b in counts if "county council" in b.lower()]
        if county:
            groups["county"] = gov.add_seat_group(committee, name="County Council members", seats=counts[county[0]],
                                                  organisation=self.org(county[0]),
                                                  seats_per_organisation=counts[county[0]], chair_eligible=True,
                                                  acting_user=self.actor)
        others = [b for b in counts if b not in county]
        if others:
            groups["district"] = gov.add_seat_group(committee, name="District Council members", seats=len(others),
                                                    organisation_kind="district_council", vice_chair_eligible=True,
                                                    acting_user=self.actor)
        seats = {}
        for row in snapshots[-1]["rows"]:
            org = self.org(row["body"])
            group = groups["county"] if row["body"] in county else groups["district"]
            with self.attempt(f"A seat for {row['body']}", row["source"]):
                seats[f"{row['body']}#{row['ordinal']}"] = gov.add_seat(committee, group=group, organisation=org,
                                                                         acting_user=self.actor)
        first_meeting = min((_d(m["date"]) for m in self.x["meetings"] if m["status"] != "scheduled"),
                            default=_d(snapshots[0]["date"]))
        timeline = build_timeline(snapshots, self.x["meetings"], first_meeting)
        rows, labels = [], []
        for iv in timeline:
            seat = seats.get(iv["seat"])
            person = self.person(iv["name"], councillor=True)
            if seat is None or person is None:
                continue
            rows.append(dict(person=person, role=iv["role"], seat=seat, start_date=iv["start"], end_date=iv["end"],
                             note=f"From imported documents: {iv['source']}"[:300]))
            labels.append((f"The membership of {iv['name']}", iv["source"]))
        if rows:
            self.bulk(gov.appoint_members, committee, rows, labels)

    # -- meetings ---------------------------------------------------------------------------
    def run(self) -> dict:
        if not self.files():
            return self.summary
        meetings = sorted(self.x["meetings"], key=lambda m: m["date"])
        committees = {}
        self.by_date: dict[str, Meeting] = {}
        for m in meetings:
            if m["committee"] not in committees:
                committees[m["committee"]] = self.committee(m["committee"])
            committee = committees[m["committee"]]
            self.meeting(committee, m)
        self.link_documents(committees)
        self.papers(committees)
        self.delivery()
        self.flush_provenance()
        self.flush_flags()
        from saferhub.search.indexing import index_batch

        index_batch(self.batch)
        return self.summary

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
        has_minutes = bool(m["present"])
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
        for d in m["declarations"]:
            with self.attempt(f"The declaration of {d['name']}", d["source"]):
                obj = gov.record_declaration(meeting, person=self.person(d["name"], councillor=True),
                                             interest_type=d["type"], nature=d["text"] or "Not stated",
                                             during_meeting=d.get("during_meeting", False), acting_user=self.actor)
                self.summary["declarations"] += 1
                self.provenance(obj, d["source"])
        partnership = meeting.committee.scrutinises
        rows, labels, recs_of = [], [], []
        for d in m["decisions"]:
            item = items.get(d["item"])
            if item is None:
                continue
            recs = [r for r in m["recommendations"] if r["item"] == d["item"]] if d["verb"] == "RECOMMENDED" else []
            text = d["text"]
            if recs:
                for r in recs:
                    text = text.replace(r["text"], "").strip()
            addressee = partnership or self.org(recs[0]["to"]) if recs else None
            rows.append(dict(agenda_item=item, verb=d["verb"], text=text or d["text"],
                             recommendations=[{"text": r["text"], "addressee_organisation": addressee} for r in recs]))
            labels.append((f"Decision “{d['verb']} {d['text'][:60]}…”", d["source"]))
            recs_of.append((d, recs))
        decisions = self.bulk(gov.record_decisions, meeting, rows, labels) if rows else []
        recorded = [(obj, d, recs) for obj, (d, recs) in zip(decisions, recs_of, strict=True) if obj is not None]
        stored_recs: dict[int, list] = {}
        if any(recs for _, _, recs in recorded):
            for rec in Recommendation.objects.filter(decision__in=[obj for obj, _, _ in recorded]):
                stored_recs.setdefault(rec.decision_id, []).append(rec)
        for obj, d, recs in recorded:
            self.summary["decisions"] += 1
            self.provenance(obj, d["source"])
            for rec in stored_recs.get(obj.pk, []):
                self.provenance(rec, next((r["source"] for r in recs if r["text"] == rec.text), d["source"]))
        for e in m["elections"]:
            with self.attempt(f"The election of {e['name']}", e["source"]):
                gov.elect_office_holder(meeting.committee, office=e["office"], person=self.person(e["name"]),
                                        meeting=meeting, civic_year=e.get("civic_year") or None,
                                        acting_user=self.actor)
        finished = _t(m.get("finished"))
        meeting.refresh_from_db()
        if finished and meeting.finished_at != finished:
            with self.attempt("The finishing time", where):
                gov.update_meeting(meeting, finished_at=finished, acting_user=self.actor)
        meeting.refresh_from_db()
        if self.batch.publish and meeting.status in {MeetingStatus.HELD, MeetingStatus.INQUORATE}:
            with self.attempt("Publishing the record", where):
                gov.publish_meeting_record(meeting, acting_user=self.actor)

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

    # -- documents, papers, delivery plans ---------------------------------------------------
    def link_documents(self, committees: dict) -> None:
        committee = next(iter(committees.values()), None)
        for doc in self.docs.values():
            day = doc.meeting_date or (doc.parent.meeting_date if doc.parent_id else None)
            if day is None:
                continue
            meeting = self.by_date.get(day.isoformat()) if hasattr(self, "by_date") else None
            doc.meeting = meeting
            doc.committee = meeting.committee if meeting else committee
            doc.save(update_fields=["meeting", "committee"])

    def stage(self, kind: str, key: str, *, committee, meeting_date, title: str, text: str, data: dict, source) -> None:
        """Keep what SaferHub has no other home for (see docs/importer.md) as a staging record."""
        existing = StagedRecord.objects.filter(kind=kind, key=key[:200]).first()
        if existing:
            if _norm(existing.text) != _norm(text) and fuzz.ratio(_norm(existing.text), _norm(text)) < 90:
                self.flag("rendering_differs", f"{existing.get_kind_display()} “{title[:80]}” differs from the copy "
                          "already recorded.", f"{source['path']}:{source['lines'][0]}", "info")
            self.provenance(existing, source, Provenance.Role.CONFIRMED)
            return
        meeting = self.by_date.get(meeting_date) if meeting_date else None
        record = StagedRecord.objects.create(batch=self.batch, kind=kind, key=key[:200], committee=committee,
                                             meeting=meeting, meeting_date=_d(meeting_date), title=title[:300],
                                             text=text, data=data)
        self.summary["staged"] += 1
        self.provenance(record, source)

    # -- papers: work programme, future items, written questions, cover reports ------------
    def meeting_for(self, day: str | None, precision: str | None = "day") -> Meeting | None:
        if not day:
            return None
        if day in self.by_date:
            return self.by_date[day]
        if precision == "month":
            return next((m for k, m in sorted(self.by_date.items()) if k[:7] == day[:7]), None)
        return None

    def differs(self, what: str, source, role_record) -> None:
        self.summary["differences"] += 1
        where = source if isinstance(source, str) else f"{source['path']}:{source['lines'][0]}"
        self.flag("differs_from_database", f"{what}; SaferHub keeps what it had.", where, "info")
        self.provenance(role_record, source, Provenance.Role.DIFFERS)

    def papers(self, committees: dict) -> None:
        committee = next(iter(committees.values()), None)
        if committee is None:
            return
        self.work_programme(committee)
        self.future_items(committee)
        self.written_questions(committee)
        self.cover_reports(committee)
        for m in self.x["meetings"]:
            for d in m["delegations"]:
                # The decision itself is a governance decision; the date of the parent committee's
                # meeting it names has no home outside the staging records (docs/importer.md).
                self.stage(StagedRecord.Kind.DELEGATION, f"del:{m['date']}:{d['item']}", committee=committee,
                           meeting_date=m["date"], title=f"Report to the {d['to'] or 'parent committee'}"
                           + (f" on {fmt_date(_d(d['date']))}" if d.get("date") else ""), text=d["text"], data=d,
                           source=d["source"] if isinstance(d["source"], dict) else _src(d["source"]))
        self.source_papers(committee)

    def work_programme(self, committee) -> None:
        entries = list(WorkProgrammeEntry.objects.filter(committee=committee).select_related("target_meeting"))
        before = {e.pk for e in entries}

        def same_target(entry, day: dt.date, precision: str) -> bool:
            return entry.target_date == day or (precision == "month" and entry.target_date.replace(day=1) == day.replace(day=1))

        status_for = {MeetingStatus.HELD: WorkProgrammeStatus.CONSIDERED, MeetingStatus.INQUORATE:
                      WorkProgrammeStatus.CARRIED_FORWARD, MeetingStatus.POSTPONED: WorkProgrammeStatus.CARRIED_FORWARD,
                      MeetingStatus.CANCELLED: WorkProgrammeStatus.CARRIED_FORWARD}
        statuses = dict(Meeting.objects.filter(pk__in=[m.pk for m in self.by_date.values()]).values_list("pk", "status"))
        for e in sorted(self.x["work_programme"], key=lambda e: (e["version"] or "", e["source"]["lines"][0])):
            meeting = self.meeting_for(e.get("meeting") or e["meeting_date"], e.get("precision"))
            day = meeting.date if meeting else _d(e["meeting_date"])
            issues, invited = "\n".join(e["issues"]).strip(), (e.get("invited") or "").strip()
            candidates = [x for x in entries if same_target(x, day, e.get("precision") or "day")]
            match = max(candidates, key=lambda x: fuzz.token_set_ratio(fold(x.report), fold(e["report"])), default=None)
            if match is not None and fuzz.token_set_ratio(fold(match.report), fold(e["report"])) < 85:
                match = None
            if match is None:
                label = e["date_text"] if (e.get("precision") == "month" or e.get("tbc")) else ""
                with self.attempt(f"The work programme row “{e['report'][:60]}”", f"{e['source']['path']}:"
                                  f"{e['source']['lines'][0]}"):
                    entry = papers_actions.add_work_programme_entry(
                        committee, report=e["report"][:300], target_meeting=meeting, target_label=label[:120],
                        target_date=day, issues=issues, invited=invited[:300], acting_user=self.actor)
                    status = status_for.get(statuses.get(meeting.pk)) if meeting else None
                    if status:
                        entry = papers_actions.update_work_programme_entry(entry, status=status, acting_user=self.actor)
                    entries.append(entry)
                    self.summary["papers"] += 1
                    self.provenance(entry, e["source"])
                continue
            same = _norm(match.issues) == _norm(issues) and _norm(match.invited) == _norm(invited)
            if match.pk in before:
                if not same and fuzz.token_set_ratio(fold(match.issues), fold(issues)) < 90:
                    self.differs(f"Work programme row “{match.report[:60]}” for {match.when}: the issues or "
                                 "invitees differ", e["source"], match)
                else:
                    self.provenance(match, e["source"], Provenance.Role.CONFIRMED)
            elif not same:  # a later version of the programme, read in this import, supersedes an earlier one
                match = papers_actions.update_work_programme_entry(match, issues=issues, invited=invited[:300] or
                                                                   match.invited, acting_user=self.actor)
                entries[:] = [match if x.pk == match.pk else x for x in entries]
                self.provenance(match, e["source"], Provenance.Role.CONFIRMED, note="A later version of the programme")
            else:
                self.provenance(match, e["source"], Provenance.Role.CONFIRMED)
        # The versions of the programme read, each with the earliest meeting it plans for.
        versions: dict[str, str] = {}
        for e in self.x["work_programme"]:
            if e.get("version"):
                versions[e["version"]] = min(versions.get(e["version"], "9999"), e["meeting_date"])

        def mentions(entry, text: str) -> int:
            lines = [entry.report, *entry.issues.splitlines()]
            return max(fuzz.token_set_ratio(fold(line), fold(text)) for line in lines if line.strip())

        for a in self.x["fwp_additions"]:
            # "AGREED the forward work programme with the following additions …"
            meeting = self.meeting_for(a["meeting_date"], a.get("precision"))
            day = meeting.date if meeting else _d(a["meeting_date"])
            agreed = self.by_date.get(a["agreed_at"])
            src = _src(a["source"])
            decision = None
            if agreed is not None:
                decisions = list(Decision.objects.filter(agenda_item__meeting=agreed).select_related("agenda_item"))
                decision = next((d for d in decisions if d.agenda_item.kind == "work_programme"), None) or next(
                    (d for d in decisions if "work programme" in d.text.lower()), None)
            candidates = [x for x in entries if same_target(x, day, a.get("precision") or "day")]
            represented = next((x for x in candidates if mentions(x, a["text"]) >= 85 or (
                x.added_by_decision_id and decision and x.added_by_decision_id == decision.pk
                and fuzz.token_set_ratio(fold(x.report), fold(a["text"])) >= 60)), None)
            later = sorted(v for v, first in versions.items() if v > a["agreed_at"] and first[:7] <= a["meeting_date"][:7])
            if represented is None and later:
                # A later version of the programme already reflects what was agreed: the addition
                # is where that version puts it (possibly another meeting), or was dropped.
                represented = max((x for x in entries if x.target_date >= day - dt.timedelta(days=31)),
                                  key=lambda x: mentions(x, a["text"]), default=None)
                if represented is None or mentions(represented, a["text"]) < 85:
                    self.flag("addition_not_in_later_programme", f"The addition “{a['text'][:80]}” agreed on "
                              f"{fmt_date(_d(a['agreed_at']))} is not in the later work programme of "
                              f"{fmt_date(_d(later[0]))}, so it was not added.", a["source"], "info")
                    continue
            if represented is not None:
                self.provenance(represented, src, Provenance.Role.CONFIRMED, note="Added by decision")
                continue
            with self.attempt(f"The addition to the work programme “{a['text'][:60]}”", a["source"]):
                entry = papers_actions.add_work_programme_entry(
                    committee, report=a["text"][:300], target_meeting=meeting, target_date=day,
                    target_label="" if meeting else f"{day:%B %Y}", added_by_decision=decision, acting_user=self.actor)
                entries.append(entry)
                self.summary["papers"] += 1
                self.provenance(entry, src)

    def future_items(self, committee) -> None:
        items = list(FutureItem.objects.filter(committee=committee))
        before = {i.pk for i in items}
        for i in sorted(self.x["future_items"], key=lambda i: i.get("version") or ""):
            match = max(items, key=lambda x: fuzz.token_set_ratio(fold(x.text), fold(i["text"])), default=None)
            score = fuzz.token_set_ratio(fold(match.text), fold(i["text"])) if match else 0
            if match is not None and score >= 80:
                if match.pk in before and score < 95:
                    self.differs(f"Item for a future meeting “{match.text[:60]}” is worded differently", i["source"],
                                 match)
                else:
                    self.provenance(match, i["source"], Provenance.Role.CONFIRMED)
                continue
            with self.attempt(f"The item for a future meeting “{i['text'][:60]}”", f"{i['source']['path']}:"
                              f"{i['source']['lines'][0]}"):
                item = papers_actions.add_future_item(committee, text=i["text"], agreed_at=self.by_date.get(i["agreed_at"]),
                                                      acting_user=self.actor)
                items.append(item)
                self.summary["papers"] += 1
                self.provenance(item, i["source"])

    def written_questions(self, committee) -> None:
        partnership = committee.scrutinises
        stored = {(q.meeting_id, q.number): q for q in WrittenQuestion.objects.filter(
            meeting__in=[m for m in self.by_date.values()])}
        before = set(stored)
        for q in self.x["written_questions"]:
            src = q["source"]
            where = f"{src['path']}:{src['lines'][0]}"
            meeting = self.by_date.get(q["meeting_date"])
            if meeting is None:
                continue
            existing = stored.get((meeting.pk, q["number"]))
            if existing is not None:
                differs = fuzz.token_set_ratio(fold(existing.question), fold(q["question"])) < 90
                answer_differs = bool(existing.response and q["response"]) and fuzz.token_set_ratio(
                    fold(existing.response), fold(q["response"])) < 90
                if (meeting.pk, q["number"]) in before and (differs or answer_differs):
                    self.differs(f"Question {q['number']} of {fmt_date(meeting.date)}: the "
                                 f"{'question' if differs else 'response'} differs", src, existing)
                else:
                    self.provenance(existing, src, Provenance.Role.CONFIRMED)
                if not existing.response and q["response"]:
                    with self.attempt(f"The response to question {q['number']}", where):
                        papers_actions.answer_written_question(existing, response=q["response"],
                                                               responded_on=self.published_on(src, meeting),
                                                               response_from=partnership, acting_user=self.actor)
                continue
            number = re.search(r"\d+", q.get("item") or "")
            item = AgendaItem.objects.filter(meeting=meeting, number=number.group(0)).first() if number else None
            with self.attempt(f"Question {q['number']} of {fmt_date(meeting.date)}", where):
                wq = papers_actions.record_written_question(meeting, question=q["question"], agenda_item=item,
                                                            number=q["number"], acting_user=self.actor)
                if q["response"]:
                    wq = papers_actions.answer_written_question(wq, response=q["response"],
                                                                responded_on=self.published_on(src, meeting),
                                                                response_from=partnership, acting_user=self.actor)
                stored[(meeting.pk, q["number"])] = wq
                self.summary["papers"] += 1
                self.provenance(wq, src)

    def published_on(self, source: dict, meeting: Meeting) -> dt.date:
        """The response date is not printed: the date of the papers that first print it (never
        before the meeting)."""
        doc = self.doc_for(source["path"], source["lines"][0])
        day = (doc.meeting_date or (doc.parent.meeting_date if doc.parent_id else None)) if doc else None
        return max(meeting.date, day or meeting.date)

    def cover_reports(self, committee) -> None:
        for r in self.x["reports"]:
            doc = self.docs.get((r["path"], r["document"]))
            if doc is None or not r.get("meeting_date"):
                continue
            source = {"path": r["path"], "lines": [doc.line_start, doc.line_end]}
            meeting = self.by_date.get(r["meeting_date"])
            items = list(AgendaItem.objects.filter(meeting=meeting).select_related("cover_report")) if meeting else []
            item = next((i for i in items if r["item"] and i.number == r["item"]), None) or max(
                items, key=lambda i: fuzz.token_set_ratio(fold(i.title), fold(r["title"] or doc.title)), default=None)
            if item is not None and not r["item"] and fuzz.token_set_ratio(fold(item.title), fold(r["title"] or "")) < 80:
                item = None
            if item is None or item.kind not in REPORT_KINDS:
                # No agenda item of the meeting to hang the report on: kept as a staging record.
                self.stage(StagedRecord.Kind.COVER_REPORT, f"cr:{r['meeting_date']}:{r['item'] or _norm(r['title'])[:40]}",
                           committee=committee, meeting_date=r["meeting_date"], title=r["title"] or doc.title,
                           text=r["summary"], data={k: v for k, v in r.items() if k != "document"}, source=source)
                continue
            existing = getattr(item, "cover_report", None) if hasattr(item, "cover_report") else None
            if existing is not None:
                if existing.executive_summary and fuzz.token_set_ratio(fold(existing.executive_summary),
                                                                       fold(r["summary"])) < 90:
                    self.differs(f"The report under item {item.number} of {fmt_date(meeting.date)} differs", source,
                                 existing)
                else:
                    self.provenance(existing, source, Provenance.Role.CONFIRMED)
                continue
            with self.attempt(f"The report “{(r['title'] or doc.title)[:60]}”", f"{r['path']}:{doc.line_start}"):
                report = papers_actions.save_cover_report(
                    item, title=(r["title"] or doc.title)[:300], executive_summary=r["summary"],
                    actions_required=r["action_required"], sections={}, implications={}, acting_user=self.actor)
                self.summary["papers"] += 1
                self.provenance(report, source)

    def source_papers(self, committee) -> None:
        """Each new file becomes a document of the meeting it was published for (agenda pack or
        minutes), published when the import is public; its text is searchable through the
        source documents, section by section with their lines."""
        for f in self.batch.files.filter(committed=True).exclude(name__in=self.summary["files_unchanged"]):
            docs = [d for (path, _), d in self.docs.items() if path == f.name]
            if f.name not in self.new_files or not docs:
                continue
            head = min(docs, key=lambda d: d.position)
            kind = DocumentKind.AGENDA_PACK if any(d.kind == "front_sheet" for d in docs) else (
                DocumentKind.MINUTES if head.kind == "minutes" else DocumentKind.OTHER)
            meeting = head.meeting
            if meeting is None:
                continue
            content = bytes(f.content)
            if f.kind != "pdf":
                from django.utils.html import escape

                title = escape(head.title)
                content = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>'
                           f"<body><main><h1>{title}</h1><pre>{escape(content.decode('utf-8', 'replace'))}</pre>"
                           "</main></body></html>").encode()
            with self.attempt(f"The document {f.name}", f"{f.name}:1"):
                document = papers_actions.store_document(
                    committee=meeting.committee, meeting=meeting, kind=kind, format="pdf" if f.kind == "pdf" else "html",
                    title=f"{DocumentKind(kind).label} (imported): {head.title}"[:300], content=content,
                    page_count=f.pages, text="", generated=False, filename=f.name[:80] + (".pdf" if f.kind == "pdf" else ".html"),
                    published_at=self.now if self.batch.publish else None, acting_user=self.actor)
                self.summary["papers"] += 1
                self.provenance(document, {"path": f.name, "lines": [head.line_start, head.line_end]})

    def delivery(self) -> None:
        for plan in self.x["delivery_plans"]:
            doc = self.doc_for(plan["source"]["path"], plan["source"]["lines"][0])
            version = None
            if doc is not None:
                version = doc.meeting_date or (doc.parent.meeting_date if doc.parent_id else None)
            title = plan["title"][:300]
            existing = DeliveryPlan.objects.filter(title=title, version_date=version).first()
            if existing:
                self.provenance(existing, plan["source"], Provenance.Role.CONFIRMED)
                continue
            obj = delivery_actions.create_plan(title=title, version_date=version, acting_user=self.actor)
            self.provenance(obj, plan["source"])
            rows = [dict(number=a["number"], action=a["action"] or "(blank)", theme=a["theme"][:200],
                         success_measure=a["success_measure"], owner=a["owner"][:300], due=a["date"][:100],
                         update=a["update"]) for a in plan["actions"]]
            labels = [(f"Delivery action {a['number']}", f"{a['source']['path']}:{a['source']['lines'][0]}")
                      for a in plan["actions"]]
            if not rows:
                continue
            for row, a in zip(self.bulk(delivery_actions.add_actions, obj, rows, labels), plan["actions"], strict=True):
                if row is not None:
                    self.summary["delivery_actions"] += 1
                    self.provenance(row, a["source"])

def _src(text: str) -> dict:
    path, _, span = text.rpartition(":")
    a, _, b = span.partition("-")
    return {"path": path, "lines": [int(a), int(b or a)]}


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _number(text: str) -> int | None:
    text = str(text).strip().lower()
    return int(text) if text.isdigit() else WORDS.get(text)


def build_timeline(snapshots: list[dict], meetings: list[dict], first: dt.date) -> list[dict]:
    """Memberships over time from successive membership tables (see norfolk.yaml choice C1): a
    place starts at the first document that shows it (or the first meeting imported, for the first
    table), or earlier where minutes show the person in that role, and ends the day before a later
    table shows someone else."""
    evidence: dict[tuple[str, str], list[dt.date]] = {}
    for m in meetings:
        day = _d(m["date"])
        for a in m["apologies"]:
            evidence.setdefault((a["name"], a["kind"]), []).append(day)
        for p in m["present"]:
            evidence.setdefault((p["name"], "any"), []).append(day)
    out: list[dict] = []
    keys = []
    for snap in snapshots:
        for row in snap["rows"]:
            key = f"{row['body']}#{row['ordinal']}"
            if key not in keys:
                keys.append(key)
    for key in keys:
        for role, field in (("member", "member"), ("substitute", "substitute")):
            current = None
            for index, snap in enumerate(snapshots):
                day = _d(snap["date"])
                row = next((r for r in snap["rows"] if f"{r['body']}#{r['ordinal']}" == key), None)
                name = row[field] if row else None
                if current and current["name"] == name:
                    continue
                start = first if index == 0 else day
                if index > 0 and name:
                    previous = _d(snapshots[index - 1]["date"])
                    seen = [d for d in evidence.get((name, role), []) + evidence.get((name, "any"), [])
                            if previous < d < day]
                    if seen:
                        start = min(seen)
                if current:
                    current["end"] = start - dt.timedelta(days=1)
                    out.append(current)
                    current = None
                if name:
                    current = {"seat": key, "role": role, "name": name, "start": min(start, day), "end": None,
                               "source": row["source"]}
            if current:
                out.append(current)
    return _changes_after_last_table(out, snapshots, meetings)


def _changes_after_last_table(out: list[dict], snapshots: list[dict], meetings: list[dict]) -> list[dict]:
    """Minutes later than the last membership table can show changes: "Cllr X who was substituted by
    Cllr Y" makes X the member and Y the named substitute; a councillor present for a council whose
    place is vacant, or whose member is neither present nor sending apologies, takes that place."""
    last = _d(snapshots[-1]["date"])

    def current(seat: str, role: str, day: dt.date):
        return next((iv for iv in out if iv["seat"] == seat and iv["role"] == role and iv["start"] <= day
                     and (iv["end"] is None or day <= iv["end"])), None)

    def place(seat: str, role: str, name: str, day: dt.date, source: str):
        holder = current(seat, role, day)
        if holder and holder["name"] == name:
            return
        if holder:
            holder["end"] = day - dt.timedelta(days=1)
        for iv in out:  # the person's other place ends
            if iv["name"] == name and (iv["end"] is None or iv["end"] >= day) and iv["start"] < day:
                iv["end"] = day - dt.timedelta(days=1)
        out.append({"seat": seat, "role": role, "name": name, "start": day, "end": None,
                    "source": source + " (inferred from the minutes)"})

    def seat_of(name: str, day: dt.date):
        iv = next((iv for iv in out if iv["name"] == name and iv["start"] <= day
                   and (iv["end"] is None or day <= iv["end"])), None)
        return iv["seat"] if iv else None

    for m in sorted(meetings, key=lambda m: m["date"]):
        day = _d(m["date"])
        if day <= last or not m["present"]:
            continue
        source = f"{m['source']['path']}:{m['source']['lines'][0]}"
        for s in m["substitutes"]:
            if not s.get("stated"):
                continue
            seat = seat_of(s["for"], day)
            if seat:
                place(seat, "member", s["for"], day, source)
                place(seat, "substitute", s["name"], day, source)
        named = {p["name"] for p in m["present"]} | {a["name"] for a in m["apologies"]}
        for p in m["present"]:
            if seat_of(p["name"], day) or not p.get("body"):
                continue
            seats = sorted({iv["seat"] for iv in out if iv["seat"].startswith(p["body"] + "#")})
            vacant = [s for s in seats if current(s, "member", day) is None]
            absent = [s for s in seats if current(s, "member", day) and current(s, "member", day)["name"] not in named]
            choice = (vacant or absent or [None])[0]
            if choice:
                place(choice, "member", p["name"], day, source)
    return out
