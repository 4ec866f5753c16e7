"""The review itself: lead agency, information requests, initial review, panel, decision letter, action plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from saferhub.asb import clocks, facts
from saferhub.asb import rules as asb_rules
from saferhub.asb.actions.common import (
    finish_clock,
    full_clean,
    lock_case,
    not_before,
    not_future,
    record,
    require_status,
    save_case,
    snapshot,
    start_clock,
    today,
)
from saferhub.asb.actions.peer_review import assign_if_rota
from saferhub.asb.config import current_settings
from saferhub.asb.models import (
    ActionItem,
    Case,
    CaseStatus,
    ClockStep,
    InformationRequest,
    Notification,
    NotificationKind,
    PanelMember,
    RelevantBody,
)
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require

REVIEW_STAGES = {CaseStatus.IN_REVIEW}


@transaction.atomic
def appoint_lead_agency(
    case: Case,
    *,
    lead_agency: Organisation,
    reviewer_name: str,
    reviewer_independent: bool | None,
    acting_user: Actor,
    independence_note: str = "",
    appointed_on: dt.date | None = None,
    panel_date: dt.date | None = None,
) -> Case:
    """The SPOC agrees the lead agency (normally the one with most contact) and records the reviewer's
    independence (seed 002:1522); the lead agency's initial review is due in 10 working days (seed 002:1535)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, REVIEW_STAGES, "appoint the lead agency")
    before = snapshot(case)
    appointed_on = appointed_on or today()
    not_before(appointed_on, case.determined_on or case.application_date, "The appointment", "appointed_on")
    if not reviewer_name.strip():
        raise RuleViolation("Name the person carrying out the initial review.", code="asb.reviewer_required",
                            field="reviewer_name")
    asb_rules.check_reviewer_independence(independent=reviewer_independent, note=independence_note)
    if panel_date is not None:
        not_before(panel_date, appointed_on, "The panel date", "panel_date")
    case.lead_agency = lead_agency
    case.lead_reviewer_name = reviewer_name
    case.reviewer_independent = reviewer_independent
    case.reviewer_independence_note = independence_note
    if panel_date is not None:
        case.panel_date = panel_date
    settings = current_settings(case)
    start_clock(case, ClockStep.INITIAL_REVIEW, appointed_on, settings.initial_review_days, settings)
    return save_case(case, before, "asb.case.lead_agency_appointed", actor=acting_user,
                     data={"lead_agency": lead_agency.name})


@transaction.atomic
def send_information_requests(
    case: Case, *, agencies: list[Organisation], acting_user: Actor, requested_on: dt.date | None = None,
) -> list[InformationRequest]:
    """Ask each agency for its records of the case, due in 5 working days (seed 002:1526), through the
    information sharing protocol every agency must have signed (seed 002:1452-1454)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, REVIEW_STAGES, "send information requests")
    if not agencies:
        raise RuleViolation("Choose at least one agency to ask.", code="asb.no_agencies", field="agencies")
    requested_on = requested_on or today()
    not_before(requested_on, case.application_date, "The request", "requested_on")
    settings = current_settings(case)
    due = clocks.due_date(requested_on, settings.information_request_days, settings.region)
    unsigned = RelevantBody.objects.filter(
        organisation__in=agencies, signed_information_sharing=False
    ).select_related("organisation")
    if unsigned:
        names = ", ".join(b.organisation.name for b in unsigned)
        raise RuleViolation(
            f"{names} has not signed the information sharing protocol and its OPT annexe, so it cannot be asked "
            "for case information yet.",
            code="asb.information_sharing_unsigned", field="agencies",
        )
    already = set(case.information_requests.values_list("agency_id", flat=True))
    created = []
    for agency in agencies:
        if agency.pk in already:
            raise RuleViolation(f"{agency} has already been asked for information on this case.",
                                code="asb.information_request_duplicate", field="agencies")
        request = InformationRequest(case=case, agency=agency, requested_on=requested_on, due_on=due)
        full_clean(request)
        request.save()
        created.append(request)
    start_clock(case, ClockStep.INFORMATION_REQUESTS, requested_on, settings.information_request_days, settings)
    record("asb.information.requested", case, actor=acting_user,
           data={"agencies": [a.name for a in agencies], "due_on": due})
    return created


@transaction.atomic
def record_information_response(
    request: InformationRequest, *, response: str, acting_user: Actor, responded_on: dt.date | None = None,
    attachments=(),
) -> InformationRequest:
    """The agency's answer, with any files of its records attached to the request (all or nothing: a file
    that fails the document checks leaves the request unanswered)."""
    require(acting_user, "asb.respond_information_request", request)
    request = InformationRequest.objects.select_for_update(of=("self",)).select_related("case", "agency").get(
        pk=request.pk)
    if request.case.anonymised_at or request.case.status == CaseStatus.CLOSED:
        raise RuleViolation("This case is closed: responses to its information requests can no longer be recorded.",
                            code="asb.information_case_closed")
    if request.responded_on is not None:
        raise RuleViolation("This agency has already responded.", code="asb.information_already_responded")
    if not response.strip():
        raise RuleViolation("Enter the agency's response.", code="asb.response_required", field="response")
    responded_on = responded_on or today()
    not_before(responded_on, request.requested_on, "The response", "responded_on")
    not_future(responded_on, "The response", "responded_on")
    request.response = response
    request.responded_on = responded_on
    request.save(update_fields=["response", "responded_on"])
    case = request.case
    from saferhub.asb.actions.records import add_case_document

    for upload in attachments:
        add_case_document(case, file=upload, title=f"{request.agency.name}: {upload.name}", acting_user=acting_user,
                          information_request=request)
    if not case.information_requests.filter(responded_on__isnull=True).exists():
        finish_clock(case, ClockStep.INFORMATION_REQUESTS, responded_on)
    record("asb.information.responded", case, actor=acting_user,
           data={"agency": request.agency.name, "responded_on": responded_on, "late": responded_on > request.due_on})
    return request


@transaction.atomic
def record_initial_review(case: Case, *, summary: str, acting_user: Actor,
                          completed_on: dt.date | None = None) -> Case:
    """The lead agency's initial review: context, previous actions, findings and recommendations (seed 002:1535)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, REVIEW_STAGES, "record the initial review")
    if case.lead_agency_id is None:
        raise RuleViolation("Appoint the lead agency before recording its initial review.",
                            code="asb.lead_agency_required")
    if not summary.strip():
        raise RuleViolation("Summarise the initial review.", code="asb.summary_required", field="summary")
    before = snapshot(case)
    completed_on = completed_on or today()
    not_future(completed_on, "The initial review", "completed_on")
    case.initial_review_summary = summary
    finish_clock(case, ClockStep.INITIAL_REVIEW, completed_on)
    return save_case(case, before, "asb.case.initial_review_recorded", actor=acting_user,
                     data={"completed_on": completed_on})


