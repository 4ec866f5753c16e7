"""Actions on what happens at a meeting: declarations of interest, decisions, recommendations;
and on each member's register of interests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from saferhub.core import audit, calendar
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require
from saferhub.core.writes import BulkOutcome
from saferhub.governance import rules as gov_rules
from saferhub.governance.actions.common import full_clean, full_clean_fields
from saferhub.governance.actions.interests import raise_task_if_unregistered
from saferhub.governance.actions.meetings import today
from saferhub.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceRole,
    AttendanceStatus,
    Committee,
    Decision,
    DecisionVerb,
    Declaration,
    InterestType,
    Meeting,
    Recommendation,
)


@transaction.atomic
def record_declaration(
    meeting: Meeting,
    *,
    person: Person,
    interest_type: str,
    nature: str,
    acting_user: Actor,
    agenda_item: AgendaItem | None = None,
    during_meeting: bool = False,
) -> Declaration:
    """Record a declaration of interest. A Disclosable Pecuniary Interest names its item and the
    member is recorded as taking no part in it (seed 002:53-57); an Other Interest is declared and
    the member may speak and vote (seed 002:59-70)."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if meeting.status in {"cancelled", "postponed"}:
        raise RuleViolation(f"This meeting was {meeting.status}.", code="governance.meeting_closed")
    interest_type = InterestType(interest_type)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise RuleViolation("That item is on another meeting's agenda.", code="governance.item", field="agenda_item")
    if not nature.strip():
        raise RuleViolation("Describe the interest.", code="governance.nature_required", field="nature")
    present = Attendance.objects.filter(
        meeting=meeting, person=person, status=AttendanceStatus.PRESENT,
        role__in=[AttendanceRole.MEMBER, AttendanceRole.SUBSTITUTE, AttendanceRole.CO_OPTED],
    ).exists()
    took_no_part = gov_rules.check_declaration(
        interest_type=interest_type.value, has_item=agenda_item is not None,
        person_name=person.display_name, declarant_present=present,
    )
    position = (Declaration.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0) + 1
    declaration = Declaration(
        meeting=meeting, agenda_item=agenda_item, person=person, interest_type=interest_type,
        nature=nature.strip(), took_no_part=took_no_part, during_meeting=during_meeting, position=position,
    )
    full_clean(declaration)
    declaration.save()
    raise_task_if_unregistered(declaration, acting_user=acting_user)
    audit.record("governance.declaration.recorded", actor=acting_user, target=meeting,
                 data={"person": person.display_name, "interest_type": interest_type.value,
                       "item": str(agenda_item) if agenda_item else None, "took_no_part": took_no_part})
    return declaration


@transaction.atomic
def remove_declaration(declaration: Declaration, *, acting_user: Actor) -> None:
    meeting = declaration.meeting
    require(acting_user, "governance.record_meeting", meeting)
    data = {"person": declaration.person.display_name, "interest_type": declaration.interest_type}
    declaration.delete()
    audit.record("governance.declaration.removed", actor=acting_user, target=meeting, data=data)


def _resolve_addressee(rec: dict[str, Any]) -> tuple[Organisation | None, Committee | None]:
    org = rec.get("addressee_organisation")
    committee = rec.get("addressee_committee")
    if org is None and committee is None:
        raise RuleViolation("Say who the recommendation is addressed to.", code="governance.addressee",
                            field="addressee")
    return org, committee


def _build_decision(
    meeting: Meeting,
    sequences: dict[int, set[int]],
    *,
    agenda_item: AgendaItem,
    verb: str,
    text: str,
    sequence: int | None = None,
    recommendations: list[dict[str, Any]] | None = None,
    response_due: dt.date | None = None,
) -> tuple[Decision, list[Recommendation], dict]:
    """Apply the decision rules to one decision of ``meeting`` (whose quorum and date are already
    checked); ``sequences`` holds the sequence numbers taken under each item."""
    if agenda_item.meeting_id != meeting.pk:
        raise RuleViolation("That item is on another meeting's agenda.", code="governance.item", field="agenda_item")
    verb = DecisionVerb(verb)
    if not text.strip():
        raise RuleViolation("Enter the decision's wording.", code="governance.text_required", field="text")
    recommendations = list(recommendations or [])
    if verb == DecisionVerb.RECOMMENDED and not recommendations:
        raise RuleViolation("A RECOMMENDED decision needs at least one recommendation and its addressee.",
                            code="governance.recommendation_required", field="recommendations")
    if recommendations and verb != DecisionVerb.RECOMMENDED:
        raise RuleViolation("Only a RECOMMENDED decision carries recommendations.",
                            code="governance.recommendation_verb", field="verb")
    taken = sequences.setdefault(agenda_item.pk, set())
    if sequence is None:
        sequence = max(taken, default=0) + 1
    elif sequence in taken:
        raise RuleViolation(f"Decision {sequence}) already exists under this item.", code="governance.sequence",
                            field="sequence")
    decision = Decision(agenda_item=agenda_item, sequence=sequence, verb=verb, text=text.strip())
    due = response_due or calendar.add_months(meeting.date, meeting.committee.recommendation_response_months)
    recs = []
    for index, rec in enumerate(recommendations, start=1):
        org, committee = _resolve_addressee(rec)
        if not str(rec.get("text", "")).strip():
            raise RuleViolation("Enter each recommendation's wording.", code="governance.text_required",
                                field="recommendations")
        recs.append(Recommendation(
            decision=decision, sequence=index, addressee_organisation=org, addressee_committee=committee,
            text=str(rec["text"]).strip(), response_due=due,
        ))
    data = {"item": str(agenda_item), "sequence": sequence, "verb": verb.value, "text": decision.text,
            "recommendations": [str(r.get("text", "")) for r in recommendations]}
    return decision, recs, data


