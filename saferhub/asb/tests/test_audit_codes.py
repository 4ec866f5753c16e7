"""Every ASB action writes its registered audit row: one walk through every action covers every code."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferhub.asb import actions, letters
from saferhub.asb.actions import ui_support
from saferhub.asb.models import ActionItem, AsbStaffAssignment, Case
from saferhub.asb.tests import factories as f
from saferhub.core import audit
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_every_registered_code_is_written(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    w = f.world()  # settings, bodies, areas, local route
    u = f.user()
    actions.assign_asb_staff(user=u, role="asb_spoc", area=w.norwich, acting_user=SYSTEM)
    actions.remove_asb_staff(AsbStaffAssignment.objects.get(user=u), acting_user=SYSTEM)
    actions.nominate_peer_reviewer(council=w.breckland_council, person=f.person("R", w.breckland_council),
                                   acting_user=SYSTEM)

    start = D.today() - dt.timedelta(days=40)
    case = f.application(w, application_date=start, n=2)
    actions.update_application(case, victim_phone="01632 960002", acting_user=SYSTEM)
    actions.add_complaint(case, behaviour_date=start - dt.timedelta(days=4), reported_date=start - dt.timedelta(days=3),
                          reference="NEW", acting_user=SYSTEM)
    actions.reevaluate_threshold(case, acting_user=SYSTEM)
    actions.record_acknowledgement(case, sent_on=start + dt.timedelta(days=1), acting_user=SYSTEM)
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="C_ii", complaints_related=True,
                                determined_on=start + dt.timedelta(days=5), acting_user=SYSTEM)
    actions.record_overrun_notice(case, acting_user=SYSTEM)
    actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name="R", reviewer_independent=True,
                                appointed_on=start + dt.timedelta(days=6), acting_user=SYSTEM)
    [request] = actions.send_information_requests(case, agencies=[w.housing], requested_on=start + dt.timedelta(days=6),
                                                  acting_user=SYSTEM)
    actions.record_information_response(request, response="R", responded_on=start + dt.timedelta(days=8),
                                        acting_user=SYSTEM)
    actions.record_initial_review(case, summary="S", completed_on=start + dt.timedelta(days=12), acting_user=SYSTEM)
    actions.schedule_panel(case, panel_date=start + dt.timedelta(days=20), acting_user=SYSTEM)
    actions.record_panel(case, held_on=start + dt.timedelta(days=20), members=f.standard_panel(w),
                         victim_attendance="attended", findings="F", acting_user=SYSTEM)
    actions.add_action_item(case, description="A", owner=w.housing, due_on=D.today(), acting_user=SYSTEM)
    actions.send_decision_letter(case, letter="E", signed_by=w.norwich_council, signatory_name="X",
                                 sent_on=start + dt.timedelta(days=25), acting_user=SYSTEM)
    actions.update_action_item(ActionItem.objects.get(case=case), done_on=D.today(), acting_user=SYSTEM)
    actions.close_case(case, acting_user=SYSTEM)  # assigns the peer review
    actions.complete_peer_review(Case.objects.get(pk=case.pk).peer_review, notes="N", acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=D.today(), grounds="review", reviewing_area=w.west,
                                  acting_user=SYSTEM)
    actions.decide_appeal(appeal, outcome="not_upheld", reasons="R", acting_user=SYSTEM)
    actions.update_asb_settings(acting_user=SYSTEM, pcc_review=True)
    actions.record_pcc_review(Case.objects.get(pk=case.pk), requested_on=D.today(), acting_user=SYSTEM)
    actions.record_threshold_discretion(f.application(w, n=1), by="Head of Service", reason="Vulnerable victim",
                                        acting_user=SYSTEM)
    actions.record_partner_page(organisation=w.norwich_council, url="https://example.invalid/ct", checked_on=D.today(),
                                acting_user=SYSTEM)
    actions.add_case_document(case, file=SimpleUploadedFile("m.pdf", b"%PDF-1 m"), title="Minutes", kind="minutes",
                              acting_user=SYSTEM)
    actions.record_audit_checklist(case, answers={c: True for c, _ in actions.AUDIT_CHECKLIST}, acting_user=SYSTEM)
    actions.update_application(case, publication_consent=True, acting_user=SYSTEM)
    summary = actions.draft_published_summary(case, title="T", summary="Learning", acting_user=SYSTEM)
    actions.approve_published_summary(summary, acting_user=SYSTEM)
    actions.set_legal_hold(case, hold=True, reason="Claim", acting_user=SYSTEM)

    old = f.application(w, application_date=D(2015, 3, 2), n=2)
    actions.triage_case(old, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(old, determination="B", complaints_related=False, reasons="Two",
                                determined_on=D(2015, 3, 5), acting_user=SYSTEM)
    actions.apply_retention(acting_user=SYSTEM)
    actions.mark_vexatious(f.application(w), reason="Policy applies", acting_user=SYSTEM)
    reopened = f.application(w, n=2, application_date=D.today() - dt.timedelta(days=30))
    actions.triage_case(reopened, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(reopened, determination="B", complaints_related=False, reasons="Two",
                                determined_on=D.today() - dt.timedelta(days=20), acting_user=SYSTEM)
    appeal = actions.lodge_appeal(reopened, received_on=D.today() - dt.timedelta(days=10), grounds="application",
                                  reviewing_area=w.west, acting_user=SYSTEM)
    actions.decide_appeal(appeal, outcome="upheld", reasons="R", acting_user=SYSTEM)  # reopens the case

    wording = (Path(letters.__file__).parent / "letter_templates" / "A.txt").read_bytes()
    ui_support.save_letter_template(letter="A", kind="txt", content=wording, acting_user=SYSTEM)
    ui_support.reset_letter_template(letter="A", acting_user=SYSTEM)

    registered = {code for code, entry in audit.registered_codes().items() if entry.app == "asb"}
    written = set(AuditEvent.objects.filter(code__startswith="asb.").values_list("code", flat=True))
    assert registered - written == set()
    assert written <= registered