@transaction.atomic
def schedule_panel(case: Case, *, panel_date: dt.date, acting_user: Actor) -> Case:
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, REVIEW_STAGES, "set the panel date")
    before = snapshot(case)
    not_before(panel_date, case.determined_on or case.application_date, "The panel date", "panel_date")
    case.panel_date = panel_date
    return save_case(case, before, "asb.case.panel_scheduled", actor=acting_user)


@transaction.atomic
def record_panel(
    case: Case,
    *,
    held_on: dt.date,
    members: list[dict[str, Any]],
    victim_attendance: str,
    findings: str,
    acting_user: Actor,
    victim_representative: str = "",
    recommendations: str = "",
) -> Case:
    """Record the multi-agency panel. ``members``: ``[{"organisation": Organisation, "name": str,
    "role": "member|chair|independent", "previously_involved": bool}]``. The minimum membership is checked
    (seed 002:1541-1548), with an independent participant where most members were involved (seed 002:1136)
    and the victim invited or represented (seed 002:1133-1134). The decision letter is due 10 working days
    after the panel (seed 002:1556)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, REVIEW_STAGES, "record the panel")
    before = snapshot(case)
    not_before(held_on, case.determined_on or case.application_date, "The panel", "held_on")
    not_future(held_on, "The panel", "held_on")
    if case.lead_agency_id is None:
        raise RuleViolation("Appoint the lead agency before the panel.", code="asb.lead_agency_required")
    orgs = [m["organisation"] for m in members]
    bodies = {b.organisation_id: b.kind for b in RelevantBody.objects.filter(organisation__in=orgs)}
    seats = [
        asb_rules.PanelSeat(
            kind=bodies.get(m["organisation"].pk) or facts.body_kind_of(m["organisation"]),
            role=m.get("role", "member"), previously_involved=bool(m.get("previously_involved", False)),
        )
        for m in members
    ]
    asb_rules.check_panel_composition(facts.panel_facts(case), seats)
    asb_rules.check_victim_voice(victim_attendance, victim_representative,
                                 may_attend=current_settings(case).victim_may_attend_panel)
    if not findings.strip():
        raise RuleViolation("Record the panel's findings.", code="asb.findings_required", field="findings")
    case.panel_members.all().delete()
    for m in members:
        member = PanelMember(case=case, organisation=m["organisation"], name=m.get("name", ""),
                             role=m.get("role", "member"), previously_involved=bool(m.get("previously_involved")))
        full_clean(member)
        member.save()
    case.panel_held_on = held_on
    case.panel_date = case.panel_date or held_on
    case.victim_attendance = victim_attendance
    case.victim_representative = victim_representative
    case.findings = findings
    case.recommendations = recommendations
    case.status = CaseStatus.PANEL_HELD
    settings = current_settings(case)
    start_clock(case, ClockStep.DECISION_LETTER, held_on, settings.decision_letter_days, settings)
    return save_case(case, before, "asb.case.panel_recorded", actor=acting_user,
                     data={"members": [f"{m['organisation']} ({m.get('role', 'member')})" for m in members]})


def _create_action(case: Case, description: str, owner: Organisation, due_on: dt.date) -> ActionItem:
    if not description.strip():
        raise RuleViolation("Describe the action.", code="asb.action_description", field="description")
    item = ActionItem(case=case, description=description, owner=owner, due_on=due_on)
    full_clean(item)
    item.save()
    return item


@transaction.atomic
def send_decision_letter(
    case: Case,
    *,
    letter: str,
    signed_by: Organisation | None,
    signatory_name: str,
    acting_user: Actor,
    sent_on: dt.date | None = None,
    actions: list[dict[str, Any]] | None = None,
) -> Case:
    """Letter D (no further action) or E (action plan), within 10 working days of the panel, signed for the
    OPT by an organisation other than the lead agency (seed 002:1556-1564). ``actions`` for Letter E:
    ``[{"description": str, "owner": Organisation, "due_on": date}]``."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.PANEL_HELD}, "send the decision letter")
    before = snapshot(case)
    sent_on = sent_on or today()
    not_before(sent_on, case.panel_held_on, "The decision letter", "sent_on")
    not_future(sent_on, "The decision letter", "sent_on")
    actions = list(actions or [])
    existing = case.actions.count()
    asb_rules.check_decision_letter(letter, len(actions) + existing)
    asb_rules.check_decision_signatory(lead_agency_id=case.lead_agency_id,
                                       signed_by_id=signed_by.pk if signed_by else None)
    if not signatory_name.strip():
        raise RuleViolation("Name the person signing the letter.", code="asb.signatory_name",
                            field="signatory_name")
    if letter == "D" and existing:
        raise RuleViolation("This case has actions: send Letter E with the action plan.",
                            code="asb.letter_d_with_actions", field="letter")
    for a in actions:
        _create_action(case, a.get("description", ""), a["owner"], a["due_on"])
    case.decision_letter = letter
    case.decision_signed_by = signed_by
    case.decision_signatory_name = signatory_name
    case.decision_sent_on = sent_on
    finish_clock(case, ClockStep.DECISION_LETTER, sent_on)
    finish_clock(case, ClockStep.OVERALL, sent_on)
    Notification.objects.create(
        case=case, kind=NotificationKind.DECISION, recipient=case.applicant_name or case.victim_name,
        recipient_email=case.applicant_email or case.victim_email, method="letter", sent_on=sent_on,
        note=case.get_decision_letter_display(),
    )
    if letter == "D":
        case.status = CaseStatus.CLOSED
        case.closed_on = sent_on
    else:
        case.status = CaseStatus.ACTION_PLAN
    save_case(case, before, "asb.case.decision_sent", actor=acting_user,
              data={"letter": letter, "signed_by": signed_by.name, "actions": len(actions)})
    if letter == "D":
        assign_if_rota(case, acting_user=acting_user)
    return case


