"""What the minutes record as declared, decided, recommended and elected."""

from __future__ import annotations

from saferhub.governance import actions as gov
from saferhub.governance.models import AgendaItem, Meeting, Recommendation


class DecisionsMixin:
    def record_declarations(self, meeting: Meeting, m: dict) -> None:
        for d in m["declarations"]:
            with self.attempt(f"The declaration of {d['name']}", d["source"]):
                obj = gov.record_declaration(meeting, person=self.person(d["name"], councillor=True),
                                             interest_type=d["type"], nature=d["text"] or "Not stated",
                                             during_meeting=d.get("during_meeting", False), acting_user=self.actor)
                self.summary["declarations"] += 1
                self.provenance(obj, d["source"])

    def record_decisions(self, meeting: Meeting, m: dict, items: dict[str, AgendaItem]) -> None:
        """Decisions under the items recorded, each with its recommendations and their addressee."""
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

    def record_elections(self, meeting: Meeting, m: dict) -> None:
        for e in m["elections"]:
            with self.attempt(f"The election of {e['name']}", e["source"]):
                gov.elect_office_holder(meeting.committee, office=e["office"], person=self.person(e["name"]),
                                        meeting=meeting, civic_year=e.get("civic_year") or None,
                                        acting_user=self.actor)
