"""The report's versions and the Home Office quality assurance panel: each rule refuses with its message, the
versions are kept, a resubmission answers every change, the approval names the final versions, and
publication and the Commissioner's copy use them; every change is audited."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.dhr import actions
from saferhub.dhr.models import Case, ReportDocument
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

pytestmark = pytest.mark.django_db

SIGNED_OFF = dt.date(2026, 3, 16)  # f.through(case, "sign_off") ends here
D = dt.date


def upload(case, kind="overview", final=False, on=SIGNED_OFF, name="report.pdf", user=SYSTEM):
    return actions.upload_report_version(case, kind=kind, final=final, filename=name, content=b"%PDF text",
                                         acting_user=user, on=on)


def approve(case: Case, day: dt.date) -> None:
    """From a first submission to the panel's approval (final versions, an "approved" letter)."""
    upload(case, "overview", final=True, on=day)
    upload(case, "summary", final=True, on=day)
    submission = case.qa_submissions.order_by("-number").first()
    actions.record_qa_letter(submission, letter_on=day, outcome="approved", filename="letter.pdf", content=b"ok",
                             changes=[], acting_user=SYSTEM, on=TODAY)
    actions.record_qa_approval(case, approved_on=day, acting_user=SYSTEM, on=TODAY)


@pytest.fixture
def signed_off():
    case = f.case()
    f.decide(case)
    f.through(case, "sign_off")
    return Case.objects.get(pk=case.pk)


def test_versions_are_numbered_per_document_and_earlier_ones_kept_with_date_and_uploader(signed_off):
    member = f.team_member(signed_off.partnership)
    upload(signed_off, on=D(2026, 3, 17), user=member)
    upload(signed_off, "summary", on=D(2026, 3, 18))
    upload(signed_off, on=D(2026, 3, 19), final=True)
    rows = list(ReportDocument.objects.filter(case=signed_off).order_by("kind", "version").values_list(
        "kind", "version", "final", "uploaded_on", "uploaded_by"))
    # The draft stage's own version 1 (the demo's) comes first.
    assert [(k, v) for k, v, *_ in rows] == [("overview", 1), ("overview", 2), ("overview", 3), ("summary", 1)]
    assert rows[1][3:] == (D(2026, 3, 17), member.pk) and rows[1][2] is False and rows[2][2] is True
    assert AuditEvent.objects.filter(code="dhr.report.uploaded", target_id=str(signed_off.pk)).count() == 4


def test_an_upload_needs_a_known_file_type_and_the_summary_comes_after_the_overview():
    case = f.case()
    f.decide(case)
    f.through(case, "family")
    with pytest.raises(RuleViolation, match="overview report before its executive summary"):
        upload(case, "summary")
    with pytest.raises(RuleViolation, match="PDF, Word"):
        upload(case, name="report.exe")
    upload(case)
    assert case.steps.filter(step="draft").exists()  # the overview's first version records the stage


