"""The report's versions and the Home Office quality assurance panel: upload a version, submit (and resubmit)
to the panel, record its letter and the changes it asks for, answer each change, record the approval.

These actions also record the review's stages "Draft the overview report" (the overview's first version),
"Submit to the Home Office quality assurance panel" (the first submission, which stops the review's clock) and
"Record the quality assurance panel's feedback" (the approval), so publication, the anonymisation check and
the Domestic Abuse Commissioner's copy work on the approved final versions. Audit rows hold ids, versions,
dates and outcomes only: never the file names, the panel's words or the responses.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.dhr import rules
from saferhub.dhr.actions.common import full_clean, lock_case, not_erased, today
from saferhub.dhr.actions.review import record_report_step
from saferhub.dhr.models import Case, DocumentKind, QaChange, QaOutcome, QaSubmission, ReportDocument
from saferhub.dhr.queries import approved_submission, last_submission, latest
from saferhub.dhr.steps import Step


def _suffix(filename: str) -> str:
    return ("." + filename.rsplit(".", 1)[-1].lower()) if "." in filename else ""


def _store(folder: str, name: str, filename: str, content: bytes) -> str:
    path = f"dhr/{folder}/{name}{_suffix(filename)}"
    if default_storage.exists(path):
        default_storage.delete(path)
    return default_storage.save(path, ContentFile(content))


@transaction.atomic
def upload_report_version(case: Case, *, kind: str, final: bool, filename: str, content: bytes,
                          acting_user: Actor, on: dt.date | None = None) -> ReportDocument:
    """A new version of the overview report or the executive summary; earlier versions are kept. The
    overview's first version records the stage "Draft the overview report" (after the stages it follows)."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    kind = DocumentKind(kind)
    day = on or today()
    done = set(case.steps.values_list("step", flat=True))
    rules.check_report_upload(kind=kind, filename=filename, size=len(content or b""),
                              has_overview=latest(case, DocumentKind.OVERVIEW) is not None,
                              approved=approved_submission(case) is not None, published=Step.PUBLISHED in done)
    previous = latest(case, kind)
    document = ReportDocument(case=case, kind=kind, version=(previous.version + 1) if previous else 1,
                              final=bool(final), filename=filename[-200:], uploaded_on=day,
                              uploaded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None)
    full_clean(document, exclude=["case", "file_path"])
    if kind == DocumentKind.OVERVIEW and Step.DRAFT not in done:
        record_report_step(case, step=Step.DRAFT, done_on=day, details={"version": str(document.version)},
                           acting_user=acting_user, on=day)
    document.file_path = _store(f"reports/{case.pk}", f"{kind}-v{document.version}", filename, content)
    document.save()
    audit.record("dhr.report.uploaded", actor=acting_user, target=case,
                 data={"document": document.pk, "kind": kind.value, "version": document.version, "final": document.final})
    return document


def _unanswered(submission: QaSubmission) -> int:
    return sum(1 for change in submission.changes.all() if not change.answered)


@transaction.atomic
def submit_to_qa(case: Case, *, submitted_on: dt.date, acting_user: Actor, on: dt.date | None = None) -> QaSubmission:
    """Send the latest versions to the Home Office quality assurance panel. The first submission records the
    stage (after the Partnership's sign-off, and the family offered the draft); a resubmission answers every
    change the panel's last letter asked for."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    overview, summary = latest(case, DocumentKind.OVERVIEW), latest(case, DocumentKind.SUMMARY)
    previous = last_submission(case)
    rules.check_qa_submission(
        submitted_on=submitted_on, today=on or today(), overview_uploaded_on=overview.uploaded_on if overview else None,
        previous=None if previous is None else {"letter_on": previous.letter_on, "outcome": previous.letter_outcome,
                                                "approved_on": previous.approved_on,
                                                "unanswered": _unanswered(previous)})
    if previous is None:
        record_report_step(case, step=Step.SUBMITTED, done_on=submitted_on, acting_user=acting_user, on=on)
    submission = QaSubmission(case=case, number=(previous.number + 1) if previous else 1, submitted_on=submitted_on,
                              overview=overview, summary=summary)
    full_clean(submission, exclude=["case"])
    submission.save()
    audit.record("dhr.qa.submitted", actor=acting_user, target=case,
                 data={"submission": submission.pk, "number": submission.number, "submitted_on": submitted_on,
                       "overview_version": overview.version})
    return submission


@transaction.atomic
def record_qa_letter(submission: QaSubmission, *, letter_on: dt.date, outcome: str, filename: str, content: bytes,
                     changes: list[str], acting_user: Actor, on: dt.date | None = None) -> QaSubmission:
    """The panel's letter on a submission: its date, the file, the outcome and each change it asks for."""
    require(acting_user, "dhr.change_case", submission.case)
    lock_case(submission.case)
    not_erased(submission.case)
    submission = QaSubmission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    changes = [c.strip() for c in changes if c.strip()]
    rules.check_qa_letter(letter_on=letter_on, submitted_on=submission.submitted_on, today=on or today(),
                          outcome=outcome, changes=changes, has_file=bool(content), already=submission.letter_on is not None)
    if _suffix(filename) not in rules.REPORT_TYPES or len(content) > rules.MAX_REPORT_BYTES:
        raise RuleViolation("Upload the letter as a PDF, Word, OpenDocument or text file of at most 20 MB.",
                            code="dhr.qa_letter_type", field="file")
    submission.letter_on, submission.letter_outcome = letter_on, QaOutcome(outcome)
    submission.letter_path = _store(f"reports/{submission.case_id}", f"qa-letter-{submission.number}", filename,
                                    content)
    full_clean(submission, exclude=["case", "overview", "summary"])
    submission.save(update_fields=["letter_on", "letter_outcome", "letter_path"])
    for text in changes:
        QaChange.objects.create(submission=submission, text=text)
    audit.record("dhr.qa.letter_recorded", actor=acting_user, target=submission.case,
                 data={"submission": submission.pk, "letter_on": letter_on, "outcome": outcome,
                       "changes": len(changes)})
    return submission


