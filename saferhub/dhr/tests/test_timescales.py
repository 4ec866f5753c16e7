"""The revised report's deadline after the quality assurance panel asks for changes (a configured timescale:
``DhrSettings.resubmission_weeks``), its clock on the review's pages and in the overdue sweep; and the notice of
the publication date the family and the media team are given before publishing (``publication_notice_days``)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import Role
from saferhub.dhr import actions, clocks, queries, rules
from saferhub.dhr.models import Case, DhrSettings
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

D = dt.date
LETTER = D(2026, 4, 10)
UPLOADED = D(2026, 3, 18)


def upload(case, kind="overview", final=False, on=UPLOADED):
    return actions.upload_report_version(case, kind=kind, final=final, filename="report.pdf", content=b"%PDF text",
                                         acting_user=SYSTEM, on=on)


def changes_asked(outcome="resubmit") -> Case:
    """A review submitted on 20 March 2026 whose panel's letter of 10 April 2026 asks for changes."""
    case = f.case()
    f.decide(case)
    f.through(case, "sign_off")
    upload(case)
    submission = actions.submit_to_qa(case, submitted_on=D(2026, 3, 20), acting_user=SYSTEM, on=TODAY)
    actions.record_qa_letter(submission, letter_on=LETTER, outcome=outcome, filename="letter.pdf", content=b"x",
                             changes=["Remove the neighbour's name"], acting_user=SYSTEM, on=TODAY)
    return Case.objects.prefetch_related("decisions", "steps", "extensions", "qa_submissions").get(pk=case.pk)


def answer_and_resubmit(case: Case, on: dt.date) -> None:
    version = upload(case, on=on)
    submission = case.qa_submissions.get(number=1)
    actions.respond_to_qa_change(submission.changes.get(), response="Removed", version=version, responded_on=on,
                                 acting_user=SYSTEM, on=TODAY)
    actions.submit_to_qa(case, submitted_on=on, acting_user=SYSTEM, on=TODAY)


def revised(case: Case, day: dt.date, settings: DhrSettings | None = None) -> clocks.Clock | None:
    settings = settings or DhrSettings(partnership=case.partnership)
    return next((c for c in clocks.case_clocks(case, settings, day) if c.name == clocks.REVISED), None)


# -- the revised report's clock (pure) ---------------------------------------------------------------------------
def test_the_latest_letter_asking_for_changes_runs_the_clock_until_the_report_goes_back():
    first = (1, D(2026, 3, 20), D(2026, 4, 10), "resubmit", None)
    assert clocks.revision_round([first]) == (D(2026, 4, 10), None)
    second = (2, D(2026, 5, 1), D(2026, 5, 20), "subject_to_changes", None)
    assert clocks.revision_round([second, first]) == (D(2026, 5, 20), None)  # the latest round
    assert clocks.revision_round([first, second[:4] + (D(2026, 6, 1),)]) == (D(2026, 5, 20), D(2026, 6, 1))
    assert clocks.revision_round([first, (2, D(2026, 5, 1), None, "", None)]) == (D(2026, 4, 10), D(2026, 5, 1))
    assert clocks.revision_round([(1, D(2026, 3, 20), D(2026, 4, 10), "approved", D(2026, 4, 12))]) is None
    assert clocks.revision_round([(1, D(2026, 3, 20), None, "", None)]) is None
    assert clocks.resubmission_due(D(2026, 4, 10), 8) == D(2026, 6, 5)


