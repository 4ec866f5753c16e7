"""The rules of a Domestic Homicide Review as plain Python (no database). Each cites its source: the seeds
(``001:407`` is line 407 of seed 001) or the Home Office's *Multi-agency Statutory Guidance for the Conduct of
Domestic Homicide Reviews* (December 2016, "the 2016 guidance"). Every rule raises ``RuleViolation`` with a
message naming it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from saferhub.core.exceptions import RuleViolation
from saferhub.dhr.steps import PREREQUISITES, Step, label

MINIMUM_AGE = 16
CHILD_AGE = 18


def check_notification(*, date_of_death: dt.date | None, date_notified: dt.date, today: dt.date,
                       victim_age: int | None, child_review_reference: str, partnership_kind: str) -> None:
    """A notification opens a case for a partnership, about a death of a person aged 16 or over.

    - Definition: a review is of the death of a person aged 16 or over (001:404-406; 000:91-92).
    - Under 18: a child safeguarding review also takes place, so its reference is recorded (000:93).
    - The partnership cannot be told of a death before it happened, nor in the future.
    """
    if partnership_kind != "partnership":
        raise RuleViolation("A review belongs to a Community Safety Partnership: choose a partnership.",
                            code="dhr.partnership", field="partnership")
    if date_notified > today:
        raise RuleViolation("The date the Partnership was told cannot be in the future.",
                            code="dhr.notified_in_future", field="date_notified")
    if date_of_death is not None:
        if date_of_death > today:
            raise RuleViolation("The date of death cannot be in the future.", code="dhr.death_in_future",
                                field="date_of_death")
        if date_notified < date_of_death:
            raise RuleViolation("The Partnership cannot have been told before the date of death: check the dates.",
                                code="dhr.notified_before_death", field="date_notified")
    if victim_age is not None:
        if victim_age < MINIMUM_AGE:
            raise RuleViolation(
                "A Domestic Homicide Review is held only when the person who died was aged 16 or over "
                "(statutory definition, 001:404). For a younger child, refer to the child safeguarding partnership.",
                code="dhr.age_under_16", field="victim_age")
        if victim_age < CHILD_AGE and not child_review_reference.strip():
            raise RuleViolation(
                "The person who died was under 18, so a child safeguarding review also takes place (000:93): "
                "enter its reference.", code="dhr.child_review_required", field="child_review_reference")


def check_decision(*, outcome: str, decided_on: dt.date, clock_start: dt.date, today: dt.date, rationale: str,
                   partners_consulted: str, chair_name: str, has_current_decision: bool,
                   suspected_suicide: bool, suicide_circumstances_considered: bool) -> None:
    """The chair of the partnership decides, in consultation with local partners, whether to hold a review
    (001:419), and records why.

    A suspected suicide must be considered: the 2016 guidance (Section 2, para 18, quoted at 001:407) includes
    deaths where the victim took their own life and the circumstances give rise to concern, so a decision
    not to review such a death must say those circumstances were considered.
    """
    if has_current_decision:
        raise RuleViolation("A decision is already recorded for this case. It can be revisited only at an "
                            "advocate's request with the family's permission (001:517).",
                            code="dhr.decision_exists")
    if decided_on < clock_start:
        raise RuleViolation("The decision cannot be dated before the Partnership was told of the death.",
                            code="dhr.decision_before_notification", field="decided_on")
    if decided_on > today:
        raise RuleViolation("The decision date cannot be in the future.", code="dhr.decision_in_future",
                            field="decided_on")
    if not chair_name.strip():
        raise RuleViolation("Enter the name of the chair who made the decision (001:419).",
                            code="dhr.decision_chair", field="chair_name")
    if not partners_consulted.strip():
        raise RuleViolation("Record the partners consulted: the chair decides in consultation with local "
                            "partners (001:419).", code="dhr.partners_consulted", field="partners_consulted")
    if not rationale.strip():
        raise RuleViolation("Record the reasons for the decision.", code="dhr.decision_rationale",
                            field="rationale")
    if outcome == "not_review" and suspected_suicide and not suicide_circumstances_considered:
        raise RuleViolation(
            "This death is a suspected suicide. A review must be held where the circumstances give rise to "
            "concern (2016 guidance, Section 2 para 18; 001:407): confirm those circumstances were considered.",
            code="dhr.suicide_considered", field="suicide_circumstances_considered")


def check_not_before(later: dt.date, earlier: dt.date | None, *, what: str, after: str, code: str, field: str,
                     today: dt.date) -> None:
    """A date in the decision's chain cannot come before the step it follows, nor be in the future."""
    if later > today:
        raise RuleViolation(f"The date {what} cannot be in the future.", code=f"{code}_future", field=field)
    if earlier is not None and later < earlier:
        raise RuleViolation(f"The date {what} cannot be before {after}.", code=code, field=field)


