"""The forward work programme, future items, carrying business forward, and responses to
recommendations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.core.updates import apply_fields
from saferhub.governance import actions as governance
from saferhub.governance.models import Meeting, Recommendation, RecommendationStatus
from saferhub.papers import queries, rules
from saferhub.papers.models import (
    CoverReport,
    FutureItem,
    RecommendationResponse,
    WorkProgrammeEntry,
    WorkProgrammeStatus,
)
from saferhub.papers.models.tracking import SCOPING_QUESTIONS

ENTRY_FIELDS = ["report", "issues", "invited", "target_meeting", "target_label", "target_date", "status", "position"]


@transaction.atomic
def add_work_programme_entry(
    committee,
    *,
    report: str,
    acting_user: Actor,
    target_meeting: Meeting | None = None,
    target_label: str = "",
    target_date: dt.date | None = None,
    issues: str = "",
    invited: str = "",
    added_by_decision=None,
    carried_from: WorkProgrammeEntry | None = None,
    position: int | None = None,
    scoping: dict[str, str] | None = None,
) -> WorkProgrammeEntry:
    """Add a row to the forward work programme, for a meeting or a month still to be confirmed.

    ``scoping`` (the answers to the four scoping questions, keyed by field) is required for a new
    proposal: every entry except one recorded from a decision, carried forward, or read from an
    earlier published programme (``scoping=None`` with ``added_by_decision``/``carried_from``, the
    loader and the importer, which record what the panel already agreed)."""
    require(acting_user, "papers.prepare", committee)
    if not report.strip():
        raise RuleViolation("Enter the report's title.", code="papers.report_required", field="report")
    if target_meeting is not None:
        if target_meeting.committee_id != committee.pk:
            raise RuleViolation("That meeting belongs to another committee.", code="papers.meeting", field="target_meeting")
        target_date = target_meeting.date
    if target_date is None:
        raise RuleViolation("Choose the meeting, or enter the month it is planned for.", code="papers.target_required",
                            field="target_date")
    if scoping is not None:
        rules.check_scoping_answers(scoping, SCOPING_QUESTIONS)
    scoping = {field: (scoping or {}).get(field, "").strip() for field, _ in SCOPING_QUESTIONS}
    if position is None:
        position = (WorkProgrammeEntry.objects.filter(committee=committee, target_date=target_date)
                    .aggregate(m=Max("position"))["m"] or 0) + 1
    entry = WorkProgrammeEntry.objects.create(
        committee=committee, target_meeting=target_meeting, target_label=target_label.strip(), target_date=target_date,
        report=report.strip(), issues=issues.strip(), invited=invited.strip(), added_by_decision=added_by_decision,
        carried_from=carried_from, position=position, **scoping,
    )
    audit.record("papers.work_programme.added", actor=acting_user, target=entry,
                 data={"report": entry.report, "when": entry.when, "by_decision": bool(added_by_decision)})
    return entry


@transaction.atomic
def update_work_programme_entry(entry: WorkProgrammeEntry, *, acting_user: Actor, **data: Any) -> WorkProgrammeEntry:
    require(acting_user, "papers.prepare", entry.committee)
    entry = WorkProgrammeEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    fields, before = apply_fields(entry, ENTRY_FIELDS, data)
    if entry.target_meeting_id:
        entry.target_date = entry.target_meeting.date
    if "status" in data:
        WorkProgrammeStatus(entry.status)
    entry.save()
    audit.record("papers.work_programme.updated", actor=acting_user, target=entry,
                 data=audit.changes(before, audit.snapshot(entry, fields)))
    return entry


@transaction.atomic
def add_future_item(committee, *, text: str, acting_user: Actor, agreed_at: Meeting | None = None) -> FutureItem:
    """Record a matter to be addressed in a future report, not yet given a date (seed 002:1931)."""
    require(acting_user, "papers.prepare", committee)
    if not text.strip():
        raise RuleViolation("Describe the item.", code="papers.text_required", field="text")
    position = (FutureItem.objects.filter(committee=committee).aggregate(m=Max("position"))["m"] or 0) + 1
    item = FutureItem.objects.create(committee=committee, text=text.strip(), agreed_at=agreed_at, position=position)
    audit.record("papers.future_item.added", actor=acting_user, target=item, data={"text": item.text})
    return item


@transaction.atomic
def carry_forward_business(to_meeting: Meeting, *, acting_user: Actor) -> int:
    """Bring business that earlier meetings did not transact (inquorate, cancelled or postponed) on
    to ``to_meeting``: their substantive agenda items and their work-programme rows. Unconfirmed
    minutes need no copying: every agenda lists all minutes still to be confirmed.

    After 28 September and 8 December 2022 were inquorate, their business reappeared on
    24 February 2023 (seed 001:72-85).
    """
    require(acting_user, "papers.prepare", to_meeting)
    if to_meeting.status != "scheduled":
        return 0
    moved = 0
    for item in queries.pending_carry_forward(to_meeting.committee, to_meeting.date):
        if item.meeting_id == to_meeting.pk:
            continue
        copy = governance.add_agenda_item(
            to_meeting, title=item.title, kind=item.kind, description=item.description, acting_user=acting_user,
        )
        copy.carried_from = item
        copy.save(update_fields=["carried_from", "updated_at"])
        moved += 1
    moved += carry_forward_work_programme(to_meeting, acting_user=acting_user, audited=False)
    if moved:
        audit.record("papers.work_programme.carried", actor=acting_user, target=to_meeting, data={"moved": moved})
    return moved


@transaction.atomic
def carry_forward_work_programme(to_meeting: Meeting, *, acting_user: Actor, audited: bool = True,
                                 merge_same: bool = False) -> int:
    """The work-programme part of carrying business forward: every row still planned (or on the
    agenda) for an earlier meeting that did not transact its business is marked carried forward
    and added, linked to it, for ``to_meeting``. ``carry_forward_business`` uses it for a meeting
    being prepared; the importer uses it for a history it reads, where the meeting the business
    moved to may already have been held (seed 001:72-85, BR-M6); with ``merge_same`` a row that
    ``to_meeting`` already plans with the same report and issues is linked instead of repeated."""
    require(acting_user, "papers.prepare", to_meeting)
    moved = 0
    failed = Meeting.objects.filter(
        committee=to_meeting.committee, date__lt=to_meeting.date, status__in=queries.NOT_TRANSACTED
    )
    for entry in WorkProgrammeEntry.objects.filter(
        target_meeting__in=failed, status__in=[WorkProgrammeStatus.PLANNED, WorkProgrammeStatus.ON_AGENDA]
    ).select_related("target_meeting").order_by("target_date", "position", "pk"):
        entry.status = WorkProgrammeStatus.CARRIED_FORWARD
        entry.save(update_fields=["status", "updated_at"])
        same = WorkProgrammeEntry.objects.filter(
            target_meeting=to_meeting, carried_from__isnull=True, report__iexact=entry.report,
            issues__iexact=entry.issues,
        ).first() if merge_same else None
        if same is not None:
            same.carried_from = entry
            same.save(update_fields=["carried_from", "updated_at"])
        else:
            add_work_programme_entry(
                to_meeting.committee, report=entry.report, target_meeting=to_meeting, issues=entry.issues,
                invited=entry.invited, carried_from=entry, acting_user=acting_user,
            )
        moved += 1
    if moved and audited:
        audit.record("papers.work_programme.carried", actor=acting_user, target=to_meeting, data={"moved": moved})
    return moved


@transaction.atomic
def record_recommendation_response(
    recommendation: Recommendation,
    *,
    status: str,
    response: str,
    responded_on: dt.date,
    acting_user: Actor,
    answered_by: CoverReport | None = None,
) -> RecommendationResponse:
    """Record the addressee's response to a recommendation and move it to the matching status."""
    meeting = recommendation.decision.agenda_item.meeting
    require(acting_user, "papers.prepare", meeting)
    status = RecommendationStatus(status)
    if status == RecommendationStatus.AWAITING_RESPONSE:
        raise RuleViolation("Choose what the response says.", code="papers.response_status", field="status")
    if not response.strip():
        raise RuleViolation("Enter the response.", code="papers.response_required", field="response")
    if responded_on < meeting.date or responded_on > timezone.localdate():
        raise RuleViolation("The response date must be between the meeting and today.", code="papers.response_date",
                            field="responded_on")
    governance.set_recommendation_status(recommendation, status=status, acting_user=acting_user)
    record = RecommendationResponse.objects.create(
        recommendation=recommendation, status=status, response=response.strip(), responded_on=responded_on,
        answered_by=answered_by,
    )
    audit.record("papers.recommendation.responded", actor=acting_user, target=meeting,
                 data={"recommendation": recommendation.pk, "status": status.value, "responded_on": responded_on})
    return record
