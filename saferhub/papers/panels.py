"""Panels the papers app adds to governance pages (see governance/extensions.py)."""

from __future__ import annotations

from django.utils import timezone

from saferhub.core.permissions import can
from saferhub.governance.extensions import Panel
from saferhub.governance.status import minutes_wording
from saferhub.papers import queries
from saferhub.papers.models import (
    ChairReport,
    CoverReport,
    Document,
    DocumentKind,
    ExemptItem,
    Minutes,
    MinutesStatus,
    SupplementaryPack,
)

KIND_ORDER = [DocumentKind.AGENDA, DocumentKind.AGENDA_PACK, DocumentKind.SUPPLEMENTARY_PACK, DocumentKind.ANNEX, DocumentKind.MINUTES,
              DocumentKind.WRITTEN_QUESTIONS, DocumentKind.CHAIR_REPORT, DocumentKind.OTHER]


def meeting_documents(request, meeting) -> Panel:
    """Published documents of a meeting, grouped by kind with every format, in two queries."""
    documents = list(
        Document.objects.filter(meeting=meeting, deleted_at__isnull=True, published_at__isnull=False)
        .only("id", "kind", "format", "title", "label", "size", "page_count", "position")
        .order_by("kind", "position", "id")
    )
    groups: dict[tuple, dict] = {}
    for d in documents:
        key = (d.kind, d.label or d.title)
        group = groups.setdefault(key, {"kind": d.kind, "title": d.title, "label": d.label, "files": []})
        group["files"].append(d)
    if any(d.kind == DocumentKind.SUPPLEMENTARY_PACK for d in documents):
        packs = {p.number: p for p in SupplementaryPack.objects.filter(meeting=meeting)}
        for group in groups.values():
            if group["kind"] == DocumentKind.SUPPLEMENTARY_PACK:
                group["pack"] = packs.get(group["files"][0].position)
    ordered = sorted(groups.values(), key=lambda g: (KIND_ORDER.index(g["kind"]) if g["kind"] in KIND_ORDER else 99,
                                                     g["label"], g["title"]))
    minutes = Minutes.objects.filter(meeting=meeting).only("status", "confirmed_on").first()
    from saferhub.papers.views.documents import agenda_visible

    minutes_public = (minutes is not None and minutes.status != MinutesStatus.DRAFT and meeting.record_published
                      and meeting.attendance_finalised)
    has_agenda = meeting.agenda_items.exists() and agenda_visible(request.user, meeting)
    minutes_state = ""
    if minutes_public:
        confirmed = minutes.status == MinutesStatus.CONFIRMED
        minutes_state = minutes_wording(
            confirmed=confirmed,
            later_meeting_passed=not confirmed and queries.later_meeting_passed(meeting, timezone.localdate()),
        )
    return Panel("papers/panels/meeting_documents.html", {
        "groups": ordered, "minutes": minutes, "meeting": meeting, "agenda_link": has_agenda,
        "minutes_link": minutes_public, "minutes_state": minutes_state,
    })


