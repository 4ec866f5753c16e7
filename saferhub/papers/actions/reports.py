"""Cover reports and the committee's report template."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance.models import AgendaItem, AgendaItemKind
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
    if papers is not None and papers.published_at is not None:
        raise RuleViolation("The agenda has been published; withdraw it before changing its reports.",
                            code="papers.published", field="title")
    report = CoverReport.objects.select_for_update(of=("self",)).filter(agenda_item=agenda_item).first()
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