def check_family_may_be_told(*, outcome: str, qa_panel_seen_on: dt.date | None,
                             home_office_confirmed_on: dt.date | None) -> None:
    """The family is not told of a decision not to review until the Home Office quality assurance panel has
    seen it and the Home Office has confirmed it (000:98); after a 'not review' decision the Home Office
    circulates it to the QA panel for comment (001:420)."""
    if outcome == "not_review" and (qa_panel_seen_on is None or home_office_confirmed_on is None):
        raise RuleViolation(
            "A decision not to hold a review cannot be shared with the family until the Home Office quality "
            "assurance panel has seen it and the Home Office has confirmed it (000:98). Record both first.",
            code="dhr.family_told_before_home_office")


def check_reopen(*, outcome: str | None, family_permission: bool, advocate: str) -> None:
    """An advocacy organisation may, with a family member's permission, ask for a decision not to hold a
    review to be revisited (001:517). The request reopens the decision."""
    if outcome != "not_review":
        raise RuleViolation("Only a decision not to hold a review can be revisited at an advocate's request.",
                            code="dhr.reopen_not_review_only")
    if not advocate.strip():
        raise RuleViolation("Enter the advocacy organisation asking for the decision to be revisited.",
                            code="dhr.reopen_advocate", field="advocate")
    if not family_permission:
        raise RuleViolation("An advocate may ask for the decision to be revisited only with the family's "
                            "permission (001:517): confirm the family gave it.",
                            code="dhr.reopen_family_permission", field="family_permission")


def check_step(step: str, *, review_decided: bool, done: Iterable[str], done_on: dt.date, today: dt.date,
               decided_on: dt.date | None, details: dict, feedback_approved: bool,
               panel: list[bool], imrs_outstanding: int, notice_on: dt.date | None, notice_days: int) -> None:
    """A stage of the review may be recorded only after the decision to review and the stages it follows
    (``steps.PREREQUISITES``), with what that stage must record. ``notice_on``: the date the family and the
    media team were told the publication date; ``notice_days``: the partnership's minimum notice."""
    if not review_decided:
        raise RuleViolation("Stages of a review can be recorded only after the decision to hold a review.",
                            code="dhr.step_without_review")
    done = set(done)
    if step in done and not (step == Step.FEEDBACK and not feedback_approved):
        raise RuleViolation(f"“{label(step)}” is already recorded.", code="dhr.step_done")
    if step == Step.PUBLISHED and [p for p in PREREQUISITES[step] if p not in done] == [Step.PUBLICATION_NOTICE]:
        check_publication_notice(published_on=done_on, notice_on=None, notice_days=notice_days)
    missing = [label(p) for p in PREREQUISITES[step] if p not in done]
    if missing:
        raise RuleViolation(f"“{label(step)}” needs this done first: {'; '.join(missing)}.",
                            code="dhr.step_order")
    if done_on > today:
        raise RuleViolation("The date cannot be in the future.", code="dhr.step_in_future", field="done_on")
    if decided_on is not None and done_on < decided_on:
        raise RuleViolation("The date cannot be before the decision to hold the review.",
                            code="dhr.step_before_decision", field="done_on")
    _check_step_details(step, details=details, feedback_approved=feedback_approved, panel=panel,
                        imrs_outstanding=imrs_outstanding)
    if step == Step.PUBLISHED:
        check_publication_notice(published_on=done_on, notice_on=notice_on, notice_days=notice_days)


