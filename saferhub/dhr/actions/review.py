"""The review's stages as guarded transitions, its panel, individual management reviews, timescale extensions
and the recommendations that become the published learning."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.dhr import rules
from saferhub.dhr.actions.common import full_clean, lock_case, not_erased, today
from saferhub.dhr.models import Case, DecisionOutcome, Extension, ImrRequest, PanelMember, Recommendation, ReviewStep
from saferhub.dhr.queries import approved_versions, settings_of
from saferhub.dhr.steps import Step, label

#: What each stage keeps in ``ReviewStep.details`` (anything else given is refused).
DETAIL_KEYS = {
    Step.CHAIR: {"chair_name", "author_name", "independence_confirmed", "tender_reference"},
    Step.PANEL: set(),
    Step.TERMS: {"period_from", "period_to", "lines_of_enquiry"},
    Step.IMRS: set(),
    Step.FAMILY: {"outcome", "advocacy_offered", "advocacy_offered_on", "choose_by", "advocate_chosen",
                  "liaison_officer", "notes"},
    Step.DRAFT: {"version"},
    Step.SIGN_OFF: {"signed_off_by"},
    Step.SUBMITTED: set(),
    Step.FEEDBACK: {"outcome", "changes_requested"},
    Step.PUBLICATION_NOTICE: {"told_by", "note"},
    Step.PUBLISHED: {"anonymisation_checked", "where", "themes", "version"},
    Step.COMMISSIONER: {"evidence", "version"},
}

#: Stages recorded by the report and quality assurance actions (``actions.report``), never on their own.
REPORT_STEPS = {Step.DRAFT: "uploading the overview report's first version",
                Step.SUBMITTED: "submitting the report to the quality assurance panel",
                Step.FEEDBACK: "recording the quality assurance panel's approval"}


def _review_decision(case: Case):
    return case.decisions.filter(reopened_on__isnull=True, outcome=DecisionOutcome.REVIEW).order_by("-id").first()


@transaction.atomic
def record_step(case: Case, *, step: str, done_on: dt.date, acting_user: Actor, details: dict | None = None,
                on: dt.date | None = None) -> ReviewStep:
    """Record one stage of the review, after those it follows (``steps.PREREQUISITES``). The draft, the
    submission and the panel's approval are recorded with the report's documents (``actions.report``)."""
    if Step(step) in REPORT_STEPS:
        raise RuleViolation(f"“{label(step)}” is recorded by {REPORT_STEPS[Step(step)]} on the report page.",
                            code="dhr.step_on_report_page")
    return record_report_step(case, step=step, done_on=done_on, acting_user=acting_user, details=details, on=on)


@transaction.atomic
def record_report_step(case: Case, *, step: str, done_on: dt.date, acting_user: Actor, details: dict | None = None,
                       on: dt.date | None = None) -> ReviewStep:
    """``record_step`` for every stage, the report's included: called by ``actions.report``."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    step = Step(step)
    details = dict(details or {})
    unknown = set(details) - DETAIL_KEYS[step]
    if unknown:
        raise ValueError(f"Unknown details for {step}: {sorted(unknown)}")
    if step == Step.PUBLISHED and case.publication_withheld_on:
        raise RuleViolation("Publication of this report was withheld for a safeguarding concern.",
                            code="dhr.publish_withheld")
    decision = _review_decision(case)
    existing = {s.step: s for s in case.steps.all()}
    feedback = existing.get(Step.FEEDBACK)
    feedback_approved = bool(feedback and feedback.details.get("outcome") == "approved")
    notice = existing.get(Step.PUBLICATION_NOTICE)
    rules.check_step(step, review_decided=decision is not None, done=existing, done_on=done_on, today=on or today(),
                     decided_on=decision.decided_on if decision else None, details=details,
                     feedback_approved=feedback_approved,
                     panel=[m.independence_declared for m in case.panel.all()],
                     imrs_outstanding=case.imrs.filter(received_on__isnull=True).count(),
                     notice_on=notice.done_on if notice else None,
                     notice_days=settings_of(case.partnership_id).publication_notice_days)
    if step == Step.SUBMITTED:
        rules.check_family_offered_draft([(c.purpose, c.agreed_draft, c.views_on_draft)
                                          for c in case.family_contacts.all()])
    if step == Step.PUBLISHED:
        from saferhub.dhr.actions.records import blocking_processes

        rules.check_not_blocked(blocking_processes(case), what="published")
    if step in (Step.PUBLISHED, Step.COMMISSIONER) and feedback_approved:
        # Published and sent: the versions the panel approved (``actions.report``).
        details["version"] = approved_versions(case)
    row = existing.get(step) or ReviewStep(case=case, step=step)
    row.done_on, row.details = done_on, {k: audit.jsonable(v) for k, v in details.items()}
    row.recorded_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    full_clean(row, exclude=["case"])
    row.save()
    if step == Step.PUBLISHED:
        case.closed_on = done_on
        case.themes = [t.strip() for t in details.get("themes") or [] if t.strip()]
        case.save(update_fields=["closed_on", "themes", "updated_at"])
    # Step names and dates only: names and notes stay out of the audit row (it outlives the retention period).
    audit.record("dhr.case.step_recorded", actor=acting_user, target=case,
                 data={"step": step.value, "done_on": done_on, "outcome": details.get("outcome", "")})
    return row


