"""Minutes: publishing the draft, confirming at a later meeting; written questions; the Chair's
report to the parent committee."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require
from saferhub.governance import actions as governance
from saferhub.governance.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from saferhub.papers.models import ChairReport, Document, DocumentKind, Minutes, MinutesStatus, WrittenQuestion
from saferhub.papers.rules import check_minutes_confirmation


def _minutes(meeting: Meeting) -> Minutes:
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def _store_minutes_documents(meeting: Meeting, *, acting_user: Actor, now) -> None:
    """Render the minutes in all three formats, replacing any earlier version (kept as withdrawn)."""
    from saferhub.papers import rendering
    from saferhub.papers.actions.documents import store_document

    rendered = rendering.render_minutes(meeting)
    Document.objects.filter(meeting=meeting, kind=DocumentKind.MINUTES, deleted_at__isnull=True).update(
        deleted_at=now, updated_at=now
    )
    title = f"Minutes: {meeting.committee.name}, {meeting.date_display}"
    for fmt, content in [("html", rendered.html.encode("utf-8")), ("pdf", rendered.pdf), ("docx", rendered.docx)]:
        document = store_document(
            committee=meeting.committee, meeting=meeting, kind=DocumentKind.MINUTES, format=fmt, title=title,
            content=content, page_count=rendered.pages if fmt == "pdf" else None,
            text=rendered.text if fmt == "html" else "", acting_user=acting_user,
        )
        Document.objects.filter(pk=document.pk).update(published_at=now)


@transaction.atomic
def publish_minutes(meeting: Meeting, *, acting_user: Actor, render_documents: bool = True) -> Minutes:
    """Publish the minutes as a draft, generated from the meeting's record (the inquorate minute
    for an inquorate meeting). The meeting's record becomes public at the same time."""
    require(acting_user, "papers.publish", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)
    if not meeting.took_place:
        raise RuleViolation("Only a meeting that took place has minutes.", code="papers.minutes_meeting")
    if not meeting.attendance_finalised:
        raise RuleViolation("Confirm the meeting's attendance before publishing its minutes.", code="papers.minutes_meeting")
    minutes = _minutes(meeting)
    if minutes.status == MinutesStatus.CONFIRMED:
        raise RuleViolation("These minutes have been confirmed; they cannot be republished.", code="papers.minutes_confirmed")
    governance.publish_meeting_record(meeting, acting_user=acting_user)
    now = timezone.now()
    minutes.status = MinutesStatus.PUBLISHED
    minutes.published_at = now
    minutes.save(update_fields=["status", "published_at", "updated_at"])
    if render_documents:
        _store_minutes_documents(meeting, acting_user=acting_user, now=now)
    audit.record("papers.minutes.published", actor=acting_user, target=meeting)
    return minutes


@transaction.atomic
def confirm_minutes(
    meeting: Meeting, *, at_item: AgendaItem, acting_user: Actor, signed_by: Person | None = None,
    render_documents: bool = True,
) -> Minutes:
    """Confirm ``meeting``'s minutes as an accurate record under the minutes item of a later
    quorate meeting; the person who chaired that meeting signs them (seed 002:144)."""
    at_meeting = at_item.meeting
    require(acting_user, "papers.publish", at_meeting)
    minutes = Minutes.objects.select_for_update(of=("self",)).filter(meeting=meeting).first() or _minutes(meeting)
    if minutes.status == MinutesStatus.CONFIRMED:
        raise RuleViolation("These minutes are already confirmed.", code="papers.minutes_confirmed")
    if at_item.kind != AgendaItemKind.MINUTES:
        raise RuleViolation("Choose the minutes item of the confirming meeting.", code="papers.minutes_confirmation",
                            field="at_item")
    signer = signed_by or at_meeting.chaired_by
    # A meeting known only from later records has no attendance, so nobody is recorded as its
    # chair; its confirmation is then recorded without a signatory.
    historic = not at_meeting.attendance_finalised and at_meeting.chaired_by_id is None
    check_minutes_confirmation(
        minutes_meeting_date=meeting.date, at_meeting_date=at_meeting.date, at_meeting_status=at_meeting.status,
        same_committee=at_meeting.committee_id == meeting.committee_id,
        signer_is_chair=(signer is None and historic) or (signer is not None and signer.pk == at_meeting.chaired_by_id),
    )
    confirms = list(at_item.confirms_minutes_of.all())
    if meeting not in confirms:
        governance.update_agenda_item(at_item, confirms=[*confirms, meeting], acting_user=acting_user)
    minutes.status = MinutesStatus.CONFIRMED
    minutes.confirmed_at_item = at_item
    minutes.confirmed_on = at_meeting.date
    minutes.signed_by = signer
    if minutes.published_at is None:
        minutes.published_at = timezone.now()
    minutes.save()
    if meeting.attendance_finalised:
        governance.publish_meeting_record(meeting, acting_user=acting_user)
        if render_documents:
            _store_minutes_documents(meeting, acting_user=acting_user, now=timezone.now())
    audit.record("papers.minutes.confirmed", actor=acting_user, target=meeting,
                 data={"at_meeting": at_meeting.pk, "confirmed_on": at_meeting.date,
                       "signed_by": signer.display_name if signer else None})
    return minutes


