"""What goes into the search index, and with what visibility.

Public search covers published material only: documents from an import committed as public, and
decisions, recommendations and minutes of meetings whose record is published.
"""

from __future__ import annotations

from saferhub.governance.models import AgendaItem, Decision, Recommendation
from saferhub.importer.models import Provenance, SourceDocument, StagedRecord
from saferhub.importer.parsing.text import flat
from saferhub.search.engine import index_entry

DOC_KINDS = {"cover_report": "cover_report", "minutes": "minutes"}
STAGED_KINDS = {
    StagedRecord.Kind.WORK_PROGRAMME: "work_programme",
    StagedRecord.Kind.FUTURE_ITEM: "work_programme",
    StagedRecord.Kind.PROGRAMME_ADDITION: "work_programme",
    StagedRecord.Kind.WRITTEN_QUESTION: "written_question",
    StagedRecord.Kind.COVER_REPORT: "cover_report",
}


def _anchor(record, fallback: str) -> str:
    from django.contrib.contenttypes.models import ContentType

    prov = (Provenance.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk))
            .select_related("document").order_by("role", "id").first())
    return prov.anchor if prov else fallback


def index_batch(batch) -> None:
    """Index everything an import created or confirmed."""
    docs = SourceDocument.objects.filter(file__batch=batch).select_related("meeting", "committee")
    for doc in docs:
        index_entry(record=doc, kind=DOC_KINDS.get(doc.kind, "document"), title=f"{doc.label}: {doc.title}",
                    body="\n".join(flat(line) for line in doc.text.split("\n")), url=f"{doc.get_absolute_url()}#L{doc.line_start}",
                    committee_id=doc.committee_id, date=doc.meeting_date, is_public=doc.is_public)
    meetings = {d.meeting_id for d in docs if d.meeting_id}
    meetings |= set(batch.staged.exclude(meeting=None).values_list("meeting_id", flat=True))
    index_meetings(meetings)
    for record in StagedRecord.objects.filter(batch=batch).select_related("meeting"):
        kind = STAGED_KINDS.get(record.kind)
        if kind is None or kind == "cover_report":
            continue
        public = bool(batch.publish)
        index_entry(record=record, kind=kind, title=record.title, body=record.text,
                    url=_anchor(record, record.meeting.get_absolute_url() if record.meeting else ""),
                    committee_id=record.committee_id, date=record.meeting_date or (record.meeting.date if record.meeting else None),
                    is_public=public)


def index_meetings(meeting_ids) -> None:
    items = AgendaItem.objects.filter(meeting_id__in=meeting_ids).select_related("meeting")
    for item in items:
        if item.minute_text.strip():
            index_entry(record=item, kind="minute_item", title=f"{item} – {item.meeting.date_display}",
                        body=item.minute_text, url=_anchor(item, item.meeting.get_absolute_url()),
                        committee_id=item.meeting.committee_id, date=item.meeting.date,
                        is_public=item.meeting.record_published)
    for decision in Decision.objects.filter(agenda_item__meeting_id__in=meeting_ids).select_related("agenda_item__meeting"):
        meeting = decision.agenda_item.meeting
        index_entry(record=decision, kind="decision", title=f"{decision.verb} – {decision.agenda_item}",
                    body=f"{decision.verb} {decision.text}", url=_anchor(decision, meeting.get_absolute_url()),
                    committee_id=meeting.committee_id, date=meeting.date, is_public=meeting.record_published)
    for rec in Recommendation.objects.filter(decision__agenda_item__meeting_id__in=meeting_ids).select_related(
            "decision__agenda_item__meeting"):
        meeting = rec.decision.agenda_item.meeting
        index_entry(record=rec, kind="recommendation", title=f"Recommendation – {rec.decision.agenda_item}",
                    body=rec.text, url=_anchor(rec, meeting.get_absolute_url()), committee_id=meeting.committee_id,
                    date=meeting.date, is_public=meeting.record_published)
