"""ASB actions: happy paths, each refusal, audit rows and history."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferhub.asb import actions, queries
from saferhub.asb.models import (
    ActionItem,
    AsbSettings,
    Case,
    CaseClock,
    Notification,
    PeerReview,
)
from saferhub.asb.tests import factories as f
from saferhub.core.actors import SYSTEM
from saferhub.core.calendar import add_working_days
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w():
    return f.world()


def codes(case):
    return list(queries.case_history(case).values_list("code", flat=True))


# --- configuration ---------------------------------------------------------------------------------

def test_settings_refuse_a_threshold_above_three(w):
    with pytest.raises(RuleViolation, match="statutory maximum of 3") as exc:
        actions.update_asb_settings(acting_user=SYSTEM, threshold_count=4)
    assert exc.value.field == "threshold_count"
    assert AsbSettings.objects.get().threshold_count == 3
    s = actions.update_asb_settings(acting_user=SYSTEM, threshold_count=2)
    assert s.threshold_count == 2
    assert AuditEvent.objects.filter(code="asb.settings.updated").exists()


def test_only_county_team_or_admin_change_settings(w):
    spoc = f.user(Role.ASB_SPOC, area=w.norwich)
    with pytest.raises(ActionPermissionDenied):
        actions.update_asb_settings(acting_user=spoc, threshold_count=2)
    actions.update_asb_settings(acting_user=f.user(Role.ASB_COUNTY_TEAM), threshold_count=2)


def test_staff_assignment_needs_area_or_organisation(w):
    u = f.user()
    with pytest.raises(RuleViolation, match="OPT area"):
        actions.assign_asb_staff(user=u, role="asb_spoc", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="agency"):
        actions.assign_asb_staff(user=u, role="agency_officer", acting_user=SYSTEM)


# --- application ------------------------------------------------------------------------------------

@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_submit_application_starts_clocks_and_gives_a_reference(w):
    case = f.application(w, application_date=D(2026, 3, 2), channel="letter", applicant_relationship="mp",
                         victim_consent=True, applicant_name="Fictional MP")
    assert case.reference.startswith("ASB-2026-") and len(case.reference) == len("ASB-2026-000001")
    assert case.status == "triage" and case.threshold_route == "threshold"
    clocks = {c.step: c.due_on for c in case.clocks.all()}
    assert clocks == {"acknowledgement": D(2026, 3, 9), "determination": D(2026, 3, 16), "overall": D(2026, 4, 15)}
    second = f.application(w, application_date=D(2026, 3, 3))
    assert int(second.reference[-6:]) == int(case.reference[-6:]) + 1
    assert codes(case) == ["asb.case.submitted"]
    event = queries.case_history(case).get()
    assert event.data["changes"]["victim_name"]["new"] == "Fictional victim"


def test_overall_clock_skips_easter_bank_holidays(w):
    # 30 working days from 1 April 2026 skip Good Friday, Easter Monday and the early May bank holiday.
    case = f.application(w, application_date=D(2026, 4, 1))
    assert case.clocks.get(step="overall").due_on == D(2026, 5, 18)


def test_third_party_application_needs_consent(w):
    with pytest.raises(RuleViolation, match="victim's consent") as exc:
        f.application(w, applicant_relationship="family", victim_consent=False)
    assert exc.value.field == "victim_consent"
    assert not Case.objects.exists()


def test_public_submission_by_anonymous_user(w):
    from django.contrib.auth.models import AnonymousUser

    case = f.application(w, actor=AnonymousUser(), channel="web_form")
    assert case.submitted_by is None and case.channel == "web_form"


def test_bad_incident_is_a_rule_violation_naming_it(w):
    rows = f.complaints(D(2026, 3, 1), 1)
    rows[0]["reference"] = "x" * 200
    with pytest.raises(RuleViolation, match="Incident 1"):
        f.application(w, complaint_rows=rows)


def test_acknowledgement_finishes_clock_once(w):
    case = f.application(w)
    actions.record_acknowledgement(case, sent_on=case.application_date + dt.timedelta(days=1), method="email",
                                   acting_user=SYSTEM)
    assert case.clocks.get(step="acknowledgement").done_on is not None
    with pytest.raises(RuleViolation, match="already been recorded"):
        actions.record_acknowledgement(case, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="before"):
        actions.record_acknowledgement(f.application(w), sent_on=D(2000, 1, 1), acting_user=SYSTEM)


# --- triage and determination -----------------------------------------------------------------------

def test_triage_routes_with_a_notification(w):
    county = f.user(Role.ASB_COUNTY_TEAM)
    case = f.application(w)
    assert list(queries.triage_queue(county)) == [case]
    actions.triage_case(case, decision="route", acting_user=county, area=w.breckland)
    case.refresh_from_db()
    assert case.status == "routed" and case.area == w.breckland and case.triaged_by == county
    note = Notification.objects.get(case=case, kind="routed")
    assert note.recipient == "Fictional SPOC Breckland" and note.recipient_email == "spoc.breckland@example.org"
    assert set(case.clocks.values_list("area_id", flat=True)) == {w.breckland.pk}
    assert "asb.case.triaged" in codes(case)
    assert not queries.triage_queue(county).exists()
    with pytest.raises(RuleViolation, match="stage"):
        actions.triage_case(case, decision="route", acting_user=county)


def test_triage_is_for_the_county_team(w):
    case = f.application(w)
    with pytest.raises(ActionPermissionDenied):
        actions.triage_case(case, decision="route", acting_user=f.user(Role.ASB_SPOC, area=w.norwich))


def test_obviously_not_qualifying_only_when_threshold_not_met(w):
    met = f.application(w)
    with pytest.raises(RuleViolation, match="meets the threshold"):
        actions.triage_case(met, decision="obviously_not_qualifying", note="x", acting_user=SYSTEM)
    weak = f.application(w, n=1)
    with pytest.raises(RuleViolation, match="Say why"):
        actions.triage_case(weak, decision="obviously_not_qualifying", acting_user=SYSTEM)
    actions.triage_case(weak, decision="obviously_not_qualifying", note="One incident only", acting_user=SYSTEM)
    assert Case.objects.get(pk=weak.pk).triage_decision == "obviously_not_qualifying"


def test_letter_b_closes_the_case(w):
    case = f.application(w, n=2)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="not have enough qualifying"):
        actions.determine_threshold(case, determination="C_ii", complaints_related=True, acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=True, reasons="Two complaints only",
                                follow_up="Neighbourhood team to visit", acting_user=SYSTEM,
                                determined_on=case.application_date + dt.timedelta(days=3))
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on == case.determined_on
    assert case.not_met_follow_up == "Neighbourhood team to visit"
    assert case.clocks.get(step="overall").done_on == case.determined_on
    assert Notification.objects.filter(case=case, kind="determination").exists()


def test_letter_c_i_records_the_discretionary_factor(w):
    case = f.application(w, n=2)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="needs a reason"):
        actions.determine_threshold(case, determination="C_i", complaints_related=True, acting_user=SYSTEM)
    actions.determine_threshold(case, determination="C_i", complaints_related=True, discretionary_factor="harm",
                                acting_user=SYSTEM)
    case.refresh_from_db()
    assert case.status == "in_review" and case.discretionary_factor == "harm"


def test_determination_needs_routing_first(w):
    case = f.application(w)
    with pytest.raises(RuleViolation, match="Awaiting county triage"):
        actions.determine_threshold(case, determination="C_ii", complaints_related=True, acting_user=SYSTEM)


def test_c_ii_needs_related_confirmation(w):
    case = f.application(w)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="related") as exc:
        actions.determine_threshold(case, determination="C_ii", complaints_related=False, acting_user=SYSTEM)
    assert exc.value.field == "complaints_related"


# --- lead agency, information requests, panel -------------------------------------------------------------

@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_lead_agency_independence_and_initial_review_clock(w):
    case = f.application(w)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="C_ii", complaints_related=True, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="explain why"):
        actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name="PS Fictional",
                                    reviewer_independent=False, acting_user=SYSTEM)
    day = D.today()
    actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name="PS Fictional", reviewer_independent=False,
                                independence_note="Only officer trained", appointed_on=day, acting_user=SYSTEM)
    assert case.clocks.get(step="initial_review").due_on == add_working_days(day, 10)
    with pytest.raises(RuleViolation, match="Summarise"):
        actions.record_initial_review(case, summary=" ", acting_user=SYSTEM)
    actions.record_initial_review(case, summary="Fictional summary", acting_user=SYSTEM)
    assert case.clocks.get(step="initial_review").done_on == D.today()


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_information_requests_and_responses(w):
    case = f.to_review(w, f.application(w))
    officer = f.user(Role.AGENCY_OFFICER, organisation=w.housing)
    requests = actions.send_information_requests(case, agencies=[w.housing, w.police], requested_on=D.today(),
                                                 acting_user=SYSTEM)
    assert requests[0].due_on == add_working_days(D.today(), 5)
    with pytest.raises(RuleViolation, match="already been asked"):
        actions.send_information_requests(case, agencies=[w.housing], acting_user=SYSTEM)
    housing_request = next(r for r in requests if r.agency == w.housing)
    police_request = next(r for r in requests if r.agency == w.police)
    with pytest.raises(ActionPermissionDenied):
        actions.record_information_response(police_request, response="x", acting_user=officer)
    actions.record_information_response(housing_request, response="Two visits made", acting_user=officer)
    assert case.clocks.get(step="information_requests").done_on is None
    actions.record_information_response(police_request, response="Three logs", acting_user=SYSTEM)
    assert case.clocks.get(step="information_requests").done_on == D.today()
    with pytest.raises(RuleViolation, match="already responded"):
        actions.record_information_response(police_request, response="again", acting_user=SYSTEM)


def test_information_request_refused_without_sharing_protocol(w):
    case = f.to_review(w, f.application(w))
    actions.save_relevant_body(organisation=w.health, kind="health", signed_information_sharing=False,
                               acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="information sharing protocol"):
        actions.send_information_requests(case, agencies=[w.health], acting_user=SYSTEM)


def test_panel_composition_is_enforced_on_the_case(w):
    case = f.to_review(w, f.application(w, perpetrator_age=15, flag_alcohol=True))
    held = case.application_date + dt.timedelta(days=20)
    kwargs = {"held_on": held, "victim_attendance": "invited", "findings": "F", "acting_user": SYSTEM}
    with pytest.raises(RuleViolation, match="health services.*youth offending team.*children's services"):
        actions.record_panel(case, members=f.standard_panel(w), **kwargs)
    members = [*f.standard_panel(w), {"organisation": w.health}, {"organisation": w.yot},
               {"organisation": w.school}]
    actions.record_panel(case, members=members, **kwargs)
    case.refresh_from_db()
    assert case.status == "panel_held" and case.panel_members.count() == 5
    assert case.clocks.get(step="decision_letter").due_on == add_working_days(held, 10)


def test_panel_needs_victim_voice_and_findings(w):
    case = f.to_review(w, f.application(w))
    held = case.application_date + dt.timedelta(days=20)
    with pytest.raises(RuleViolation, match="invited to the panel"):
        actions.record_panel(case, held_on=held, members=f.standard_panel(w), victim_attendance="", findings="F",
                             acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="findings"):
        actions.record_panel(case, held_on=held, members=f.standard_panel(w), victim_attendance="invited",
                             findings="", acting_user=SYSTEM)


def test_panel_of_involved_members_needs_independent(w):
    case = f.to_review(w, f.application(w))
    members = [{"organisation": w.norwich_council, "previously_involved": True},
               {"organisation": w.police, "previously_involved": True}]
    held = case.application_date + dt.timedelta(days=20)
    with pytest.raises(RuleViolation, match="independent"):
        actions.record_panel(case, held_on=held, members=members, victim_attendance="invited", findings="F",
                             acting_user=SYSTEM)
    actions.record_panel(case, held_on=held, members=[*members, {"organisation": w.independent, "role": "chair"}],
                         victim_attendance="represented", victim_representative="Fictional advocate", findings="F",
                         acting_user=SYSTEM)


# --- decision letter, actions, closure ------------------------------------------------------------------

def test_decision_letter_cannot_be_signed_by_the_lead_agency(w):
    case = f.to_panel(w, f.application(w))
    with pytest.raises(RuleViolation, match="different from the lead agency") as exc:
        actions.send_decision_letter(case, letter="D", signed_by=w.police, signatory_name="X", acting_user=SYSTEM)
    assert exc.value.field == "signed_by"
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                 sent_on=case.panel_held_on + dt.timedelta(days=1), acting_user=SYSTEM)
    case.refresh_from_db()
    assert case.status == "closed" and case.decision_letter == "D"
    assert case.clocks.get(step="decision_letter").done_on and case.clocks.get(step="overall").done_on


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_letter_e_needs_an_action_plan_and_closes_only_when_all_done(w):
    case = f.to_panel(w, f.application(w))
    with pytest.raises(RuleViolation, match="at least one action"):
        actions.send_decision_letter(case, letter="E", signed_by=w.norwich_council, signatory_name="X",
                                     acting_user=SYSTEM)
    case = f.to_action_plan(w, f.application(w))
    assert case.status == "action_plan"
    extra = actions.add_action_item(case, description="Second fictional action", owner=w.police,
                                    due_on=D.today(), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="2 actions on the action plan are not done"):
        actions.close_case(case, acting_user=SYSTEM)
    for item in ActionItem.objects.filter(case=case):
        actions.update_action_item(item, progress="Done", done_on=D.today(), acting_user=SYSTEM)
    actions.close_case(case, acting_user=SYSTEM)
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on == D.today()
    assert "asb.action.updated" in codes(case) and "asb.case.closed" in codes(case)
    with pytest.raises(RuleViolation, match="closed"):
        actions.update_action_item(extra, progress="more", acting_user=SYSTEM)


def test_agency_officer_updates_only_their_actions(w):
    case = f.to_action_plan(w, f.application(w))
    item = case.actions.get()
    actions.update_action_item(item, progress="Visited", acting_user=f.user(Role.AGENCY_OFFICER,
                                                                            organisation=w.housing))
    with pytest.raises(ActionPermissionDenied):
        actions.update_action_item(item, progress="x", acting_user=f.user(Role.AGENCY_OFFICER,
                                                                          organisation=w.health))


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_overrun_notice_prompt_and_record(w):
    case = f.application(w, application_date=D.today() - dt.timedelta(days=80))
    assert queries.needs_overrun_notice(case)
    assert list(queries.overrun_prompts(f.user(Role.ASB_COUNTY_TEAM))) == [case]
    actions.record_overrun_notice(case, method="phone", note="Complex case", acting_user=SYSTEM)
    case = Case.objects.get(pk=case.pk)
    assert not queries.needs_overrun_notice(case)
    assert Notification.objects.filter(case=case, kind="overrun").exists()
    fresh = f.application(w, application_date=D.today())
    assert not queries.needs_overrun_notice(fresh)


# --- appeals -----------------------------------------------------------------------------------------

@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_appeal_within_window_escalated_reassigned_and_pcc_notified(w):
    case = f.to_panel(w, f.application(w))
    sent = case.panel_held_on + dt.timedelta(days=1)
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X", sent_on=sent,
                                 acting_user=SYSTEM)
    deadline = actions.appeal_deadline_for(Case.objects.get(pk=case.pk))
    assert deadline == add_working_days(add_working_days(sent, 2), 21)  # from deemed receipt (FAQ 002:1649)
    with pytest.raises(RuleViolation, match="different OPT area"):
        actions.lodge_appeal(case, received_on=sent, grounds="review", reviewing_area=w.norwich, acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=sent + dt.timedelta(days=3), grounds="review",
                                  reviewing_area=w.breckland, acting_user=SYSTEM)
    assert appeal.escalated_to.name == "Fictional Inspector Norwich"
    kinds = set(Notification.objects.filter(case=case).values_list("kind", flat=True))
    assert {"appeal_escalated", "appeal_received_pcc"} <= kinds
    pcc = Notification.objects.get(case=case, kind="appeal_received_pcc")
    assert pcc.recipient == "Office of the Police and Crime Commissioner for Norfolk"
    with pytest.raises(RuleViolation, match="already under way"):
        actions.lodge_appeal(case, received_on=sent, grounds="review", reviewing_area=w.west, acting_user=SYSTEM)
    # The reviewing area's SPOC can now see and decide it.
    breck_spoc = f.user(Role.ASB_SPOC, area=w.breckland)
    assert queries.cases_for(breck_spoc).filter(pk=case.pk).exists()
    from saferhub.core.permissions import can

    assert not can(breck_spoc, "asb.manage_case", case)  # they review the appeal, not run the case
    actions.decide_appeal(appeal, outcome="not_upheld", reasons="Review was thorough", acting_user=breck_spoc)
    assert Notification.objects.filter(case=case, kind="appeal_decided_pcc").exists()


def test_appeal_out_of_time_is_refused(w):
    case = f.application(w, n=2, application_date=D(2026, 1, 5))
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two only",
                                determined_on=D(2026, 1, 12), acting_user=SYSTEM)
    # Letter B dated Monday 12 January is taken as received on Wednesday 14 January (posted: 2 working days);
    # Norfolk's FAQ gives 21 working days from receipt (002:1649), so Thursday 12 February is the last day.
    with pytest.raises(RuleViolation, match="after the appeal window closed"):
        actions.lodge_appeal(case, received_on=D(2026, 2, 13), grounds="application", reviewing_area=w.west,
                             acting_user=SYSTEM)
    actions.lodge_appeal(case, received_on=D(2026, 2, 12), grounds="application", reviewing_area=w.west,
                         acting_user=SYSTEM)


def test_calendar_day_window_setting_is_shorter(w):
    actions.update_asb_settings(acting_user=SYSTEM, appeal_window_unit="calendar_days")
    case = f.application(w, n=2, application_date=D(2026, 1, 5))
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two only",
                                determined_on=D(2026, 1, 12), acting_user=SYSTEM)
    # 21 calendar days from deemed receipt (14 January): 4 February is the last day.
    with pytest.raises(RuleViolation, match="after the appeal window closed"):
        actions.lodge_appeal(case, received_on=D(2026, 2, 5), grounds="application", reviewing_area=w.west,
                             acting_user=SYSTEM)


def test_upheld_appeal_against_letter_b_reopens_for_determination(w):
    case = f.application(w, n=2, application_date=D(2026, 1, 5))
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two only",
                                determined_on=D(2026, 1, 12), acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="nothing|no decision"):
        actions.lodge_appeal(f.application(w), received_on=D(2026, 1, 20), grounds="application",
                             reviewing_area=w.west, acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=D(2026, 1, 20), grounds="application", reviewing_area=w.west,
                                  acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="reasons"):
        actions.decide_appeal(appeal, outcome="upheld", reasons="", acting_user=SYSTEM)
    actions.decide_appeal(appeal, outcome="upheld", reasons="Harm not considered", acting_user=SYSTEM)
    case.refresh_from_db()
    assert case.status == "routed" and case.closed_on is None
    with pytest.raises(RuleViolation, match="already been decided"):
        actions.decide_appeal(appeal, outcome="upheld", reasons="x", acting_user=SYSTEM)


# --- documents, audit, legal hold, publication ------------------------------------------------------

def test_documents_checked_for_size_and_type(w):
    case = f.application(w)
    doc = actions.add_case_document(case, file=SimpleUploadedFile("letter.pdf", b"%PDF-1.7 fictional"),
                                    title="Letter A", kind="letter_a", acting_user=SYSTEM)
    assert doc.content_type == "application/pdf" and doc.size == 18 and doc.file.name.startswith("asb/ASB-")
    with pytest.raises(RuleViolation, match="must be a PDF"):
        actions.add_case_document(case, file=SimpleUploadedFile("x.exe", b"MZ"), title="x", acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="do not match"):
        actions.add_case_document(case, file=SimpleUploadedFile("x.pdf", b"MZ.."), title="x", acting_user=SYSTEM)
    actions.update_asb_settings(acting_user=SYSTEM, max_upload_bytes=10)
    with pytest.raises(RuleViolation, match="smaller than"):
        actions.add_case_document(case, file=SimpleUploadedFile("y.pdf", b"%PDF" + b"0" * 20), title="y",
                                  acting_user=SYSTEM)
    doc.file.delete(save=False)


def test_audit_checklist_and_report(w):
    case = f.application(w, n=2)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                acting_user=SYSTEM)
    answers = {code: True for code, _ in actions.AUDIT_CHECKLIST}
    with pytest.raises(RuleViolation, match="every question"):
        actions.record_audit_checklist(case, answers={"acknowledged_in_time": True}, acting_user=SYSTEM)
    with pytest.raises(ActionPermissionDenied):
        actions.record_audit_checklist(case, answers=answers, acting_user=f.user(Role.ASB_SPOC, area=w.norwich))
    answers["victim_voice"] = False
    actions.record_audit_checklist(case, answers=answers, acting_user=f.user(Role.ASB_COUNTY_TEAM))
    other = f.application(w, n=2)
    actions.triage_case(other, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(other, determination="B", complaints_related=False, reasons="Two",
                                acting_user=SYSTEM)
    report = queries.audit_report()
    assert report["closed_cases"] == 2 and report["audited"] == 1 and report["not_audited"] == [other.reference]
    voice = next(i for i in report["items"] if i["code"] == "victim_voice")
    assert voice["passed"] == 0 and voice["of"] == 1


def test_publication_needs_consent_and_redaction(w):
    case = f.application(w, n=2, victim_name="Fictional Resident Alpha")
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two",
                                acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="has not agreed"):
        actions.draft_published_summary(case, title="T", summary="S", acting_user=SYSTEM)
    consenting = f.application(w, n=3, victim_name="Fictional Resident Beta", publication_consent=True)
    consenting = f.to_panel(w, consenting)
    with pytest.raises(RuleViolation, match="closed case"):
        actions.draft_published_summary(consenting, title="T", summary="S", acting_user=SYSTEM)
    actions.send_decision_letter(consenting, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                 acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Fictional Resident Beta"):
        actions.draft_published_summary(consenting, title="Noise", summary="Fictional Resident Beta complained",
                                        acting_user=SYSTEM)
    item = actions.draft_published_summary(consenting, title="Noise in a terrace",
                                           summary="A resident reported repeated noise.", acting_user=SYSTEM)
    item = actions.approve_published_summary(item, acting_user=SYSTEM)
    assert item.status == "approved"


# --- peer review rota ------------------------------------------------------------------------------------

@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_peer_review_goes_to_another_council_spread_equally(w):
    for council in (w.breckland_council, w.norwich_council, w.west_council):
        actions.nominate_peer_reviewer(council=council, person=f.person(f"Reviewer {council}", council),
                                       acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="Only a council"):
        actions.nominate_peer_reviewer(council=w.police, person=f.person("P"), acting_user=SYSTEM)
    reviews = []
    for _ in range(6):
        case = f.to_panel(w, f.application(w))  # Norwich cases
        actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                     acting_user=SYSTEM)
        reviews.append(PeerReview.objects.get(case=case))  # assigned when the review completed
    councils = [r.reviewer.council for r in reviews]
    assert w.norwich_council not in councils
    assert councils.count(w.breckland_council) == 3 and councils.count(w.west_council) == 3
    assert councils[0] != councils[1]  # next on the list, alternating
    assert [r.slot for r in reviews] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(RuleViolation, match="already has"):
        actions.assign_peer_review(reviews[0].case, acting_user=SYSTEM)
    with pytest.raises(RuleViolation, match="completed review"):
        actions.assign_peer_review(f.application(w), acting_user=SYSTEM)
    actions.complete_peer_review(reviews[0], notes="Good practice", acting_user=SYSTEM)
    assert PeerReview.objects.get(pk=reviews[0].pk).completed_on == D.today()


# --- history -----------------------------------------------------------------------------------------------

def test_case_history_records_every_change_with_old_and_new(w):
    case = f.to_action_plan(w, f.application(w))
    history = list(queries.case_history(case))
    assert [e.code for e in history][:4] == ["asb.case.submitted", "asb.case.acknowledged", "asb.case.triaged",
                                             "asb.case.determined"]
    determined = next(e for e in history if e.code == "asb.case.determined")
    assert determined.data["changes"]["status"] == {"old": "routed", "new": "in_review"}
    assert determined.data["changes"]["determination"] == {"old": "", "new": "C_ii"}
    appointed = next(e for e in history if e.code == "asb.case.lead_agency_appointed")
    assert appointed.data["changes"]["lead_agency"] == {"old": None, "new": "Norfolk Constabulary",
                                                        "old_id": None, "new_id": w.police.pk}
    assert all(e.actor_repr for e in history)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_clock_rows_show_status(w):
    case = f.application(w, application_date=D.today() - dt.timedelta(days=20))
    rows = {r["step"]: r for r in queries.clock_rows(case)}
    assert rows["acknowledgement"]["status"] == "overdue"
    actions.record_acknowledgement(case, acting_user=SYSTEM)
    rows = {r["step"]: r for r in queries.clock_rows(Case.objects.get(pk=case.pk))}
    assert rows["acknowledgement"]["status"] == "done" and rows["acknowledgement"]["on_time"] is False
    assert CaseClock.objects.filter(case=case).count() == 3


def test_agency_attaches_records_to_its_information_request(w, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    case = f.to_review(w, f.application(w))
    housing_request, police_request = actions.send_information_requests(case, agencies=[w.housing, w.police],
                                                                        acting_user=SYSTEM)
    officer = f.user(Role.AGENCY_OFFICER, organisation=w.housing)
    doc = actions.add_case_document(case, file=SimpleUploadedFile("log.pdf", b"%PDF-1 log"), title="Visit log",
                                    information_request=housing_request, acting_user=officer)
    assert doc.kind == "agency_records" and list(housing_request.documents.all()) == [doc]
    with pytest.raises(ActionPermissionDenied):
        actions.add_case_document(case, file=SimpleUploadedFile("x.pdf", b"%PDF-1"), title="x",
                                  information_request=police_request, acting_user=officer)
    with pytest.raises(ActionPermissionDenied):
        actions.add_case_document(case, file=SimpleUploadedFile("x.pdf", b"%PDF-1"), title="x", acting_user=officer)
    other = f.to_review(w, f.application(w))
    with pytest.raises(RuleViolation, match="another case"):
        actions.add_case_document(other, file=SimpleUploadedFile("x.pdf", b"%PDF-1"), title="x",
                                  information_request=housing_request, acting_user=SYSTEM)