def _decision_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)
    gov_rules.check_decision_allowed(
        status=meeting.status, attendance_finalised=meeting.attendance_finalised, meeting_date=meeting.date,
        today=today(),
    )
    return meeting


def _taken_sequences(items) -> dict[int, set[int]]:
    taken: dict[int, set[int]] = {}
    for item_id, sequence in Decision.objects.filter(agenda_item__in=items).values_list("agenda_item_id", "sequence"):
        taken.setdefault(item_id, set()).add(sequence)
    return taken


@transaction.atomic
def record_decision(
    agenda_item: AgendaItem,
    *,
    verb: str,
    text: str,
    acting_user: Actor,
    sequence: int | None = None,
    recommendations: list[dict[str, Any]] | None = None,
    response_due: dt.date | None = None,
) -> Decision:
    """Record a decision under an agenda item ("1) NOTED the report.").

    Only a quorate meeting that has taken place transacts business. A member with a Disclosable
    Pecuniary Interest in the item takes no part, which the declaration already records. A
    RECOMMENDED decision carries one or more recommendations, each addressed to a body or a
    committee and due a response within the committee's response period (two months by default).
    """
    meeting = agenda_item.meeting
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _decision_meeting(meeting)
    decision, recs, data = _build_decision(
        meeting, _taken_sequences([agenda_item.pk]), agenda_item=agenda_item, verb=verb, text=text, sequence=sequence,
        recommendations=recommendations, response_due=response_due,
    )
    full_clean(decision)
    decision.save()
    for recommendation in recs:
        recommendation.decision = decision
        full_clean(recommendation)
        recommendation.save()
    audit.record("governance.decision.recorded", actor=acting_user, target=meeting, data=data)
    return decision


DECISION_ROW_KEYS = {"agenda_item", "verb", "text", "sequence", "recommendations", "response_due"}


@transaction.atomic
def record_decisions(
    meeting: Meeting, *, rows: list[dict[str, Any]], acting_user: Actor, collect_refusals: bool = False
) -> BulkOutcome:
    """Record many decisions of one meeting at once (each row takes ``record_decision``'s keyword
    arguments plus ``agenda_item``): the meeting is checked once, every decision by the same rules
    in order, then the decisions and their recommendations are inserted together with one audit
    row per decision. A refusal raises (nothing saved) unless ``collect_refusals`` is set."""
    require(acting_user, "governance.record_meeting", meeting)
    meeting = _decision_meeting(meeting)
    for row in rows:
        unknown = set(row) - DECISION_ROW_KEYS
        if unknown:
            raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    taken = _taken_sequences({row["agenda_item"].pk for row in rows})
    outcome = BulkOutcome(records=[None] * len(rows))
    accepted: list[tuple[Decision, list[Recommendation], dict]] = []
    for index, row in enumerate(rows):
        try:
            decision, recs, data = _build_decision(meeting, taken, **row)
            full_clean_fields(decision)
            for rec in recs:
                full_clean_fields(rec)
        except RuleViolation as exc:
            if not collect_refusals:
                raise
            outcome.refused[index] = exc
            continue
        taken.setdefault(decision.agenda_item_id, set()).add(decision.sequence)
        accepted.append((decision, recs, data))
        outcome.records[index] = decision
    Decision.objects.bulk_create([d for d, _, _ in accepted], batch_size=500)
    recommendations = []
    for decision, recs, _ in accepted:
        for rec in recs:
            rec.decision = decision
            recommendations.append(rec)
    Recommendation.objects.bulk_create(recommendations, batch_size=500)
    audit.record_many("governance.decision.recorded", actor=acting_user,
                      events=[(meeting, data) for _, _, data in accepted])
    return outcome


@transaction.atomic
def remove_decision(decision: Decision, *, acting_user: Actor) -> None:
    meeting = decision.agenda_item.meeting
    require(acting_user, "governance.record_meeting", meeting)
    data = {"item": str(decision.agenda_item), "verb": decision.verb, "text": decision.text}
    decision.delete()
    audit.record("governance.decision.removed", actor=acting_user, target=meeting, data=data)


#: Allowed moves between recommendation statuses.
RECOMMENDATION_TRANSITIONS = {
    "awaiting_response": {"responded", "accepted", "partly_accepted", "rejected"},
    "responded": {"accepted", "partly_accepted", "rejected", "implemented"},
    "accepted": {"implemented", "partly_accepted", "rejected"},
    "partly_accepted": {"implemented", "accepted", "rejected"},
    "rejected": {"accepted", "partly_accepted"},
    "implemented": set(),
}


@transaction.atomic
def set_recommendation_status(recommendation: Recommendation, *, status: str, acting_user: Actor) -> Recommendation:
    """Move a recommendation to a new status (awaiting response → responded / accepted / partly
    accepted / rejected → implemented)."""
    meeting = recommendation.decision.agenda_item.meeting
    require(acting_user, "governance.record_meeting", meeting)
    recommendation = Recommendation.objects.select_for_update(of=("self",)).get(pk=recommendation.pk)
    if status == recommendation.status:
        return recommendation
    allowed = RECOMMENDATION_TRANSITIONS.get(recommendation.status, set())
    if status not in allowed:
        from saferhub.governance.models import RecommendationStatus

        raise RuleViolation(
            f"A recommendation that is {RecommendationStatus(recommendation.status).label.lower()} cannot become "
            f"{RecommendationStatus(status).label.lower()}.",
            code="governance.recommendation_status", field="status",
        )
    before = recommendation.status
    recommendation.status = status
    recommendation.save(update_fields=["status", "updated_at"])
    audit.record("governance.recommendation.status_set", actor=acting_user, target=meeting,
                 data={"recommendation": recommendation.pk, "old": before, "new": status})
    return recommendation
