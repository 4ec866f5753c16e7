"""A group's meetings with their secretariat timeline, and quarterly progress reports."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit, calendar
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import AgendaItemKind, Committee, Meeting, MeetingStatus
from saferhub.groups import queries, rules
from saferhub.groups.actions.log import carry_forward_actions
from saferhub.groups.models import ProgressReport, SecretariatTask


@transaction.atomic
def schedule_group_meeting(body: Committee, *, date: dt.date, acting_user: Actor, reason: str = "",
                           start_time: dt.time | None = None, venue: str | None = None) -> Meeting:
    """Schedule a body's meeting (through governance) and create its timeline from the Terms of
    Reference in force on the meeting date: pre-agenda at T−14, papers at T−7, minutes at T+7 for CLSG
    (seed 002:809-810). A meeting outside the cadence needs a reason. Open actions from earlier meetings
    are carried to its agenda as matters arising."""
    require(acting_user, "groups.run_secretariat", body)
    tor = queries.version_in_force(body, date)
    if tor is None:
        raise RuleViolation(f"No Terms of Reference are in force on {rules.fmt(date)}, so the meeting's timeline "
                            "cannot be set. Record the Terms of Reference first.", code="groups.no_tor", field="date")
    previous = (Meeting.objects.filter(committee=body, date__lt=date)
                .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
                .order_by("-date").values_list("date", flat=True).first())
    rules.check_cadence(date, previous, tor.cadence_months, tor.cadence_weeks, reason)
    note = f"Outside the usual cadence: {reason.strip()}" if reason.strip() else ""
    meeting = gov_actions.schedule_meeting(body, date=date, start_time=start_time, venue=venue, note=note,
                                           acting_user=acting_user)
    region = queries.holiday_region()
    tasks = [SecretariatTask(meeting=meeting, kind=kind, due=due, rule=text)
             for kind, due, text in rules.timeline(date, queries.timeline_rules(tor), region)]
    SecretariatTask.objects.bulk_create(tasks)
    audit.record("groups.meeting.scheduled", actor=acting_user, target=meeting,
                 data={"tor_version": tor.version, "reason": reason.strip(),
                       "tasks": [(t.kind, t.due) for t in tasks]})
    carry_forward_actions(meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def complete_task(task: SecretariatTask, *, acting_user: Actor, done_on: dt.date | None = None) -> SecretariatTask:
    """Mark a timeline task done (the day it was done; today unless given). A Terms of Reference review is done
    by its outcome instead (``record_tor_review_no_change``, or a new version)."""
    require(acting_user, "groups.run_secretariat", task.meeting if task.meeting_id else task.tor.body)
    rules.check_task_can_be_marked_done(task.kind)
    task = SecretariatTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.done_on is not None:
        raise RuleViolation("This task is already done.", code="groups.task_done")
    task.done_on = done_on or timezone.localdate()
    task.done_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    task.save(update_fields=["done_on", "done_by"])
    audit.record("groups.task.completed", actor=acting_user, target=task.meeting,  # a meeting's task
                 data={"task": task.kind, "due": task.due, "done_on": task.done_on,
                       "late": task.done_on > task.due})
    return task


@transaction.atomic
def write_progress_report(body: Committee, *, year: int, quarter: int, acting_user: Actor, commentary: str = "",
                          to_meeting: Meeting | None = None) -> ProgressReport:
    """Write the body's quarterly progress report to its parent ("a progress report will be provided to
    the quarterly meetings", seed 002:794) and, given a meeting of the parent, put it on that agenda."""
    require(acting_user, "groups.run_secretariat", body)
    if quarter not in (1, 2, 3, 4):
        raise RuleViolation("Choose a quarter from 1 to 4.", code="groups.report_quarter", field="quarter")
    calendar.quarter_bounds(year, quarter)
    if ProgressReport.objects.filter(body=body, year=year, quarter=quarter).exists():
        raise RuleViolation(f"{body}'s report for quarter {quarter} of {year} is already written.",
                            code="groups.report_duplicate", field="quarter")
    item = None
    if to_meeting is not None:
        if body.parent_id is None or to_meeting.committee_id != body.parent_id:
            raise RuleViolation(f"The report goes to a meeting of the body {body} reports to.",
                                code="groups.report_meeting", field="to_meeting")
        item = gov_actions.add_agenda_item(
            to_meeting, title=f"{body}: progress report, quarter {quarter} {year}", kind=AgendaItemKind.REPORT,
            description=commentary[:2000], acting_user=acting_user,
        )
    report = ProgressReport.objects.create(body=body, year=year, quarter=quarter, commentary=commentary,
                                           to_meeting=to_meeting, to_item=item)
    audit.record("groups.report.created", actor=acting_user, target=body,
                 data={"year": year, "quarter": quarter, "to_meeting": to_meeting})
    return report
