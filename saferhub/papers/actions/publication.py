"""Building and publishing a meeting's agenda and papers, now or at a scheduled time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance import actions as governance
from saferhub.governance.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from saferhub.papers import queries
from saferhub.papers.actions.tracking import carry_forward_business, update_work_programme_entry
from saferhub.papers.models import (
    CoverReport,
    Document,
    DocumentKind,
    MeetingPapers,
    PaperSettings,
    PublicationStatus,
    WorkProgrammeStatus,
)
from saferhub.papers.rules import check_publication_time
from saferhub.papers.signals import agenda_publication_scheduled

SETTINGS_FIELDS = [f.name for f in PaperSettings._meta.get_fields() if f.concrete and f.name not in {"id", "committee", "updated_at"}]

#: Order of the standard items on every agenda (seed 002:42-98, 001:39-90).
ORDER = [
    AgendaItemKind.APOLOGIES, AgendaItemKind.ELECTION, AgendaItemKind.MINUTES, AgendaItemKind.DECLARATIONS,
    AgendaItemKind.URGENT_BUSINESS, AgendaItemKind.TERMS_OF_REFERENCE, AgendaItemKind.OTHER, AgendaItemKind.REPORT,
    AgendaItemKind.VERBAL_UPDATE, AgendaItemKind.WORK_PROGRAMME,
]

WORK_PROGRAMME_SUMMARY = (
    "This report sets out the forward work programme so that members can review it, shape it and agree it. "
    "It lists the reports planned for each meeting, the items identified for future consideration and any "
    "recommendations still awaiting a response."
)


def meeting_papers(meeting: Meeting) -> MeetingPapers:
    papers, _ = MeetingPapers.objects.get_or_create(meeting=meeting)
    return papers


@transaction.atomic
def update_paper_settings(committee, *, acting_user: Actor, **data: Any) -> PaperSettings:
    """Change a committee's paper settings: wording, signatory, clear days for publication."""
    require(acting_user, "papers.configure", committee)
    settings, _ = PaperSettings.objects.get_or_create(committee=committee)
    writes.update_with_audit(settings, allowed=SETTINGS_FIELDS, data=data, acting_user=acting_user,
                             audit_code="papers.settings.updated", error_code="papers.invalid_value",
                             check=_check_settings, target=committee, clean=False)
    if hasattr(committee, "_paper_settings"):
        del committee._paper_settings
    return settings


def _check_settings(settings: PaperSettings) -> None:
    if settings.publication_clear_days < 3:
        raise RuleViolation(
            "Agendas must be open to inspection for at least 3 clear working days (the Welsh minimum; England needs 5).",
            code="papers.clear_days", field="publication_clear_days",
        )
    if settings.delegation_wording and "{date}" not in settings.delegation_wording:
        raise RuleViolation("The delegation wording needs the {date} placeholder.", code="papers.template",
                            field="delegation_wording")


def _ensure(meeting, existing: list[AgendaItem], kind: str, title: str, acting_user, description: str = "",
            confirms=None) -> AgendaItem:
    for item in existing:
        if item.kind == kind and (kind != AgendaItemKind.ELECTION or item.title == title):
            return item
    item = governance.add_agenda_item(meeting, title=title, kind=kind, description=description,
                                      confirms=confirms, acting_user=acting_user)
    existing.append(item)
    return item


