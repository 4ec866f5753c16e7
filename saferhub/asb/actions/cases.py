"""Applications, acknowledgement, county triage, routing and the threshold determination."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub.asb import facts
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
from saferhub.asb.config import current_settings
from saferhub.asb.models import (
    Case,
    CaseStatus,
    ClockStep,
    Complaint,
    Notification,
    NotificationKind,
    OptArea,
    ReferenceCounter,
    TriageDecision,
)
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require

APPLICATION_DETAIL_FIELDS = {
    "applicant_name", "applicant_email", "applicant_phone", "applicant_address", "applicant_postcode", "victim_type", "victim_email", "victim_phone",
    "victim_address", "victim_postcode", "victim_age", "perpetrator_age", "victim_housed_by_provider",
    "perpetrator_housed_by_provider", "flag_drugs", "flag_alcohol", "flag_mental_health", "nature_of_complaint",
    "vulnerability_notes", "risk_notes", "publication_consent",
}
COMPLAINT_FIELDS = {"behaviour_date", "reported_date", "agency", "agency_name", "reference", "reporter", "description"}


def next_reference(year: int) -> str:
    """ASB-2026-000123: a per-year sequence, taken under a row lock so two applications never share one."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"ASB-{year}-{counter.last:06d}"


def _apply_threshold(case: Case, settings) -> asb_rules.ThresholdResult:
    result = facts.evaluate_case(case, settings)
    case.threshold_result = result.as_dict()
    case.threshold_route = result.route
    reasons = {row["index"]: row["reason"] for row in result.not_qualifying}
    for index, complaint in enumerate(case.complaints.order_by("position", "id")):
        complaint.qualifies = index not in reasons
        complaint.reason = reasons.get(index, "")[:300]
        complaint.save(update_fields=["qualifies", "reason"])
    return result


@transaction.atomic
def submit_application(
    *,
    area: OptArea,
    channel: str,
    application_date: dt.date,
    victim_name: str,
    complaints: list[dict[str, Any]],
    acting_user: Actor,
    applicant_relationship: str = "victim",
    victim_consent: bool = False,
    **details: Any,
) -> Case:
    """Record an application from any channel; start the acknowledgement (5), determination (10) and
    overall (30 working days) clocks from the application date; place it in the county triage queue."""
    require(acting_user, "asb.submit_application")
    unknown = set(details) - APPLICATION_DETAIL_FIELDS
    if unknown:
        raise TypeError(f"Unknown application fields: {', '.join(sorted(unknown))}")
    asb_rules.check_application(
        relationship=applicant_relationship, victim_consent=victim_consent, victim_name=victim_name or "",
        complaint_count=len(complaints), application_date=application_date, today=today(),
    )
    settings = current_settings(area)
    user = acting_user if getattr(acting_user, "is_authenticated", False) else None
    case = Case(
        reference="pending", partnership_id=area.partnership_id, area=area, channel=channel, application_date=application_date,
        submitted_by=user, applicant_relationship=applicant_relationship,
        victim_consent=asb_rules.victim_has_consented(applicant_relationship, victim_consent), victim_name=victim_name,
        **details,
    )
    full_clean(case, exclude=["reference"])
    case.reference = next_reference(application_date.year)
    case.save()
    for position, raw in enumerate(complaints):
        extra = set(raw) - COMPLAINT_FIELDS
        if extra:
            raise TypeError(f"Unknown complaint fields: {', '.join(sorted(extra))}")
        complaint = Complaint(case=case, position=position, **raw)
        if complaint.agency_id and not complaint.agency_name:
            complaint.agency_name = complaint.agency.name
        try:
            full_clean(complaint)
        except RuleViolation as exc:
            raise RuleViolation(f"Incident {position + 1}: {exc.text}", code=exc.rule_code,
                                field="complaints") from exc
        complaint.save()
    result = _apply_threshold(case, settings)
    case.save(update_fields=["threshold_result", "threshold_route"])
    start_clock(case, ClockStep.ACKNOWLEDGEMENT, application_date, settings.acknowledgement_days, settings)
    start_clock(case, ClockStep.DETERMINATION, application_date, settings.determination_days, settings)
    start_clock(case, ClockStep.OVERALL, application_date, settings.overall_days, settings)
    record("asb.case.submitted", case, actor=acting_user, data={
        "channel": channel, "area": area.code, "complaints": len(complaints), "threshold_route": result.route,
        "changes": {k: {"old": None, "new": v} for k, v in snapshot(case).items() if v not in (None, "", False)},
    })
    return case


