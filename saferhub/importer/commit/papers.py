"""Papers: the work programme, items for future meetings, written questions and cover reports,
matched against what is recorded; what has no other home is kept as a staging record."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from saferhub.governance.models import AgendaItem, Decision, Meeting
from saferhub.importer.commit.base import _d, _norm, _src
from saferhub.importer.models import Provenance, StagedRecord
from saferhub.importer.parsing.text import fmt_date, fold
from saferhub.papers import actions as papers_actions
from saferhub.papers.actions.reports import REPORT_KINDS
from saferhub.papers.models import FutureItem, WorkProgrammeEntry, WrittenQuestion


class PapersMixin:
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

    def papers(self, committees: dict) -> None:
        committee = next(iter(committees.values()), None)
        if committee is None:
            return
        self.work_programme(committee)
        self.settle_work_programme(committee)  # carry-forward and considered, by the recorded rules
        self.future_items(committee)
        self.written_questions(committee)
        self.cover_reports(committee)
        self.item_links()
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
                                                               response_from=self.answerer(q, partnership),
                                                               acting_user=self.actor)
                continue
            number = re.search(r"\d+", q.get("item") or "")
            item = AgendaItem.objects.filter(meeting=meeting, number=number.group(0)).first() if number else None
            with self.attempt(f"Question {q['number']} of {fmt_date(meeting.date)}", where):
                wq = papers_actions.record_written_question(meeting, question=q["question"], agenda_item=item,
                                                            number=q["number"], acting_user=self.actor)
                if q["response"]:
                    wq = papers_actions.answer_written_question(wq, response=q["response"],
                                                                responded_on=self.published_on(src, meeting),
                                                                response_from=self.answerer(q, partnership),
                                                                acting_user=self.actor)
                stored[(meeting.pk, q["number"])] = wq
                self.summary["papers"] += 1
                self.provenance(wq, src)

    def answerer(self, q: dict, partnership):
        """Who the document says answered ("Response from the Partnership:"); a body named
        otherwise is used when SaferHub knows it, never created."""
        said = (q.get("answered_by") or "").strip()
        if not said or "partnership" in said.lower():
            return partnership
        key = fold(said.removeprefix("the "))
        return next((o for o in self._all_orgs or [] if key in {fold(o.name), fold(o.short_name or "")}), partnership)

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
