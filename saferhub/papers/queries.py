"""Read helpers for papers: what an agenda should contain, what is overdue, what is published."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils import timezone

from saferhub.core import calendar
from saferhub.core.site import get_site_configuration
from saferhub.governance.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    OfficeHolder,
    Recommendation,
    RecommendationStatus,
)
from saferhub.papers.models import (
    CoverReport,
    Document,
    FutureItem,
    Minutes,
    MinutesStatus,
    PaperSettings,
    WorkProgrammeEntry,
    WorkProgrammeStatus,
    WrittenQuestion,
)

NOT_TRANSACTED = [MeetingStatus.INQUORATE, MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]


def settings_for(committee) -> PaperSettings:
    settings = getattr(committee, "_paper_settings", None)
    if settings is None:
        settings = PaperSettings.objects.filter(committee=committee).first() or PaperSettings(committee=committee)
        committee._paper_settings = settings
    return settings


def later_meeting_passed(meeting: Meeting, today: dt.date) -> bool:
    """Whether a later meeting of the committee that would have confirmed ``meeting``'s minutes is
    behind us: one was held (quorate), or one was scheduled and its date passed with no record."""
    later = Meeting.objects.filter(committee_id=meeting.committee_id, date__gt=meeting.date)
    return later.filter(
        Q(status=MeetingStatus.HELD) | Q(status=MeetingStatus.SCHEDULED, date__lt=today)
    ).exists()


def unconfirmed_minutes(meeting: Meeting) -> list[Meeting]:
    """Earlier meetings that took place and whose minutes have not been confirmed, oldest first.

    Inquorate meetings have minutes too, and they wait for the next quorate meeting: on 24 February
    2023 the agenda confirms 9 June, 28 September and 8 December 2022 (seed 001:43-47). Minutes are
    confirmed in order, so only meetings after the latest confirmed one are considered.
    """
    confirmed_ids = set(
        AgendaItem.objects.filter(
            meeting__committee=meeting.committee, meeting__status=MeetingStatus.HELD, confirms_minutes_of__isnull=False
        )
        .exclude(meeting=meeting)
        .values_list("confirms_minutes_of", flat=True)
    )
    confirmed_ids |= set(
        Minutes.objects.filter(meeting__committee=meeting.committee, status=MinutesStatus.CONFIRMED).values_list(
            "meeting_id", flat=True
        )
    )
    earlier = list(
        Meeting.objects.took_place().filter(committee=meeting.committee, date__lt=meeting.date).order_by("date")
    )
    last_confirmed = max((m.date for m in earlier if m.pk in confirmed_ids), default=None)
    return [m for m in earlier if m.pk not in confirmed_ids and (last_confirmed is None or m.date > last_confirmed)]


def is_first_meeting_of_civic_year(meeting: Meeting) -> bool:
    """True when no Chair has yet been elected for the meeting's civic year (elections and the
    Terms of Reference review happen then, seed 002:341)."""
    year = meeting.committee.civic_year(meeting.date)
    return not OfficeHolder.objects.filter(committee=meeting.committee, civic_year=year, office="chair").exclude(
        elected_at=meeting
    ).exists()


def planned_for(meeting: Meeting) -> list[WorkProgrammeEntry]:
    return list(
        WorkProgrammeEntry.objects.filter(target_meeting=meeting)
        .exclude(status=WorkProgrammeStatus.WITHDRAWN)
        .order_by("position", "id")
    )


def pending_carry_forward(committee, before: dt.date) -> list[AgendaItem]:
    """Items of earlier meetings that did not transact their business and have not yet been
    carried to another meeting."""
    return list(
        AgendaItem.objects.filter(
            meeting__committee=committee, meeting__date__lt=before, meeting__status__in=NOT_TRANSACTED,
            carry_forward=True, carried_to__isnull=True,
        )
        .select_related("meeting")
        .order_by("meeting__date", "position")
    )


def next_meeting_after(meeting: Meeting) -> Meeting | None:
    if meeting.postponed_to_id:
        return meeting.postponed_to
    return (
        Meeting.objects.filter(committee=meeting.committee, date__gt=meeting.date, status=MeetingStatus.SCHEDULED)
        .order_by("date", "id")
        .first()
    )


def publication_deadline(meeting: Meeting) -> dt.date:
    """The last day the agenda can be published and still be open to inspection for the configured
    number of clear working days (5 in England)."""
    settings = settings_for(meeting.committee)
    region = get_site_configuration().holiday_region
    return calendar.latest_date_for_clear_days(meeting.date, settings.publication_clear_days, region)


def publication_warnings(committee, today: dt.date | None = None) -> list[tuple[Meeting, str]]:
    """Scheduled meetings inside (or past) their publication window with nothing published."""
    today = today or timezone.localdate()
    warnings = []
    for meeting in Meeting.objects.filter(
        committee=committee, status=MeetingStatus.SCHEDULED, date__gte=today, date_precision="day"
    ).select_related("papers").order_by("date")[:6]:
        papers = getattr(meeting, "papers", None)
        if papers is not None and papers.published_at:
            continue
        deadline = publication_deadline(meeting)
        scheduled = papers.publish_at if papers is not None and papers.status == "scheduled" else None
        if scheduled and timezone.localtime(scheduled).date() <= deadline:
            continue
        if today > deadline:
            warnings.append((meeting, f"The agenda for {meeting.date_display} is late: it had to be published by "
                                      f"{deadline.day} {deadline:%B %Y} to give the required clear days."))
        elif (deadline - today).days <= 7:
            warnings.append((meeting, f"Publish the agenda for {meeting.date_display} by {deadline.day} {deadline:%B %Y}."))
    return warnings


def overdue_recommendations(committee=None, today: dt.date | None = None):
    today = today or timezone.localdate()
    qs = Recommendation.objects.filter(
        response_due__lt=today, status=RecommendationStatus.AWAITING_RESPONSE
    ).select_related("decision__agenda_item__meeting__committee", "addressee_organisation", "addressee_committee")
    if committee is not None:
        qs = qs.filter(decision__agenda_item__meeting__committee=committee)
    return qs.order_by("response_due")


def recommendations_register(committee):
    return (
        Recommendation.objects.filter(decision__agenda_item__meeting__committee=committee,
                                      decision__agenda_item__meeting__record_published=True)
        .select_related("decision__agenda_item__meeting", "addressee_organisation", "addressee_committee")
        .prefetch_related("responses")
        .order_by("-decision__agenda_item__meeting__date", "decision__sequence", "sequence")
    )


def work_programme(committee, *, from_date: dt.date | None = None):
    qs = WorkProgrammeEntry.objects.filter(committee=committee).exclude(status=WorkProgrammeStatus.WITHDRAWN)
    if from_date:
        qs = qs.filter(target_date__gte=from_date)
    return qs.select_related("target_meeting", "added_by_decision").order_by("target_date", "position", "id")


def open_future_items(committee):
    return list(FutureItem.objects.filter(committee=committee, status=FutureItem.Status.OPEN).order_by("position", "id"))


def public_documents(meeting: Meeting):
    return (
        Document.objects.filter(meeting=meeting, published_at__isnull=False, deleted_at__isnull=True)
        .select_related("cover_report")
        .order_by("kind", "position", "id")
    )


def meeting_documents_prefetch() -> Prefetch:
    return Prefetch(
        "documents",
        queryset=Document.objects.filter(deleted_at__isnull=True).order_by("kind", "position", "id"),
        to_attr="live_documents",
    )


def visible_documents_filter(user_can_see_drafts: bool) -> Q:
    base = Q(deleted_at__isnull=True)
    return base if user_can_see_drafts else base & Q(published_at__isnull=False)


def is_late_report(report, papers) -> bool:
    """After the agenda pack is published its reports are fixed; a report started since (for an item
    added late) can still be written until it is published in a supplementary pack."""
    if papers is None or papers.published_at is None:
        return False
    if report is None or report.pk is None:
        return True
    return report.created_at > papers.published_at and not report.supplementary_packs.exists()


def meeting_questions(meeting_id: int, *, source_code: str = "", key_prefix: str = ""):
    """The provider papers registers in ``core.meeting_questions``: the meeting's written questions and
    answers, as its minutes print them. With a source, only those raised under the items whose cover
    report that source built (key starting with ``key_prefix``); when no item had such a report, all of
    them (``about_report`` False), since a question is tagged by its item, not by subject. Two queries."""
    from saferhub.core.meeting_questions import MeetingQuestion, MeetingQuestions

    questions = list(WrittenQuestion.objects.filter(meeting_id=meeting_id)
                     .select_related("agenda_item", "response_from").order_by("number"))
    item_ids = set()
    if source_code:
        item_ids = set(CoverReport.objects.filter(agenda_item__meeting_id=meeting_id, deleted_at__isnull=True,
                                                  source_code=source_code, source_key__startswith=key_prefix)
                       .values_list("agenda_item_id", flat=True))
    if item_ids:
        questions = [q for q in questions if q.agenda_item_id in item_ids]

    def item(q) -> str:
        if q.agenda_item is None:
            return ""
        return f"Item {q.agenda_item.number}: {q.agenda_item.title}" if q.agenda_item.number else q.agenda_item.title

    return MeetingQuestions(
        questions=tuple(MeetingQuestion(number=q.number, text=q.question, answer=q.response,
                                        answered_on=q.responded_on if q.response else None,
                                        answered_by=q.response_from.name if q.response and q.response_from else "",
                                        item=item(q)) for q in questions),
        about_report=bool(item_ids))