@transaction.atomic
def build_agenda(meeting: Meeting, *, acting_user: Actor) -> list[AgendaItem]:
    """Build (or complete) a meeting's agenda with the standard items in their usual order:
    apologies; at the first meeting of the civic year the Chair and Vice-Chair elections; the
    minutes of every earlier meeting still unconfirmed; declarations; urgent business; at the first
    meeting of the year the Terms of Reference; then the reports planned in the work programme and
    any business carried forward; and the forward work programme last. Items already on the agenda
    are kept."""
    require(acting_user, "papers.prepare", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.attendance_finalised:
        raise RuleViolation("Only a scheduled meeting's agenda can be built.", code="papers.meeting_status")
    papers = meeting_papers(meeting)
    if papers.published_at:
        raise RuleViolation("The agenda has already been published.", code="papers.published")
    settings = queries.settings_for(meeting.committee)
    carry_forward_business(meeting, acting_user=acting_user)
    existing = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    first = queries.is_first_meeting_of_civic_year(meeting)
    _ensure(meeting, existing, AgendaItemKind.APOLOGIES, settings.apologies_item_title, acting_user)
    if first and settings.election_items:
        _ensure(meeting, existing, AgendaItemKind.ELECTION, "Election of Chair", acting_user)
        _ensure(meeting, existing, AgendaItemKind.ELECTION, "Election of Vice-Chair", acting_user)
    unconfirmed = queries.unconfirmed_minutes(meeting)
    if unconfirmed:
        item = _ensure(meeting, existing, AgendaItemKind.MINUTES, settings.minutes_item_title, acting_user,
                       confirms=unconfirmed)
        governance.update_agenda_item(item, confirms=unconfirmed, acting_user=acting_user)
    _ensure(meeting, existing, AgendaItemKind.DECLARATIONS, settings.declarations_item_title, acting_user)
    _ensure(meeting, existing, AgendaItemKind.URGENT_BUSINESS, settings.urgent_item_title, acting_user)
    if first and settings.terms_of_reference_review:
        _ensure(meeting, existing, AgendaItemKind.TERMS_OF_REFERENCE, "Terms of Reference", acting_user,
                description="To review the Terms of Reference.")
    titles = {i.title.casefold() for i in existing}
    for entry in queries.planned_for(meeting):
        if entry.agenda_item_id is None:
            item = next((i for i in existing if i.title.casefold() == entry.report.casefold()), None)
            if item is None and entry.report.casefold() not in titles:
                item = governance.add_agenda_item(meeting, title=entry.report, kind=AgendaItemKind.REPORT,
                                                  description=entry.issues.split("\n")[0] if entry.issues else "",
                                                  acting_user=acting_user)
                existing.append(item)
            if item is not None:
                update_work_programme_entry(entry, status=WorkProgrammeStatus.ON_AGENDA, acting_user=acting_user)
                entry.agenda_item = item
                entry.save(update_fields=["agenda_item", "updated_at"])
    wp_item = _ensure(meeting, existing, AgendaItemKind.WORK_PROGRAMME, settings.work_programme_item_title,
                      acting_user, description=settings.work_programme_item_description)
    if not CoverReport.objects.filter(agenda_item=wp_item).exists():
        from saferhub.papers.actions.reports import save_cover_report
        from saferhub.papers.models import ReportTemplate

        has_template = ReportTemplate.objects.filter(committee=meeting.committee, is_default=True).exists()
        save_cover_report(
            wp_item, title=settings.work_programme_item_title, executive_summary=WORK_PROGRAMME_SUMMARY,
            actions_required=["Review and agree the forward work programme."], status=CoverReport.Status.FINAL,
            **({} if has_template else {"implications": {"eqia": "None."}}), acting_user=acting_user,
        )
    order = sorted(existing, key=lambda i: (ORDER.index(i.kind) if i.kind in ORDER else len(ORDER), i.position))
    governance.arrange_agenda(meeting, order=order, acting_user=acting_user)
    audit.record("papers.agenda.built", actor=acting_user, target=meeting,
                 data={"items": [i.title for i in order], "first_of_year": first,
                       "minutes_to_confirm": [m.date for m in unconfirmed]})
    return order


def _check_ready(meeting: Meeting) -> None:
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    if not items:
        raise RuleViolation("The agenda is empty: build it first.", code="papers.agenda_empty")
    reports = {r.agenda_item_id: r for r in CoverReport.objects.filter(agenda_item__meeting=meeting, deleted_at__isnull=True)}
    missing = [i for i in items if i.kind == AgendaItemKind.REPORT and i.pk not in reports]
    if missing:
        names = ", ".join(f"item {i.number} ({i.title})" for i in missing)
        raise RuleViolation(
            f"These items have no report yet: {names}. Add the reports, or change the items to verbal updates.",
            code="papers.report_missing",
        )
    drafts = [i for i in items if i.pk in reports and reports[i.pk].status != CoverReport.Status.FINAL]
    if drafts:
        names = ", ".join(f"item {i.number}" for i in drafts)
        raise RuleViolation(f"These reports are still drafts: {names}. Mark them final before publishing.",
                            code="papers.report_draft")


@transaction.atomic
def publish_agenda(meeting: Meeting, *, acting_user: Actor) -> MeetingPapers:
    """Publish the agenda, the agenda pack and the reports' annexes, as HTML, tagged PDF and Word.
    The agenda's page numbers become the pack's real page numbers. Publishing later than the clear
    days the law requires is allowed (the meeting may still go ahead) but is recorded as late."""
    from saferhub.papers import rendering
    from saferhub.papers.actions.documents import store_document

    require(acting_user, "papers.publish", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.date_precision != "day":
        raise RuleViolation("Only a scheduled meeting with a confirmed date can have its agenda published.",
                            code="papers.meeting_status")
    now = timezone.now()
    if meeting.date < timezone.localdate(now):
        raise RuleViolation("The meeting has already taken place.", code="papers.meeting_status")
    papers = meeting_papers(meeting)
    if papers.published_at:
        raise RuleViolation("The agenda has already been published.", code="papers.published")
    _check_ready(meeting)
    papers.published_at = now
    papers.status = PublicationStatus.PUBLISHED
    papers.publish_at = None
    papers.save(update_fields=["published_at", "status", "publish_at", "updated_at"])
    pack = rendering.render_pack(meeting)
    order = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    governance.arrange_agenda(meeting, order=order, pages=pack.item_pages, acting_user=acting_user)
    agenda = rendering.render_agenda(meeting)
    committee = meeting.committee
    title = f"{committee.name}, {meeting.date_display}"
    stored = []
    for kind, label, rendered in [(DocumentKind.AGENDA, "Agenda", agenda), (DocumentKind.AGENDA_PACK, "Agenda pack", pack)]:
        for fmt, content in [("html", rendered.html.encode("utf-8")), ("pdf", rendered.pdf), ("docx", rendered.docx)]:
            stored.append(store_document(
                committee=committee, meeting=meeting, kind=kind, format=fmt, title=f"{label}: {title}",
                content=content, page_count=rendered.pages if fmt == "pdf" else None,
                text=rendered.text if fmt == "html" else "", acting_user=acting_user,
            ))
    Document.objects.filter(pk__in=[d.pk for d in stored]).update(published_at=now)
    # An exempt (Part 2) item's annexes are never published (Schedule 12A, Local Government Act 1972).
    Document.objects.filter(meeting=meeting, kind=DocumentKind.ANNEX, deleted_at__isnull=True).exclude(
        cover_report__agenda_item__exemption__isnull=False).update(published_at=now)
    papers.pack_pages = pack.pages
    papers.save(update_fields=["pack_pages", "updated_at"])
    deadline = queries.publication_deadline(meeting)
    late = timezone.localdate(now) > deadline
    audit.record("papers.agenda.published", actor=acting_user, target=meeting,
                 data={"pages": pack.pages, "deadline": deadline, "late": late})
    return papers


@transaction.atomic
def schedule_publication(meeting: Meeting, *, publish_at: dt.datetime, acting_user: Actor) -> MeetingPapers:
    """Publish the agenda automatically at ``publish_at`` (done by the background worker, which
    ``papers.receivers`` asks for when ``agenda_publication_scheduled`` is sent after commit)."""
    require(acting_user, "papers.publish", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    papers = meeting_papers(meeting)
    if papers.published_at:
        raise RuleViolation("The agenda has already been published.", code="papers.published")
    if timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at)
    check_publication_time(publish_at=publish_at, now=timezone.now(), meeting_date=meeting.date)
    _check_ready(meeting)
    papers.status = PublicationStatus.SCHEDULED
    papers.publish_at = publish_at
    papers.save(update_fields=["status", "publish_at", "updated_at"])
    transaction.on_commit(lambda: agenda_publication_scheduled.send(
        sender=MeetingPapers, meeting_id=meeting.pk, publish_at=publish_at))
    audit.record("papers.agenda.scheduled", actor=acting_user, target=meeting, data={"publish_at": publish_at})
    return papers


@transaction.atomic
def cancel_scheduled_publication(meeting: Meeting, *, acting_user: Actor) -> MeetingPapers:
    require(acting_user, "papers.publish", meeting)
    papers = meeting_papers(meeting)
    if papers.status != PublicationStatus.SCHEDULED:
        raise RuleViolation("No publication is scheduled for this meeting.", code="papers.not_scheduled")
    papers.status = PublicationStatus.DRAFT
    papers.publish_at = None
    papers.save(update_fields=["status", "publish_at", "updated_at"])
    audit.record("papers.agenda.unscheduled", actor=acting_user, target=meeting)
    return papers
