"""Partner-scoped submissions: a return names its contributing organisations (per geography or for the whole
return); each agency's staff enter and see only their own organisation's submissions, the Partnership's
officers see all, councillors see submitted figures only. Role × object matrix over the submission list (page
and API), a submission's page, save and submit (page and API)."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.returns import actions, rules
from saferhub.returns.models import Submission
from saferhub.returns.tests.factories import lines_return, user_with

pytestmark = pytest.mark.django_db
API = "/api/v1/returns/"
MAY = {"period_start": dt.date(2022, 5, 1), "period_end": dt.date(2022, 5, 31)}
JUNE = {"period_start": dt.date(2022, 6, 1), "period_end": dt.date(2022, 6, 30)}
CLEAN = {"total": "3", "tier1": "1", "tier2": "2"}


@pytest.fixture
def world(django_user_model):
    council = core_actions.create_organisation(acting_user=SYSTEM, name="Norwich City Council",
                                               kind="district_council")
    police = core_actions.create_organisation(acting_user=SYSTEM, name="Norfolk Constabulary", kind="police")
    definition = lines_return()
    actions.name_contributors(acting_user=SYSTEM, definition=definition, contributors=[
        {"organisation": council, "geography": "Norwich"}, {"organisation": police, "geography": "Norfolk"}])
    users = {}
    for key, role, org in [("agency_a", Role.AGENCY_OFFICER, council), ("agency_b", Role.AGENCY_OFFICER, police),
                           ("officer", Role.PARTNERSHIP_OFFICER, None), ("councillor", Role.COUNCILLOR, council),
                           ("no_role", None, None)]:
        users[key] = user_with(django_user_model, role, username=key)
        if org is not None:
            core_actions.create_person(acting_user=SYSTEM, name=key.title(), organisation=org, user=users[key],
                                       is_councillor=role == Role.COUNCILLOR)
    subs = {
        "a_draft": actions.save_submission(acting_user=users["agency_a"], definition=definition, geography="Norwich",
                                           values=CLEAN, **MAY),
        "b_draft": actions.save_submission(acting_user=users["agency_b"], definition=definition, geography="Norfolk",
                                           values=CLEAN, **MAY),
        "b_submitted": actions.save_submission(acting_user=users["agency_b"], definition=definition,
                                               geography="Norfolk", values=CLEAN, **JUNE),
    }
    actions.submit_submission(acting_user=users["agency_b"], submission=subs["b_submitted"])
    return {"council": council, "police": police, "definition": definition, "users": users, "subs": subs}


# Which submissions each role sees; whose geography each may save into; which drafts each may submit.
SEES = {"agency_a": {"a_draft"}, "agency_b": {"b_draft", "b_submitted"},
        "officer": {"a_draft", "b_draft", "b_submitted"}, "councillor": {"b_submitted"}, "no_role": set()}
SAVES = {"agency_a": {"Norwich"}, "agency_b": {"Norfolk"}, "officer": {"Norwich", "Norfolk"}, "councillor": set(),
         "no_role": set()}
SUBMITS = {"agency_a": {"a_draft"}, "agency_b": {"b_draft"}, "officer": {"a_draft", "b_draft"}, "councillor": set(),
           "no_role": set()}
WHO = list(SEES)


def test_submissions_are_stamped_with_their_organisation(world):
    subs = world["subs"]
    assert subs["a_draft"].organisation == world["council"]
    assert {subs["b_draft"].organisation, subs["b_submitted"].organisation} == {world["police"]}


@pytest.mark.parametrize("who", WHO)
def test_submission_list_page_and_api(client, world, who):
    client.force_login(world["users"][who])
    subs = world["subs"]
    page = client.get(reverse("returns:dashboard", args=["lines"]))
    api = client.get(API + "lines/submissions")
    export = client.get(reverse("returns:export", args=["lines"]))
    if who == "no_role":
        assert page.status_code == api.status_code == export.status_code == 404
        return
    assert page.status_code == api.status_code == export.status_code == 200
    assert {s.pk for s in page.context["submissions"]} == {subs[k].pk for k in SEES[who]}
    assert {s["id"] for s in api.json()} == {subs[k].pk for k in SEES[who]}
    assert export.content.decode().strip().count("\n") == 3 * len(SEES[who])  # a header, a row per figure


@pytest.mark.parametrize("who", WHO)
def test_submission_page(client, world, who):
    client.force_login(world["users"][who])
    for key, sub in world["subs"].items():
        status = client.get(reverse("returns:submission", args=[sub.pk])).status_code
        assert status == (200 if key in SEES[who] else 404), (who, key)


@pytest.mark.parametrize("who", WHO)
def test_save_by_page(client, world, who):
    client.force_login(world["users"][who])
    url = reverse("returns:enter", args=["lines"])
    for geography in ("Norwich", "Norfolk"):
        data = {"fig-period_start_day": "1", "fig-period_start_month": "7", "fig-period_start_year": "2022",
                "fig-period_end_day": "31", "fig-period_end_month": "7", "fig-period_end_year": "2022",
                "fig-geography": geography, "fig-f_total": "3", "fig-f_tier1": "1", "fig-f_tier2": "2"}
        response = client.post(url, data)
        saved = Submission.objects.filter(geography=geography, period_start=dt.date(2022, 7, 1)).exists()
        if geography in SAVES[who]:
            assert response.status_code == 302 and saved, (who, geography)
        else:
            assert not saved, (who, geography)
            assert response.status_code == (200 if SAVES[who] else 404), (who, geography)
            if SAVES[who]:
                assert "Choose the geography from the list" in response.content.decode()  # not one of theirs


@pytest.mark.parametrize("who", WHO)
def test_save_by_api(client, world, who):
    client.force_login(world["users"][who])
    for geography in ("Norwich", "Norfolk"):
        body = {"period_start": "2022-07-01", "period_end": "2022-07-31", "geography": geography, "values": CLEAN}
        response = client.post(API + "lines/submissions", json.dumps(body), content_type="application/json")
        if geography in SAVES[who]:
            assert response.status_code == 201, (who, geography)
        else:
            assert response.status_code in ({403, 404} if who in ("councillor", "no_role") else {422}), (who, geography)
            assert not Submission.objects.filter(geography=geography, period_start=dt.date(2022, 7, 1)).exists()
    if who == "agency_a":
        assert response.json()["detail"].startswith("Your organisation does not enter County lines for Norfolk")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("via", ["page", "api"])
def test_submit(client, world, who, via):
    client.force_login(world["users"][who])
    for key in ("a_draft", "b_draft"):
        pk = world["subs"][key].pk
        if via == "page":
            status = client.post(reverse("returns:submit", args=[pk])).status_code
        else:
            status = client.post(API + f"submissions/{pk}/submit", "{}", content_type="application/json").status_code
        submitted = Submission.objects.get(pk=pk).status == "submitted"
        assert submitted == (key in SUBMITS[who]), (who, key)
        if key not in SUBMITS[who]:
            assert status == 404, (who, key)


def test_agency_cannot_overwrite_figures_another_agency_entered(world, client):
    """A whole-return contributor may not take over a geography's period another agency already has."""
    police, council = world["police"], world["council"]
    definition = world["definition"]
    actions.name_contributors(acting_user=SYSTEM, definition=definition,
                              contributors=[{"organisation": police, "geography": ""}])
    assert definition.contributors.count() == 1
    client.force_login(world["users"]["agency_b"])
    body = {"period_start": "2022-05-01", "period_end": "2022-05-31", "geography": "Norwich", "values": CLEAN}
    response = client.post(API + "lines/submissions", json.dumps(body), content_type="application/json")
    assert response.status_code == 404
    assert Submission.objects.get(pk=world["subs"]["a_draft"].pk).organisation == council
    # The council no longer contributes: its staff no longer see the return at all.
    client.force_login(world["users"]["agency_a"])
    assert client.get(reverse("returns:dashboard", args=["lines"])).status_code == 404
    assert client.get(reverse("returns:submission", args=[world["subs"]["a_draft"].pk])).status_code == 404


