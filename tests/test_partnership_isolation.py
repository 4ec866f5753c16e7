"""Two partnerships on one installation: staff of one see none of the other's private records.

Partnership A is the home partnership (Norfolk's data, as the ASB factories build it); partnership B is a second
one with its own ASB settings, an OPT area with the *same code and name* as one of A's (codes are unique per
partnership, not globally), its own agency and its own Domestic Homicide Review. Each has a full set of staff:
the ASB county team, a SPOC, an OPT officer, an OPT Inspector, an agency officer and a DHR review team member.

The matrix: for every role of each partnership and every way to reach the other partnership's records (the
case page, its history and its documents, the case list, the triage queue, the dashboard, the reports page, the
API's case list, case, history, dashboard and report, the admin's case and audit lists, search, the DHR review
page, list, API and report page), the answer is 404, 403 or a page without the record, while the same member
of staff reaches their own partnership's record the same way (so a 404 is not just a broken page).

This test sits in ``tests/`` because it crosses apps; it builds its data through each app's actions and test
factories and is allowed to import them (tests are outside the import contracts).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from saferhub.asb import actions as asb_actions
from saferhub.asb.config import current_settings
from saferhub.asb.tests import factories as fx
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.dhr.tests import factories as dhr_f

pytestmark = pytest.mark.django_db

B_NAME = "Beta Community Safety Partnership"
ASB_ROLES = ["county", "spoc", "officer", "inspector", "agency"]
ROLES = [*ASB_ROLES, "dhr"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _asb_side(w: fx.World, partnership, area, police, label: str) -> dict:
    """One partnership's ASB staff and a private case, with a document, in review with its agency."""
    staff = {
        "county": fx.user(Role.ASB_COUNTY_TEAM, partnership=partnership, username=f"{label}-county"),
        "spoc": fx.user(Role.ASB_SPOC, area=area, username=f"{label}-spoc"),
        "officer": fx.user(Role.OPT_OFFICER, area=area, username=f"{label}-officer"),
        "inspector": fx.user(Role.OPT_INSPECTOR, area=area, username=f"{label}-inspector"),
        "agency": fx.user(Role.AGENCY_OFFICER, organisation=police, username=f"{label}-agency"),
    }
    side = dataclasses.replace(w, police=police)
    case = fx.application(side, area=area, victim_name=f"Victim of {label} ZQX{label.upper()}",
                          application_date=dt.date.today() - dt.timedelta(days=20))
    case = fx.to_review(side, case)
    document = asb_actions.add_case_document(
        case, file=SimpleUploadedFile(f"{label}.pdf", b"%PDF-1.4 private", content_type="application/pdf"),
        title=f"Statement {label}", acting_user=SYSTEM)
    # A second case still in triage, for the triage queue; its clocks are overdue (the dashboard lists it
    # whatever the day of the week).
    triage = fx.application(side, area=area, victim_name=f"Triage victim {label} ZQT{label.upper()}")
    return {"staff": staff, "case": case, "triage": triage, "document": document, "partnership": partnership}


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                     "OPTIONS": {"location": str(tmp_path)}}}
    w = fx.world()
    a = w.norwich.partnership
    b = dhr_f.partnership(B_NAME)
    asb_actions.update_asb_settings(partnership=b, name="Beta", letters_sent_by="email", acting_user=SYSTEM)
    beta_council = fx.org("Beta District Council", "district_council")
    beta_police = fx.org("Beta Constabulary", "police")
    asb_actions.save_relevant_body(organisation=beta_police, kind="police", acting_user=SYSTEM)
    # The same code and name as A's Norwich area: unique per partnership, not across the installation.
    b_area = asb_actions.save_opt_area(partnership=b, code="norwich", name="Norwich", councils=[beta_council],
                                       inspector=fx.person("Fictional Beta Inspector", beta_police),
                                       acting_user=SYSTEM)
    sides = {"A": _asb_side(w, a, w.norwich, w.police, "alpha"),
             "B": _asb_side(w, b, b_area, beta_police, "beta")}
    for key, side in sides.items():
        p = side["partnership"]
        side["staff"]["dhr"] = dhr_f.team_member(p)
        side["dhr_case"] = dhr_f.case(p, victim_pseudonym=f"Person {key} ZQD{key}")
    return sides


def _other(key: str) -> str:
    return "B" if key == "A" else "A"


# ---------------------------------------------------------------------------------------------------------------
# Where each record may be reached. Each entry: (name, roles it applies to, how to request it, what counts as
# "reached": a status code, or a marker text that must (own) / must not (other's) appear).
# ---------------------------------------------------------------------------------------------------------------