def check_publication_notice(*, published_on: dt.date, notice_on: dt.date | None, notice_days: int) -> None:
    """The family and the media team are told the publication date before the report is published, at least the
    partnership's minimum notice before it (``DhrSettings.publication_notice_days``). A local rule (issue 13):
    the seeds and the 2016 guidance, as far as we could read them, set no number of days; the wording is ours."""
    if notice_on is None:
        raise RuleViolation("Tell the family and the media team the publication date before publishing, and record "
                            "it (“Tell the family and the media team the publication date”): the report cannot be "
                            "published without that notice.", code="dhr.publication_notice_missing")
    earliest = notice_on + dt.timedelta(days=notice_days)
    if published_on < earliest:
        raise RuleViolation(f"The family and the media team must be told the publication date at least "
                            f"{notice_days} days before publication (the partnership's minimum notice). They were "
                            f"told on {notice_on:%-d %B %Y}, so the report can be published on {earliest:%-d %B %Y} "
                            "at the earliest.", code="dhr.publication_notice_short", field="done_on")


def _need(details: dict, key: str, message: str, code: str) -> None:
    if not str(details.get(key) or "").strip():
        raise RuleViolation(message, code=code, field=key)


def _check_step_details(step: str, *, details: dict, feedback_approved: bool, panel: list[bool],
                        imrs_outstanding: int) -> None:
    if step == Step.CHAIR:
        # 2016 guidance, Section 4 ("Appointing a Chair of the Review Panel"): the chair is independent of the
        # agencies involved; Norfolk appoints chairs and authors by tender (001:436).
        _need(details, "chair_name", "Enter the name of the review's chair.", "dhr.chair_name")
        _need(details, "author_name", "Enter the name of the report's author.", "dhr.author_name")
        if not details.get("independence_confirmed"):
            raise RuleViolation("The chair must be independent of the agencies involved (2016 guidance, Section 4): "
                                "confirm they have no connection with them.",
                                code="dhr.chair_independence", field="independence_confirmed")
    elif step == Step.PANEL:
        if not panel:
            raise RuleViolation("Add the panel's members, one per agency, before recording the panel as formed.",
                                code="dhr.panel_empty")
        if not all(panel):
            raise RuleViolation("Every panel member must declare they are independent of the line management of "
                                "the staff involved (2016 guidance, Section 4).", code="dhr.panel_independence")
    elif step == Step.TERMS:
        start, end = details.get("period_from"), details.get("period_to")
        if not start or not end:
            raise RuleViolation("Enter the period the review covers.", code="dhr.terms_period", field="period_from")
        if start > end:
            raise RuleViolation("The period the review covers must start before it ends.",
                                code="dhr.terms_period_order", field="period_to")
        _need(details, "lines_of_enquiry", "Enter the key lines of enquiry.", "dhr.terms_lines")
    elif step == Step.IMRS:
        if imrs_outstanding:
            raise RuleViolation(f"{imrs_outstanding} individual management review(s) not yet received: record "
                                "each one's receipt first.", code="dhr.imrs_outstanding")
    elif step == Step.FAMILY:
        # 000:99: the review may go ahead without the family's engagement; the offer stays open.
        if details.get("outcome") not in {"engaged", "declined"}:
            raise RuleViolation("Say whether the family engaged with the review or declined (the review may go "
                                "ahead without them, and the offer stays open, 000:99).",
                                code="dhr.family_outcome", field="outcome")
        _need(details, "advocacy_offered", "Record the advocacy services offered to the family (001:486).",
              "dhr.family_advocacy")
        offered_on, choose_by = details.get("advocacy_offered_on"), details.get("choose_by")
        if choose_by and not offered_on:
            raise RuleViolation("Enter the date advocacy was offered: the time the family was given to choose runs "
                                "from the offer.", code="dhr.family_choice_order", field="advocacy_offered_on")
        if offered_on and choose_by and choose_by < offered_on:
            raise RuleViolation("The date the family was given to choose by cannot be before advocacy was offered.",
                                code="dhr.family_choice_order", field="choose_by")
    elif step == Step.FEEDBACK:
        if details.get("outcome") not in {"approved", "changes"}:
            raise RuleViolation("Say whether the quality assurance panel approved the report or asked for changes.",
                                code="dhr.feedback_outcome", field="outcome")
    elif step == Step.PUBLICATION_NOTICE:
        _need(details, "told_by", "Enter who told the family and the media team the publication date.",
              "dhr.publication_notice_by")
    elif step == Step.COMMISSIONER:
        if not feedback_approved:
            raise RuleViolation("The Domestic Abuse Commissioner is sent the final report (001:477): record the "
                                "quality assurance panel's approval first.", code="dhr.commissioner_before_final")
        _need(details, "evidence", "Record how the report was sent (for example the email's reference).",
              "dhr.commissioner_evidence")
    elif step == Step.PUBLISHED:
        if not feedback_approved:
            raise RuleViolation("A report is published only after the Home Office quality assurance panel has "
                                "approved it (2016 guidance, Section 9).", code="dhr.publish_before_approval")
        if not details.get("anonymisation_checked"):
            raise RuleViolation("Confirm the report has been checked for anonymisation before it is published.",
                                code="dhr.anonymisation", field="anonymisation_checked")


