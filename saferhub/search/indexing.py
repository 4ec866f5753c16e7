"""What goes into the search index, and with what visibility.

Public search covers published material only: documents from an import committed as public, and
decisions, recommendations and minutes of meetings whose record is published.
"""

from __future__ import annotations

from saferhub.governance.models import AgendaItem, Decision, Recommendation
from saferhub.importer.models import Provenance, SourceDocument
from saferhub.importer.parsing.text import flat
from saferhub.papers.models import ExemptItem
from saferhub.papers.rendering.minutes_text import private_minute
from saferhub.search.engine import index_entries

DOC_KINDS = {"cover_report": "cover_report", "minutes": "minutes"}


class _Anchors:
    """The first source line of each record, loaded once for a batch of records, and whether a
    public source document holds it."""

    def __init__(self):
        self.cache: dict[tuple[int, str], str] = {}
        self.public_cache: dict[tuple[int, str], str] = {}

    def load(self, model, ids) -> None:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(model)
        for prov in (Provenance.objects.filter(content_type=ct, object_id__in=[str(i) for i in ids])
                     .select_related("document").order_by("-role", "id")):
            self.cache[(ct.pk, prov.object_id)] = prov.anchor
            if prov.document.is_public:
                self.public_cache[(ct.pk, prov.object_id)] = prov.anchor

    def _key(self, record):
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_model(record).pk, str(record.pk)

    def get(self, record, fallback: str, public_only: bool = False) -> str:
        """The record's place in its source; for a public entry, only a public source's place."""
        return (self.public_cache if public_only else self.cache).get(self._key(record), fallback)

    def public(self, record) -> bool:
        return self._key(record) in self.public_cache


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
    committees = {d.committee_id for d in docs if d.committee_id}
    index_papers(committees)


def index_papers(committee_ids) -> None:
    """Index the committees' papers records: work-programme rows and items for future meetings
    (public: the work programme page is public), written questions (public with the meeting's
    record), cover reports (public once the agenda is published, or when imported from a public
    document; an exempt (Part 2) item's report and annexes are never indexed) and published documents' text (documents imported from files are already indexed
    section by section as source documents, with their lines, so they are not indexed twice)."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from saferhub.papers.models import CoverReport, Document, FutureItem, WorkProgrammeEntry, WrittenQuestion

    committee_ids = list(committee_ids)
    if not committee_ids:
        return
    entries = list(WorkProgrammeEntry.objects.filter(committee_id__in=committee_ids).select_related(
        "committee", "target_meeting"))
    future = list(FutureItem.objects.filter(committee_id__in=committee_ids).select_related("committee", "agreed_at"))
    questions = list(WrittenQuestion.objects.filter(meeting__committee_id__in=committee_ids).select_related(
        "meeting", "agenda_item"))
    reports = list(CoverReport.objects.filter(agenda_item__meeting__committee_id__in=committee_ids,
                                              deleted_at__isnull=True,
                                              agenda_item__exemption__isnull=True).select_related(
        "agenda_item__meeting__papers"))
    documents = list(Document.objects.filter(committee_id__in=committee_ids, deleted_at__isnull=True,
                                             published_at__isnull=False).exclude(text="")
                     .exclude(cover_report__agenda_item__exemption__isnull=False).select_related("meeting"))
    imported = set(Provenance.objects.filter(content_type=ContentType.objects.get_for_model(Document),
                                             object_id__in=[str(d.pk) for d in documents])
                   .values_list("object_id", flat=True))
    anchors = _Anchors()
    for model, objs in ((WorkProgrammeEntry, entries), (FutureItem, future), (WrittenQuestion, questions),
                        (CoverReport, reports)):
        anchors.load(model, [o.pk for o in objs])
    rows = []
    for e in entries:
        page = reverse("papers:work-programme", kwargs={"slug": e.committee.slug})
        rows.append(dict(record=e, kind="work_programme", title=f"{e.when}: {e.report}",
                         body="\n".join(x for x in [e.report, e.issues, e.invited and f"Invited: {e.invited}"] if x),
                         url=anchors.get(e, page, public_only=True), committee_id=e.committee_id, date=e.target_date,
                         is_public=True))
    for i in future:
        page = reverse("papers:work-programme", kwargs={"slug": i.committee.slug})
        rows.append(dict(record=i, kind="work_programme", title=f"Item for a future meeting: {i.text[:200]}",
                         body=i.text, url=anchors.get(i, page, public_only=True), committee_id=i.committee_id,
                         date=i.agreed_at.date if i.agreed_at else None, is_public=True))
    for q in questions:
        meeting = q.meeting
        rows.append(dict(record=q, kind="written_question", title=f"Question {q.number}: {q.question[:200]}",
                         body=f"{q.question}\n\nResponse: {q.response}" if q.response else q.question,
                         url=anchors.get(q, meeting.get_absolute_url(), public_only=meeting.record_published),
                         committee_id=meeting.committee_id, date=meeting.date, is_public=meeting.record_published))
    for r in reports:
        meeting = r.agenda_item.meeting
        papers = getattr(meeting, "papers", None) if hasattr(meeting, "papers") else None
        public = bool(papers and papers.published_at) or anchors.public(r)
        rows.append(dict(record=r, kind="cover_report", title=f"Report: {r.title}",
                         body="\n".join([r.executive_summary, *[str(a) for a in r.actions_required]]),
                         url=anchors.get(r, meeting.get_absolute_url(), public_only=public),
                         committee_id=meeting.committee_id, date=meeting.date, is_public=public))
    for d in documents:
        if str(d.pk) in imported:
            continue
        rows.append(dict(record=d, kind="document", title=str(d), body=d.text, url=d.get_absolute_url(),
                         committee_id=d.committee_id, date=d.meeting.date if d.meeting_id else None, is_public=True))
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
    # An exempt (Part 2) item's minute is never indexed: its entry says only that it was taken in private
    # (and replaces any entry made before the item was marked exempt).
    exempt = dict(ExemptItem.objects.filter(agenda_item__meeting_id__in=meeting_ids).values_list("agenda_item_id", "paragraph"))
    rows = [dict(record=item, kind="minute_item", title=f"{item} – {item.meeting.date_display}",
                 body=private_minute(exempt[item.pk]) if item.pk in exempt else item.minute_text, url=anchors.get(item, item.meeting.get_absolute_url()),
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