@transaction.atomic
def record_acknowledgement(case: Case, *, acting_user: Actor, sent_on: dt.date | None = None,
                           method: str = "letter_a", note: str = "") -> Case:
    """Letter A or an automatic email, due within 5 working days of the application (seed 002:1509)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    sent_on = sent_on or today()
    not_before(sent_on, case.application_date, "The acknowledgement", "sent_on")
    not_future(sent_on, "The acknowledgement", "sent_on")
    if method not in ("letter_a", "email"):
        raise RuleViolation("Acknowledge by Letter A or by email.", code="asb.acknowledgement_method", field="method")
    if case.notifications.filter(kind=NotificationKind.ACKNOWLEDGEMENT).exists():
        raise RuleViolation("The acknowledgement has already been recorded.", code="asb.already_acknowledged")
    Notification.objects.create(
        case=case, kind=NotificationKind.ACKNOWLEDGEMENT, recipient=case.applicant_name or case.victim_name,
        recipient_email=case.applicant_email or case.victim_email, method=method, sent_on=sent_on, note=note,
    )
    finish_clock(case, ClockStep.ACKNOWLEDGEMENT, sent_on)
    record("asb.case.acknowledged", case, actor=acting_user, data={"sent_on": sent_on, "method": method})
    return case


@transaction.atomic
def triage_case(case: Case, *, decision: str, acting_user: Actor, note: str = "",
                area: OptArea | None = None) -> Case:
    """County triage: identify requests that obviously do not qualify, then route every application to its
    area's SPOC with a notification (the county process the 2022 review recommended, seed 002:1263-1272)."""
    require(acting_user, "asb.triage", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.TRIAGE}, "triage it")
    before = snapshot(case)
    if decision not in TriageDecision.values:
        raise RuleViolation("Choose whether to route the application or mark it as obviously not qualifying.",
                            code="asb.triage_decision", field="decision")
    if area is not None:
        if area.partnership_id != case.partnership_id:
            raise RuleViolation("Choose an OPT area of the case's own partnership: a case stays with the "
                                "partnership it was made to.", code="asb.area_other_partnership", field="area")
        case.area = area
    settings = current_settings(case)
    result = _apply_threshold(case, settings)
    if decision == TriageDecision.OBVIOUSLY_NOT_QUALIFYING and result.met:
        raise RuleViolation(
            "This application meets the threshold on the incidents given, so it cannot be marked as obviously "
            "not qualifying; route it to the area for determination.",
            code="asb.triage_meets_threshold", field="decision",
        )
    if decision == TriageDecision.OBVIOUSLY_NOT_QUALIFYING and not note.strip():
        raise RuleViolation("Say why the application obviously does not qualify.", code="asb.triage_note",
                            field="note")
    user = acting_user if getattr(acting_user, "is_authenticated", False) else None
    case.triage_decision = decision
    case.triage_note = note
    case.triaged_at = timezone.now()
    case.triaged_by = user
    case.status = CaseStatus.ROUTED
    spoc = case.area.spoc
    Notification.objects.create(
        case=case, kind=NotificationKind.ROUTED, recipient=str(spoc) if spoc else f"{case.area} SPOC",
        recipient_email=(spoc.email if spoc and spoc.email else case.area.email), method="secure_email",
        sent_on=today(), note=case.get_triage_decision_display(),
    )
    # Re-evaluating may move clocks if the area changed: keep the dashboard's copy of the area in step.
    case.clocks.update(area=case.area)
    return save_case(case, before, "asb.case.triaged", actor=acting_user,
                     data={"decision": decision, "area": case.area.code, "threshold_route": result.route})


@transaction.atomic
def determine_threshold(
    case: Case,
    *,
    determination: str,
    complaints_related: bool,
    acting_user: Actor,
    discretionary_factor: str = "",
    reasons: str = "",
    determined_on: dt.date | None = None,
    follow_up: str = "",
) -> Case:
    """Letter B (not met), C(i) (review although not met, with a discretionary factor) or C(ii) (met),
    due within 10 working days (seed 002:1513-1518). With Letter B, ``follow_up`` records what the agencies
    will still do to help: a case that does not qualify is still a chance to do more (seed 002:1142)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.ROUTED}, "record the determination")
    before = snapshot(case)
    determined_on = determined_on or today()
    not_before(determined_on, case.application_date, "The determination", "determined_on")
    not_future(determined_on, "The determination", "determined_on")
    settings = current_settings(case)
    result = _apply_threshold(case, settings)
    asb_rules.check_determination(
        determination=determination, threshold_met=result.met, complaints_related=complaints_related,
        discretionary_factor=discretionary_factor, reasons=reasons,
    )
    case.determination = determination
    case.complaints_related_confirmed = complaints_related
    case.discretionary_factor = discretionary_factor if determination == "C_i" else ""
    case.determination_reasons = reasons
    case.not_met_follow_up = follow_up if determination == "B" else ""
    case.determined_on = determined_on
    finish_clock(case, ClockStep.DETERMINATION, determined_on)
    Notification.objects.create(
        case=case, kind=NotificationKind.DETERMINATION, recipient=case.applicant_name or case.victim_name,
        recipient_email=case.applicant_email or case.victim_email, method="letter", sent_on=determined_on,
        note=case.get_determination_display(),
    )
    if determination == "B":
        case.status = CaseStatus.CLOSED
        case.closed_on = determined_on
        finish_clock(case, ClockStep.OVERALL, determined_on)
    else:
        case.status = CaseStatus.IN_REVIEW
    return save_case(case, before, "asb.case.determined", actor=acting_user,
                     data={"determination": determination, "threshold_route": result.route})


@transaction.atomic
def record_overrun_notice(case: Case, *, acting_user: Actor, sent_on: dt.date | None = None,
                          method: str = "letter", note: str = "") -> Notification:
    """The review is expected within 30 working days; past that the victim must be told (seed 002:1719)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    clock = case.clocks.filter(step=ClockStep.OVERALL).first()
    sent_on = sent_on or today()
    if clock is None or clock.done_on is not None:
        raise RuleViolation("The review has already concluded; there is no delay to tell the victim about.",
                            code="asb.overrun_not_needed")
    notice = Notification.objects.create(
        case=case, kind=NotificationKind.OVERRUN, recipient=case.victim_name, recipient_email=case.victim_email,
        method=method, sent_on=sent_on, note=note,
    )
    record("asb.case.overrun_notified", case, actor=acting_user,
           data={"sent_on": sent_on, "method": method, "overall_due": clock.due_on})
    return notice