# -- the clock on a case, configured per partnership --------------------------------------------------------------
@pytest.mark.django_db
def test_the_revised_report_is_due_the_configured_weeks_after_the_letter_and_overdue_after():
    case = changes_asked()
    clock = revised(case, D(2026, 5, 1))
    assert (clock.due, clock.state) == (D(2026, 6, 5), clocks.DUE)  # eight weeks, SaferHub's default
    assert revised(case, D(2026, 5, 25)).state == clocks.AT_RISK
    assert revised(case, D(2026, 6, 6)).state == clocks.OVERDUE
    # The partnership's own target is data: four weeks makes it due on 8 May.
    actions.save_settings(partnership=case.partnership, resubmission_weeks=4, acting_user=SYSTEM)
    settings = queries.settings_of(case.partnership_id)
    assert revised(case, D(2026, 5, 9), settings).due == D(2026, 5, 8)
    assert revised(case, D(2026, 5, 9), settings).state == clocks.OVERDUE


@pytest.mark.django_db
def test_the_resubmission_stops_the_clock():
    case = changes_asked()
    answer_and_resubmit(case, D(2026, 6, 20))  # late, but done
    case = Case.objects.prefetch_related("qa_submissions", "decisions", "steps", "extensions").get(pk=case.pk)
    clock = revised(case, D(2026, 7, 1))
    assert (clock.state, clock.done_on) == (clocks.DONE, D(2026, 6, 20))


@pytest.mark.django_db
def test_no_clock_without_a_letter_asking_for_changes():
    case = f.case()
    f.decide(case)
    assert revised(Case.objects.get(pk=case.pk), D(2026, 7, 1)) is None


def test_the_setting_is_bounded():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        DhrSettings(partnership_id=1, resubmission_weeks=0).clean_fields(exclude=["partnership"])


@pytest.mark.django_db
def test_the_overdue_sweep_includes_the_revised_report_as_the_case_page_does():
    late = changes_asked()
    on_time = changes_asked("subject_to_changes")
    answer_and_resubmit(on_time, D(2026, 5, 1))
    rows = queries.sweep_rows()
    settings = queries.settings_by_partnership({r[1] for r in rows})
    day = D(2026, 6, 10)
    found = clocks.overdue_sweep(rows, settings, day)
    assert clocks.REVISED in found[late.pk]
    assert on_time.pk not in found or clocks.REVISED not in found[on_time.pk]
    for case in Case.objects.prefetch_related("decisions", "steps", "extensions", "qa_submissions"):
        page = [c.name for c in clocks.case_clocks(case, settings[case.partnership_id], day)
                if c.state == clocks.OVERDUE]
        assert found.get(case.pk, []) == page


@pytest.mark.django_db
@time_machine.travel(f.midday_in_london("2026-06-10"), tick=False)  # the factories' fixed 2026 dates: a fixed day, not any day
def test_the_review_pages_warn_that_the_revised_report_is_overdue():
    case = changes_asked()
    member = f.team_member(case.partnership)
    client = Client()
    client.force_login(member)
    page = client.get(reverse("dhr:case", args=[case.pk])).content.decode()
    assert "Revised report resubmitted: <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong> 5 Jun 2026" in page
    chair = f.user()
    actions.appoint_person(case, user=chair, role="chair", acting_user=SYSTEM)
    client.force_login(chair)
    page = client.get(reverse("dhr:review", args=[case.pk])).content.decode()
    assert "Revised report resubmitted: <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong>" in page


# -- the notice of the publication date ----------------------------------------------------------------------------
def test_publishing_needs_the_notice_given_at_least_the_minimum_days_before():
    with pytest.raises(RuleViolation) as err:
        rules.check_publication_notice(published_on=D(2026, 5, 1), notice_on=None, notice_days=7)
    assert err.value.code == "dhr.publication_notice_missing" and "family and the media team" in err.value.text
    with pytest.raises(RuleViolation) as err:
        rules.check_publication_notice(published_on=D(2026, 5, 7), notice_on=D(2026, 5, 1), notice_days=7)
    assert err.value.code == "dhr.publication_notice_short"
    assert "at least 7 days" in err.value.text and "8 May 2026 at the earliest" in err.value.text
    rules.check_publication_notice(published_on=D(2026, 5, 8), notice_on=D(2026, 5, 1), notice_days=7)
    rules.check_publication_notice(published_on=D(2026, 5, 1), notice_on=D(2026, 5, 1), notice_days=0)


