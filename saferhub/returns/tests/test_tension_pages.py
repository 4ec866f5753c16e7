"""The tension log's and reporting centres' pages: every role × page (404 for anyone not allowed, the
submitter and a named contact seeing that one report), the personal-data warning on the form, triage by
form, and a POST by someone who may read but not triage."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.returns import actions
from saferhub.returns.models import ReportingCentre, TensionReport
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db
MATRIX_ROLES = [None, "no role", *[r.value for r in Role], "submitter", "named contact"]
CENTRES = {Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR}


@pytest.fixture
def world(django_user_model):
    submitter = user_with(django_user_model, Role.AGENCY_OFFICER, "submitter")
    contact = user_with(django_user_model, Role.COMMITTEE_OFFICER, "contact")
    analyst = user_with(django_user_model, Role.TENSION_ANALYST, "the_analyst")
    with time_machine.travel("2023-05-02T10:00+00:00", tick=False):
        r = actions.submit_tension(acting_user=submitter, what="Posters", where="Norwich",
                                   occurred_on=dt.date(2023, 5, 1), communities="Students", source="Social media")
    council = Organisation.objects.create(name="Norwich City Council", kind="district_council")
    actions.name_recipient(r, acting_user=analyst, user=contact, authority=council)
    centre = actions.add_reporting_centre(acting_user=analyst.__class__.objects.create_superuser("root", "", "x"),
                                          name="Library", address="1 Street", opening_hours="9 to 5")
    return {"report": r, "submitter": submitter, "contact": contact, "centre": centre}


@pytest.mark.parametrize("who", MATRIX_ROLES)
def test_role_page_matrix(client, django_user_model, world, who):
    if who == "submitter":
        client.force_login(world["submitter"])
    elif who == "named contact":
        client.force_login(world["contact"])
    elif who is not None:
        client.force_login(user_with(django_user_model, None if who == "no role" else who, "viewer"))
    staff = who not in (None, "no role")
    analyst = who == Role.TENSION_ANALYST
    pages = {
        "log": (reverse("returns:tensions"), staff),
        "new": (reverse("returns:tension-new"), staff),
        "figures": (reverse("returns:tension-figures"), analyst),
        "report": (reverse("returns:tension", args=[world["report"].pk]),
                   analyst or who in ("submitter", "named contact")),
        "centres": (reverse("returns:centres"), who in CENTRES),
        "centre": (reverse("returns:centre", args=[world["centre"].pk]), who in CENTRES),
    }
    for name, (url, allowed) in pages.items():
        status = client.get(url).status_code
        if who is None:
            assert status == 302, name
        else:
            assert status == (200 if allowed else 404), (name, who)


def test_the_log_lists_only_the_users_own_reports(client, django_user_model, world):
    other = user_with(django_user_model, Role.AGENCY_OFFICER, "other")
    actions.submit_tension(acting_user=other, what="Other", where="Diss", occurred_on=dt.date(2023, 5, 1),
                           communities="Travellers", source="Resident")
    client.force_login(world["submitter"])
    page = client.get(reverse("returns:tensions")).content.decode()
    assert "Norwich" in page and "Diss" not in page


def test_a_named_contact_cannot_triage(client, world):
    client.force_login(world["contact"])
    response = client.post(reverse("returns:tension", args=[world["report"].pk]),
                           {"form": "triage", "triage-grade": "High"})
    assert response.status_code == 404 and TensionReport.objects.get().grade == ""


def test_the_form_warns_about_a_named_person_and_saves_once_confirmed(client, world):
    client.force_login(world["submitter"])
    data = {"what": "Mrs Patel was shouted at", "where": "Dereham", "occurred_on_day": "2", "occurred_on_month": "5",
            "occurred_on_year": "2023", "communities": "Asian residents", "source": "Neighbour"}
    page = client.post(reverse("returns:tension-new"), data).content.decode()
    assert "<title>Error:" in page and "Mrs Patel" in page and "I confirm the report needs" in page
    assert TensionReport.objects.count() == 1
    response = client.post(reverse("returns:tension-new"), {**data, "confirm_personal": "on"})
    assert response.status_code == 302 and TensionReport.objects.count() == 2


@time_machine.travel("2023-06-01T12:00+00:00", tick=False)
def test_an_analyst_grades_and_escalates_by_form_and_bad_input_is_an_error_summary(client, django_user_model, world):
    client.force_login(user_with(django_user_model, Role.TENSION_ANALYST, "a2"))
    url = reverse("returns:tension", args=[world["report"].pk])
    page = client.post(url, {"form": "escalate", "escalate-escalated_on_day": "1", "escalate-escalated_on_month": "6",
                             "escalate-escalated_on_year": "2023"}).content.decode()
    assert "<title>Error:" in page and "Triage the report before escalating it" in page
    assert client.post(url, {"form": "triage", "triage-grade": "Medium"}).status_code == 302
    assert client.post(url, {"form": "escalate", "escalate-escalated_on_day": "1", "escalate-escalated_on_month": "6",
                             "escalate-escalated_on_year": "2023"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Escalated on 1 June 2023 by a2" in page and "Medium" in page
    page = client.get(reverse("returns:tension-figures")).content.decode()
    assert "<svg" in page and "May 2023" in page and "Median hours to triage" in page


@time_machine.travel("2023-06-01T12:00+00:00", tick=False)
def test_a_centre_not_checked_for_the_configured_months_is_flagged(client, django_user_model, world):
    ReportingCentre.objects.filter(pk=world["centre"].pk).delete()
    admin = user_with(django_user_model, Role.PARTNERSHIP_OFFICER, "po")
    actions.add_reporting_centre(acting_user=admin, name="Old", address="a", opening_hours="b",
                                 last_checked_on=dt.date(2022, 12, 1))
    actions.add_reporting_centre(acting_user=admin, name="New", address="a", opening_hours="b",
                                 last_checked_on=dt.date(2023, 3, 1))
    client.force_login(admin)
    page = client.get(reverse("returns:centres")).content.decode()
    assert page.count("Not checked for 6 months</strong>") == 1 and "1 centre not checked" in page
    actions.configure_log(acting_user=admin, triage_hours=72, grades=["Low", "High"], retention_months=24,
                          centre_check_months=12)
    page = client.get(reverse("returns:centres")).content.decode()
    assert "Not checked for" not in page


def test_the_log_page_makes_the_same_queries_for_one_report_or_many(client, django_user_model, world):
    analyst = user_with(django_user_model, Role.TENSION_ANALYST, "a3")
    client.force_login(analyst)
    client.get(reverse("returns:tensions"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("returns:tensions"))
    for i in range(4):
        actions.submit_tension(acting_user=world["submitter"], what=f"More {i}", where="Norwich",
                               occurred_on=dt.date(2023, 5, 1), communities="Students", source="Patrol")
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("returns:tensions"))
    assert len(five) == len(one)


def test_the_demo_analyst_has_the_tension_analyst_role_only():
    from saferhub.core.actors import SYSTEM
    from saferhub.core.permissions import roles_of
    from saferhub.returns.demo import create_demo_accounts

    assert create_demo_accounts("pw-for-the-demo-123", acting_user=SYSTEM) == ["tension-analyst"]
    assert create_demo_accounts("pw-for-the-demo-123", acting_user=SYSTEM) == ["tension-analyst"]
    from django.contrib.auth import get_user_model

    assert roles_of(get_user_model().objects.get(username="tension-analyst")) == {Role.TENSION_ANALYST.value}
