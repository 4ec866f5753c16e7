"""Steps a partnership's configuration adds to a case: a senior manager's discretion on the threshold, and
the Police and Crime Commissioner's review of a case review outcome (where the procedure provides one)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.asb import rules as asb_rules
from saferhub.asb.actions.cases import _apply_threshold
from saferhub.asb.actions.common import lock_case, not_before, not_future, save_case, snapshot, today
from saferhub.asb.config import current_settings
from saferhub.asb.models import Case
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require


@transaction.atomic
def record_threshold_discretion(case: Case, *, by: str, reason: str, acting_user: Actor) -> Case:
    """A senior manager accepts an application under the partnership's discretion route: who decided and
    why are recorded, and the threshold is evaluated again (``rules.routes``, kind "discretion")."""
    require(acting_user, "asb.manage_case", case)
    case = lock_case(case)
    if not by.strip():
        raise RuleViolation("Name the senior manager who used their discretion.", code="asb.discretion_by",
                            field="by")
    if not reason.strip():
        raise RuleViolation("Record the reason for using discretion.", code="asb.discretion_reason",
                            field="reason")
    before = snapshot(case)
    case.discretion_by, case.discretion_reason = by.strip(), reason.strip()
    _apply_threshold(case, current_settings(case))
    return save_case(case, before, "asb.case.discretion_recorded", actor=acting_user,
                     data={"result": case.threshold_result})


@transaction.atomic
def record_pcc_review(case: Case, *, requested_on: dt.date, acting_user: Actor, outcome: str = "",
                      decided_on: dt.date | None = None, notes: str = "") -> Case:
    """The Commissioner's review of the case review outcome: requested after the decision letter, and its
    outcome when decided. Refused where the partnership's procedure provides no such review."""
    require(acting_user, "asb.handle_appeal", case)
    case = lock_case(case)
    asb_rules.check_pcc_review(enabled=current_settings(case).pcc_review, case_reviewed=bool(case.decision_sent_on),
                               outcome=outcome)
    not_before(requested_on, case.decision_sent_on, "The request for the Commissioner's review", "requested_on")
    not_future(requested_on, "The request for the Commissioner's review", "requested_on")
    if outcome:
        decided_on = decided_on or today()
        not_before(decided_on, requested_on, "The Commissioner's decision", "decided_on")
        not_future(decided_on, "The Commissioner's decision", "decided_on")
    before = snapshot(case)
    case.pcc_review_requested_on = requested_on
    case.pcc_review_outcome, case.pcc_review_decided_on = outcome, decided_on if outcome else None
    case.pcc_review_notes = notes
    return save_case(case, before, "asb.case.pcc_review_recorded", actor=acting_user)


@transaction.atomic
def record_partner_page(*, organisation, url: str, checked_on: dt.date, acting_user: Actor,
                        has_information: bool = True, links_to_form: bool = False,
                        stated_threshold_count: int | None = None, stated_window_months: int | None = None,
                        notes: str = ""):
    """Record what a partner's Community Trigger web page says, as checked on ``checked_on`` (the register
    of partner pages); returns the page and the problems the rule finds against the partnership's threshold."""
    from saferhub.asb.actions.common import full_clean
    from saferhub.asb.models import PartnerWebPage
    from saferhub.core import audit

    require(acting_user, "asb.manage_config")
    not_future(checked_on, "The check", "checked_on")
    page = PartnerWebPage.objects.filter(organisation=organisation, url=url).first() or PartnerWebPage(
        organisation=organisation, url=url)
    page.has_information, page.links_to_form = has_information, links_to_form
    page.stated_threshold_count, page.stated_window_months = stated_threshold_count, stated_window_months
    page.checked_on, page.notes = checked_on, notes
    full_clean(page)
    page.save()
    s = current_settings()
    problems = asb_rules.partner_page_problems(
        has_information=has_information, links_to_form=links_to_form, stated_count=stated_threshold_count,
        stated_months=stated_window_months, threshold_count=s.threshold_count, window_months=s.window_months)
    audit.record("asb.partner_page.checked", actor=acting_user, target=page,
                 data={"url": url, "checked_on": checked_on, "problems": problems})
    return page, problems
