"""Cover reports and the committee's report template."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance.models import AgendaItem, AgendaItemKind
from saferhub.papers import queries
from saferhub.papers.models import CoverReport, MeetingPapers, ReportTemplate
from saferhub.papers.rules import check_report_complete, check_template

REPORT_KINDS = {AgendaItemKind.REPORT, AgendaItemKind.TERMS_OF_REFERENCE, AgendaItemKind.WORK_PROGRAMME,
                AgendaItemKind.OTHER}
REPORT_FIELDS = [
    "title", "responsible_cabinet_member", "responsible_director", "executive_summary", "actions_required",
    "sections", "implications", "background_papers", "officer_name", "officer_phone", "officer_email", "status",
    "template",
]


@transaction.atomic
def save_report_template(
    committee, *, name: str, sections: list[dict], implications: list[dict], acting_user: Actor,
    default_actions: list[str] | None = None,
) -> ReportTemplate:
    """Create or replace a committee's report template (its sections, headings and default wording)."""
    require(acting_user, "papers.configure", committee)
    check_template(sections, implications)
    template, created = ReportTemplate.objects.update_or_create(
        committee=committee, name=name,
        defaults={"sections": sections, "implications": implications, "default_actions": default_actions or []},
    )
    audit.record("papers.template.saved", actor=acting_user, target=template,
                 data={"name": name, "sections": [s["key"] for s in sections], "created": created})
    return template


@transaction.atomic
def save_cover_report(agenda_item: AgendaItem, *, acting_user: Actor, **data: Any) -> CoverReport:
    """Write or change the report for an agenda item. A final report must be complete: an executive
    summary, what the committee is asked to do, and every implication addressed – the Equality
    Impact Assessment line must always be included (seed 001:357)."""
    meeting = agenda_item.meeting
    require(acting_user, "papers.prepare", meeting)
    unknown = set(data) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    if agenda_item.kind not in REPORT_KINDS:
        raise RuleViolation(f"Item {agenda_item.number} ({agenda_item.get_kind_display().lower()}) does not take a report.",
                            code="papers.report_item", field="agenda_item")
    papers = MeetingPapers.objects.filter(meeting=meeting).first()
    report = CoverReport.objects.select_for_update(of=("self",)).filter(agenda_item=agenda_item).first()
    if papers is not None and papers.published_at is not None and not queries.is_late_report(report, papers):
        raise RuleViolation("The agenda has been published; withdraw it before changing its reports. A report "
                            "for an item added since can go in a supplementary pack.",
                            code="papers.published", field="title")
    created = report is None
    if created:
        template = data.get("template") or ReportTemplate.objects.filter(committee=meeting.committee, is_default=True).first()
        report = CoverReport(agenda_item=agenda_item, template=template, title=agenda_item.title)
        if template is not None:
            report.sections = {s["key"]: s.get("default", "") for s in template.sections}
            report.implications = {i["key"]: i.get("default", "") for i in template.implications}
            report.actions_required = list(template.default_actions)
    before = audit.snapshot(report, [k for k in data if k != "template"]) if not created else {}
    for key, value in data.items():
        setattr(report, key, value)
    if not (report.title or "").strip():
        raise RuleViolation("Enter the report's title.", code="papers.title_required", field="title")
    if report.status == CoverReport.Status.FINAL:
        check_report_complete(
            executive_summary=report.executive_summary, actions_required=report.actions_required,
            implications=report.implications, template_implications=report.template.implications if report.template else [],
        )
    report.save()
    audit.record("papers.report.saved", actor=acting_user, target=report,
                 data={"item": str(agenda_item), "created": created,
                       **({"changes": audit.changes(before, audit.snapshot(report, list(before)))} if before else {})})
    return report


def _refuse_unavailable(committee) -> RuleViolation:
    return RuleViolation(
        f"That report is not available to you for the {committee}: choose one of the reports listed.",
        code="papers.offer_unavailable", field="offer",
    )


