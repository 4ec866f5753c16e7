"""The forward work programme's statuses after an import, by the rules recorded meetings follow.

- Business of a meeting that did not transact it (inquorate, postponed, cancelled) moves to the
  next meeting (BR-M6: the items planned for 28 September and 8 December 2022 reappear on
  24 February 2023, 001:72-85). The move is made by the papers action the recorded path uses
  (``carry_forward_work_programme``, also called by ``carry_forward_business`` when a meeting is
  declared inquorate), not a copy of it.
- A row is marked considered only where the documents show it: the meeting was held and one of
  its substantive items is the row's report or one of the topics its issues name. Otherwise the
  row stays planned and a ``not_shown_considered`` flag says so (8 June 2023 planned modern
  slavery; its minutes show an introduction to the Partnership and serious violence, 000).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from saferhub.governance.models import AgendaItem, AgendaItemKind, MeetingStatus
from saferhub.importer.parsing.text import fmt_date, fold
from saferhub.papers import actions as papers_actions
from saferhub.papers.models import WorkProgrammeEntry, WorkProgrammeStatus

NOT_TRANSACTED = {MeetingStatus.INQUORATE, MeetingStatus.POSTPONED, MeetingStatus.CANCELLED}
SUBSTANTIVE = {AgendaItemKind.REPORT, AgendaItemKind.VERBAL_UPDATE, AgendaItemKind.OTHER}
GENERIC = re.compile(r"^(?:consider a performance update|undertake an in-? ?depth review|appointment of|confirm terms)",
                     re.I)


def _words(text: str, expand: dict[str, str]) -> str:
    text = fold(text)
    for short, full in expand.items():
        text = re.sub(rf"\b{re.escape(short)}\b", full, text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def topics(entry: WorkProgrammeEntry) -> list[str]:
    """What a row plans: its report and each specific topic its issues name (not the generic
    "consider a performance update" wording)."""
    parts = [entry.report]
    for part in re.split(r"[;\n•]|(?<=[a-z)])\s*-\s+(?=[A-Z])", entry.issues or ""):
        part = part.strip(" -–:.")
        if len(part) > 12 and not GENERIC.match(part):
            parts.append(part)
    return parts


def shown_considered(entry: WorkProgrammeEntry, items: list[AgendaItem], expand: dict[str, str]) -> AgendaItem | None:
    for item in items:
        title = _words(item.title, expand)
        for part in topics(entry):
            if fuzz.token_set_ratio(title, _words(part, expand)) >= 90:
                return item
    return None


class ProgrammeMixin:
    def settle_work_programme(self, committee) -> None:
        meetings = sorted({m.pk: m for m in self.by_date.values() if m.committee_id == committee.pk}.values(),
                          key=lambda m: (m.date, m.pk))
        for m in meetings:
            m.refresh_from_db(fields=["status", "postponed_to"])
        for index, m in enumerate(meetings):
            if m.status not in NOT_TRANSACTED:
                continue
            target = m.postponed_to or next((n for n in meetings[index + 1:] if n.status != MeetingStatus.CANCELLED),
                                            None)
            if target is None:
                continue
            with self.attempt(f"Carrying forward the business of {fmt_date(m.date)}", ""):
                papers_actions.carry_forward_work_programme(target, acting_user=self.actor, merge_same=True)
        held = [m for m in meetings if m.status == MeetingStatus.HELD]
        items: dict[int, list[AgendaItem]] = {}
        for item in AgendaItem.objects.filter(meeting__in=held, kind__in=SUBSTANTIVE):
            items.setdefault(item.meeting_id, []).append(item)
        expand = {fold(committee.scrutinises.short_name): fold(committee.scrutinises.name)} if (
            getattr(committee, "scrutinises", None) and committee.scrutinises.short_name) else {}
        for entry in WorkProgrammeEntry.objects.filter(target_meeting__in=held, status=WorkProgrammeStatus.PLANNED
                                                       ).select_related("target_meeting").order_by("target_date", "pk"):
            item = shown_considered(entry, items.get(entry.target_meeting_id, []), expand)
            if item is not None:
                papers_actions.update_work_programme_entry(entry, status=WorkProgrammeStatus.CONSIDERED,
                                                           acting_user=self.actor)
                continue
            self.flag("not_shown_considered", f"The work programme planned “{entry.report[:80]}” for "
                      f"{fmt_date(entry.target_date)}, but the documents do not show it considered at that meeting, "
                      "so it is left as planned.", "", "info")