def check_withholding(*, feedback_approved: bool, published: bool, reason: str, approver: str) -> None:
    """All reports are published unless there are safeguarding concerns (001:429; 000:135): withholding one
    needs the QA panel's approval of the report, the concern recorded and who approved not publishing."""
    if published:
        raise RuleViolation("The report is already published.", code="dhr.withhold_published")
    if not feedback_approved:
        raise RuleViolation("Record the quality assurance panel's approval of the report first.",
                            code="dhr.withhold_before_approval")
    if not reason.strip():
        raise RuleViolation("All reports are published unless there are safeguarding concerns (001:429): record "
                            "the concern.", code="dhr.withhold_reason", field="reason")
    if not approver.strip():
        raise RuleViolation("Record who approved not publishing the report.", code="dhr.withhold_approver",
                            field="approved_by")


def check_extension(*, months: int, reason: str, review_decided: bool, closed: bool) -> None:
    """The six-month timescale may be extended (e.g. for parallel proceedings, 001:437), with the reason."""
    if not review_decided or closed:
        raise RuleViolation("Only an open review's timescale can be extended.", code="dhr.extension_not_open")
    if not 1 <= months <= 24:
        raise RuleViolation("An extension is between 1 and 24 months.", code="dhr.extension_months",
                            field="months")
    if not reason.strip():
        raise RuleViolation("Record the reason for the extension.", code="dhr.extension_reason", field="reason")


def check_erasure(*, closed_on: dt.date | None, erased_on: dt.date | None, erase_after: dt.date | None,
                  today: dt.date) -> None:
    """Personal data of a closed case is erased once the partnership's retention period has passed; the
    learning (themes, recommendations, dates of the stages) is kept."""
    if erased_on is not None:
        raise RuleViolation("This case's personal data has already been erased.", code="dhr.already_erased")
    if closed_on is None or erase_after is None:
        raise RuleViolation("Only a closed case's personal data can be erased.", code="dhr.erase_open_case")
    if today < erase_after:
        raise RuleViolation(f"This case's personal data is kept until {erase_after:%-d %B %Y} under the "
                            "partnership's retention rule.", code="dhr.erase_too_early")


# --- The register of chairs, tenders, parallel processes, the family, the action repository -------------------

def check_chair_independence(*, chair_name: str, connected: dict[int, str], case_agencies: set[int]) -> None:
    """The chair is independent of the agencies involved: not employed by any of them and never their line
    manager of staff involved (2016 guidance, Section 4, "Appointing a Chair of the Review Panel"; we could not
    read the paragraph's words with the search tool, so the wording here is ours). ``connected`` holds the
    agencies the chair declared they work or worked for, or line-managed in."""
    clash = sorted(name for pk, name in connected.items() if pk in case_agencies)
    if clash:
        raise RuleViolation(f"{chair_name} cannot chair this review: they declared a connection with "
                            f"{', '.join(clash)}, an agency involved (the chair must be independent of every agency "
                            "involved, 2016 guidance, Section 4).", code="dhr.chair_not_independent", field="chair")