@transaction.atomic
def reevaluate_threshold(case: Case, *, acting_user: Actor) -> Case:
    """Run the threshold engine again (after the complaints or settings changed)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    before = snapshot(case)
    _apply_threshold(case, current_settings(case))
    return save_case(case, before, "asb.case.threshold_evaluated", actor=acting_user,
                     data={"result": case.threshold_result})


@transaction.atomic
def update_application(case: Case, *, acting_user: Actor, **details: Any) -> Case:
    """Correct the application's details (staff entry); the history keeps the old and new values."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    if case.anonymised_at:
        raise RuleViolation("This case has been anonymised under the retention policy.", code="asb.anonymised")
    allowed = APPLICATION_DETAIL_FIELDS | {"victim_name", "channel", "applicant_relationship", "victim_consent"}
    unknown = set(details) - allowed
    if unknown:
        raise TypeError(f"Unknown application fields: {', '.join(sorted(unknown))}")
    before = snapshot(case)
    relationship = details.get("applicant_relationship", case.applicant_relationship)
    if relationship != case.applicant_relationship and relationship != "victim" and "victim_consent" not in details:
        # A victim applying for themselves consents by applying; someone else needs the victim's own consent.
        details["victim_consent"] = False
    for key, value in details.items():
        setattr(case, key, value)
    asb_rules.check_application(
        relationship=case.applicant_relationship, victim_consent=case.victim_consent, victim_name=case.victim_name,
        complaint_count=case.complaints.count(), application_date=case.application_date, today=today(),
    )
    return save_case(case, before, "asb.case.updated", actor=acting_user)


@transaction.atomic
def add_complaint(case: Case, *, behaviour_date: dt.date, reported_date: dt.date, acting_user: Actor,
                  agency=None, agency_name: str = "", reference: str = "", reporter: str = "",
                  description: str = "", location: str = "", hate_incident: bool = False) -> Complaint:
    """Add an incident found later (e.g. in an agency's records) and run the threshold engine again (with
    where it happened and whether it was a hate incident or crime, for a partnership's configured routes)."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.TRIAGE, CaseStatus.ROUTED}, "add incidents")
    position = case.complaints.count()
    complaint = Complaint(case=case, position=position, behaviour_date=behaviour_date, reported_date=reported_date,
                          agency=agency, agency_name=agency_name or (agency.name if agency else ""),
                          reference=reference, reporter=reporter, description=description, location=location,
                          hate_incident=hate_incident)
    full_clean(complaint)
    complaint.save()
    before = snapshot(case)
    result = _apply_threshold(case, current_settings(case))
    save_case(case, before, "asb.case.complaint_added", actor=acting_user,
              data={"incident": position + 1, "threshold_route": result.route})
    return complaint


@transaction.atomic
def mark_vexatious(case: Case, *, reason: str, acting_user: Actor, decided_on: dt.date | None = None) -> Case:
    """Deal with the application under the council's vexatious complaints policy instead of the review
    (seed 002:1458-1464). Only before the determination, with reasons; the case closes and the applicant keeps
    the right to appeal the decision."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    require_status(case, {CaseStatus.TRIAGE, CaseStatus.ROUTED}, "treat it as vexatious")
    if not reason.strip():
        raise RuleViolation("Say why the council's vexatious complaints policy applies.",
                            code="asb.vexatious_reason", field="reason")
    before = snapshot(case)
    decided_on = decided_on or today()
    not_before(decided_on, case.application_date, "The decision", "decided_on")
    not_future(decided_on, "The decision", "decided_on")
    case.vexatious = True
    case.vexatious_reason = reason
    case.status = CaseStatus.CLOSED
    case.closed_on = decided_on
    finish_clock(case, ClockStep.DETERMINATION, decided_on)
    finish_clock(case, ClockStep.OVERALL, decided_on)
    return save_case(case, before, "asb.case.vexatious", actor=acting_user)
