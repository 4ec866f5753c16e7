"""Fixes from the security review of the ASB Case Review app (issue 4): each test fails without its fix."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from saferhub.asb.tests import factories as fx
from saferhub.core.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return fx.world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- 1. history and admin: the county team only ---------------------------------------------------------------

def _administrator(*, superuser: bool = False):
    admin_user = fx.user(Role.ADMINISTRATOR)
    admin_user.is_staff = True
    admin_user.is_superuser = superuser
    admin_user.save()
    return admin_user


def test_administrator_gets_404_on_case_history_page_and_api(w):
    case = fx.application(w, area=w.norwich)
    client = client_for(_administrator())
    assert client.get(reverse("asb:case-history", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/asb/cases/{case.reference}/history").status_code == 404
    county = client_for(fx.user(Role.ASB_COUNTY_TEAM))
    assert county.get(reverse("asb:case-history", args=[case.pk])).status_code == 200
    assert county.get(f"/api/v1/asb/cases/{case.reference}/history").status_code == 200


def test_superuser_without_an_asb_role_sees_no_case(w):
    case = fx.application(w, area=w.norwich)
    client = client_for(_administrator(superuser=True))
    assert client.get(reverse("asb:case", args=[case.pk])).status_code == 404
    assert client.get(reverse("asb:case-history", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/asb/cases/{case.reference}").status_code == 404
    assert client.get(f"/api/v1/asb/cases/{case.reference}/history").status_code == 404
    assert client.get("/api/v1/asb/cases").json() == []
    # With the county-team role and a place on the partnership's county team, the same superuser sees it.
    from saferhub.asb import actions
    from saferhub.core import actions as core_actions
    from saferhub.core.actors import SYSTEM

    su = _administrator(superuser=True)
    core_actions.set_user_roles(su, roles=[Role.ADMINISTRATOR, Role.ASB_COUNTY_TEAM], acting_user=SYSTEM)
    assert client_for(su).get(reverse("asb:case-history", args=[case.pk])).status_code == 404
    actions.join_county_team(user=su, partnership=case.partnership, acting_user=SYSTEM)
    assert client_for(su).get(reverse("asb:case-history", args=[case.pk])).status_code == 200


def test_administrator_cannot_read_cases_in_the_admin(w):
    case = fx.application(w, area=w.norwich)
    client = client_for(_administrator(superuser=True))
    assert client.get("/admin/asb/case/").status_code == 403
    assert client.get(f"/admin/asb/case/{case.pk}/change/").status_code in (302, 403, 404)
    assert case.reference not in client.get("/admin/").content.decode()
    assert "/admin/asb/case/" not in client.get("/admin/").content.decode()
    # Configuration stays theirs.
    assert client.get("/admin/asb/asbsettings/").status_code == 200
    county = fx.user(Role.ASB_COUNTY_TEAM)
    county.is_staff = True
    county.save()
    assert client_for(county).get("/admin/asb/case/").status_code == 200


# --- 2. an appeal is decided by the reviewing area, never the area appealed against ----------------------------

def _appealed_case(w):
    import datetime as dt

    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    case = fx.to_panel(w, fx.application(w, area=w.norwich))
    sent = case.panel_held_on + dt.timedelta(days=1)
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X", sent_on=sent,
                                 acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=sent + dt.timedelta(days=1), grounds="review",
                                  reviewing_area=w.breckland, acting_user=SYSTEM)
    return case, appeal


def test_original_area_cannot_decide_the_appeal_the_reviewing_area_can(w):
    from saferhub.asb import actions
    from saferhub.core.exceptions import ActionPermissionDenied

    case, appeal = _appealed_case(w)
    norwich_spoc = fx.user(Role.ASB_SPOC, area=w.norwich)
    with pytest.raises(ActionPermissionDenied, match="reviewing OPT"):
        actions.decide_appeal(appeal, outcome="not_upheld", reasons="Fine", acting_user=norwich_spoc)
    url = reverse("asb:case-post", args=[case.pk, "appeal-outcome"])
    post = {"outcome-appeal": appeal.pk, "outcome-outcome": "not_upheld", "outcome-reasons": "Fine"}
    own = client_for(norwich_spoc)
    assert "Record appeal outcome" not in own.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert own.post(url, post).status_code == 404
    appeal.refresh_from_db()
    assert appeal.decided_on is None
    reviewer = client_for(fx.user(Role.OPT_OFFICER, area=w.breckland))
    assert "Record appeal outcome" in reviewer.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert reviewer.post(url, post).status_code == 302
    appeal.refresh_from_db()
    assert appeal.outcome == "not_upheld"


# --- 3. a non-numeric row id posted by staff is a 404, never a 500 ------------------------------------------------

@pytest.mark.parametrize("section,field", [("information-response", "request_pk"), ("progress", "item_pk")])
@pytest.mark.parametrize("value", ["abc", "1.5", "²", "-1", ""])
def test_bad_row_id_is_404_not_500(w, section, field, value):
    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    case = fx.to_review(w, fx.application(w, area=w.norwich))
    actions.send_information_requests(case, agencies=[w.housing], acting_user=SYSTEM)
    client = client_for(fx.user(Role.ASB_SPOC, area=w.norwich))
    client.raise_request_exception = False
    response = client.post(reverse("asb:case-post", args=[case.pk, section]), {field: value})
    assert response.status_code == 404


# --- 4. retention erases every personal value: fields, rows, audit trail and files ------------------------------

MARK = "QXJMARK"


def _case_with_personal_data_everywhere(w, tmp_path):
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    D = dt.date
    start = D(2018, 1, 8)
    complaint_rows = [
        {"behaviour_date": start - dt.timedelta(days=12 + 7 * i), "reported_date": start - dt.timedelta(days=10 + 7 * i),
         "agency": None, "agency_name": f"{MARK} agency {i}", "reference": f"{MARK}-ref-{i}",
         "description": f"{MARK} incident {i}", "reporter": f"{MARK} reporter {i}"}
        for i in range(3)
    ]
    case = actions.submit_application(
        area=w.norwich, channel="telephone", application_date=start, victim_name=f"{MARK} Victim",
        complaints=complaint_rows, acting_user=SYSTEM, applicant_relationship="family", victim_consent=True,
        applicant_name=f"{MARK} Applicant", applicant_email="qxjmark.applicant@example.org",
        applicant_phone="01632 960999", victim_email="qxjmark.victim@example.org", victim_phone="01632 960998",
        victim_address=f"1 {MARK} Row", victim_postcode="NR1 9QX", victim_age=47, perpetrator_age=19,
        nature_of_complaint=f"{MARK} nature", vulnerability_notes=f"{MARK} vulnerable", risk_notes=f"{MARK} risk",
    )
    actions.record_acknowledgement(case, sent_on=start + dt.timedelta(days=1), acting_user=SYSTEM)
    actions.triage_case(case, decision="route", note=f"{MARK} triage", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="C_ii", complaints_related=True, reasons=f"{MARK} reasons",
                                determined_on=start + dt.timedelta(days=5), acting_user=SYSTEM)
    actions.appoint_lead_agency(case, lead_agency=w.police, reviewer_name=f"{MARK} Sergeant",
                                reviewer_independent=True, independence_note=f"{MARK} independent",
                                appointed_on=start + dt.timedelta(days=6), acting_user=SYSTEM)
    (req,) = actions.send_information_requests(case, agencies=[w.housing], requested_on=start + dt.timedelta(days=6),
                                               acting_user=SYSTEM)
    actions.record_information_response(req, response=f"{MARK} response", responded_on=start + dt.timedelta(days=8),
                                        acting_user=SYSTEM)
    actions.record_initial_review(case, summary=f"{MARK} initial", completed_on=start + dt.timedelta(days=9),
                                  acting_user=SYSTEM)
    actions.record_panel(case, held_on=start + dt.timedelta(days=20),
                         members=[{"organisation": w.norwich_council, "name": f"{MARK} chair", "role": "chair"},
                                  {"organisation": w.police, "name": f"{MARK} PC", "previously_involved": True},
                                  {"organisation": w.housing, "name": f"{MARK} housing"}],
                         victim_attendance="represented", victim_representative=f"{MARK} rep",
                         findings=f"{MARK} findings", recommendations=f"{MARK} recommendations", acting_user=SYSTEM)
    actions.add_case_document(case, file=SimpleUploadedFile("minutes.pdf", b"%PDF-1 x"), title=f"{MARK} minutes",
                              acting_user=SYSTEM)
    actions.send_decision_letter(
        case, letter="E", signed_by=w.norwich_council, signatory_name=f"{MARK} Manager",
        sent_on=start + dt.timedelta(days=25),
        actions=[{"description": f"{MARK} action", "owner": w.housing, "due_on": start + dt.timedelta(days=40)}],
        acting_user=SYSTEM)
    case.refresh_from_db()
    item = case.actions.get()
    actions.update_action_item(item, progress=f"{MARK} progress", done_on=start + dt.timedelta(days=30),
                               acting_user=SYSTEM)
    west_reviewer = fx.person("Fictional reviewer West", w.west_council)
    actions.nominate_peer_reviewer(council=w.west_council, person=west_reviewer, acting_user=SYSTEM)
    actions.close_case(case, closed_on=start + dt.timedelta(days=31), acting_user=SYSTEM)
    case.refresh_from_db()
    actions.complete_peer_review(case.peer_review, notes=f"{MARK} peer notes",
                                 completed_on=start + dt.timedelta(days=33), acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=start + dt.timedelta(days=32), grounds="review",
                                  reviewing_area=w.west, details=f"{MARK} appeal details", acting_user=SYSTEM)
    actions.decide_appeal(appeal, outcome="not_upheld", reasons=f"{MARK} appeal reasons",
                          decided_on=start + dt.timedelta(days=40), acting_user=SYSTEM)
    from saferhub.asb.actions import AUDIT_CHECKLIST

    actions.record_audit_checklist(case, answers={code: True for code, _ in AUDIT_CHECKLIST},
                                   notes=f"{MARK} audit notes", audited_on=start + dt.timedelta(days=41),
                                   acting_user=SYSTEM)
    actions.set_legal_hold(case, hold=True, reason=f"{MARK} hold reason", acting_user=SYSTEM)
    actions.set_legal_hold(case, hold=False, reason=f"{MARK} lifted", acting_user=SYSTEM)
    case.refresh_from_db()
    return case


def _database_text() -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("dumpdata", stdout=out, exclude=["contenttypes", "auth.permission"])
    return out.getvalue()


def test_retention_leaves_no_personal_value_anywhere(w, tmp_path, django_capture_on_commit_callbacks):
    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    case = _case_with_personal_data_everywhere(w, tmp_path)
    assert MARK in _database_text()
    for value in ("qxjmark.applicant@example.org", "01632 960999", "NR1 9QX"):
        assert value in _database_text()
    assert list(tmp_path.rglob("*.pdf"))
    held = _case_with_personal_data_everywhere(w, tmp_path)
    actions.set_legal_hold(held, hold=True, reason="Civil claim", acting_user=SYSTEM)
    with django_capture_on_commit_callbacks(execute=True):
        logs = actions.apply_retention(acting_user=SYSTEM)
    assert sorted((log.case_reference, log.outcome) for log in logs) == sorted(
        [(case.reference, "anonymised"), (held.reference, "skipped_legal_hold")])
    # The held case keeps everything; the erased case's values are gone from every table and the audit trail.
    held.refresh_from_db()
    assert held.victim_name == f"{MARK} Victim" and held.anonymised_at is None
    actions.set_legal_hold(held, hold=False, acting_user=SYSTEM)
    with django_capture_on_commit_callbacks(execute=True):
        actions.apply_retention(acting_user=SYSTEM)
    text = _database_text()
    for value in (MARK, MARK.lower(), "01632 960999", "01632 960998", "NR1 9QX", '"victim_age": 47'):
        assert value not in text, value
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.docx"))
    case.refresh_from_db()
    assert case.determination == "C_ii" and case.area == w.norwich and case.closed_on is not None


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_retention_run_purges_stale_public_uploads(w, settings, tmp_path):
    import datetime as dt
    import os

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from saferhub.asb import actions
    from saferhub.asb.views import apply
    from saferhub.core.actors import SYSTEM

    path = default_storage.save(f"{apply.PENDING_DIR}/old.pdf", ContentFile(b"%PDF-1 x"))
    old = (dt.datetime.now() - dt.timedelta(days=3)).timestamp()
    os.utime(default_storage.path(path), (old, old))
    actions.apply_retention(acting_user=SYSTEM)
    assert not default_storage.exists(path)


# --- 5. the public rate limit cannot be dodged with a forged X-Forwarded-For -----------------------------------

def test_client_ip_ignores_forwarded_for_unless_proxies_are_trusted(settings):
    from django.test import RequestFactory

    from saferhub.core.http import client_ip  # moved to core (commit 3dad298)

    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    settings.SAFERHUB_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"
    settings.SAFERHUB_TRUSTED_PROXY_COUNT = 1  # our proxy appended the real client, the left one is forged
    assert client_ip(request) == "198.51.100.7"
    settings.SAFERHUB_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.2.3.4"
    settings.SAFERHUB_TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: not trusted
    assert client_ip(request) == "10.0.0.5"


@pytest.mark.parametrize("proxies", [0, 1])
def test_forged_forwarded_for_does_not_reset_the_rate_limit(w, settings, proxies):
    from django.core.cache import cache

    cache.clear()
    settings.ASB_RATE_LIMITS = {"answer": (3, 600)}
    settings.SAFERHUB_TRUSTED_PROXY_COUNT = proxies
    settings.ASB_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"  # the old setting, which trusted the leftmost entry
    statuses = []
    for i in range(5):
        client = Client(REMOTE_ADDR="203.0.113.20", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.99")
        statuses.append(client.post(reverse("asb:apply-step", args=["applicant"]), {"applicant_is_victim": "yes"}).status_code)
    assert statuses[:3] == [302, 302, 302] and statuses[3:] == [429, 429]


# --- 6. a .docx must be a Word package without macros, not any ZIP ----------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


PLAIN_ZIP = {"notes.txt": b"not a Word document"}
WORD = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
MACRO_WORD = {**WORD, "word/vbaProject.bin": b"\x00macro"}


@pytest.mark.parametrize("members,ok", [(PLAIN_ZIP, False), (MACRO_WORD, False), (WORD, True)])
def test_public_upload_docx_must_be_a_word_package(members, ok):
    from django import forms
    from django.core.files.uploadedfile import SimpleUploadedFile

    from saferhub.asb.forms import check_upload

    upload = SimpleUploadedFile("evidence.docx", _zip(members))
    if ok:
        assert check_upload(upload).endswith("wordprocessingml.document")
    else:
        with pytest.raises(forms.ValidationError, match="not a real"):
            check_upload(upload)
    assert upload.tell() == 0


@pytest.mark.parametrize("members,ok", [(PLAIN_ZIP, False), (MACRO_WORD, False), (WORD, True)])
def test_staff_document_docx_must_be_a_word_package(w, members, ok):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM
    from saferhub.core.exceptions import RuleViolation

    case = fx.application(w)
    upload = SimpleUploadedFile("minutes.docx", _zip(members))
    if ok:
        assert actions.add_case_document(case, file=upload, title="Minutes", acting_user=SYSTEM).size > 0
    else:
        with pytest.raises(RuleViolation, match="not a real Word document"):
            actions.add_case_document(case, file=upload, title="Minutes", acting_user=SYSTEM)
        assert not case.documents.exists()


def test_public_form_refuses_a_zip_renamed_docx(w):
    from saferhub.asb.tests.test_views_public import _upload, fill_application

    client = Client()
    fill_application(client)
    response = client.post(reverse("asb:apply-upload"), {"file": _upload("diary.docx", _zip(PLAIN_ZIP))})
    assert response.status_code == 200 and "is not a real" in response.content.decode()


# --- 7. should-fixes ----------------------------------------------------------------------------------------------

def test_letter_b_refused_when_threshold_met_and_complaints_related():
    from saferhub.asb import rules
    from saferhub.core.exceptions import RuleViolation

    with pytest.raises(RuleViolation, match="use Letter C\\(ii\\), not Letter B"):
        rules.check_determination(determination="B", threshold_met=True, complaints_related=True,
                                  discretionary_factor="", reasons="Not related enough")
    # Not met, or met but not related: Letter B with reasons stands.
    rules.check_determination(determination="B", threshold_met=False, complaints_related=True,
                              discretionary_factor="", reasons="Two only")
    rules.check_determination(determination="B", threshold_met=True, complaints_related=False,
                              discretionary_factor="", reasons="Unrelated incidents")


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_statistics_csv_neutralises_formulae(w):
    import csv
    import io

    from django.utils import timezone

    from saferhub.asb import actions
    from saferhub.core.actors import SYSTEM

    council = fx.org("Fictional Formula Council", "district_council")
    actions.save_relevant_body(organisation=council, kind="district_council", acting_user=SYSTEM)
    evil = actions.save_opt_area(code="formula", name='=HYPERLINK("http://example.invalid","x")', councils=[council],
                                 position=9, acting_user=SYSTEM)
    year = timezone.localdate().year
    fx.application(w, area=evil, application_date=timezone.localdate() - __import__("datetime").timedelta(days=1))
    body = Client().get(reverse("asb:statistics-csv"), {"year": year}).content.decode()
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def test_upheld_appeal_reopening_is_in_the_history_with_old_and_new_values(w):
    import datetime as dt

    from saferhub.asb import actions, queries
    from saferhub.core.actors import SYSTEM

    D = dt.date
    case = fx.application(w, n=2, application_date=D(2026, 1, 5))
    actions.triage_case(case, decision="route", acting_user=SYSTEM)
    actions.determine_threshold(case, determination="B", complaints_related=False, reasons="Two only",
                                determined_on=D(2026, 1, 12), acting_user=SYSTEM)
    appeal = actions.lodge_appeal(case, received_on=D(2026, 1, 20), grounds="application", reviewing_area=w.west,
                                  acting_user=SYSTEM)
    actions.decide_appeal(appeal, outcome="upheld", reasons="Harm not considered", decided_on=D(2026, 1, 22),
                          acting_user=SYSTEM)
    event = queries.case_history(case).get(code="asb.case.reopened")
    changes = event.data["changes"]
    assert changes["status"]["old"] == "closed" and changes["status"]["new"] == "routed"
    assert changes["determination"]["old"] == "B" and changes["determination"]["new"] == ""
    assert changes["closed_on"]["new"] is None


def test_information_response_refused_on_a_closed_case(w):
    import datetime as dt

    from saferhub.asb import actions
    from saferhub.asb.models import Case
    from saferhub.core.actors import SYSTEM
    from saferhub.core.exceptions import RuleViolation

    case = fx.to_review(w, fx.application(w, area=w.norwich))
    (req,) = actions.send_information_requests(case, agencies=[w.housing], acting_user=SYSTEM)
    start = case.application_date
    actions.record_panel(case, held_on=start + dt.timedelta(days=20), members=fx.standard_panel(w),
                         victim_attendance="attended", findings="Fictional findings", acting_user=SYSTEM)
    actions.send_decision_letter(case, letter="D", signed_by=w.norwich_council, signatory_name="X",
                                 sent_on=start + dt.timedelta(days=25), acting_user=SYSTEM)
    assert Case.objects.get(pk=case.pk).status == "closed"
    with pytest.raises(RuleViolation, match="closed"):
        actions.record_information_response(req, response="Late records", acting_user=SYSTEM)
    req.refresh_from_db()
    assert req.response == "" and req.responded_on is None


def test_administrator_does_not_see_asb_audit_rows_in_the_admin(w):
    from saferhub.core.models import AuditEvent

    case = fx.application(w, area=w.norwich, victim_name="Fictional Person Epsilon")
    event = AuditEvent.objects.filter(code="asb.case.submitted", target_id=str(case.pk)).get()
    client = client_for(_administrator(superuser=True))
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get(f"/admin/core/auditevent/{event.pk}/change/").status_code in (302, 404)
    assert case.reference not in client.get("/admin/core/auditevent/").content.decode()
    county = fx.user(Role.ASB_COUNTY_TEAM)
    county.is_staff = county.is_superuser = True
    county.save()
    assert case.reference in client_for(county).get("/admin/core/auditevent/").content.decode()