def test_the_first_submission_needs_a_draft_and_records_the_stage(signed_off):
    signed_off.documents.all().delete()
    with pytest.raises(RuleViolation, match="Upload the overview report") as err:
        actions.submit_to_qa(signed_off, submitted_on=D(2026, 3, 20), acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.qa_needs_draft"
    upload(signed_off, on=D(2026, 3, 18))
    with pytest.raises(RuleViolation, match="before the overview report's latest version"):
        actions.submit_to_qa(signed_off, submitted_on=D(2026, 3, 17), acting_user=SYSTEM, on=TODAY)
    submission = actions.submit_to_qa(signed_off, submitted_on=D(2026, 3, 20), acting_user=SYSTEM, on=TODAY)
    assert submission.number == 1 and signed_off.steps.filter(step="submitted", done_on=D(2026, 3, 20)).exists()
    with pytest.raises(RuleViolation, match="still with the quality assurance panel"):
        actions.submit_to_qa(signed_off, submitted_on=D(2026, 3, 21), acting_user=SYSTEM, on=TODAY)


def test_the_review_stages_of_the_report_are_recorded_only_through_the_report_actions(signed_off):
    with pytest.raises(RuleViolation) as err:
        actions.record_step(signed_off, step="submitted", done_on=D(2026, 3, 20), acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.step_on_report_page"


def _submitted(case):
    upload(case, on=D(2026, 3, 18))
    return actions.submit_to_qa(case, submitted_on=D(2026, 3, 20), acting_user=SYSTEM, on=TODAY)


def test_the_letter_is_dated_after_the_submission_has_a_file_and_lists_changes(signed_off):
    submission = _submitted(signed_off)

    def letter(**kw):
        values = dict(letter_on=D(2026, 4, 10), outcome="resubmit", filename="letter.pdf", content=b"x",
                      changes=["Add the chronology"], acting_user=SYSTEM, on=TODAY)
        values.update(kw)
        return actions.record_qa_letter(submission, **values)

    with pytest.raises(RuleViolation, match="cannot be before the submission"):
        letter(letter_on=D(2026, 3, 19))
    with pytest.raises(RuleViolation, match="Upload the panel's letter"):
        letter(content=b"")
    with pytest.raises(RuleViolation, match="each change"):
        letter(changes=[" "])
    letter()
    with pytest.raises(RuleViolation, match="already recorded"):
        letter()
    assert submission.changes.count() == 1


def test_a_resubmission_needs_every_change_answered_by_a_later_version(signed_off):
    submission = _submitted(signed_off)
    actions.record_qa_letter(submission, letter_on=D(2026, 4, 10), outcome="resubmit", filename="l.pdf",
                             content=b"x", changes=["Add the chronology", "Anonymise the GP"], acting_user=SYSTEM,
                             on=TODAY)
    first, second = submission.changes.all()
    with pytest.raises(RuleViolation, match="every change") as err:
        actions.submit_to_qa(signed_off, submitted_on=D(2026, 4, 20), acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.qa_changes_unanswered"
    with pytest.raises(RuleViolation, match="approval"):
        actions.record_qa_approval(signed_off, approved_on=D(2026, 4, 20), acting_user=SYSTEM, on=TODAY)
    read = submission.overview
    with pytest.raises(RuleViolation, match="answered by a later version"):
        actions.respond_to_qa_change(first, response="Added", version=read, responded_on=D(2026, 4, 12),
                                     acting_user=SYSTEM, on=TODAY)
    v3 = upload(signed_off, on=D(2026, 4, 8))
    with pytest.raises(RuleViolation, match="Enter the Partnership's response"):
        actions.respond_to_qa_change(first, response=" ", version=v3, responded_on=D(2026, 4, 12),
                                     acting_user=SYSTEM, on=TODAY)
    actions.respond_to_qa_change(first, response="Added", version=v3, responded_on=D(2026, 4, 12),
                                 acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation, match="1 still without a response"):
        actions.submit_to_qa(signed_off, submitted_on=D(2026, 4, 20), acting_user=SYSTEM, on=TODAY)
    actions.respond_to_qa_change(second, response="Done", version=v3, responded_on=D(2026, 4, 12),
                                 acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation, match="before the panel's letter"):
        actions.submit_to_qa(signed_off, submitted_on=D(2026, 4, 9), acting_user=SYSTEM, on=TODAY)
    again = actions.submit_to_qa(signed_off, submitted_on=D(2026, 4, 20), acting_user=SYSTEM, on=TODAY)
    assert again.number == 2 and again.overview == v3
    assert signed_off.steps.get(step="submitted").done_on == D(2026, 3, 20)  # the clock stopped at the first


def test_approval_subject_to_changes_cannot_predate_the_submission_and_names_the_final_versions(signed_off):
    submission = _submitted(signed_off)
    actions.record_qa_letter(submission, letter_on=D(2026, 4, 10), outcome="subject_to_changes", filename="l.pdf",
                             content=b"x", changes=["Shorten the summary"], acting_user=SYSTEM, on=TODAY)
    final = upload(signed_off, final=True, on=D(2026, 4, 12))
    actions.respond_to_qa_change(submission.changes.get(), response="Shortened", version=final,
                                 responded_on=D(2026, 4, 12), acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation, match="before the report was submitted") as err:
        actions.record_qa_approval(signed_off, approved_on=D(2026, 3, 19), acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.qa_approval_before_submission"
    with pytest.raises(RuleViolation, match="final executive summary"):
        actions.record_qa_approval(signed_off, approved_on=D(2026, 4, 14), acting_user=SYSTEM, on=TODAY)
    summary = upload(signed_off, "summary", final=True, on=D(2026, 4, 13))
    approved = actions.record_qa_approval(signed_off, approved_on=D(2026, 4, 14), acting_user=SYSTEM, on=TODAY)
    assert (approved.approved_overview, approved.approved_summary) == (final, summary)
    assert signed_off.steps.get(step="feedback").details["outcome"] == "approved"
    with pytest.raises(RuleViolation, match="no new version"):
        upload(signed_off, final=True, on=D(2026, 4, 15))
    codes = list(AuditEvent.objects.filter(target_id=str(signed_off.pk), code__startswith="dhr.qa.")
                 .order_by("id").values_list("code", flat=True))
    assert codes == ["dhr.qa.submitted", "dhr.qa.letter_recorded", "dhr.qa.change_answered", "dhr.qa.approved"]


def test_publication_before_approval_is_refused_and_the_published_and_sent_versions_are_the_approved_ones(signed_off):
    _submitted(signed_off)
    with pytest.raises(RuleViolation, match="needs this done first: Record the quality assurance") as err:
        actions.record_step(signed_off, step="published", done_on=D(2026, 4, 20),
                            details={"anonymisation_checked": True}, acting_user=SYSTEM, on=TODAY)
    assert err.value.code in {"dhr.step_order", "dhr.publish_before_approval"}
    approve(signed_off, D(2026, 4, 14))
    f.tell_of_publication(signed_off, D(2026, 4, 14))
    published = actions.record_step(signed_off, step="published", done_on=D(2026, 4, 21),
                                    details={"anonymisation_checked": True}, acting_user=SYSTEM, on=TODAY)
    sent = actions.record_step(signed_off, step="commissioner", done_on=D(2026, 4, 22),
                               details={"evidence": "email 12"}, acting_user=SYSTEM, on=TODAY)
    words = "overview report version 3, executive summary version 1"
    assert published.details["version"] == words and sent.details["version"] == words


def test_erasure_removes_drafts_letters_and_responses_and_keeps_the_approved_versions(signed_off):
    submission = _submitted(signed_off)
    actions.record_qa_letter(submission, letter_on=D(2026, 4, 10), outcome="subject_to_changes", filename="l.pdf",
                             content=b"x", changes=["Remove the neighbour's name"], acting_user=SYSTEM, on=TODAY)
    final = upload(signed_off, final=True, on=D(2026, 4, 12))
    upload(signed_off, "summary", final=True, on=D(2026, 4, 12))
    actions.respond_to_qa_change(submission.changes.get(), response="Removed Mrs Example", version=final,
                                 responded_on=D(2026, 4, 12), acting_user=SYSTEM, on=TODAY)
    actions.record_qa_approval(signed_off, approved_on=D(2026, 4, 14), acting_user=SYSTEM, on=TODAY)
    f.tell_of_publication(signed_off, D(2026, 4, 14))
    actions.record_step(signed_off, step="published", done_on=D(2026, 4, 21), details={"anonymisation_checked": True},
                        acting_user=SYSTEM, on=TODAY)
    actions.erase_due_cases(acting_user=SYSTEM, on=D(2046, 1, 1))
    submission.refresh_from_db()
    change = submission.changes.get()
    assert submission.letter_path == "" and change.text == "" and change.response == ""
    assert not signed_off.documents.filter(final=False).exclude(file_path="").exists()
    assert signed_off.documents.filter(final=True).exclude(file_path="").count() == 2
    assert not signed_off.documents.filter(uploaded_by__isnull=False).exists()


def test_the_thematic_page_counts_in_the_database_what_the_published_reviews_hold():
    from saferhub.dhr import queries, reporting

    for _ in range(2):
        case = f.case()
        f.decide(case)
        f.through(case, "published")
    live = f.case()
    f.decide(live)
    numbers = reporting.thematic_numbers()
    assert numbers == reporting.thematic(list(queries.published_learning()))
    assert dict(numbers["themes"])["Coercive control"] == 2


def test_the_overdue_sweep_finds_every_open_case_with_a_clock_past_due():
    from saferhub.dhr import clocks, queries

    late = f.case()  # notified 12 January 2026, no decision: a month to decide
    on_time = f.case(date_notified=D(2026, 6, 20), date_of_death=D(2026, 6, 18))
    f.decide(on_time, decided_on=D(2026, 6, 25))  # review due 25 December 2026
    reviewed = f.case()  # decided at once, review due six months after: overdue by the end of 2026
    f.decide(reviewed)
    extended = f.case()
    f.decide(extended)
    actions.extend_review(extended, months=6, reason="Trial", agreed_on=D(2026, 5, 1), acting_user=SYSTEM)
    rows = queries.sweep_rows()
    settings = queries.settings_by_partnership({r[1] for r in rows})
    day = D(2026, 12, 4)
    found = clocks.overdue_sweep(rows, settings, day)
    assert found == {late.pk: ["Decision"], reviewed.pk: ["Review submitted"]}
    # The same answer as every case's own clocks on its page.
    cases = Case.objects.prefetch_related("decisions", "steps", "extensions").filter(closed_on__isnull=True)
    assert found == {c.pk: [k.name for k in clocks.case_clocks(c, settings[c.partnership_id], day)
                            if k.state == clocks.OVERDUE] for c in cases
                     if any(k.state == clocks.OVERDUE for k in clocks.case_clocks(c, settings[c.partnership_id], day))}
    assert on_time.pk not in found