def check_chair_accredited(*, chair_name: str, accreditation: str, trained_on: dt.date | None,
                           appointed_on: dt.date) -> None:
    """Only an accredited chair is appointed: the register records their accreditation or training and its date,
    on or before the appointment (001:436: chairs come from the register of accredited chairs; our wording)."""
    if not accreditation.strip() or trained_on is None:
        raise RuleViolation(f"{chair_name} cannot be appointed: the register has no accreditation or training date "
                            "for them. Only an accredited chair may chair a review: record their accreditation and "
                            "the date of their training on the register first.",
                            code="dhr.chair_not_accredited", field="chair")
    if trained_on > appointed_on:
        raise RuleViolation(f"{chair_name} cannot be appointed on {appointed_on:%-d %B %Y}: their training is dated "
                            f"{trained_on:%-d %B %Y}, after it. Only an accredited chair may chair a review.",
                            code="dhr.chair_not_accredited", field="chair")


def check_tender(*, invited: set[int], chosen: int | None, reason: str, available: bool) -> None:
    """Chairs are appointed through a transparent tender (001:436): the chosen chair was invited, is available,
    and the reason for the choice is recorded."""
    if not invited:
        raise RuleViolation("Invite at least one chair from the register to tender.", code="dhr.tender_empty",
                            field="invited")
    if chosen is None:
        return
    if chosen not in invited:
        raise RuleViolation("Only a chair invited to tender can be appointed (a transparent tender, 001:436).",
                            code="dhr.tender_not_invited", field="chair")
    if not available:
        raise RuleViolation("That chair is marked as not available on the register.", code="dhr.chair_unavailable",
                            field="chair")
    if not reason.strip():
        raise RuleViolation("Record why this chair was chosen (a transparent tender, 001:436).",
                            code="dhr.tender_reason", field="reason")


def check_parallel_dates(*, started_on: dt.date | None, ended_on: dt.date | None, today: dt.date) -> None:
    if ended_on is not None and ended_on > today:
        raise RuleViolation("The end date cannot be in the future.", code="dhr.parallel_in_future", field="ended_on")
    if started_on and ended_on and ended_on < started_on:
        raise RuleViolation("A process cannot end before it started.", code="dhr.parallel_order", field="ended_on")


def check_pause(*, pauses_review: bool, reason: str) -> None:
    """A review waits for a parallel process only by the team's recorded choice, with its reason (issue 13: the
    clock pauses for parallel proceedings "with a reason")."""
    if pauses_review and not reason.strip():
        raise RuleViolation("Enter why the review waits for this process: its timescale is paused only with a "
                            "recorded reason.", code="dhr.pause_reason", field="pause_reason")


def check_not_blocked(blocking: list[tuple[str, str]], *, what: str) -> None:
    """Publication and sharing of the report wait for the parallel processes that would be prejudiced by it:
    the criminal trial above all, and the inquest and IOPC investigation (seed 001:437: the review dovetails
    with investigations running in parallel). ``blocking``: (process, why) of each still open."""
    if blocking:
        reasons = "; ".join(f"the {name.lower()} has not ended ({why})" for name, why in blocking)
        raise RuleViolation(f"The report cannot be {what} yet: {reasons}. Record its end first.",
                            code="dhr.parallel_blocks")


def check_family_contact(*, contacted_on: dt.date, date_notified: dt.date, who: str, today: dt.date) -> None:
    if not who.strip():
        raise RuleViolation("Enter who was contacted (a family member, friend or advocate).",
                            code="dhr.contact_who", field="who")
    check_not_before(contacted_on, date_notified, what="of the contact", after="the notification",
                     code="dhr.contact_before_notification", field="contacted_on", today=today)


