"""Appeals: received within the window, escalated to the OPT Inspector, reviewed by another OPT, PCC told."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.asb import clocks
from saferhub.asb import rules as asb_rules
from saferhub.asb.actions.common import (
    full_clean,
    lock_case,
    not_before,
    not_future,
    record,
    save_case,
    snapshot,
    today,
)
from saferhub.asb.config import current_settings
from saferhub.asb.models import (
    Appeal,
    AppealGrounds,
    AppealOutcome,
    AppealRecipient,
    Case,
    CaseStatus,
    Notification,
    NotificationKind,
    OptArea,
)
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require

# The appeal deadline is a clock: one function, counted from the date the decision letter was sent.
appeal_letter_date = clocks.appeal_letter_date
appeal_deadline_for = clocks.appeal_deadline_for


def _pcc_recipient(case):
    s = current_settings(case)
    return (s.pcc_office.name if s.pcc_office_id else "Office of the Police and Crime Commissioner")


def _same_partnership(case, area, field: str) -> None:
    if area is not None and area.partnership_id != case.partnership_id:
        raise RuleViolation("Choose an OPT area of the case's own partnership: another partnership's areas do "
                            "not review its appeals.", code="asb.area_other_partnership", field=field)


@transaction.atomic
def lodge_appeal(
    case: Case,
    *,
    received_on: dt.date,
    grounds: str,
    reviewing_area: OptArea | None,
    acting_user: Actor,
    details: str = "",
) -> Appeal:
    """An applicant unhappy with how the application was dealt with, or with the review, may appeal within
    the window (seed 002:1468-1473, 002:1573). The appeal goes to the OPT Inspector, is reviewed by a
    different OPT area, and the PCC's office is told on receipt."""
    require(acting_user, "asb.handle_appeal", case)
    case = lock_case(case)
    letter_date = appeal_letter_date(case)
    if letter_date is None:
        raise RuleViolation("There is no decision to appeal yet: appeals follow Letter B or the decision letter.",
                            code="asb.appeal_nothing_to_appeal")
    if case.appeals.filter(decided_on__isnull=True).exists():
        raise RuleViolation("An appeal on this case is already under way.", code="asb.appeal_open")
    if grounds not in AppealGrounds.values:
        raise RuleViolation("Say whether the appeal is about how the application was dealt with or how the "
                            "review was carried out.", code="asb.appeal_grounds", field="grounds")
    not_before(received_on, letter_date, "The appeal", "received_on")
    not_future(received_on, "The appeal", "received_on")
    deadline = appeal_deadline_for(case)
    asb_rules.check_appeal_in_time(received_on, deadline)
    asb_rules.check_appeal_reviewing_area(case.area_id, reviewing_area.pk if reviewing_area else None)
    _same_partnership(case, reviewing_area, "reviewing_area")
    settings = current_settings(case)
    inspector = case.area.inspector
    appeal = Appeal(case=case, received_on=received_on, deadline=deadline, grounds=grounds, details=details,
                    escalated_to=inspector, reviewing_area=reviewing_area)
    full_clean(appeal)
    appeal.save()
    escalated = str(inspector) if inspector else f"{case.area} OPT Inspector"
    if settings.appeal_recipient == AppealRecipient.CSP_CHAIR:
        escalated = f"CSP Chair, then {escalated}"
    Notification.objects.create(
        case=case, kind=NotificationKind.APPEAL_ESCALATED, recipient=escalated,
        recipient_email=inspector.email if inspector else "", method="secure_email", sent_on=received_on,
        note=f"Independent review by {reviewing_area} OPT",
    )
    Notification.objects.create(
        case=case, kind=NotificationKind.APPEAL_RECEIVED_PCC, recipient=_pcc_recipient(case), method="secure_email",
        sent_on=received_on, note=f"Appeal received on {case.reference}",
    )
    record("asb.appeal.lodged", case, actor=acting_user, data={
        "appeal": appeal.pk, "received_on": received_on, "deadline": deadline, "grounds": grounds,
        "reviewing_area": reviewing_area.code,
    })
    return appeal


@transaction.atomic
def decide_appeal(appeal: Appeal, *, outcome: str, reasons: str, acting_user: Actor,
                  decided_on: dt.date | None = None) -> Appeal:
    """Record the outcome and tell the PCC's office of it (seed 002:1573). An upheld appeal against Letter B
    sends the case back to be determined again. The decision is the independent reviewer's (the reviewing OPT,
    the OPT Inspector or the county team), never the area whose handling is appealed against."""
    require(acting_user, "asb.decide_appeal", appeal.case,
            "The appeal is decided by the reviewing OPT area or the OPT Inspector, not the area appealed against.")
    appeal = Appeal.objects.select_for_update(of=("self",)).get(pk=appeal.pk)
    case = lock_case(appeal.case)
    if appeal.decided_on is not None:
        raise RuleViolation("This appeal has already been decided.", code="asb.appeal_decided")
    if outcome not in AppealOutcome.values:
        raise RuleViolation("Choose whether the appeal is upheld.", code="asb.appeal_outcome", field="outcome")
    if not reasons.strip():
        raise RuleViolation("Give the reasons for the appeal decision.", code="asb.appeal_reasons", field="reasons")
    decided_on = decided_on or today()
    not_before(decided_on, appeal.received_on, "The appeal decision", "decided_on")
    not_future(decided_on, "The appeal decision", "decided_on")
    appeal.outcome = outcome
    appeal.outcome_reasons = reasons
    appeal.decided_on = decided_on
    appeal.save(update_fields=["outcome", "outcome_reasons", "decided_on"])
    Notification.objects.create(
        case=case, kind=NotificationKind.APPEAL_DECIDED_PCC, recipient=_pcc_recipient(case), method="secure_email",
        sent_on=decided_on, note=f"Appeal {appeal.get_outcome_display().lower()}",
    )
    reopened = False
    if outcome == AppealOutcome.UPHELD and case.determination == "B" and case.status == CaseStatus.CLOSED:
        before = snapshot(case)
        case.status = CaseStatus.ROUTED
        case.closed_on = None
        case.determination = ""
        save_case(case, before, "asb.case.reopened", actor=acting_user, data={"appeal": appeal.pk})
        reopened = True
    record("asb.appeal.decided", case, actor=acting_user,
           data={"appeal": appeal.pk, "outcome": outcome, "decided_on": decided_on, "reopened": reopened})
    return appeal
