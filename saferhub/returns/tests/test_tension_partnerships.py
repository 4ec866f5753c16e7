"""The community tension log is per partnership: an analyst reads, triages and counts only the reports of the
partnerships they analyse for; a report goes to the log of the partnership its submitter works for (the home
partnership's for a professional with none), and someone working for several chooses."""

import datetime as dt

import pytest
from django.urls import reverse

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.returns import actions, queries_logs
from saferhub.returns.tests.factories import user_with

pytestmark = pytest.mark.django_db
DETAILS = {"what": "Stickers on bus shelters", "where": "Town centre", "occurred_on": dt.date(2023, 5, 1),
           "communities": "Residents", "source": "Patrol"}


@pytest.fixture
def two(django_user_model):
    home = core_actions.ensure_home_partnership(acting_user=SYSTEM)
    other = Organisation.objects.create(name="Fictionshire Community Safety Partnership", kind="partnership")
    pro = user_with(django_user_model, Role.AGENCY_OFFICER, "pro")  # works for no partnership: the home log
    other_pro = user_with(django_user_model, Role.AGENCY_OFFICER, "other_pro")
    core_actions.add_partnership_member(user=other_pro, partnership=other, role=Role.AGENCY_OFFICER,
                                        acting_user=SYSTEM)
    return {
        "home": home, "other": other,
        "home_analyst": user_with(django_user_model, Role.TENSION_ANALYST, "home_analyst"),
        "other_analyst": user_with(django_user_model, Role.TENSION_ANALYST, "other_analyst", partnership=other),
        "home_report": actions.submit_tension(acting_user=pro, **DETAILS),
        "other_report": actions.submit_tension(acting_user=other_pro, **DETAILS),
    }


def test_a_report_goes_to_its_submitters_partnership(two):
    assert two["home_report"].partnership == two["home"]
    assert two["other_report"].partnership == two["other"]


def test_an_analyst_sees_and_counts_only_their_partnerships_log(client, two):
    assert list(queries_logs.tensions_for(two["other_analyst"])) == [two["other_report"]]
    assert list(queries_logs.tensions_for(two["home_analyst"])) == [two["home_report"]]
    assert queries_logs.waiting_for_triage(two["other_analyst"]) == 1
    client.force_login(two["other_analyst"])
    assert client.get(reverse("returns:tension", args=[two["home_report"].pk])).status_code == 404
    assert client.get(reverse("returns:tension", args=[two["other_report"].pk])).status_code == 200
    log = client.get(reverse("returns:tensions")).content.decode()
    assert two["other_report"].reference in log and two["home_report"].reference not in log
    figures = client.get(reverse("returns:tension-figures"))
    assert figures.status_code == 200 and [r.received for r in figures.context["rows"]] == [1]
    response = client.post(reverse("returns:tension", args=[two["home_report"].pk]), {"grade": "Low"})
    assert response.status_code == 404


def test_triage_of_another_partnerships_report_is_refused(two):
    with pytest.raises(ActionPermissionDenied):
        actions.triage_tension(two["home_report"], acting_user=two["other_analyst"], grade="Low")
    actions.triage_tension(two["other_report"], acting_user=two["other_analyst"], grade="Low")


def test_the_role_without_a_partnership_reads_no_log(client, django_user_model, two):
    lone = django_user_model.objects.create_user("lone", password="x")
    core_actions.set_user_roles(lone, roles=[Role.TENSION_ANALYST], acting_user=SYSTEM)
    assert list(queries_logs.tensions_for(lone)) == [] and queries_logs.waiting_for_triage(lone) is None
    client.force_login(lone)
    assert client.get(reverse("returns:tension-figures")).status_code == 404


def test_someone_working_for_two_partnerships_chooses_and_only_from_theirs(client, django_user_model, two):
    both = user_with(django_user_model, Role.AGENCY_OFFICER, "both")
    for partnership in (two["home"], two["other"]):
        core_actions.add_partnership_member(user=both, partnership=partnership, role=Role.AGENCY_OFFICER,
                                            acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as refused:
        actions.submit_tension(acting_user=both, **DETAILS)
    assert refused.value.code == "returns.tension_partnership"
    third = Organisation.objects.create(name="Third Community Safety Partnership", kind="partnership")
    with pytest.raises(RuleViolation):
        actions.submit_tension(acting_user=both, partnership=third, **DETAILS)
    assert actions.submit_tension(acting_user=both, partnership=two["other"], **DETAILS).partnership == two["other"]
    client.force_login(both)
    form = client.get(reverse("returns:tension-new")).content.decode()
    assert "Which partnership" in form and "Fictionshire Community Safety Partnership" in form
    response = client.post(reverse("returns:tension-new"), {
        "what": "Stickers", "where": "Town", "occurred_on_0": "1", "occurred_on_1": "5", "occurred_on_2": "2023",
        "communities": "Residents", "source": "Patrol"})
    assert response.status_code == 200 and "Choose the partnership whose log the report is for." in response.content.decode()
