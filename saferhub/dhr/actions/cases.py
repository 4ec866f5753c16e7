"""Opening a case from a notification, reading it (audited), and the chair's decision with the Home Office
steps that follow it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.dhr import rules
from saferhub.dhr.actions.common import full_clean, lock_case, not_erased, settings_for, today
from saferhub.dhr.models import Case, Decision, DecisionOutcome


@transaction.atomic
def notify_case(*, partnership: Organisation, source: str, date_notified: dt.date, acting_user: Actor,
                date_of_death: dt.date | None = None, notified_by: str = "",
                notifying_organisation: Organisation | None = None, victim_pseudonym: str = "",
                victim_age: int | None = None, child_review_reference: str = "", suspected_suicide: bool = False,
                agencies: list[Organisation] | None = None, on: dt.date | None = None) -> Case:
    """Open a case from a police notification or an agency referral (001:415-417; the referral form, 001:435)."""
    require(acting_user, "dhr.notify", partnership)
    rules.check_notification(date_of_death=date_of_death, date_notified=date_notified, today=on or today(),
                             victim_age=victim_age, child_review_reference=child_review_reference,
                             partnership_kind=partnership.kind)
    short = settings_for(partnership).short_name or "DHR"
    year = date_notified.year
    number = Case.objects.filter(partnership=partnership, reference__startswith=f"{short}-{year}-").count() + 1
    case = Case(partnership=partnership, reference=f"{short}-{year}-{number:03d}", source=source,
                date_notified=date_notified, decision_clock_start=date_notified, date_of_death=date_of_death,
                notified_by=notified_by, notifying_organisation=notifying_organisation,
                victim_pseudonym=victim_pseudonym, victim_age=victim_age,
                child_review_reference=child_review_reference, suspected_suicide=suspected_suicide)
    full_clean(case)
    case.save()
    if agencies:
        case.agencies.set(agencies)
    # Only what is not personal goes into the audit row (the row outlives the retention period).
    audit.record("dhr.case.notified", actor=acting_user, target=case,
                 data={"source": source, "date_notified": date_notified, "agencies": [a.pk for a in agencies or []]})
    return case


@transaction.atomic
def record_case_viewed(case: Case, *, acting_user: Actor, page: str = "case") -> None:
    """Every read of a case page is in the audit trail, as well as every change."""
    require(acting_user, "dhr.view_case", case)
    audit.record("dhr.case.viewed", actor=acting_user, target=case, data={"page": page})


def _current(case: Case) -> Decision | None:
    return case.decisions.filter(reopened_on__isnull=True).order_by("-decided_on", "-id").first()


def _require_current(case: Case) -> Decision:
    decision = _current(case)
    if decision is None:
        raise RuleViolation("Record the chair's decision first.", code="dhr.no_decision")
    return decision


@transaction.atomic
def record_decision(case: Case, *, outcome: str, decided_on: dt.date, chair_name: str, partners_consulted: str,
                    rationale: str, acting_user: Actor, suicide_circumstances_considered: bool = False,
                    on: dt.date | None = None) -> Decision:
    """The chair's decision whether to hold a review (001:419), due within a month of notification (clocks)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    rules.check_decision(outcome=outcome, decided_on=decided_on, clock_start=case.decision_clock_start,
                         today=on or today(), rationale=rationale, partners_consulted=partners_consulted,
                         chair_name=chair_name, has_current_decision=_current(case) is not None,
                         suspected_suicide=case.suspected_suicide,
                         suicide_circumstances_considered=suicide_circumstances_considered)
    decision = Decision(case=case, outcome=outcome, decided_on=decided_on, chair_name=chair_name,
                        partners_consulted=partners_consulted, rationale=rationale)
    full_clean(decision)
    decision.save()
    audit.record("dhr.decision.recorded", actor=acting_user, target=case,
                 data={"outcome": outcome, "decided_on": decided_on})
    return decision


@transaction.atomic
def record_home_office_notified(case: Case, *, notified_on: dt.date, reference: str, acting_user: Actor,
                                on: dt.date | None = None) -> Decision:
    """The Home Office is told of the decision to review or not (001:420)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    decision = _require_current(case)
    rules.check_not_before(notified_on, decision.decided_on, what="the Home Office was told", after="the decision",
                           code="dhr.home_office_before_decision", field="notified_on", today=on or today())
    decision.home_office_notified_on, decision.home_office_reference = notified_on, reference.strip()
    decision.save(update_fields=["home_office_notified_on", "home_office_reference"])
    audit.record("dhr.decision.home_office_notified", actor=acting_user, target=case,
                 data={"notified_on": notified_on, "reference": reference.strip()})
    return decision


@transaction.atomic
def record_qa_panel_seen(case: Case, *, seen_on: dt.date, acting_user: Actor, on: dt.date | None = None) -> Decision:
    """After a 'not review' decision the Home Office circulates it to the QA panel for comment (001:420)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    decision = _require_current(case)
    if decision.outcome != DecisionOutcome.NOT_REVIEW:
        raise RuleViolation("The quality assurance panel's sight is recorded for a decision not to review.",
                            code="dhr.qa_not_review_only")
    rules.check_not_before(seen_on, decision.home_office_notified_on or decision.decided_on,
                           what="the QA panel saw the decision", after="the Home Office was told",
                           code="dhr.qa_before_home_office", field="seen_on", today=on or today())
    if decision.home_office_notified_on is None:
        raise RuleViolation("Record when the Home Office was told of the decision first (001:420).",
                            code="dhr.qa_before_home_office")
    decision.qa_panel_seen_on = seen_on
    decision.save(update_fields=["qa_panel_seen_on"])
    audit.record("dhr.decision.qa_seen", actor=acting_user, target=case, data={"seen_on": seen_on})
    return decision


