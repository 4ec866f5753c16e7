"""Staff ASB pages: the permission matrix through the UI, each step's form calling its action, rule
violations shown by name in the error summary, and pinned query counts on the case page and dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from saferhub.asb import actions
from saferhub.asb.models import Case, CaseDocument
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return fx.world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def d(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def recent(days_ago: int = 20) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


# ---------------------------------------------------------------------------------------------
# Who sees what
# ---------------------------------------------------------------------------------------------


def test_permission_matrix_through_the_ui(w):
    norwich_case = fx.application(w, area=w.norwich, application_date=recent())
    breckland_case = fx.application(w, area=w.breckland, application_date=recent())
    fx.to_review(w, norwich_case)  # the police are the lead agency on the Norwich case
    users = {
        "county": fx.user("asb_county_team"),
        "norwich_spoc": fx.user("asb_spoc", area=w.norwich),
        "breckland_spoc": fx.user("asb_spoc", area=w.breckland),
        "norwich_inspector": fx.user("opt_inspector", area=w.norwich),
        "police_officer": fx.user("agency_officer", organisation=w.police),
        "health_officer": fx.user("agency_officer", organisation=w.health),
        "committee_officer": fx.user("committee_officer"),
        "nobody": fx.user(None),
    }
    expected = {
        "county": {norwich_case.pk, breckland_case.pk},
        "norwich_spoc": {norwich_case.pk},
        "breckland_spoc": {breckland_case.pk},
        "norwich_inspector": {norwich_case.pk},
        "police_officer": {norwich_case.pk},
        "health_officer": set(),
        "committee_officer": set(),
        "nobody": set(),
    }
    for name, user in users.items():
        client = client_for(user)
        for case in (norwich_case, breckland_case):
            status = client.get(reverse("asb:case", args=[case.pk])).status_code
            assert status == (200 if case.pk in expected[name] else 404), (name, case.reference, status)
        triage = client.get(reverse("asb:triage")).status_code
        assert triage == (200 if name == "county" else 404), (name, triage)
        history = client.get(reverse("asb:case-history", args=[norwich_case.pk])).status_code
        assert history == (200 if name == "county" else 404), (name, history)
        dashboard = client.get(reverse("asb:dashboard")).status_code
        assert dashboard == (404 if name in ("committee_officer", "nobody") else 200), (name, dashboard)
        if dashboard == 200:
            listing = client.get(reverse("asb:case-list")).content.decode()
            for case in (norwich_case, breckland_case):
                assert (case.reference in listing) == (case.pk in expected[name]), (name, case.reference)


def test_agency_officer_cannot_run_steps_but_may_answer_its_request(w):
    case = fx.to_review(w, fx.application(w, application_date=recent()))
    actions.send_information_requests(case, agencies=[w.police, w.housing], acting_user=SYSTEM)
    police = client_for(fx.user("agency_officer", organisation=w.police))
    page = police.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "Record panel" not in page and "Record response" in page
    refused = police.post(reverse("asb:case-post", args=[case.pk, "panel-date"]), d("pdate-panel_date", recent(0)))
    assert refused.status_code == 404
    request = case.information_requests.get(agency=w.police)
    other = case.information_requests.get(agency=w.housing)
    ok = police.post(reverse("asb:case-post", args=[case.pk, "information-response"]),
                     {"request_pk": request.pk, f"resp{request.pk}-request": request.pk,
                      f"resp{request.pk}-response": "Three visits made."})
    assert ok.status_code == 302
    request.refresh_from_db()
    assert request.response == "Three visits made."
    # Not the housing provider's request.
    blocked = police.post(reverse("asb:case-post", args=[case.pk, "information-response"]),
                          {"request_pk": other.pk, f"resp{other.pk}-request": other.pk, f"resp{other.pk}-response": "x"})
    assert blocked.status_code == 404


def test_documents_download_only_for_those_who_see_the_case(w):
    case = fx.application(w, area=w.norwich, application_date=recent())
    county = client_for(fx.user("asb_county_team"))
    county.post(reverse("asb:case-post", args=[case.pk, "acknowledge"]), {"ack-method": "letter_a"})
    document = CaseDocument.objects.filter(case=case, kind="letter_a").first()
    assert document is not None
    url = reverse("asb:document", args=[case.pk, document.pk])
    assert county.get(url).status_code == 200
    assert client_for(fx.user("asb_spoc", area=w.breckland)).get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# The steps, through the forms
# ---------------------------------------------------------------------------------------------


def test_staff_entry_records_the_channel(w):
    county = client_for(fx.user("asb_county_team"))
    day = recent(3)
    data = {
        "app-channel": "telephone", **d("app-application_date", day), "app-area": str(w.breckland.pk),
        "app-applicant_relationship": "carer", "app-victim_consent": "on", "app-applicant_name": "Fictional Carer",
        "app-victim_type": "person", "app-victim_name": "Fictional Victim",
    }
    for i in range(3):
        reported = day - dt.timedelta(days=5 + 10 * i)
        data.update({**d(f"inc-behaviour_date_{i}", reported - dt.timedelta(days=1)), **d(f"inc-reported_date_{i}", reported),
                     f"inc-agency_{i}": "Police", f"inc-reference_{i}": f"R{i}"})
    response = county.post(reverse("asb:case-new"), data)
    assert response.status_code == 302, response.content.decode()[:500]
    case = Case.objects.get()
    assert case.channel == "telephone" and case.applicant_relationship == "carer" and case.complaints.count() == 3


def test_staff_entry_without_consent_shows_the_rule(w):
    county = client_for(fx.user("asb_county_team"))
    day = recent(3)
    data = {"app-channel": "letter", **d("app-application_date", day), "app-area": str(w.norwich.pk),
            "app-applicant_relationship": "friend", "app-victim_type": "person", "app-victim_name": "V",
            **d("inc-behaviour_date_0", day - dt.timedelta(days=3)), **d("inc-reported_date_0", day - dt.timedelta(days=2)),
            "inc-agency_0": "Police"}
    body = county.post(reverse("asb:case-new"), data).content.decode()
    assert "govuk-error-summary" in body and "<title>Error:" in body
    assert "consent" in body.lower()
    assert Case.objects.count() == 0


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_full_case_through_the_forms(w):
    case = fx.application(w, area=w.norwich, application_date=recent(30))
    county = client_for(fx.user("asb_county_team"))
    spoc = client_for(fx.user("asb_spoc", area=w.norwich))
    url = lambda section: reverse("asb:case-post", args=[case.pk, section])  # noqa: E731

    assert county.post(url("triage"), {"triage-decision": "route", "triage-area": str(w.norwich.pk)}).status_code == 302
    assert spoc.post(url("acknowledge"), {"ack-method": "letter_a"}).status_code == 302
    assert spoc.post(url("determine"), {"det-determination": "C_ii", "det-complaints_related": "on"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "in_review"
    assert set(case.documents.values_list("kind", flat=True)) == {"letter_a", "letter_c_ii"}
    assert spoc.post(url("lead-agency"), {"lead-lead_agency": w.police.pk, "lead-reviewer_name": "Fictional Sgt",
                                          "lead-reviewer_independent": "yes"}).status_code == 302
    assert spoc.post(url("information-requests"), {"info-agencies": [w.police.pk, w.housing.pk]}).status_code == 302
    assert spoc.post(url("initial-review"), {"rev-summary": "Context and findings."}).status_code == 302
    # An incomplete panel: the error summary names the missing agency.
    held = timezone.localdate()
    bad = spoc.post(url("panel"), {**d("panel-held_on", held), "panel-org_0": w.norwich_council.pk,
                                   "panel-role_0": "chair", "panel-victim_attendance": "attended",
                                   "panel-findings": "Findings"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "govuk-error-summary" in body and "police" in body.lower()
    good = spoc.post(url("panel"), {**d("panel-held_on", held), "panel-org_0": w.norwich_council.pk,
                                    "panel-role_0": "chair", "panel-org_1": w.police.pk, "panel-role_1": "member",
                                    "panel-org_2": w.housing.pk, "panel-role_2": "member",
                                    "panel-org_3": w.childrens.pk, "panel-role_3": "member",
                                    "panel-victim_attendance": "attended", "panel-findings": "Findings"})
    assert good.status_code == 302, [x for x in good.content.decode().splitlines() if "error" in x][:5]
    assert spoc.post(url("action"), {"act-description": "Mediation", "act-owner": w.housing.pk,
                                     **d("act-due_on", held + dt.timedelta(days=20))}).status_code == 302
    # Signed by the lead agency: refused, by name.
    refused = spoc.post(url("decision"), {"dec-letter": "E", "dec-signed_by": w.police.pk,
                                          "dec-signatory_name": "Insp Fictional"})
    assert refused.status_code == 200 and "lead agency" in refused.content.decode()
    assert spoc.post(url("decision"), {"dec-letter": "E", "dec-signed_by": w.norwich_council.pk,
                                       "dec-signatory_name": "Fictional Manager"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "action_plan" and case.documents.filter(kind="letter_e").count() == 2
    item = case.actions.get()
    assert spoc.post(url("progress"), {"item_pk": item.pk, f"prog{item.pk}-item": item.pk,
                                       f"prog{item.pk}-progress": "Done", f"prog{item.pk}-done": "on"}).status_code == 302
    assert spoc.post(url("close")).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    appeal = spoc.post(url("appeal"), {**d("appeal-received_on", timezone.localdate()), "appeal-grounds": "review",
                                       "appeal-reviewing_area": str(w.breckland.pk)})
    assert appeal.status_code == 302, [x for x in appeal.content.decode().splitlines() if "error" in x][:5]
    open_appeal = case.appeals.get()
    # The area appealed against does not decide the appeal; the reviewing area does.
    decision = {"outcome-appeal": open_appeal.pk, "outcome-outcome": "not_upheld", "outcome-reasons": "Review was sound"}
    assert spoc.post(url("appeal-outcome"), decision).status_code == 404
    breck_spoc = client_for(fx.user("asb_spoc", area=w.breckland))
    assert breck_spoc.post(url("appeal-outcome"), decision).status_code == 302
    from saferhub.asb.actions import AUDIT_CHECKLIST

    audit = {f"audit-{code}": "on" for code, _ in AUDIT_CHECKLIST}
    assert county.post(url("audit"), {**audit, "audit-notes": "Good"}).status_code == 302
    history = county.get(reverse("asb:case-history", args=[case.pk])).content.decode()
    assert "Sent the decision letter" in history and "asb.case.decision_sent" not in history


def test_threshold_not_met_gets_letter_b_with_reasons(w):
    day = recent(30)
    case = fx.application(w, area=w.norwich, application_date=day, n=1)
    county = client_for(fx.user("asb_county_team"))
    page = county.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "Complaint by complaint" in page
    county.post(reverse("asb:case-post", args=[case.pk, "triage"]), {"triage-decision": "route",
                                                                      "triage-area": str(w.norwich.pk)})
    # C(ii) is refused when the threshold is not met.
    refused = county.post(reverse("asb:case-post", args=[case.pk, "determine"]),
                          {"det-determination": "C_ii", "det-complaints_related": "on"})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    ok = county.post(reverse("asb:case-post", args=[case.pk, "determine"]),
                     {"det-determination": "B", "det-reasons": "Only one incident was reported."})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed" and case.documents.filter(kind="letter_b").count() == 2


def test_bad_input_never_gives_500(w):
    case = fx.application(w, application_date=recent())
    county = client_for(fx.user("asb_county_team"))
    url = reverse("asb:case-post", args=[case.pk, "triage"])
    assert county.post(url, {"triage-decision": "nonsense", "triage-area": "x"}).status_code == 200
    assert county.post(reverse("asb:case-post", args=[case.pk, "no-such-section"])).status_code == 404
    assert county.get(reverse("asb:case", args=[999999])).status_code == 404
    assert county.post(reverse("asb:case-post", args=[case.pk, "letter"]), {"letter": "Z"}).status_code == 302


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_overrun_prompt_appears_after_30_working_days(w):
    case = fx.application(w, application_date=timezone.localdate() - dt.timedelta(days=60))
    fx.to_review(w, case)
    spoc = client_for(fx.user("asb_spoc", area=w.norwich))
    page = spoc.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert "tell the victim it will take longer" in page
    assert case.reference in spoc.get(reverse("asb:dashboard")).content.decode().split('id="overrun"')[1]
    assert spoc.post(reverse("asb:case-post", args=[case.pk, "overrun"]),
                     {"over-method": "letter", "over-note": "Told by letter"}).status_code == 302
    assert "tell the victim it will take longer" not in spoc.get(reverse("asb:case", args=[case.pk])).content.decode()


# ---------------------------------------------------------------------------------------------
# Query counts
# ---------------------------------------------------------------------------------------------


def _case_page_queries(client, case, django_assert_max_num_queries, n):
    with django_assert_max_num_queries(n):
        assert client.get(reverse("asb:case", args=[case.pk])).status_code == 200


def test_case_page_query_count_is_constant(w, django_assert_max_num_queries):
    small = fx.to_action_plan(w, fx.application(w, application_date=recent(60), n=3))
    large = fx.to_review(w, fx.application(w, application_date=recent(60), n=6))
    actions.send_information_requests(large, agencies=[w.health, w.yot, w.school, w.housing], acting_user=SYSTEM)
    start = large.application_date
    actions.record_panel(large, held_on=start + dt.timedelta(days=20), members=fx.standard_panel(w),
                         victim_attendance="attended", findings="Findings", acting_user=SYSTEM)
    actions.send_decision_letter(
        Case.objects.get(pk=large.pk), letter="E", signed_by=w.norwich_council, signatory_name="Manager",
        sent_on=start + dt.timedelta(days=25),
        actions=[{"description": "Action", "owner": w.housing, "due_on": start + dt.timedelta(days=40)}],
        acting_user=SYSTEM)
    large = Case.objects.get(pk=large.pk)
    for i in range(6):
        actions.add_action_item(large, description=f"Extra {i}", owner=w.police,
                                due_on=timezone.localdate() + dt.timedelta(days=30), acting_user=SYSTEM)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for user in (fx.user("asb_county_team"), fx.user("asb_spoc", area=w.norwich),
                 fx.user("agency_officer", organisation=w.housing)):
        client = client_for(user)
        client.get(reverse("asb:case", args=[small.pk]))
        with CaptureQueriesContext(connection) as small_q:
            client.get(reverse("asb:case", args=[small.pk]))
        with CaptureQueriesContext(connection) as large_q:
            client.get(reverse("asb:case", args=[large.pk]))
        assert len(large_q) == len(small_q), (user, len(small_q), len(large_q))
        _case_page_queries(client, large, django_assert_max_num_queries, 45)


@pytest.mark.date_sensitive("2026-12-03")  # a Thursday
def test_dashboard_query_count_is_constant(w, django_assert_max_num_queries):
    county = client_for(fx.user("asb_county_team"))
    fx.application(w, application_date=recent(2))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    county.get(reverse("asb:dashboard"))
    with CaptureQueriesContext(connection) as few:
        county.get(reverse("asb:dashboard"))
    for i in range(8):
        fx.application(w, area=[w.norwich, w.breckland, w.west][i % 3], application_date=recent(i + 1))
    with CaptureQueriesContext(connection) as many:
        body = county.get(reverse("asb:dashboard")).content.decode()
    assert len(many) == len(few)
    assert "Due this week" in body
    with django_assert_max_num_queries(12):
        county.get(reverse("asb:dashboard"))


@pytest.mark.date_sensitive("2026-02-10")  # the case received 60 days ago falls in the previous year
def test_reports_page(w):
    case = fx.to_action_plan(w, fx.application(w, application_date=recent(60), channel="letter"))
    county = client_for(fx.user("asb_county_team"))
    body = county.get(reverse("asb:reports"), {"year": case.application_date.year}).content.decode()
    assert "Timeliness against each clock" in body and "Letter" in body and "Audit report" in body
    spoc = client_for(fx.user("asb_spoc", area=w.norwich))
    spoc_body = spoc.get(reverse("asb:reports")).content.decode()
    assert "Channels used" in spoc_body and "Audit report" not in spoc_body
    assert client_for(fx.user("committee_officer")).get(reverse("asb:reports")).status_code == 404


def test_peer_review_and_legal_hold_from_the_case_page(w):
    from saferhub.asb.models import PeerReview

    case = fx.to_action_plan(w, fx.application(w, application_date=recent(60)))
    for item in case.actions.all():
        actions.update_action_item(item, done_on=timezone.localdate(), acting_user=SYSTEM)
    actions.close_case(case, acting_user=SYSTEM)
    reviewer = fx.person("Fictional Reviewer", w.breckland_council)
    actions.nominate_peer_reviewer(council=w.breckland_council, person=reviewer, acting_user=SYSTEM)
    county = client_for(fx.user("asb_county_team"))
    assert "Assign the next peer reviewer" in county.get(reverse("asb:case", args=[case.pk])).content.decode()
    assert county.post(reverse("asb:case-post", args=[case.pk, "peer-review"])).status_code == 302
    review = PeerReview.objects.get(case=case)
    assert review.reviewer.council == w.breckland_council
    assert county.post(reverse("asb:case-post", args=[case.pk, "peer-review-complete"]),
                       {"peer-notes": "Sound review"}).status_code == 302
    # Legal hold needs a reason (the rule's message is shown).
    body = county.post(reverse("asb:case-post", args=[case.pk, "legal-hold"]), {"hold": "1"}).content.decode()
    assert "Say why the case is on legal hold" in body
    assert county.post(reverse("asb:case-post", args=[case.pk, "legal-hold"]),
                       {"hold": "1", "hold-reason": "Civil claim"}).status_code == 302
    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_reason == "Civil claim"
    spoc = client_for(fx.user("asb_spoc", area=w.norwich))
    assert spoc.post(reverse("asb:case-post", args=[case.pk, "legal-hold"]), {"hold": "0"}).status_code == 404