@transaction.atomic
def add_action_item(case: Case, *, description: str, owner: Organisation, due_on: dt.date,
                    acting_user: Actor) -> ActionItem:
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.PANEL_HELD, CaseStatus.ACTION_PLAN}, "add an action")
    item = _create_action(case, description, owner, due_on)
    record("asb.action.added", case, actor=acting_user,
           data={"action": item.pk, "description": description, "owner": owner.name, "due_on": due_on})
    return item


@transaction.atomic
def update_action_item(item: ActionItem, *, acting_user: Actor, progress: str | None = None,
                       done_on: dt.date | None = None) -> ActionItem:
    """Progress on an action; ``done_on`` marks it done."""
    require(acting_user, "asb.update_action", item)
    item = ActionItem.objects.select_for_update(of=("self",)).select_related("case").get(pk=item.pk)
    if item.case.status == CaseStatus.CLOSED:
        raise RuleViolation("The case is closed; its actions can no longer change.", code="asb.case_closed")
    old = {"progress": item.progress, "done_on": item.done_on}
    if progress is not None:
        item.progress = progress
    if done_on is not None:
        not_future(done_on, "The completion date", "done_on")
        item.done_on = done_on
    full_clean(item)
    item.save()
    from saferhub.core import audit

    record("asb.action.updated", item.case, actor=acting_user, data={
        "action": item.pk, "changes": audit.changes(audit.jsonable(old),
                                                    audit.jsonable({"progress": item.progress, "done_on": item.done_on})),
    })
    return item


@transaction.atomic
def close_case(case: Case, *, acting_user: Actor, closed_on: dt.date | None = None) -> Case:
    """The review ends when every action on the plan is done (seed 002:1799)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.ACTION_PLAN}, "close the case")
    before = snapshot(case)
    asb_rules.check_can_close(case.actions.filter(done_on__isnull=True).count())
    closed_on = closed_on or today()
    not_future(closed_on, "The closing date", "closed_on")
    case.status = CaseStatus.CLOSED
    case.closed_on = closed_on
    save_case(case, before, "asb.case.closed", actor=acting_user)
    assign_if_rota(case, acting_user=acting_user)  # a completed review goes to the peer review rota
    return case