@transaction.atomic
def respond_to_qa_change(change: QaChange, *, response: str, version: ReportDocument | None, responded_on: dt.date,
                         acting_user: Actor, on: dt.date | None = None) -> QaChange:
    """The Partnership's response to one change the panel asked for, and the version of the report that answers
    it (later than the version the panel read)."""
    submission = change.submission
    require(acting_user, "dhr.change_case", submission.case)
    lock_case(submission.case)
    not_erased(submission.case)
    if submission.approved_on is not None:
        raise RuleViolation("The report is approved: its changes can no longer be answered.",
                            code="dhr.qa_response_after_approval")
    kind_ok = version is not None and version.case_id == submission.case_id
    read = None
    if kind_ok:
        read = submission.overview if version.kind == DocumentKind.OVERVIEW else submission.summary
    rules.check_qa_response(response=response, version=version.version if kind_ok else None,
                            submitted_version=read.version if read else 0, kind_ok=kind_ok,
                            responded_on=responded_on, letter_on=submission.letter_on, today=on or today())
    change.response, change.answered_by, change.responded_on = response.strip(), version, responded_on
    change.save(update_fields=["response", "answered_by", "responded_on"])
    audit.record("dhr.qa.change_answered", actor=acting_user, target=submission.case,
                 data={"change": change.pk, "document": version.pk, "responded_on": responded_on})
    return change


@transaction.atomic
def record_qa_approval(case: Case, *, approved_on: dt.date, acting_user: Actor,
                       on: dt.date | None = None) -> QaSubmission:
    """The panel's approval of the latest submission, naming the final versions that are published."""
    require(acting_user, "dhr.change_case", case)
    case = lock_case(case)
    not_erased(case)
    submission = last_submission(case)
    if submission is None:
        raise RuleViolation("Submit the report to the quality assurance panel first.", code="dhr.qa_not_submitted")
    if submission.approved_on is not None:
        raise RuleViolation("The quality assurance panel has already approved the report.",
                            code="dhr.qa_already_approved")
    overview, summary = latest(case, DocumentKind.OVERVIEW), latest(case, DocumentKind.SUMMARY)
    rules.check_qa_approval(approved_on=approved_on, submitted_on=submission.submitted_on,
                            letter_on=submission.letter_on, outcome=submission.letter_outcome,
                            unanswered=_unanswered(submission), final_overview=bool(overview and overview.final),
                            final_summary=bool(summary and summary.final), today=on or today())
    record_report_step(case, step=Step.FEEDBACK, done_on=approved_on, details={"outcome": "approved"},
                       acting_user=acting_user, on=on)
    submission.approved_on, submission.approved_overview, submission.approved_summary = approved_on, overview, summary
    submission.save(update_fields=["approved_on", "approved_overview", "approved_summary"])
    audit.record("dhr.qa.approved", actor=acting_user, target=case,
                 data={"submission": submission.pk, "approved_on": approved_on, "overview_version": overview.version,
                       "summary_version": summary.version})
    return submission


@transaction.atomic
def record_document_viewed(document: ReportDocument, *, acting_user: Actor) -> None:
    """Every download of a report version is audited, like every read of a case."""
    require(acting_user, "dhr.view_review", document.case)
    audit.record("dhr.report.viewed", actor=acting_user, target=document.case, data={"document": document.pk})
