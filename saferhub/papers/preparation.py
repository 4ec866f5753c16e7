"""A meeting's preparation as a GOV.UK task list on its papers page: build the agenda, write the reports,
publish the agenda and papers, record the meeting, publish the draft minutes, confirm them at a later
meeting. Each task is completed, in progress, not yet started, cannot start yet or not needed. Built from
what the papers page has already read, so it adds no query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from saferhub.governance.models import MeetingStatus
from saferhub.papers.models import MinutesStatus

DONE, IN_PROGRESS, NOT_STARTED, CANNOT_START, NOT_NEEDED = (
    "Completed", "In progress", "Not yet started", "Cannot start yet", "Not needed")
#: Agenda items that carry a written report (the papers page offers "Write" on these).
REPORT_KINDS = {"report", "terms_of_reference", "work_programme"}


@dataclass(frozen=True)
class Task:
    name: str
    status: str
    href: str
    hint: str = ""

    @property
    def linked(self) -> bool:
        return self.status not in (CANNOT_START, NOT_NEEDED)

    @property
    def tag(self) -> str:
        """The GOV.UK tag modifier ("" for completed: plain text, as the pattern says)."""
        return {DONE: "", IN_PROGRESS: "govuk-tag--light-blue", NOT_STARTED: "govuk-tag--blue",
                CANNOT_START: "govuk-tag--grey", NOT_NEEDED: "govuk-tag--grey"}[self.status]


def preparation_tasks(meeting, *, items, reports, papers, own_minutes, today: dt.date,
                      deadline: dt.date | None) -> list[Task]:
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        return []
    papers_url = reverse("papers:meeting-papers", args=[meeting.pk])
    has_agenda = bool(items)
    report_items = [i for i in items if i.kind in REPORT_KINDS]
    written = [i for i in report_items if i.pk in reports]
    final = [i for i in written if reports[i.pk].status == "final"]
    published = bool(papers and papers.published_at)
    scheduled = bool(papers and not published and papers.status == "scheduled")
    met = meeting.took_place
    minutes_status = own_minutes.status if own_minutes else None

    agenda = DONE if has_agenda else NOT_STARTED
    if not has_agenda:
        reports_status = CANNOT_START
    elif not report_items:
        reports_status = NOT_NEEDED
    elif len(final) == len(report_items):
        reports_status = DONE
    else:
        reports_status = IN_PROGRESS if written else NOT_STARTED
    reports_hint = f"{len(final)} of {len(report_items)} final" if report_items and has_agenda else ""
    publish = DONE if published else IN_PROGRESS if scheduled else NOT_STARTED if has_agenda else CANNOT_START
    publish_hint = (f"Published {papers.published_at:%-d %B %Y}" if published
                    else f"By {deadline:%-d %B %Y}" if deadline else "")
    if met and meeting.attendance_finalised:
        record = DONE
    elif met or meeting.date <= today:
        record = NOT_STARTED if meeting.status == MeetingStatus.SCHEDULED else IN_PROGRESS
    else:
        record = CANNOT_START
    if minutes_status in (MinutesStatus.PUBLISHED, MinutesStatus.CONFIRMED):
        draft = DONE
    elif met and meeting.attendance_finalised:
        draft = NOT_STARTED
    else:
        draft = CANNOT_START
    confirmed = DONE if minutes_status == MinutesStatus.CONFIRMED else CANNOT_START
    return [
        Task("Build the agenda", agenda, f"{papers_url}#agenda"),
        Task("Write the reports", reports_status, f"{papers_url}#agenda", reports_hint),
        Task("Publish the agenda and papers", publish, f"{papers_url}#publish", publish_hint),
        Task("Record attendance, declarations and decisions", record,
             reverse("governance:meeting-record", args=[meeting.pk])),
        Task("Publish the draft minutes", draft, f"{papers_url}#minutes"),
        Task("Confirm the minutes at a later meeting", confirmed, f"{papers_url}#minutes",
             "" if confirmed == DONE else "The committee confirms them at its next meeting"),
    ]


__all__ = ["Task", "preparation_tasks"]