def test_officer_entering_for_a_contributors_geography_enters_its_figures(world, client):
    sub = actions.save_submission(acting_user=world["users"]["officer"], definition=world["definition"],
                                  geography="Norwich", values=CLEAN, **JUNE)
    assert sub.organisation == world["council"]
    client.force_login(world["users"]["agency_a"])
    assert client.get(reverse("returns:submission", args=[sub.pk])).status_code == 200


def test_index_lists_only_the_returns_naming_the_agency(world, client):
    lines_return(slug="other")
    client.force_login(world["users"]["agency_a"])
    page = client.get(reverse("returns:index"))
    assert [d.slug for d in page.context["definitions"]] == ["lines"]
    assert [d["slug"] for d in client.get(API).json()] == ["lines"]
    assert client.get(reverse("returns:dashboard", args=["other"])).status_code == 404
    assert client.get(reverse("returns:prevent")).status_code == 404


def test_agency_officer_without_a_person_is_no_contributor(world, django_user_model, client):
    client.force_login(user_with(django_user_model, Role.AGENCY_OFFICER, username="loose"))
    assert client.get(reverse("returns:dashboard", args=["lines"])).status_code == 404
    assert client.get(reverse("returns:submission", args=[world["subs"]["a_draft"].pk])).status_code == 404


