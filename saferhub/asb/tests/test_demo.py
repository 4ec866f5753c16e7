"""The fictional demo set covers every area and outcome, and loading it twice changes nothing."""

import pytest
from django.core.management import call_command

from saferhub.asb import queries
from saferhub.asb.models import Appeal, Case, OptArea

pytestmark = pytest.mark.django_db


@pytest.mark.date_sensitive("2026-11-20")  # a Friday in November
def test_demo_cases_cover_areas_and_outcomes(capsys):
    """The demo cases are dated back from today: they hold on any day (scripts/test-dates)."""
    check_demo(capsys)


@pytest.mark.date_sensitive("2027-01-04")  # the first Monday of a year: the cases span the new year
def test_demo_cases_across_the_new_year(capsys):
    check_demo(capsys)


def check_demo(capsys):
    call_command("load_asb_config")
    call_command("load_asb_demo")
    total = Case.objects.count()
    call_command("load_asb_demo")
    assert Case.objects.count() == total
    assert "0 created" in capsys.readouterr().out
    assert set(Case.objects.values_list("area__code", flat=True)) == set(OptArea.objects.values_list("code", flat=True))
    assert all(name.startswith("Fictional applicant") for name in Case.objects.values_list("victim_name", flat=True))
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == {"triage", "routed", "in_review", "panel_held", "action_plan", "closed"}
    assert set(Case.objects.values_list("determination", flat=True)) >= {"B", "C_i", "C_ii"}
    assert set(Case.objects.values_list("decision_letter", flat=True)) >= {"D", "E"}
    assert set(Appeal.objects.values_list("outcome", flat=True)) == {"upheld", "not_upheld"}
    assert Case.objects.filter(threshold_route="local_variant", area__code="breckland").exists()
    years = queries.years_with_cases()
    assert len(years) >= 2
    county = queries.annual_figures(years[-1])[-1]
    assert county["received"] > 0 and county["threshold_not_met"] > 0 and county["reviews"] > 0
    assert county["with_recommendations"] > 0


def test_demo_users_include_each_asb_role(client, capsys):
    from saferhub.asb.models import AsbStaffAssignment

    call_command("create_demo_users")
    call_command("create_demo_users")
    out = capsys.readouterr().out
    assert "asb-county" in out and "agency" in out
    assert set(AsbStaffAssignment.objects.values_list("user__username", "role")) == {
        ("asb-spoc", "asb_spoc"), ("opt-officer", "opt_officer"), ("opt-inspector", "opt_inspector"),
        ("agency", "agency_officer")}
    # Through the sign-in page, as a person would (the lockout check needs the request).
    response = client.post("/accounts/login/", {"username": "asb-spoc", "password": "saferhub-demo-password"})
    assert response.status_code == 302
    assert client.get("/api/v1/asb/cases").status_code == 200
