"""Cross-references between the items of the documents ("described at item 9 on today's agenda",
002:493; "the report produced for the meetings scheduled in September and December 2022",
001:681), written as ``papers.AgendaItemLink`` through the papers action."""

from __future__ import annotations

from saferhub.governance.models import AgendaItem
from saferhub.importer.parsing.text import fmt_date
from saferhub.papers.actions.links import link_agenda_items


class LinksMixin:
    def item_links(self) -> None:
        for ref in self.x.get("item_links", []):
            meeting = self.by_date.get(ref["meeting_date"])
            where = f"{ref['source']['path']}:{ref['source']['lines'][0]}"
            if meeting is None:
                continue
            items = {i.number: i for i in AgendaItem.objects.filter(meeting=meeting)}
            source = items.get(ref["from_item"])
            if source is None:
                continue
            targets = []
            if ref["kind"] == "item" and ref.get("to_item") in items:
                targets = [{"to_item": items[ref["to_item"]]}]
            elif ref["kind"] == "earlier_papers":
                targets = [{"to_meeting": m} for day, m in sorted(self.by_date.items())
                           if day[:7] in ref["months"] and m.date < meeting.date and m.committee_id == meeting.committee_id]
            if not targets:
                self.flag("link_unresolved", f"Item {ref['from_item']} of {fmt_date(meeting.date)} refers to "
                          f"“{ref['text'][:80]}”, which matches no item or meeting imported.", where, "info")
            for target in targets:
                with self.attempt(f"The reference “{ref['text'][:60]}”", where):
                    link = link_agenda_items(source, text=ref["text"], acting_user=self.actor, **target)
                    self.provenance(link, ref["source"])