def test_name_contributors_is_audited_and_checks_its_rule(world):
    definition = world["definition"]
    assert AuditEvent.objects.filter(code="returns.definition.contributors_named").exists()
    with pytest.raises(RuleViolation, match="cannot contribute for 'Suffolk'"):
        actions.name_contributors(acting_user=SYSTEM, definition=definition,
                                  contributors=[{"organisation": world["police"], "geography": "Suffolk"}])
    with pytest.raises(RuleViolation, match="Norwich has one contributing organisation, not 2"):
        actions.name_contributors(acting_user=SYSTEM, definition=definition, contributors=[
            {"organisation": world["police"], "geography": ""}, {"organisation": world["council"],
                                                                "geography": "Norwich"}])
    assert definition.contributors.count() == 2  # unchanged


def test_name_contributors_needs_the_define_permission(world):
    with pytest.raises(PermissionError):
        actions.name_contributors(acting_user=world["users"]["agency_a"], definition=world["definition"],
                                  contributors=[])


def test_define_by_api_with_contributors(world, client):
    client.force_login(world["users"]["officer"])
    body = {"name": "Lines", "recipient": "Home Office", "period_kind": "monthly", "geographies": ["Norwich"],
            "fields": [{"key": "total", "kind": "count"}],
            "contributors": [{"organisation_id": world["council"].pk, "geography": "Norwich"}]}
    response = client.put(API + "new-lines", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    assert response.json()["contributors"] == [{"organisation": "Norwich City Council", "geography": "Norwich"}]
    body["contributors"] = [{"organisation_id": 999999}]
    assert client.put(API + "newer-lines", json.dumps(body), content_type="application/json").status_code == 422


def test_check_contributors_rule():
    rules.check_contributors(["A", "B"], [("X", "A"), ("Y", "B")])
    rules.check_contributors(["A", "B"], [("X", ""), ("X", "A")])  # one organisation, twice, is one
    with pytest.raises(RuleViolation, match="cannot contribute for 'C'"):
        rules.check_contributors(["A", "B"], [("X", "C")])
    with pytest.raises(RuleViolation, match="A has one contributing organisation, not 2"):
        rules.check_contributors(["A", "B"], [("X", ""), ("Y", "A")])


def test_home_dashboard_links_a_contributor_to_the_returns(world, client, django_user_model):
    client.force_login(world["users"]["agency_a"])
    page = client.get(reverse("core:dashboard")).content.decode()
    link = f'href="{reverse("returns:index")}"'
    assert link in page and "flagged draft" not in page
    client.force_login(user_with(django_user_model, Role.AGENCY_OFFICER, username="loose"))
    assert link not in client.get(reverse("core:dashboard")).content.decode()
