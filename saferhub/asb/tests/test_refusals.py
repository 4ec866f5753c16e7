"""Smaller refusals, one per rule not covered elsewhere."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferhub.asb import actions
from saferhub.asb.models import Case, PeerReview
from saferhub.asb.tests import factories as f
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w():
    return f.world()


def routed(w, **kw):
    case = f.application(w, **kw)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    return Case.objects.get(pk=case.pk)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_dates_cannot_be_in_the_future(w):
    case = routed(w)
    with pytest.raises(RuleViolation, match="future") as exc:
        actions.determine_threshold(case, determination="C_ii", complaints_related=True,
                                    determined_on=D.today() + dt.timedelta(days=1), acting_user=SYSTEM)
    assert exc.value.field == "determined_on"


def test_initial_review_and_panel_need_a_lead_agency(w):
    case = routed(w)
    actions.determine_threshold(case, determination="C_ii", complaints_related=True, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Appoint the lead agency"):
        actions.record_initial_review(case, summary="S", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Appoint the lead agency"):
        actions.record_panel(case, held_on=D.today(), members=f.standard_panel(w), victim_attendance="invited",
                             findings="F", acting_user=SYSTEM)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_reviewer_must_be_named_and_panel_date_after_appointment(w):
    case = routed(w)
    actions.determine_threshold(case, determination="C_ii", complaints_related=True, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Name the person"):
        actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name=" ", reviewer_independent=True,
                                    acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="panel date cannot be before"):
        actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name="R", reviewer_independent=True,
                                    panel_date=D.today() - dt.timedelta(days=1), acting_user=SYSTEM)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_d_refused_when_actions_exist_and_signatory_named(w):
    case = f.to_panel(w, f.application(w))
    actions.add_action_item(case, description="Act", owner=w.housing, due_on=D.today(), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="send Letter E"):
        actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                     acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Name the person signing"):
        actions.send_decision_letter(case, letter="E", signed_by=w.norwich_council, signatory_name="",
                                     acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Describe the action"):
        actions.add_action_item(case, description=" ", owner=w.housing, due_on=D.today(), acting_user=SYSTEM)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_appeal_grounds_must_be_given(w):
    case = routed(w, n=2)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="how the application was dealt with"):
        actions.lodge_appeal(case, received_on=D.today(), grounds="other", reviewing_area=w.west, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Choose another OPT area"):
        actions.lodge_appeal(case, received_on=D.today(), grounds="review", reviewing_area=None, acting_user=SYSTEM)


def test_overrun_notice_not_needed_after_the_review(w):
    case = routed(w, n=2)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="already concluded"):
        actions.record_overrun_notice(case, acting_user=SYSTEM)


def test_audit_checklist_refuses_unknown_items(w):
    case = f.application(w)
    with pytest.raises(RuleViolation, match="Unknown checklist items"):
        actions.record_audit_checklist(case, answers={"made_up": True}, acting_user=SYSTEM)


def test_peer_review_completion_needs_notes(w):
    actions.nominate_peer_reviewer(council=w.breckland_council, person=f.person("R B", w.breckland_council),
                                   acting_user=SYSTEM)
    case = f.to_panel(w, f.application(w))
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                 acting_user=SYSTEM)
    review = PeerReview.objects.get(case=case)
    with pytest.raises(RuleViolation, match="observations"):
        actions.complete_peer_review(review, notes=" ", acting_user=SYSTEM)
    actions.complete_peer_review(review, notes="Fine", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="already complete"):
        actions.complete_peer_review(review, notes="Again", acting_user=SYSTEM)


def test_rota_with_only_the_home_council_is_refused(w):
    actions.nominate_peer_reviewer(council=w.norwich_council, person=f.person("R N", w.norwich_council),
                                   acting_user=SYSTEM)
    case = f.to_panel(w, f.application(w))
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                 acting_user=SYSTEM)
    assert not PeerReview.objects.filter(case=case).exists()  # left for later, not an error on closing
    with pytest.raises(RuleViolation, match="another council"):
        actions.assign_peer_review(Case.objects.get(pk=case.pk), acting_user=SYSTEM)


def test_anonymised_case_takes_no_documents(w, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    case = routed(w, n=2, application_date=D(2015, 3, 2))
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                determined_on=D(2015, 3, 9), acting_user=SYSTEM)
    actions.apply_retention(acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="anonymised"):
        actions.add_case_document(Case.objects.get(pk=case.pk), file=SimpleUploadedFile("a.pdf", b"%PDF-1"),
                                  title="x", acting_user=SYSTEM)


def test_unknown_application_field_is_a_programming_error(w):
    with pytest.raises(TypeError, match="Unknown application fields"):
        f.application(w, shoe_size=9)


def test_settings_clock_must_be_positive(w):
    with pytest.raises(RuleViolation, match="at least 1") as exc:
        actions.update_asb_settings(acting_user=SYSTEM, acknowledgement_days=0)
    assert exc.value.field == "acknowledgement_days"


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_vexatious_policy_needs_reasons_and_an_early_stage(w):
    case = routed(w)
    with pytest.raises(RuleViolation, match="vexatious complaints policy applies"):
        actions.mark_vexatious(case, reason=" ", acting_user=SYSTEM)
    actions.mark_vexatious(case, reason="Fourth identical application this year", acting_user=SYSTEM)
    case.refresh_from_db()
    assert case.vexatious and case.status == "closed" and case.closed_on == D.today()
    assert case.clocks.get(step="overall").done_on == D.today()
    assert actions.appeal_deadline_for(case) is not None  # the applicant may still appeal
    reviewed = f.to_review(w, f.application(w))
    with pytest.raises(RuleViolation, match="stage"):
        actions.mark_vexatious(reviewed, reason="x", acting_user=SYSTEM)