@pytest.fixture
def approved():
    """A review through the QA panel's approval (recorded 30 March 2026 by the test factories)."""
    case = f.case()
    f.decide(case)
    f.through(case, "feedback")
    return Case.objects.get(pk=case.pk)


def publish(case, on):
    return actions.record_step(case, step="published", done_on=on, details={"anonymisation_checked": True},
                               acting_user=SYSTEM, on=TODAY)


@pytest.mark.django_db
def test_publication_is_refused_without_the_notice(approved):
    with pytest.raises(RuleViolation) as err:
        publish(approved, D(2026, 5, 1))
    assert err.value.code == "dhr.publication_notice_missing"
    assert not approved.steps.filter(step="published").exists()


@pytest.mark.django_db
def test_publication_is_refused_with_too_little_notice_and_allowed_with_enough(approved):
    actions.save_settings(partnership=approved.partnership, publication_notice_days=14, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="who told"):
        actions.record_step(approved, step="notice", done_on=D(2026, 5, 1), details={"told_by": " "},
                            acting_user=SYSTEM, on=TODAY)
    notice = f.tell_of_publication(approved, D(2026, 5, 1), told_by="Sam Comms", note="Told the date: 15 May")
    assert notice.details == {"told_by": "Sam Comms", "note": "Told the date: 15 May"}
    with pytest.raises(RuleViolation) as err:
        publish(approved, D(2026, 5, 14))
    assert err.value.code == "dhr.publication_notice_short" and "at least 14 days" in err.value.text
    assert not approved.steps.filter(step="published").exists()
    assert publish(approved, D(2026, 5, 15)).done_on == D(2026, 5, 15)


@pytest.mark.django_db
def test_the_notice_comes_after_the_qa_panels_approval():
    case = f.case()
    f.decide(case)
    f.through(case, "submitted")
    with pytest.raises(RuleViolation, match="needs this done first"):
        f.tell_of_publication(case, D(2026, 5, 1))


@pytest.mark.django_db
@time_machine.travel(f.midday_in_london("2026-06-30"), tick=False)  # the factories' fixed 2026 dates: a fixed day, not any day
def test_the_case_page_records_the_notice_and_shows_the_refusal(approved):
    member = f.user(Role.DHR_TEAM, team_of=approved.partnership)
    client = Client()
    client.force_login(member)
    page = client.post(reverse("dhr:case-post", args=[approved.pk, "step-published"]), {
        "step-published-done_on_day": "1", "step-published-done_on_month": "5", "step-published-done_on_year": "2026",
        "step-published-anonymisation_checked": "on"}).content.decode()
    assert "Tell the family and the media team the publication date before publishing" in page
    response = client.post(reverse("dhr:case-post", args=[approved.pk, "step-notice"]), {
        "step-notice-done_on_day": "1", "step-notice-done_on_month": "5", "step-notice-done_on_year": "2026",
        "step-notice-told_by": "Sam Comms", "step-notice-note": ""})
    assert response.status_code == 302
    assert approved.steps.get(step="notice").details["told_by"] == "Sam Comms"


@pytest.mark.django_db
def test_the_norfolk_file_sets_both_timescales_and_another_file_may_change_them(tmp_path):
    from saferhub.dhr import loader

    report = loader.load()
    settings = DhrSettings.objects.get(partnership__name=report.partnership)
    assert (settings.resubmission_weeks, settings.publication_notice_days) == (8, 7)
    other = tmp_path / "other.yaml"
    other.write_text(f"partnership: {report.partnership}\n"
                     "settings: {resubmission_weeks: 6, publication_notice_days: 10}\n")
    loader.load(other)
    settings.refresh_from_db()
    assert (settings.resubmission_weeks, settings.publication_notice_days) == (6, 10)