@transaction.atomic
def add_report_from_source(
    agenda_item: AgendaItem, *, source_code: str, offer_key: str, acting_user: Actor, replace: bool = False,
) -> CoverReport:
    """Put a report that another app writes (``core.agenda_reports``: a group's quarterly progress report,
    the Plan's performance report) under an agenda item, as the item's draft cover report with the
    source's appendices as its annexes, and remember which source and offer it came from.

    Refused when the papers are published (papers' own rule, in ``save_cover_report``) or their
    publication is scheduled (a scheduled agenda has only final reports, and a new draft would stop it),
    when the item already has a report and ``replace`` was not asked for, and when the offer is not one
    the source makes to this user for this committee. Replacing keeps the report's other fields, sets it back to draft and withdraws its
    annexes. Everything happens in one transaction: an appendix that cannot be stored leaves nothing."""
    from saferhub.core import agenda_reports
    from saferhub.papers.actions.documents import upload_annex
    from saferhub.papers.models import Document, DocumentKind, PublicationStatus

    meeting = agenda_item.meeting
    require(acting_user, "papers.prepare", meeting)
    if agenda_item.kind not in REPORT_KINDS:
        raise RuleViolation(f"Item {agenda_item.number} ({agenda_item.get_kind_display().lower()}) does not take a report.",
                            code="papers.report_item", field="offer")
    # Published papers: save_cover_report, called below, applies papers' publication rule (one home).
    papers = MeetingPapers.objects.select_for_update(of=("self",)).filter(meeting=meeting).first()
    if papers is not None and papers.status == PublicationStatus.SCHEDULED:
        raise RuleViolation("The agenda's publication is scheduled; cancel it before adding a report.",
                            code="papers.scheduled", field="offer")
    existing = CoverReport.objects.select_for_update(of=("self",)).filter(agenda_item=agenda_item).first()
    if existing is not None and existing.deleted_at is None and not replace:
        raise RuleViolation(
            f"Item {agenda_item.number or agenda_item.title} already has a report (“{existing.title}”). "
            "Choose to replace it, or add this report under another item.",
            code="papers.report_exists", field="replace",
        )
    try:
        source = agenda_reports.get_source(source_code)
    except LookupError:
        raise _refuse_unavailable(meeting.committee) from None
    if offer_key not in {offer.key for offer in source.offers(meeting.committee, acting_user)}:
        raise _refuse_unavailable(meeting.committee)
    try:
        built = source.build(offer_key, acting_user)
    except (LookupError, PermissionError):
        raise _refuse_unavailable(meeting.committee) from None
    headings = [{"key": f"s{n}", "heading": heading} for n, (heading, _) in enumerate(built.sections, start=1)]
    background = f"{built.source_label or built.title}: {built.source_url}" if built.source_url else ""
    report = save_cover_report(
        agenda_item, acting_user=acting_user, title=built.title[:300], executive_summary=built.executive_summary,
        actions_required=[str(a) for a in built.actions_required],
        sections={h["key"]: text for h, (_, text) in zip(headings, built.sections, strict=True)},
        officer_name=built.officer_name[:150], background_papers=background, status=CoverReport.Status.DRAFT,
    )
    withdrawn = []
    if existing is not None:
        old = Document.objects.filter(cover_report=report, kind=DocumentKind.ANNEX, deleted_at__isnull=True)
        withdrawn = list(old.values_list("pk", flat=True))
        old.update(deleted_at=timezone.now())
    report.source_code, report.source_key, report.source_sections = source.code, offer_key, headings
    report.deleted_at = None
    report.save(update_fields=["source_code", "source_key", "source_sections", "deleted_at", "updated_at"])
    annexes = [
        upload_annex(report, title=doc.title or doc.filename, content=doc.content, filename=doc.filename,
                     acting_user=acting_user)
        for doc in built.appendices
    ]
    audit.record("papers.report.added_from_source", actor=acting_user, target=report,
                 data={"item": str(agenda_item), "source": source.code, "offer": offer_key,
                       "replaced": existing is not None, "annexes": [a.label for a in annexes],
                       **({"withdrawn_annexes": withdrawn} if withdrawn else {})})
    return report
