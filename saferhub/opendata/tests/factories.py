"""Open data test data, built through the actions: a committee with a held meeting whose record
and minutes are published, a future meeting with a published agenda, a report and an annex, a
cancelled meeting and a draft meeting record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.governance.models import Meeting
from saferhub.governance.tests.factories import Panel, attend, make_meeting, make_panel
from saferhub.papers import actions as papers
from saferhub.papers.models import CoverReport, Document
from saferhub.papers.tests.factories import final_report, norfolk_template, pdf_bytes


@dataclass
class World:
    panel: Panel
    held: Meeting
    upcoming: Meeting
    cancelled: Meeting
    unpublished: Meeting
    report: CoverReport
    annex: Document


def held_meeting(panel: Panel, day: dt.date, *, publish: bool = True, minutes: bool = False) -> Meeting:
    meeting = make_meeting(panel, date=day, items=1)
    attend(meeting, panel.members[:5])
    governance.record_attendance(meeting, person=panel.member(5), status="apologies", acting_user=SYSTEM)
    governance.record_attendance(meeting, person=panel.substitute(5), status="present", substitute_for=panel.member(5),
                                 acting_user=SYSTEM)
    governance.record_attendance(meeting, person=panel.officer, status="in_attendance", role="officer",
                                 title="Community Safety Officer", acting_user=SYSTEM)
    governance.finalise_attendance(meeting, acting_user=SYSTEM)
    governance.record_decision(
        meeting.agenda_items.get(kind="report"), verb="RECOMMENDED", text="to the Partnership that:",
        recommendations=[{"text": "It publishes its stalking plan.", "addressee_organisation": panel.partnership}],
        acting_user=SYSTEM,
    )
    item = meeting.agenda_items.get(kind="report")
    first = papers.record_written_question(meeting, question="How many stalking protection orders were made?",
                                           agenda_item=item, acting_user=SYSTEM)
    papers.answer_written_question(first, response="Twelve orders were made in the year.", responded_on=day,
                                   response_from=panel.partnership, acting_user=SYSTEM)
    papers.record_written_question(meeting, question="When will the new strategy be ready?", acting_user=SYSTEM)
    if minutes:
        papers.publish_minutes(meeting, acting_user=SYSTEM)
    elif publish:
        governance.publish_meeting_record(meeting, acting_user=SYSTEM)
    return meeting


def build_world(*, render: bool = True) -> World:
    panel = make_panel()
    norfolk_template(panel.committee)
    held = held_meeting(panel, dt.date(2023, 6, 8), minutes=render)
    unpublished = held_meeting(panel, dt.date(2023, 9, 14), publish=False)
    today = timezone.localdate()
    upcoming = governance.schedule_meeting(panel.committee, date=today + dt.timedelta(days=20), start_time=dt.time(10),
                                           venue="County Hall, Norwich", acting_user=SYSTEM)
    item = governance.add_agenda_item(upcoming, title="Serious violence duty", kind="report", acting_user=SYSTEM)
    report = final_report(item)
    annex = papers.upload_annex(report, title="Serious violence data", content=pdf_bytes(1), filename="data.pdf",
                                acting_user=SYSTEM)
    if render:
        papers.build_agenda(upcoming, acting_user=SYSTEM)
        papers.publish_agenda(upcoming, acting_user=SYSTEM)
    cancelled = governance.schedule_meeting(panel.committee, date=today + dt.timedelta(days=40), start_time=dt.time(14),
                                            venue="County Hall, Norwich", acting_user=SYSTEM)
    governance.cancel_meeting(cancelled, reason="Not enough business.", acting_user=SYSTEM)
    annex.refresh_from_db()
    return World(panel, held, upcoming, Meeting.objects.get(pk=cancelled.pk), unpublished, report, annex)