@transaction.atomic
def record_home_office_confirmation(case: Case, *, confirmed_on: dt.date, acting_user: Actor,
                                    on: dt.date | None = None) -> Decision:
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    decision = _require_current(case)
    if decision.qa_panel_seen_on is None:
        raise RuleViolation("Record the quality assurance panel's sight of the decision first (000:98).",
                            code="dhr.confirmation_before_qa")
    rules.check_not_before(confirmed_on, decision.qa_panel_seen_on, what="of the Home Office's confirmation",
                           after="the QA panel saw the decision", code="dhr.confirmation_order",
                           field="confirmed_on", today=on or today())
    decision.home_office_confirmed_on = confirmed_on
    decision.save(update_fields=["home_office_confirmed_on"])
    audit.record("dhr.decision.home_office_confirmed", actor=acting_user, target=case,
                 data={"confirmed_on": confirmed_on})
    return decision


@transaction.atomic
def tell_family(case: Case, *, told_on: dt.date, acting_user: Actor, on: dt.date | None = None) -> Decision:
    """Tell the family of the decision; a 'not review' decision only after QA panel sight and Home Office
    confirmation (000:98). Telling them closes a 'not review' case."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    decision = _require_current(case)
    rules.check_family_may_be_told(outcome=decision.outcome, qa_panel_seen_on=decision.qa_panel_seen_on,
                                   home_office_confirmed_on=decision.home_office_confirmed_on)
    rules.check_not_before(told_on, decision.home_office_confirmed_on or decision.decided_on,
                           what="the family was told", after="the decision was confirmed",
                           code="dhr.family_told_order", field="told_on", today=on or today())
    decision.family_told_on = told_on
    decision.save(update_fields=["family_told_on"])
    if decision.outcome == DecisionOutcome.NOT_REVIEW:
        case.closed_on = told_on
        case.save(update_fields=["closed_on", "updated_at"])
    audit.record("dhr.decision.family_told", actor=acting_user, target=case, data={"told_on": told_on})
    return decision


@transaction.atomic
def reopen_decision(case: Case, *, requested_on: dt.date, advocate: str, family_permission: bool,
                    acting_user: Actor, on: dt.date | None = None) -> Case:
    """An advocate's request, with the family's permission, to revisit a 'not review' decision (001:517)
    reopens it: the decision is kept as superseded and a new one is due a month after the request."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    decision = _current(case)
    rules.check_reopen(outcome=decision.outcome if decision else None, family_permission=family_permission,
                       advocate=advocate)
    rules.check_not_before(requested_on, decision.decided_on, what="of the request", after="the decision",
                           code="dhr.reopen_before_decision", field="requested_on", today=on or today())
    decision.reopened_on, decision.reopened_by = requested_on, advocate.strip()
    decision.save(update_fields=["reopened_on", "reopened_by"])
    case.decision_clock_start, case.closed_on = requested_on, None
    case.save(update_fields=["decision_clock_start", "closed_on", "updated_at"])
    audit.record("dhr.decision.reopened", actor=acting_user, target=case,
                 data={"requested_on": requested_on, "advocate": advocate.strip()})
    return case


@transaction.atomic
def record_direction(case: Case, *, directed_on: dt.date, acting_user: Actor, on: dt.date | None = None) -> Decision:
    """The Secretary of State may direct that a review be held (section 9(2) of the 2004 Act, 001:420): any
    'not review' decision is superseded by a decision to review, made on the direction."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    rules.check_not_before(directed_on, case.date_notified, what="of the direction", after="the notification",
                           code="dhr.direction_before_notification", field="directed_on", today=on or today())
    decision = _current(case)
    if decision is not None and decision.outcome == DecisionOutcome.REVIEW:
        raise RuleViolation("A review is already being held: a direction changes nothing.",
                            code="dhr.direction_review_exists")
    if decision is not None:
        decision.reopened_on, decision.reopened_by = directed_on, "Secretary of State direction"
        decision.save(update_fields=["reopened_on", "reopened_by"])
    directed = Decision(case=case, outcome=DecisionOutcome.REVIEW, decided_on=directed_on, directed=True,
                        rationale="Directed by the Secretary of State under section 9(2) of the 2004 Act.")
    full_clean(directed)
    directed.save()
    case.directed_on, case.closed_on = directed_on, None
    case.save(update_fields=["directed_on", "closed_on", "updated_at"])
    audit.record("dhr.case.directed", actor=acting_user, target=case, data={"directed_on": directed_on})
    return directed
