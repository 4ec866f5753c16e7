"""Reporting rounds (issue 12, item 4): the Partnership opens a round, each owner has a task list of their
actions, the round shows who has not replied, late updates are flagged, and a closed round takes no more."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions, queries, rules
from saferhub.governance.tests.factories import person, user

pytestmark = pytest.mark.django_db
D = dt.date
Q2 = dict(title="Quarter 1, 2022 to 2023", period_start=D(2022, 4, 1), period_end=D(2022, 6, 30),
          due_by=D(2022, 7, 15))


@pytest.fixture
def plan():
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    council = Organisation.objects.create(name="Norwich City Council", kind="district_council")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Communities", acting_user=SYSTEM)
    outcome = actions.add_outcome(plan, theme=theme, number=1, title="People feel safe", acting_user=SYSTEM)
    version = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                     version_date=D(2022, 2, 24), acting_user=SYSTEM)
    rows = [actions.add_version_row(version, key=f"a{n}", number=f"1.{n}", action=f"Action {n}", owners=owners,
                                    outcomes=[outcome], acting_user=SYSTEM)
            for n, owners in [(1, [police]), (2, [police, council]), (3, [council])]]
    return {"plan": plan, "version": version, "rows": rows, "police": police, "council": council}


def _owner(name, organisation):
    return user(name, Role.AGENCY_OFFICER, person=person(name.title(), councillor=False, organisation=organisation))


# -- rules ----------------------------------------------------------------------------------------

def test_updates_cannot_be_due_before_the_period_ends():
    with pytest.raises(RuleViolation) as exc:
        rules.check_round(period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), due_by=D(2022, 6, 29))
    assert exc.value.rule_code == "delivery.round_due_before_period_end"
    rules.check_round(period_start=D(2022, 4, 1), period_end=D(2022, 6, 30), due_by=D(2022, 6, 30))
    with pytest.raises(RuleViolation) as exc:
        rules.check_round(period_start=D(2022, 7, 1), period_end=D(2022, 6, 30), due_by=D(2022, 7, 15))
    assert exc.value.rule_code == "delivery.round_period_order"


@pytest.mark.parametrize("submitted, today, state", [
    (D(2022, 7, 15), D(2022, 8, 1), "updated"), (D(2022, 7, 16), D(2022, 8, 1), "late"),
    (None, D(2022, 7, 15), "awaiting"), (None, D(2022, 7, 16), "overdue")])
def test_reply_status(submitted, today, state):
    assert rules.reply_status(submitted_on=submitted, due_by=D(2022, 7, 15), today=today) == state


# -- actions --------------------------------------------------------------------------------------

def test_a_round_needs_a_published_version_and_only_one_is_open(plan):
    with pytest.raises(RuleViolation) as exc:
        actions.open_round(plan["plan"], acting_user=SYSTEM, **Q2)
    assert exc.value.rule_code == "delivery.round_needs_published_version"
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    first = actions.open_round(plan["plan"], acting_user=SYSTEM, opened_on=D(2022, 6, 20), **Q2)
    assert first.version == plan["version"] and first.is_open
    with pytest.raises(RuleViolation) as exc:
        actions.open_round(plan["plan"], acting_user=SYSTEM, **{**Q2, "period_start": D(2022, 7, 1),
                                                               "period_end": D(2022, 9, 30), "due_by": D(2022, 10, 14)})
    assert exc.value.rule_code == "delivery.round_already_open"
    actions.close_round(first, acting_user=SYSTEM, closed_on=D(2022, 7, 30))
    with pytest.raises(RuleViolation) as exc:
        actions.open_round(plan["plan"], acting_user=SYSTEM, **Q2)
    assert exc.value.rule_code == "delivery.round_duplicate_period"
    with pytest.raises(RuleViolation) as exc:
        actions.close_round(first, acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.round_closed"


def test_only_the_partnership_team_opens_a_round(plan):
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    with pytest.raises(ActionPermissionDenied):
        actions.open_round(plan["plan"], acting_user=_owner("olive", plan["police"]), **Q2)
    actions.open_round(plan["plan"], acting_user=user("pship", Role.PARTNERSHIP_OFFICER), **Q2)


def test_an_update_in_a_round_takes_the_round_dates_and_late_ones_are_flagged(plan):
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    round_ = actions.open_round(plan["plan"], acting_user=SYSTEM, **Q2)
    owner = _owner("olive", plan["police"])
    on_time = actions.submit_update(plan["rows"][0], rag="green", commentary="On track.", submitted_on=D(2022, 7, 10),
                                    acting_user=owner, round=round_)
    assert (on_time.period_end, on_time.due_by, on_time.round, on_time.is_late) == (
        D(2022, 6, 30), D(2022, 7, 15), round_, False)
    late = actions.submit_update(plan["rows"][1], rag="green", commentary="Going well.", submitted_on=D(2022, 7, 20),
                                 acting_user=owner, round=round_)
    assert late.is_late
    progress = queries.round_progress(round_, today=D(2022, 7, 20))
    assert [e["state"] for e in progress["entries"]] == ["updated", "late", "overdue"]
    assert progress["counts"]["replied"] == 2 and progress["counts"]["not_replied"] == 1
    # who has not replied, owner by owner: the council owns 1.2 (answered by the police) and 1.3 (not)
    assert [(o["name"], [r.number for r in o["missing"]], o["actions"]) for o in progress["waiting"]] == [
        ("Norwich City Council", ["1.3"], 2)]


def test_a_closed_round_takes_no_more_updates_and_other_versions_are_not_in_it(plan):
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    round_ = actions.open_round(plan["plan"], acting_user=SYSTEM, **Q2)
    other = actions.create_version(plan["plan"], title="Delivery plan (revised)", stage="revised", label="Revised",
                                   previous=plan["version"], version_date=D(2023, 2, 1), acting_user=SYSTEM)
    newcomer = actions.add_version_row(other, key="new", number="1.9", action="A new action",
                                       owners=[plan["police"]], acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.submit_update(newcomer, rag="green", commentary="Begun.", submitted_on=D(2022, 7, 1),
                              acting_user=SYSTEM, round=round_)
    assert exc.value.rule_code == "delivery.round_other_action"
    actions.close_round(round_, acting_user=SYSTEM, closed_on=D(2022, 7, 16))
    with pytest.raises(RuleViolation) as exc:
        actions.submit_update(plan["rows"][0], rag="green", commentary="Too late.", submitted_on=D(2022, 7, 17),
                              acting_user=SYSTEM, round=round_)
    assert exc.value.rule_code == "delivery.round_closed"
    assert not round_.updates.exists()


def test_an_update_outside_a_round_still_needs_its_period(plan):
    with pytest.raises(RuleViolation) as exc:
        actions.submit_update(plan["rows"][0], rag="green", commentary="On track.", submitted_on=D(2022, 7, 10),
                              acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.update_period_required"


# -- pages ----------------------------------------------------------------------------------------

@time_machine.travel("2022-07-20T12:00+00:00", tick=False)  # the expectations are for this day
def test_owners_task_list_and_the_round_page(client, plan):
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    pship = user("pship", Role.PARTNERSHIP_OFFICER)
    client.force_login(pship)
    page = client.post("/plan/snp/rounds/", {"title": "Q1", "period_start_day": "1", "period_start_month": "4",
                                             "period_start_year": "2022", "period_end_day": "30", "period_end_month": "6",
                                             "period_end_year": "2022", "due_by_day": "29", "due_by_month": "6",
                                             "due_by_year": "2022"}).content.decode()
    assert "Error: " in page and "Updates cannot be due before the reporting period ends" in page
    response = client.post("/plan/snp/rounds/", {"title": "Q1", "period_start_day": "1", "period_start_month": "4",
                                                 "period_start_year": "2022", "period_end_day": "30", "period_end_month": "6",
                                                 "period_end_year": "2022", "due_by_day": "15", "due_by_month": "7",
                                                 "due_by_year": "2022"})
    assert response.status_code == 302
    round_ = queries.open_round(plan["plan"])

    owner = _owner("olive", plan["police"])
    client.force_login(owner)
    tasks = client.get("/plan/snp/my-actions/").content.decode()
    assert "Action 1.1" in tasks and "Action 1.2" in tasks and "Action 1.3" not in tasks
    assert "Overdue" in tasks and "You have updated 0 of 2 actions." in tasks
    form = client.get(f"/plan/snp/actions/{plan['rows'][0].pk}/update/").content.decode()
    assert "End of the reporting period" not in form and "This update answers Q1" in form
    response = client.post(f"/plan/snp/actions/{plan['rows'][0].pk}/update/",
                           {"rag": "amber", "commentary": " ".join(["Recruitment of the new analyst has slipped "
                                                                    "because of the vacancy freeze; interim cover is "
                                                                    "agreed and the post is advertised again."])})
    assert response.status_code == 302 and response["Location"] == "/plan/snp/my-actions/"
    assert round_.updates.get().is_late
    assert "You have updated 1 of 2 actions." in client.get("/plan/snp/my-actions/").content.decode()
    assert client.get(f"/plan/snp/rounds/{round_.pk}/").status_code == 404  # owners do not manage rounds

    client.force_login(pship)
    page = client.get(f"/plan/snp/rounds/{round_.pk}/").content.decode()
    assert "Updated late" in page and "Overdue: no update" in page
    assert "Norwich City Council</dt>" in page and "2 of 2 actions: 1.2, 1.3" in page and "1 of 2 actions: 1.2" in page
    assert client.post(f"/plan/snp/rounds/{round_.pk}/", {"close": "1"}).status_code == 302
    round_.refresh_from_db()
    assert round_.closed_on == D(2022, 7, 20)
    assert "No reporting round is open" in client.get("/plan/snp/my-actions/").content.decode()


def test_round_pages_are_refused_to_the_public_and_other_agencies(client, plan):
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    round_ = actions.open_round(plan["plan"], acting_user=SYSTEM, **Q2)
    for url in ["/plan/snp/rounds/", f"/plan/snp/rounds/{round_.pk}/"]:
        assert client.get(url).status_code == 302  # sign in first
    client.force_login(_owner("otto", Organisation.objects.create(name="Elsewhere", kind="other")))
    for url in ["/plan/snp/rounds/", f"/plan/snp/rounds/{round_.pk}/"]:
        assert client.get(url).status_code == 404
    page = client.get("/plan/snp/my-actions/").content.decode()
    assert "None of the actions in this round is yours to update." in page
    assert client.get(f"/plan/snp/actions/{plan['rows'][0].pk}/update/").status_code == 404


@time_machine.travel("2022-07-20T12:00+00:00", tick=False)  # the expectations are for this day
def test_the_dashboard_says_what_the_open_round_needs(client, plan):
    actions.publish_version(plan["version"], acting_user=SYSTEM)
    actions.open_round(plan["plan"], acting_user=SYSTEM, **Q2)
    client.force_login(_owner("olive", plan["police"]))
    page = client.get("/dashboard/").content.decode()
    assert "you have updated 0 of 2 actions, <strong>2 overdue</strong>" in page
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    page = client.get("/dashboard/").content.decode()
    assert "0 of 3 actions updated, <strong>3 overdue</strong>" in page and "See who has not replied" in page
    client.force_login(_owner("otto", Organisation.objects.create(name="Elsewhere", kind="other")))
    assert "The Plan</h2>" not in client.get("/dashboard/").content.decode()
