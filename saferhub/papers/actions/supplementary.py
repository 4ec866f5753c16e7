"""Publishing a supplementary agenda pack: papers that follow the agenda pack (a late report)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.permissions import require
from saferhub.governance import actions as governance
from saferhub.governance.models import Meeting, MeetingStatus
from saferhub.papers import queries, rules
from saferhub.papers.actions.publication import meeting_papers
from saferhub.papers.models import CoverReport, Document, DocumentKind, ExemptItem, SupplementaryPack


@transaction.atomic
def publish_supplementary_pack(meeting: Meeting, *, reports, acting_user: Actor, reason: str = "") -> SupplementaryPack:
    """Publish the given final reports (and their annexes) as the meeting's next supplementary agenda
    pack, as HTML, tagged PDF and Word. Its pages continue from the agenda pack and any earlier
    supplementary pack, and the reports' agenda items take those page numbers. Published after the
    last day for the meeting's papers, the pack must say why (s.100B(4)(b))."""
    from saferhub.papers.actions.documents import store_document
    from saferhub.papers.rendering.supplementary import render_supplementary_pack

    require(acting_user, "papers.publish", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)
    now = timezone.now()
    today = timezone.localdate(now)
    papers = meeting_papers(meeting)
    chosen = list(CoverReport.objects.filter(pk__in=[getattr(r, "pk", r) for r in reports], agenda_item__meeting=meeting,
                                             deleted_at__isnull=True).select_related("agenda_item"))
    exempt = set(ExemptItem.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", flat=True))
    earlier = list(SupplementaryPack.objects.filter(meeting=meeting))
    in_supplement = set(CoverReport.objects.filter(supplementary_packs__meeting=meeting).values_list("pk", flat=True))
    # A report started before the agenda pack was published is in that pack.
    in_pack = {r.pk for r in chosen if papers.published_at and r.created_at <= papers.published_at}
    late = meeting.status == MeetingStatus.SCHEDULED and today > queries.publication_deadline(meeting)

    def names(rows):
        return [f"item {r.agenda_item.number or r.agenda_item.title} ({r.title})" for r in rows]

    rules.check_supplementary_pack(
        main_pack_published=papers.published_at is not None and meeting.status == MeetingStatus.SCHEDULED,
        meeting_date=meeting.date, today=today, reports=len(chosen),
        not_final=names(r for r in chosen if r.status != CoverReport.Status.FINAL),
        exempt=names(r for r in chosen if r.agenda_item_id in exempt),
        already=names(r for r in chosen if r.pk in in_supplement or r.pk in in_pack),
        late=late, reason=reason)
    number = len(earlier) + 1
    first_page = (papers.pack_pages or 0) + (SupplementaryPack.objects.filter(meeting=meeting)
                                             .aggregate(n=Sum("pages"))["n"] or 0) + 1
    rendered = render_supplementary_pack(meeting, report_ids={r.pk for r in chosen}, number=number,
                                         first_page=first_page, published_on=today, reason=reason.strip(), late=late)
    pack = SupplementaryPack.objects.create(meeting=meeting, number=number, first_page=first_page,
                                            pages=rendered.pages, late=late, reason=reason.strip(), published_at=now)
    pack.reports.set(chosen)
    committee = meeting.committee
    stored = [
        store_document(committee=committee, meeting=meeting, kind=DocumentKind.SUPPLEMENTARY_PACK, format=fmt,
                       title=f"Supplementary agenda pack {number}: {committee.name}, {meeting.date_display}",
                       content=content, position=number, page_count=rendered.pages if fmt == "pdf" else None,
                       text=rendered.text if fmt == "html" else "", acting_user=acting_user)
        for fmt, content in (("html", rendered.html.encode("utf-8")), ("pdf", rendered.pdf), ("docx", rendered.docx))
    ]
    Document.objects.filter(pk__in=[d.pk for d in stored]).update(published_at=now)
    Document.objects.filter(kind=DocumentKind.ANNEX, deleted_at__isnull=True, published_at__isnull=True,
                            cover_report__in=chosen).update(published_at=now)
    for report in chosen:
        page = rendered.item_pages.get(report.agenda_item_id)
        if page:
            governance.update_agenda_item(report.agenda_item, page=page, acting_user=acting_user)
    audit.record("papers.supplementary.published", actor=acting_user, target=meeting,
                 data={"number": number, "reports": [r.title for r in chosen], "first_page": first_page,
                       "pages": rendered.pages, "late": late, "reason": reason.strip()})
    return pack
