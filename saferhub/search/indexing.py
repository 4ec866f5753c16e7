"""What goes into the search index, and with what visibility.

Public search covers published material only: documents from an import committed as public, and
decisions, recommendations and minutes of meetings whose record is published.
"""

from __future__ import annotations

from saferhub.governance.models import AgendaItem, Decision, Recommendation
from saferhub.importer.models import Provenance, SourceDocument, StagedRecord
from saferhub.importer.parsing.text import flat
from saferhub.search.engine import index_entries

DOC_KINDS = {"cover_report": "cover_report", "minutes": "minutes"}
STAGED_KINDS = {
    StagedRecord.Kind.WORK_PROGRAMME: "work_programme",
    StagedRecord.Kind.FUTURE_ITEM: "work_programme",
    StagedRecord.Kind.PROGRAMME_ADDITION: "work_programme",
    StagedRecord.Kind.WRITTEN_QUESTION: "written_question",
    StagedRecord.Kind.COVER_REPORT: "cover_report",
}


class _Anchors:
    """The first source line of each record, loaded once for a batch of records."""

    def __init__(self):
        self.cache: dict[tuple[int, str], str] = {}

    def load(self, model, ids) -> None:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(model)
        for prov in (Provenance.objects.filter(content_type=ct, object_id__in=[str(i) for i in ids])
                     .select_related("document").order_by("-role", "id")):
            self.cache[(ct.pk, prov.object_id)] = prov.anchor

    def get(self, record, fallback: str) -> str:
        from django.contrib.contenttypes.models import ContentType

        return self.cache.get((ContentType.objects.get_for_model(record).pk, str(record.pk)), fallback)


def index_batch(batch) -> None:
    """Index everything an import created or confirmed."""
    docs = list(SourceDocument.objects.filter(file__batch=batch).select_related("meeting", "committee"))
    index_entries([dict(record=doc, kind=DOC_KINDS.get(doc.kind, "document"), title=f"{doc.label}: {doc.title}",
                        body="\n".join(flat(line) for line in doc.text.split("\n")),
                        url=f"{doc.get_absolute_url()}#L{doc.line_start}", committee_id=doc.committee_id,
                        date=doc.meeting_date, is_public=doc.is_public) for doc in docs])
    meetings = {d.meeting_id for d in docs if d.meeting_id}
    meetings |= set(batch.staged.exclude(meeting=None).values_list("meeting_id", flat=True))
    index_meetings(meetings)
    staged = list(StagedRecord.objects.filter(batch=batch).select_related("meeting"))
    anchors = _Anchors()
    anchors.load(StagedRecord, [r.pk for r in staged])
    rows = []
    for record in staged:
        kind = STAGED_KINDS.get(record.kind)
        if kind is None or kind == "cover_report":
            continue
        rows.append(dict(record=record, kind=kind, title=record.title, body=record.text,
                         url=anchors.get(record, record.meeting.get_absolute_url() if record.meeting else ""),
                         committee_id=record.committee_id,
                         date=record.meeting_date or (record.meeting.date if record.meeting else None),
                         is_public=bool(batch.publish)))
    index_entries(rows)


def index_meetings(meeting_ids) -> None:
    anchors = _Anchors()
    items = [i for i in AgendaItem.objects.filter(meeting_id__in=meeting_ids).select_related("meeting")
             if i.minute_text.strip()]
    decisions = list(Decision.objects.filter(agenda_item__meeting_id__in=meeting_ids).select_related(
        "agenda_item__meeting"))
    recs = list(Recommendation.objects.filter(decision__agenda_item__meeting_id__in=meeting_ids).select_related(
        "decision__agenda_item__meeting"))
    for model, objs in ((AgendaItem, items), (Decision, decisions), (Recommendation, recs)):
        anchors.load(model, [o.pk for o in objs])
    rows = [dict(record=item, kind="minute_item", title=f"{item} – {item.meeting.date_display}",
                 body=item.minute_text, url=anchors.get(item, item.meeting.get_absolute_url()),
                 committee_id=item.meeting.committee_id, date=item.meeting.date,
                 is_public=item.meeting.record_published) for item in items]
    for decision in decisions:
        meeting = decision.agenda_item.meeting
        rows.append(dict(record=decision, kind="decision", title=f"{decision.verb} – {decision.agenda_item}",
                         body=f"{decision.verb} {decision.text}", url=anchors.get(decision, meeting.get_absolute_url()),
                         committee_id=meeting.committee_id, date=meeting.date, is_public=meeting.record_published))
    for rec in recs:
        meeting = rec.decision.agenda_item.meeting
        rows.append(dict(record=rec, kind="recommendation", title=f"Recommendation – {rec.decision.agenda_item}",
                         body=rec.text, url=anchors.get(rec, meeting.get_absolute_url()),
                         committee_id=meeting.committee_id, date=meeting.date, is_public=meeting.record_published))
    index_entries(rows)