@transaction.atomic
def add_panel_member(case: Case, *, agency: Organisation, name: str, independence_declared: bool,
                     acting_user: Actor) -> PanelMember:
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    if case.steps.filter(step=Step.PANEL).exists():
        raise RuleViolation("The panel is already recorded as formed.", code="dhr.panel_formed")
    member = PanelMember(case=case, agency=agency, name=name.strip(), independence_declared=independence_declared)
    full_clean(member)
    member.save()
    audit.record("dhr.case.step_recorded", actor=acting_user, target=case,
                 data={"step": "panel_member", "agency": agency.pk, "independence_declared": independence_declared})
    return member


@transaction.atomic
def request_imr(case: Case, *, agency: Organisation, requested_on: dt.date, due_on: dt.date,
                acting_user: Actor) -> ImrRequest:
    """Ask an agency for its individual management review or chronology, with a due date."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    if not case.steps.filter(step=Step.TERMS).exists():
        raise RuleViolation("Agree the terms of reference before asking agencies for their reviews.",
                            code="dhr.imr_before_terms")
    if due_on < requested_on:
        raise RuleViolation("The due date cannot be before the request.", code="dhr.imr_due_order", field="due_on")
    if case.imrs.filter(agency=agency).exists():
        raise RuleViolation(f"{agency} has already been asked for its review.", code="dhr.imr_once", field="agency")
    imr = ImrRequest(case=case, agency=agency, requested_on=requested_on, due_on=due_on)
    full_clean(imr)
    imr.save()
    audit.record("dhr.case.step_recorded", actor=acting_user, target=case,
                 data={"step": "imr_requested", "agency": agency.pk, "due_on": due_on})
    return imr


@transaction.atomic
def receive_imr(imr: ImrRequest, *, received_on: dt.date, acting_user: Actor, on: dt.date | None = None) -> ImrRequest:
    require(acting_user, "dhr.change_case", imr.case)
    lock_case(imr.case)
    not_erased(imr.case)
    rules.check_not_before(received_on, imr.requested_on, what="of receipt", after="the request",
                           code="dhr.imr_received_order", field="received_on", today=on or today())
    imr.received_on = received_on
    imr.save(update_fields=["received_on"])
    audit.record("dhr.case.step_recorded", actor=acting_user, target=imr.case,
                 data={"step": "imr_received", "agency": imr.agency_id, "received_on": received_on})
    return imr


@transaction.atomic
def extend_review(case: Case, *, months: int, reason: str, agreed_on: dt.date, acting_user: Actor) -> Extension:
    """Extend the six-month timescale, with the reason (e.g. a criminal trial or inquest, 001:437)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    rules.check_extension(months=months, reason=reason, review_decided=_review_decision(case) is not None,
                          closed=case.closed_on is not None)
    extension = Extension(case=case, months=months, reason=reason.strip(), agreed_on=agreed_on)
    full_clean(extension)
    extension.save()
    audit.record("dhr.case.extended", actor=acting_user, target=case, data={"months": months})
    return extension


@transaction.atomic
def add_recommendation(case: Case, *, text: str, theme: str = "", agency: Organisation | None = None,
                       acting_user: Actor) -> Recommendation:
    """A recommendation of the review's action plan (the learning; the composite action repository, 001:429)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    if not text.strip():
        raise RuleViolation("Enter the recommendation.", code="dhr.recommendation_text", field="text")
    if not case.steps.filter(step=Step.DRAFT).exists():
        raise RuleViolation("Recommendations come from the overview report: record the draft first.",
                            code="dhr.recommendation_before_draft")
    rec = Recommendation(case=case, text=text.strip(), theme=theme.strip(), agency=agency)
    full_clean(rec)
    rec.save()
    audit.record("dhr.recommendation.added", actor=acting_user, target=case, data={"recommendation": rec.pk})
    return rec


@transaction.atomic
def withhold_publication(case: Case, *, withheld_on: dt.date, reason: str, approved_by: str, acting_user: Actor,
                         on: dt.date | None = None) -> Case:
    """The safeguarding exception to publication (001:429): the case closes without a published report."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    done = {s.step: s for s in case.steps.all()}
    feedback = done.get(Step.FEEDBACK)
    rules.check_withholding(feedback_approved=bool(feedback and feedback.details.get("outcome") == "approved"),
                            published=Step.PUBLISHED in done, reason=reason, approver=approved_by)
    rules.check_not_before(withheld_on, feedback.done_on, what="of the decision not to publish",
                           after="the QA panel's approval", code="dhr.withhold_order", field="withheld_on",
                           today=on or today())
    case.publication_withheld_on, case.closed_on = withheld_on, withheld_on
    case.publication_withheld_reason, case.publication_withheld_approver = reason.strip(), approved_by.strip()
    full_clean(case)
    case.save()
    audit.record("dhr.case.publication_withheld", actor=acting_user, target=case, data={"withheld_on": withheld_on})
    return case