def check_family_offered_draft(contacts: list[tuple[str, bool | None, str]]) -> None:
    """Before the report goes to the Home Office quality assurance panel the family has been offered the draft
    to read, and, if they read it, their views are recorded. The seeds: advocates "read though draft report
    with families" (001:489-497) and families are integral "throughout" (000:134); the 2016 guidance, Section
    6, on involving family and friends (paragraph text not read, see ``clocks``). Declining is an answer: the
    offer is what must be recorded (000:99). ``contacts``: (purpose, agreed_draft, views_on_draft)."""
    offers = [c for c in contacts if c[0] == "draft"]
    if not offers:
        raise RuleViolation("Offer the family the draft report to read, and log that contact, before submitting "
                            "to the quality assurance panel (001:489-497).", code="dhr.family_draft_not_offered")
    if any(agreed and not views.strip() for _, agreed, views in offers):
        raise RuleViolation("The family read the draft: record their views on it before submitting.",
                            code="dhr.family_views_missing")


def check_recommendation_update(*, status: str, note: str, updated_on: dt.date, today: dt.date) -> None:
    """An action in the composite repository (001:429) is complete only with evidence of completion."""
    if status not in {"open", "in_progress", "complete"}:
        raise RuleViolation("Choose a status.", code="dhr.recommendation_status", field="status")
    if updated_on > today:
        raise RuleViolation("The date cannot be in the future.", code="dhr.recommendation_in_future",
                            field="updated_on")
    if status == "complete" and not note.strip():
        raise RuleViolation("Record the evidence of completion.", code="dhr.recommendation_evidence", field="note")


# --- The report's versions and the Home Office quality assurance panel ----------------------------------------
# 2016 guidance, Section 11 (quality assurance): the Partnership sends the overview report and executive
# summary to the Home Office, whose panel may approve it, ask for changes, or ask for it to be resubmitted.

REPORT_TYPES = {".pdf", ".docx", ".odt", ".txt"}
MAX_REPORT_BYTES = 20 * 1024 * 1024


def check_report_upload(*, kind: str, filename: str, size: int, has_overview: bool, approved: bool,
                        published: bool) -> None:
    """A new version of the overview report or the executive summary."""
    if published:
        raise RuleViolation("The report is published: its approved version cannot be replaced.",
                            code="dhr.report_published", field="file")
    if approved:
        raise RuleViolation("The quality assurance panel has approved the report: the approved versions are the ones "
                            "published and sent to the Domestic Abuse Commissioner, so no new version can be added.",
                            code="dhr.report_approved", field="file")
    if kind == "summary" and not has_overview:
        raise RuleViolation("Upload the overview report before its executive summary.",
                            code="dhr.summary_before_overview", field="kind")
    suffix = ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""
    if suffix not in REPORT_TYPES:
        raise RuleViolation("Upload a PDF, Word, OpenDocument or text file.", code="dhr.report_type", field="file")
    if not 0 < size <= MAX_REPORT_BYTES:
        raise RuleViolation("The file must be between 1 byte and 20 MB.", code="dhr.report_size", field="file")


def check_qa_submission(*, submitted_on: dt.date, today: dt.date, overview_uploaded_on: dt.date | None,
                        previous: dict | None) -> None:
    """Submitting (or resubmitting) the report to the quality assurance panel. ``previous``: the last
    submission as {"letter_on", "outcome", "approved_on", "unanswered"}, or None for the first."""
    if overview_uploaded_on is None:
        raise RuleViolation("Upload the overview report (a draft is enough) before submitting it to the Home Office "
                            "quality assurance panel.", code="dhr.qa_needs_draft")
    if submitted_on > today:
        raise RuleViolation("The date of submission cannot be in the future.", code="dhr.qa_submission_in_future",
                            field="submitted_on")
    if submitted_on < overview_uploaded_on:
        raise RuleViolation("The date of submission cannot be before the overview report's latest version was "
                            "uploaded.", code="dhr.qa_submission_before_upload", field="submitted_on")
    if previous is None:
        return
    if previous["approved_on"] is not None:
        raise RuleViolation("The quality assurance panel has already approved the report.",
                            code="dhr.qa_already_approved")
    if previous["letter_on"] is None:
        raise RuleViolation("The last submission is still with the quality assurance panel: record its letter "
                            "before resubmitting.", code="dhr.qa_awaiting_letter")
    if previous["outcome"] == "approved":
        raise RuleViolation("The quality assurance panel approved the report: record the approval instead of "
                            "resubmitting.", code="dhr.qa_resubmit_approved")
    if previous["unanswered"]:
        raise RuleViolation(f"A resubmission answers every change the panel asked for: {previous['unanswered']} "
                            "still without a response and the version that answers it.",
                            code="dhr.qa_changes_unanswered")
    if submitted_on < previous["letter_on"]:
        raise RuleViolation("The resubmission cannot be dated before the panel's letter.",
                            code="dhr.qa_resubmit_before_letter", field="submitted_on")