def agenda_item_links(request, meeting) -> dict[int, list[tuple[str, str]]]:
    """Each agenda item's report (its place in the published agenda pack) and its published annexes,
    in three queries. Nothing before the pack is published; an exempt item's papers are never linked."""
    documents = list(
        Document.objects.filter(meeting=meeting, deleted_at__isnull=True, published_at__isnull=False,
                                kind__in=[DocumentKind.AGENDA_PACK, DocumentKind.SUPPLEMENTARY_PACK, DocumentKind.ANNEX])
        .select_related("cover_report").only("id", "kind", "format", "title", "label", "position", "cover_report__agenda_item_id",
                                             "cover_report__title", "cover_report__deleted_at")
        .order_by("kind", "position", "id")
    )
    pack = next((d for d in documents if d.kind == DocumentKind.AGENDA_PACK and d.format == "html"), None)
    exempt = set(ExemptItem.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", flat=True))
    links = _cross_references(meeting, exempt)
    if pack is None:
        return links
    reports = (CoverReport.objects.filter(agenda_item__meeting=meeting, deleted_at__isnull=True)
               .only("id", "title", "agenda_item_id"))
    # A late report is in a supplementary pack (the document whose position is the pack's number).
    supplements = {d.position: d for d in documents if d.kind == DocumentKind.SUPPLEMENTARY_PACK and d.format == "html"}
    in_supplement = dict(SupplementaryPack.reports.through.objects.filter(supplementarypack__meeting=meeting)
                         .values_list("coverreport_id", "supplementarypack__number")) if supplements else {}
    for report in reports:
        if report.agenda_item_id not in exempt:
            document = supplements.get(in_supplement.get(report.pk), pack)
            links.setdefault(report.agenda_item_id, []).append(
                (f"Report: {report.title}", f"{document.get_absolute_url()}#item-{report.agenda_item_id}"))
    for d in documents:
        report = d.cover_report
        if d.kind == DocumentKind.ANNEX and report and not report.deleted_at and report.agenda_item_id not in exempt:
            name = f"{d.label}: {d.title}" if d.label else d.title
            links.setdefault(report.agenda_item_id, []).append((f"{name} ({d.get_format_display()})", d.get_absolute_url()))
    return links


def _cross_references(meeting, exempt: set[int]) -> dict[int, list[tuple[str, str]]]:
    """What each item refers to ("described at item 9 on today's agenda"; the papers of earlier
    meetings), in one query; never from or to an exempt item."""
    from saferhub.papers.models import AgendaItemLink
    from saferhub.papers.rendering.context import long_date

    links: dict[int, list[tuple[str, str]]] = {}
    for link in AgendaItemLink.objects.filter(from_item__meeting=meeting).select_related("to_item__meeting", "to_meeting"):
        if link.from_item_id in exempt or link.to_item_id in exempt:
            continue
        if link.to_item is not None:
            label = f"Refers to item {link.to_item.number}: {link.to_item.title}"
            url = link.to_item.meeting.get_absolute_url()
        else:
            label, url = f"Refers to the papers of {long_date(link.to_meeting.date)}", link.to_meeting.get_absolute_url()
        links.setdefault(link.from_item_id, []).append((label, url))
    return links


def record_links(request, meeting) -> Panel | None:
    if not can(request.user, "papers.prepare", meeting):
        return None
    settings = queries.settings_for(meeting.committee)
    delegable = []
    if meeting.status == "held" and settings.delegation_wording and meeting.committee.parent_id:
        delegable = [i for i in meeting.agenda_items.all() if i.kind == "report"]
    return Panel("papers/panels/record_links.html", {"meeting": meeting, "delegable": delegable})


def dashboard(request, committee) -> Panel | None:
    if request is None or not can(request.user, "papers.prepare", committee):
        return None
    today = timezone.localdate()
    unpublished_minutes = [
        m for m in committee.meetings.took_place().filter(attendance_finalised=True).order_by("-date")[:8]
        if not Minutes.objects.filter(meeting=m, status__in=[MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED]).exists()
    ]
    return Panel("papers/panels/dashboard.html", {
        "committee": committee,
        "publication": queries.publication_warnings(committee, today),
        "overdue": list(queries.overdue_recommendations(committee, today)[:10]),
        "unpublished_minutes": unpublished_minutes,
        "chair_reports": list(ChairReport.objects.filter(meeting__committee=committee, status=ChairReport.Status.DRAFT)
                              .select_related("meeting")),
    })


def committee_links(request, committee) -> Panel:
    return Panel("papers/panels/committee_links.html", {"committee": committee})


def private_items(user, meeting) -> dict[int, int]:
    """Exempt (Part 2) items whose minute text this user may not read, with their Schedule 12A
    paragraph: every exempt item for the public; none for the committee's members, its committee
    officers and the officers named on the item (``papers.read_exempt``). One query, and one per
    exempt item for a signed-in user."""
    exemptions = list(ExemptItem.objects.filter(agenda_item__meeting=meeting).select_related("agenda_item__meeting"))
    if not getattr(user, "is_authenticated", False):
        return {e.agenda_item_id: e.paragraph for e in exemptions}
    return {e.agenda_item_id: e.paragraph for e in exemptions if not can(user, "papers.read_exempt", e.agenda_item)}