def _marker(side: dict) -> str:
    return side["case"].victim_name.split()[-1]


ENDPOINTS = {
    # Pages and API addressed to one record: the other partnership's answers 404.
    "asb case page": (ASB_ROLES, lambda s: f"/asb/cases/{s['case'].pk}/", "status"),
    "asb case API": (ASB_ROLES, lambda s: f"/api/v1/asb/cases/{s['case'].reference}", "status"),
    "asb case document": (["county", "spoc", "officer", "inspector"],
                          lambda s: f"/asb/cases/{s['case'].pk}/documents/{s['document'].pk}/", "status"),
    "asb case history": (["county"], lambda s: f"/asb/cases/{s['case'].pk}/history/", "status"),
    "asb case history API": (["county"], lambda s: f"/api/v1/asb/cases/{s['case'].reference}/history", "status"),
    "dhr case page": (["dhr"], lambda s: f"/dhr/{s['dhr_case'].pk}/", "status"),
    "dhr case API": (["dhr"], lambda s: f"/api/v1/dhr/cases/{s['dhr_case'].pk}", "status"),
    "dhr report page": (["dhr"], lambda s: f"/dhr/{s['dhr_case'].pk}/report/", "status"),
    # Lists, dashboards, reports and exports: the other partnership's record is absent.
    "asb case list": (ASB_ROLES, lambda s: "/asb/cases/", "reference"),
    "asb case list API": (ASB_ROLES, lambda s: "/api/v1/asb/cases", "reference"),
    "asb triage queue": (["county"], lambda s: "/asb/triage/", "triage"),
    "asb dashboard": (["county", "spoc", "officer"], lambda s: "/asb/", "triage"),
    "asb dashboard API": (["county", "spoc", "officer"], lambda s: "/api/v1/asb/dashboard", "triage"),
    "asb admin case list": (["county"], lambda s: "/admin/asb/case/", "reference"),
    "asb admin audit list": (["county"], lambda s: "/admin/core/auditevent/", "reference"),
    "dhr case list": (["dhr"], lambda s: "/dhr/", "dhr"),
    "dhr case list API": (["dhr"], lambda s: "/api/v1/dhr/cases", "dhr"),
}

MATRIX = [(key, role, endpoint) for key in ("A", "B") for endpoint, (roles, _, _) in ENDPOINTS.items()
          for role in roles]


def _reached(response, kind: str, side: dict) -> bool:
    if kind == "status":
        return response.status_code == 200
    if response.status_code != 200:
        return False
    body = response.content.decode()
    if kind == "dhr":  # DHR references may repeat between partnerships: look for the case itself
        pk = side["dhr_case"].pk
        if response["Content-Type"].startswith("application/json"):
            return any(item["id"] == pk for item in response.json())
        return f'href="/dhr/{pk}/"' in body
    return {
        "marker": _marker(side), "reference": side["case"].reference, "triage": side["triage"].reference,
    }[kind] in body


@pytest.mark.parametrize(("key", "role", "endpoint"), MATRIX, ids=[f"{k}-{r}-{e}" for k, r, e in MATRIX])
def test_staff_reach_their_own_partnerships_record_and_not_the_others(world, key, role, endpoint):
    _, url, kind = ENDPOINTS[endpoint]
    user = world[key]["staff"][role]
    if endpoint.startswith("asb admin"):
        from django.contrib.auth.models import Permission

        user.is_staff = True
        user.save()
        user.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client = _client(user)
    own, other = world[key], world[_other(key)]
    assert _reached(client.get(url(own)), kind, own), f"{role} of {key} should reach their own {endpoint}"
    response = client.get(url(other))
    assert not _reached(response, kind, other), f"{role} of {key} reached {_other(key)}'s {endpoint}"
    if kind == "status":
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("key", ["A", "B"])
@pytest.mark.parametrize("role", ROLES)
def test_search_finds_no_case_of_either_partnership(world, key, role):
    """Victims' data is never indexed (the import contracts keep search away from asb and dhr): a search for a
    victim's name, by anyone, finds nothing on the page or in the API."""
    client = _client(world[key]["staff"][role])
    for side in world.values():
        leaks = (side["case"].reference, side["triage"].reference, f"/asb/cases/{side['case'].pk}/",
                 f"/dhr/{side['dhr_case'].pk}/")
        for term in (_marker(side), side["dhr_case"].victim_pseudonym.split()[-1], side["case"].reference):
            for url in (f"/search/?q={term}", f"/api/v1/search?q={term}"):
                response = client.get(url)
                assert response.status_code == 200, url
                body = response.content.decode()
                assert not any(leak in body.replace(f"q={term}", "").replace(term, "") for leak in leaks[2:]), url
                if term != side["case"].reference:
                    assert not any(leak in body for leak in leaks[:2]), url


