"""The data a rendered document needs, gathered once per meeting in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from saferhub.core.site import get_site_configuration
from saferhub.governance import queries as governance_queries
from saferhub.governance.models import AgendaItemKind, Meeting
from saferhub.papers import queries
from saferhub.papers.models import CoverReport, Document, DocumentKind, ExemptItem, MeetingPapers, WrittenQuestion

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def council_time(value: dt.time | None) -> str:
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}.{value.minute:02d} {suffix}"


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def day_date(value: dt.date | None) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}" if value else ""


@dataclass
class MinutesData:
    meeting: Meeting
    present: list
    in_attendance: list
    apologies_members: list
    apologies_substitutes: list
    apologies_officers: list
    substitutions: list
    items: list
    declarations_by_item: dict
    general_declarations: list
    questions: list
    quorum: object
    minutes: object | None
    confirmed_at: Meeting | None = None
    report_titles: dict = field(default_factory=dict)
    #: Exempt (Part 2) items and their Schedule 12A paragraph: the public minutes print neither their
    #: minute text nor their report's title.
    exempt: dict = field(default_factory=dict)


@dataclass
class AgendaData:
    meeting: Meeting
    papers: MeetingPapers | None
    settings: object
    site: object
    composition: object
    items: list
    minutes_to_confirm: list
    reports: dict = field(default_factory=dict)
    annexes: dict = field(default_factory=dict)
    work_programme: list = field(default_factory=list)
    future_items: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    published_on: dt.date | None = None
    exempt: dict = field(default_factory=dict)


def minutes_data(meeting: Meeting) -> MinutesData:
    meeting = governance_queries.meeting_with_record(meeting.pk)
    groups = governance_queries.grouped_attendance(meeting)
    items = list(meeting.agenda_items.all())
    declarations = list(meeting.declarations.all())
    by_item: dict[int, list] = {}
    general = []
    for d in declarations:
        if d.agenda_item_id:
            by_item.setdefault(d.agenda_item_id, []).append(d)
        else:
            general.append(d)
    questions = list(
        WrittenQuestion.objects.filter(meeting=meeting).select_related("agenda_item", "response_from").order_by("number")
    )
    minutes = getattr(meeting, "minutes", None)
    confirmed_at = minutes.confirmed_at_item.meeting if minutes and minutes.confirmed_at_item_id else None
    exempt = dict(ExemptItem.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", "paragraph"))
    return MinutesData(
        meeting=meeting,
        present=groups.get("present", []),
        in_attendance=groups.get("in_attendance", []),
        apologies_members=groups.get("apologies_members", []),
        apologies_substitutes=groups.get("apologies_substitutes", []),
        apologies_officers=groups.get("apologies_officers", []),
        substitutions=[a for a in groups.get("present", []) if a.substitute_for_id],
        items=items,
        declarations_by_item=by_item,
        general_declarations=general,
        questions=questions,
        quorum=governance_queries.quorum_for(meeting),
        minutes=minutes,
        confirmed_at=confirmed_at,
        report_titles={
            pk: title for pk, title in CoverReport.objects.filter(agenda_item__meeting=meeting, deleted_at__isnull=True)
            .values_list("agenda_item_id", "title") if pk not in exempt
        },
        exempt=exempt,
    )


def agenda_data(meeting: Meeting, *, exempt_edition: bool = False) -> AgendaData:
    """The agenda's data. The public edition (the default) leaves out the reports and annexes of
    exempt (Part 2) items: only their title and Schedule 12A paragraph are printed."""
    meeting = (
        Meeting.objects.select_related("committee", "committee__parent")
        .prefetch_related("agenda_items__confirms_minutes_of")
        .get(pk=meeting.pk)
    )
    items = [i for i in meeting.agenda_items.all() if i.kind != AgendaItemKind.INQUORATE]
    reports = {
        r.agenda_item_id: r
        for r in CoverReport.objects.filter(agenda_item__meeting=meeting, deleted_at__isnull=True).prefetch_related(
            Prefetch("annexes", queryset=Document.objects.filter(kind=DocumentKind.ANNEX, deleted_at__isnull=True)
                     .order_by("position"))
        )
    }
    exempt = dict(ExemptItem.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", "paragraph"))
    if not exempt_edition:
        reports = {pk: r for pk, r in reports.items() if pk not in exempt}
    papers = MeetingPapers.objects.filter(meeting=meeting).first()
    committee = meeting.committee
    return AgendaData(
        exempt=exempt,
        meeting=meeting,
        papers=papers,
        settings=queries.settings_for(committee),
        site=get_site_configuration(),
        composition=governance_queries.composition_on(committee, meeting.date),
        items=items,
        minutes_to_confirm=[m for i in items if i.kind == AgendaItemKind.MINUTES for m in i.confirms_minutes_of.all()],
        reports=reports,
        work_programme=list(queries.work_programme(committee, from_date=meeting.date)),
        future_items=queries.open_future_items(committee),
        overdue=list(queries.overdue_recommendations(committee, meeting.date)),
        # The council's date (London), not UTC's: published at 00:30 BST is published that day.
        published_on=timezone.localdate(papers.published_at) if papers and papers.published_at else None,
    )