@transaction.atomic
def record_written_question(
    meeting: Meeting, *, question: str, acting_user: Actor, agenda_item: AgendaItem | None = None,
    number: int | None = None,
) -> WrittenQuestion:
    """Record a question raised at the meeting that the Partnership will answer in writing;
    questions are numbered across the whole meeting (seed 002:266-311)."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise RuleViolation("Questions are recorded for a meeting that was held.", code="papers.question_meeting")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise RuleViolation("That item is on another meeting's agenda.", code="papers.question_item", field="agenda_item")
    if not question.strip():
        raise RuleViolation("Enter the question.", code="papers.question_required", field="question")
    if number is None:
        number = (WrittenQuestion.objects.filter(meeting=meeting).aggregate(m=Max("number"))["m"] or 0) + 1
    elif WrittenQuestion.objects.filter(meeting=meeting, number=number).exists():
        raise RuleViolation(f"Question {number} already exists.", code="papers.question_number", field="number")
    q = WrittenQuestion.objects.create(meeting=meeting, agenda_item=agenda_item, number=number, question=question.strip())
    audit.record("papers.question.recorded", actor=acting_user, target=meeting, data={"number": number})
    return q


@transaction.atomic
def answer_written_question(
    question: WrittenQuestion, *, response: str, responded_on: dt.date, acting_user: Actor,
    response_from: Organisation | None = None,
) -> WrittenQuestion:
    """Record the written response to a question; published minutes are regenerated with it."""
    meeting = question.meeting
    require(acting_user, "governance.record_meeting", meeting)
    if not response.strip():
        raise RuleViolation("Enter the response.", code="papers.response_required", field="response")
    if responded_on < meeting.date:
        raise RuleViolation("The response cannot be dated before the meeting.", code="papers.response_date",
                            field="responded_on")
    question.response = response.strip()
    question.responded_on = responded_on
    question.response_from = response_from
    question.save(update_fields=["response", "responded_on", "response_from", "updated_at"])
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.published_at:
        _store_minutes_documents(meeting, acting_user=acting_user, now=timezone.now())
    audit.record("papers.question.answered", actor=acting_user, target=meeting, data={"number": question.number})
    return question


def _chair_report_body(meeting: Meeting) -> str:
    from saferhub.governance import queries as governance_queries

    meeting = governance_queries.meeting_with_record(meeting.pk)
    committee = meeting.committee
    lines = [
        f"This report summarises the meeting of the {committee.name} on {meeting.date.day} {meeting.date:%B %Y}.",
        "",
    ]
    for item in meeting.agenda_items.all():
        decisions = list(item.decisions.all())
        if not decisions or item.kind in {AgendaItemKind.MINUTES, AgendaItemKind.APOLOGIES}:
            continue
        lines.append(f"{item.title}")
        for d in decisions:
            lines.append(f"- {d.verb} {d.text}")
            for r in d.recommendations.all():
                lines.append(f"  - Recommended to {r.addressee}: {r.text} (response due {r.response_due:%d %B %Y})")
        lines.append("")
    if meeting.status == MeetingStatus.INQUORATE:
        lines.append("The meeting was inquorate; no business was transacted and the items were carried forward.")
    return "\n".join(lines).strip()


@transaction.atomic
def draft_chair_report(meeting: Meeting, *, acting_user: Actor) -> ChairReport:
    """Draft the Chair's written report of a meeting to the next meeting of the parent committee,
    from the meeting's decisions and recommendations. It can be edited until it is sent."""
    require(acting_user, "papers.prepare", meeting)
    meeting = Meeting.objects.select_related("committee").get(pk=meeting.pk)
    committee = meeting.committee
    if not meeting.took_place:
        raise RuleViolation("Only a meeting that took place can be reported.", code="papers.chair_report")
    if committee.parent_id is None:
        raise RuleViolation(f"The {committee} does not report to another committee.", code="papers.chair_report")
    to_meeting = (
        Meeting.objects.filter(committee_id=committee.parent_id, date__gt=meeting.date)
        .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
        .order_by("date").first()
    )
    existing = ChairReport.objects.filter(meeting=meeting).first()
    if existing is not None:
        if existing.status == ChairReport.Status.SENT:
            raise RuleViolation("The Chair's report has already been sent.", code="papers.chair_report_sent")
        return existing
    title = f"Report of the {committee.short_name or committee.name} meeting on {meeting.date.day} {meeting.date:%B %Y}"
    report = ChairReport.objects.create(meeting=meeting, to_meeting=to_meeting, title=title,
                                        body=_chair_report_body(meeting))
    audit.record("papers.chair_report.drafted", actor=acting_user, target=meeting,
                 data={"to_meeting": to_meeting.pk if to_meeting else None})
    return report