@pytest.mark.parametrize("key", ["A", "B"])
def test_reports_and_statistics_count_only_the_partnerships_own_cases(world, key):
    """The reports page and the API's Sub Panel report are each partnership's own figures; the audit report,
    which names cases not audited, lists only the county team's own partnership's."""
    side, other = world[key], world[_other(key)]
    client = _client(side["staff"]["county"])
    year = side["case"].application_date.year
    report = client.get(f"/api/v1/asb/stats/{year}/report").json()
    received = sum(r["received"] for r in report["annual_figures"] if r["area_code"] != "county")
    from saferhub.asb.models import Case

    own = Case.objects.filter(partnership=side["partnership"], application_date__year=year).count()
    assert received == own
    page = client.get(f"/asb/reports/?year={year}").content.decode()
    assert other["case"].reference not in page
    assert other["triage"].reference not in page


def test_a_county_team_cannot_change_the_other_partnerships_configuration(world):
    from saferhub.core.exceptions import ActionPermissionDenied

    a_county = world["A"]["staff"]["county"]
    b = world["B"]["partnership"]
    with pytest.raises(ActionPermissionDenied):
        asb_actions.update_asb_settings(partnership=b, threshold_count=2, acting_user=a_county)
    with pytest.raises(ActionPermissionDenied):
        asb_actions.save_opt_area(partnership=b, code="extra", name="Extra", acting_user=a_county)
    # Its own partnership's, it may.
    asb_actions.update_asb_settings(partnership=world["A"]["partnership"], at_risk_days=3, acting_user=a_county)
    assert current_settings(world["A"]["case"]).at_risk_days == 3
    assert current_settings(world["B"]["case"]).at_risk_days == 2  # B's own, unchanged


def test_each_partnership_keeps_its_own_settings_and_routes(world):
    """B's settings and partnership-wide routes never apply to A's cases, and the other way round."""
    from saferhub.asb import facts

    a, b = world["A"], world["B"]
    assert current_settings(a["case"]).partnership_id == a["partnership"].pk
    assert current_settings(b["case"]).letters_sent_by == "email"
    assert current_settings(a["case"]).letters_sent_by == "post"
    asb_actions.save_local_route(area=None, partnership=b["partnership"], name="Beta hate route", kind="hate",
                                 min_distinct_reporters=1, acting_user=SYSTEM)
    names_a = {r.name for r in facts.threshold_config(area=a["case"].area).local_routes}
    names_b = {r.name for r in facts.threshold_config(area=b["case"].area).local_routes}
    assert "Beta hate route" in names_b and "Beta hate route" not in names_a


def test_a_case_cannot_be_routed_or_appealed_to_the_other_partnerships_area(world):
    from saferhub.core.exceptions import RuleViolation

    a, b = world["A"], world["B"]
    with pytest.raises(RuleViolation, match="own partnership"):
        asb_actions.triage_case(a["triage"], decision="route", area=b["case"].area, acting_user=SYSTEM)


def test_the_admin_audit_list_shows_no_dhr_rows_and_only_the_own_partnerships_asb_rows(world):
    a, b = world["A"], world["B"]
    user = a["staff"]["county"]
    user.is_staff = True
    user.save()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    body = _client(user).get("/admin/core/auditevent/?q=").content.decode()
    assert a["case"].reference in body
    assert b["case"].reference not in body
    assert AuditEvent.objects.filter(code__startswith="dhr.").exists()
    for side in world.values():
        assert side["dhr_case"].victim_pseudonym not in body


def test_the_public_form_files_into_the_configured_partnership(world, settings):
    """Norfolk's installation sets nothing: the form offers the home partnership's areas. An instance serving
    another partnership's form names it in ``ASB_PUBLIC_PARTNERSHIP`` and offers only that partnership's areas."""
    from saferhub.asb.config import public_areas
    from saferhub.asb.views.apply import area_choices

    a, b = world["A"], world["B"]
    assert {area.partnership_id for area in public_areas()} == {a["partnership"].pk}
    assert ("west-norfolk", "West Norfolk") in area_choices()
    settings.ASB_PUBLIC_PARTNERSHIP = B_NAME
    assert [area.pk for area in public_areas()] == [b["case"].area_id]
    assert area_choices() == [("norwich", "Norwich")]
