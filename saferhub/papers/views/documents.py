"""Agendas and minutes rendered from the meeting's current record, as a web page, tagged PDF or
Word document. Visible when published (or to those who may read drafts)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from saferhub.core.permissions import can
from saferhub.governance.models import Attendance, Decision, Meeting
from saferhub.papers import rendering
from saferhub.papers.models import MeetingPapers, Minutes, MinutesStatus

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def agenda_visible(user, meeting: Meeting) -> bool:
    if not can(user, "governance.view_committee", meeting.committee):
        return False  # a private body's papers (issue 11)
    papers = MeetingPapers.objects.filter(meeting=meeting).only("published_at").first()
    if papers is not None and papers.published_at:
        return True
    if meeting.record_published and meeting.took_place:
        return True
    return can(user, "governance.view_draft", meeting)


def minutes_visible(user, meeting: Meeting) -> bool:
    if not can(user, "governance.view_committee", meeting.committee):
        return False  # a private body's minutes (issue 11)
    if not meeting.attendance_finalised:
        return False  # No record to write minutes from (a meeting known only from later documents).
    published = Minutes.objects.filter(meeting=meeting, status__in=[MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED]).exists()
    return (published and meeting.record_published) or can(user, "governance.view_draft", meeting)


def _version(meeting: Meeting) -> str:
    stamps = [
        meeting.updated_at,
        meeting.agenda_items.aggregate(m=Max("updated_at"))["m"],
        Attendance.objects.filter(meeting=meeting).aggregate(m=Max("updated_at"))["m"],
        Decision.objects.filter(agenda_item__meeting=meeting).aggregate(m=Max("updated_at"))["m"],
        Minutes.objects.filter(meeting=meeting).aggregate(m=Max("updated_at"))["m"],
    ]
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


def _respond(kind: str, meeting: Meeting, fmt: str) -> HttpResponse:
    key = f"saferhub:doc:{kind}:{meeting.pk}:{fmt}:{_version(meeting)}"
    content = cache.get(key)
    if content is None:
        render = rendering.render_minutes if kind == "minutes" else rendering.render_agenda
        rendered = render(meeting, formats=(fmt,))
        content = {"html": rendered.html.replace("<head>", '<head>\n  <link rel="stylesheet" href="/static/papers/documents.css">', 1).encode("utf-8"),
                   "pdf": rendered.pdf, "docx": rendered.docx}[fmt]
        cache.set(key, content, 3600)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        filename = f"{kind}-{meeting.committee.slug}-{meeting.date:%Y-%m-%d}.{fmt}"
        disposition = "attachment" if fmt == "docx" else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def agenda_document(request, pk, fmt="html"):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if fmt not in CONTENT_TYPES or not agenda_visible(request.user, meeting):
        raise Http404
    return _respond("agenda", meeting, fmt)


def minutes_document(request, pk, fmt="html"):
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    if fmt not in CONTENT_TYPES or not minutes_visible(request.user, meeting):
        raise Http404
    return _respond("minutes", meeting, fmt)


def exempt_report(request, pk, item_pk):
    """An exempt (Part 2) item's report, for the committee's members, its committee officers and the
    officers named on the item; everyone else gets 404, the same as for a missing page."""
    from django.shortcuts import render

    from saferhub.governance.models import AgendaItem
    from saferhub.papers.rendering.context import agenda_data

    item = get_object_or_404(AgendaItem.objects.select_related("meeting__committee", "exemption"), pk=item_pk,
                             meeting_id=pk, exemption__isnull=False)
    if not can(request.user, "papers.read_exempt", item):
        raise Http404
    data = agenda_data(item.meeting, exempt_edition=True)
    report = data.reports.get(item.pk)
    if report is None:
        raise Http404
    return render(request, "papers/exempt_report.html", {
        "item": item, "report": report, "data": data, "paragraph": item.exemption.paragraph, "nav": "committees",
    })