@transaction.atomic
def edit_chair_report(report: ChairReport, *, title: str, body: str, acting_user: Actor) -> ChairReport:
    require(acting_user, "papers.prepare", report.meeting)
    report = ChairReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.status == ChairReport.Status.SENT:
        raise RuleViolation("The Chair's report has been sent and can no longer be edited.",
                            code="papers.chair_report_sent")
    if not title.strip() or not body.strip():
        raise RuleViolation("The report needs a title and some text.", code="papers.chair_report", field="body")
    before = {"title": report.title, "body": report.body}
    report.title, report.body = title.strip(), body.strip()
    report.save(update_fields=["title", "body", "updated_at"])
    audit.record("papers.chair_report.edited", actor=acting_user, target=report.meeting,
                 data=audit.changes(before, {"title": report.title, "body": report.body}))
    return report


@transaction.atomic
def send_chair_report(report: ChairReport, *, acting_user: Actor) -> ChairReport:
    """Send the report: it is fixed and published as a document of the parent committee's meeting."""
    from saferhub.papers.actions.documents import store_document

    require(acting_user, "papers.publish", report.meeting)
    report = ChairReport.objects.select_for_update(of=("self",)).select_related("meeting__committee", "to_meeting").get(pk=report.pk)
    if report.status == ChairReport.Status.SENT:
        raise RuleViolation("The Chair's report has already been sent.", code="papers.chair_report_sent")
    if report.to_meeting is None:
        raise RuleViolation("There is no later meeting of the parent committee to send the report to; schedule one first.",
                            code="papers.chair_report")
    now = timezone.now()
    report.status = ChairReport.Status.SENT
    report.sent_at = now
    report.save(update_fields=["status", "sent_at", "updated_at"])
    from django.utils.html import escape, linebreaks

    html = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(report.title)}</title></head>'
            f"<body><main><h1>{escape(report.title)}</h1>{linebreaks(escape(report.body))}</main></body></html>")
    document = store_document(
        committee=report.meeting.committee, meeting=report.meeting, kind=DocumentKind.CHAIR_REPORT, format="html",
        title=report.title, content=html.encode("utf-8"), text=report.body, acting_user=acting_user,
    )
    Document.objects.filter(pk=document.pk).update(published_at=now)
    audit.record("papers.chair_report.sent", actor=acting_user, target=report.meeting,
                 data={"to_meeting": report.to_meeting.pk})
    return report


@transaction.atomic
def record_delegation(agenda_item: AgendaItem, *, acting_user: Actor):
    """Record the standard decision delegating the report on an item to the Chair and Vice-Chair,
    addressed to the parent committee's next meeting (seed 002:193-194), in the committee's wording."""
    from saferhub.governance.models import DecisionVerb
    from saferhub.papers import queries

    meeting = Meeting.objects.select_related("committee").get(pk=agenda_item.meeting_id)
    require(acting_user, "governance.record_meeting", meeting)
    settings = queries.settings_for(meeting.committee)
    if not settings.delegation_wording:
        raise RuleViolation("This committee has no standard delegation wording; write the decision instead.",
                            code="papers.delegation_wording")
    if meeting.committee.parent_id is None:
        raise RuleViolation(f"The {meeting.committee} does not report to another committee.", code="papers.delegation")
    target = (
        Meeting.objects.filter(committee_id=meeting.committee.parent_id, date__gt=meeting.date)
        .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]).order_by("date").first()
    )
    when = f"{target.date.day} {target.date:%B %Y}" if target else "its next meeting"
    text = settings.delegation_wording.format(date=when)
    if agenda_item.decisions.filter(verb=DecisionVerb.AGREED, text=text).exists():
        raise RuleViolation("This item already has the delegation decision.", code="papers.delegation_exists")
    return governance.record_decision(agenda_item, verb=DecisionVerb.AGREED, text=text, acting_user=acting_user)
