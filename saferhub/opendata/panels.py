"""Links the open data app adds to the public committee and meeting pages (calendar files, feeds)."""

from __future__ import annotations

from django.urls import reverse

from saferhub.governance.extensions import Panel


def written_questions(request, meeting) -> Panel | None:
    """Questions requiring written responses, with the responses, once the meeting's record is
    published (the minutes append them too). One query."""
    if not meeting.record_published:
        return None
    from saferhub.papers.models import WrittenQuestion

    questions = list(WrittenQuestion.objects.filter(meeting=meeting).select_related("agenda_item", "response_from")
                     .order_by("number"))
    if not questions:
        return None
    return Panel("opendata/panels/written_questions.html", {"questions": questions})


def meeting_links(request, meeting) -> Panel | None:
    context = {"meeting": meeting, "oparl": reverse("opendata:oparl-meeting", args=[meeting.pk])}
    if meeting.date_precision == "day":
        context["ics"] = reverse("opendata:meeting-ics", args=[meeting.pk])
    if meeting.committee.is_public:
        from saferhub.opendata.ical import add_to_calendar_links

        context["add"] = add_to_calendar_links(meeting, f"{request.scheme}://{request.get_host()}")
    return Panel("opendata/panels/meeting_links.html", context)


def committee_links(request, committee) -> Panel:
    return Panel("opendata/panels/committee_links.html", {
        "committee": committee,
        "ics": reverse("opendata:committee-ics", args=[committee.slug]),
        "documents_rss": reverse("opendata:committee-documents-rss", args=[committee.slug]),
        "documents_atom": reverse("opendata:committee-documents-atom", args=[committee.slug]),
        "decisions_rss": reverse("opendata:committee-decisions-rss", args=[committee.slug]),
        "decisions_atom": reverse("opendata:committee-decisions-atom", args=[committee.slug]),
        "calendar": reverse("opendata:calendar") + f"?committee={committee.slug}",
    })