def check_qa_letter(*, letter_on: dt.date, submitted_on: dt.date, today: dt.date, outcome: str,
                    changes: list[str], has_file: bool, already: bool) -> None:
    """The quality assurance panel's letter on one submission: its date, the file and the outcome."""
    if already:
        raise RuleViolation("The panel's letter on this submission is already recorded.",
                            code="dhr.qa_letter_recorded")
    if outcome not in {"approved", "subject_to_changes", "resubmit"}:
        raise RuleViolation("Choose the panel's outcome: approved, approved subject to changes, or resubmit.",
                            code="dhr.qa_letter_outcome", field="outcome")
    check_not_before(letter_on, submitted_on, what="of the panel's letter", after="the submission",
                     code="dhr.qa_letter_before_submission", field="letter_on", today=today)
    if not has_file:
        raise RuleViolation("Upload the panel's letter.", code="dhr.qa_letter_file", field="file")
    if outcome != "approved" and not [c for c in changes if c.strip()]:
        raise RuleViolation("Enter each change the panel asked for, one per line.", code="dhr.qa_changes_missing",
                            field="changes")


def check_qa_response(*, response: str, version: int | None, submitted_version: int, kind_ok: bool,
                      responded_on: dt.date, letter_on: dt.date, today: dt.date) -> None:
    """The Partnership's answer to one requested change: what was done, and the version that does it (a version
    uploaded after the one the panel read)."""
    if not response.strip():
        raise RuleViolation("Enter the Partnership's response to the change.", code="dhr.qa_response_text",
                            field="response")
    if version is None or not kind_ok:
        raise RuleViolation("Choose the version of the report that answers the change.",
                            code="dhr.qa_response_version", field="version")
    if version <= submitted_version:
        raise RuleViolation(f"The panel read version {submitted_version}: the change is answered by a later version.",
                            code="dhr.qa_response_version_old", field="version")
    check_not_before(responded_on, letter_on, what="of the response", after="the panel's letter",
                     code="dhr.qa_response_order", field="responded_on", today=today)


def check_qa_approval(*, approved_on: dt.date, submitted_on: dt.date, letter_on: dt.date | None, outcome: str,
                      unanswered: int, final_overview: bool, final_summary: bool, today: dt.date) -> None:
    """The panel's approval, after its letter: for "approved subject to changes" every change answered; a
    "resubmit" letter needs a resubmission first. The approval names the final versions (overview report and
    executive summary) that are published and sent to the Domestic Abuse Commissioner."""
    if approved_on < submitted_on:
        raise RuleViolation("The approval cannot be dated before the report was submitted to the panel.",
                            code="dhr.qa_approval_before_submission", field="approved_on")
    if letter_on is None:
        raise RuleViolation("Record the quality assurance panel's letter first.",
                            code="dhr.qa_approval_without_letter")
    check_not_before(approved_on, letter_on, what="of the approval", after="the panel's letter",
                     code="dhr.qa_approval_before_letter", field="approved_on", today=today)
    if outcome == "resubmit":
        raise RuleViolation("The panel asked for the report to be resubmitted: resubmit it before an approval can "
                            "be recorded.", code="dhr.qa_resubmission_needed")
    if unanswered:
        raise RuleViolation(f"The approval was subject to changes: {unanswered} still without a response and the "
                            "version that answers it.", code="dhr.qa_changes_unanswered")
    if not final_overview or not final_summary:
        raise RuleViolation("Upload the final overview report and the final executive summary: the approval names "
                            "the versions that are published.", code="dhr.qa_approval_needs_final")
