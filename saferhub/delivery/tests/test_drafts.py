"""The yearly revision of the plan by hand: start a new version as a copy of the published one (one draft at a
time), add, reword and remove its rows (refused on a published version, nothing half-saved), and the version
page's diff of what was changed."""

import datetime as dt

import pytest

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent, Organisation
from saferhub.core.permissions import Role
from saferhub.delivery import actions, rules
from saferhub.delivery.models import ActionIdentity, DeliveryAction
from saferhub.governance.tests.factories import user

D = dt.date


# -- rules (no database) -------------------------------------------------------------------------
def test_one_draft_at_a_time():
    rules.check_one_draft([])
    with pytest.raises(RuleViolation, match="Revised is not published yet") as exc:
        rules.check_one_draft(["Revised"])
    assert exc.value.rule_code == "delivery.draft_exists"


def test_a_published_version_cannot_change():
    rules.check_version_open(published=False)
    with pytest.raises(RuleViolation, match="This version is published") as exc:
        rules.check_version_open(published=True)
    assert exc.value.rule_code == "delivery.version_published"


def test_a_row_needs_a_number_and_wording():
    rules.check_row_entry(number="1.1", action="Do it")
    rules.check_row_entry(number=None, action="Do it")
    with pytest.raises(RuleViolation) as exc:
        rules.check_row_entry(number=" ", action="Do it")
    assert exc.value.rule_code == "delivery.number_required" and exc.value.field == "number"
    with pytest.raises(RuleViolation) as exc:
        rules.check_row_entry(number="1.1", action="  ")
    assert exc.value.rule_code == "delivery.action_required" and exc.value.field == "action"


def test_a_typed_due_date_must_be_read():
    assert rules.check_due("2025-03-31").date == D(2025, 3, 31)
    assert rules.check_due("Ongoing").kind == "ongoing"
    assert rules.check_due("TBC").kind == "tbc"
    for unreadable in ("", "???", "next spring"):
        with pytest.raises(RuleViolation) as exc:
            rules.check_due(unreadable)
        assert exc.value.rule_code == "delivery.due_unreadable" and exc.value.field == "due"


# -- actions -------------------------------------------------------------------------------------
@pytest.fixture
def plan(db):
    police = Organisation.objects.create(name="Norfolk Constabulary", kind="police")
    council = Organisation.objects.create(name="Norfolk County Council", kind="county_council")
    plan = actions.create_strategic_plan(slug="snp", title="Safer Norfolk Plan 2021-24", start_year=2021,
                                         end_year=2024, acting_user=SYSTEM)
    theme = actions.add_theme(plan, number=1, title="Communities", acting_user=SYSTEM)
    outcome = actions.add_outcome(plan, theme=theme, number=1, title="People feel safe", acting_user=SYSTEM)
    final = actions.create_version(plan, title="Delivery plan", stage="final", label="Final",
                                   version_date=D(2022, 2, 24), acting_user=SYSTEM)
    a = actions.add_version_row(final, key="a", number="1.1", action="Strong referral routes (CLSG Action 2)",
                                owners=[police, council], due="March 2023", outcomes=[outcome], acting_user=SYSTEM)
    b = actions.add_version_row(final, key="b", number="1.2", action="Victims of neighbourhood crime",
                                owners=[police], due="Ongoing", acting_user=SYSTEM)
    actions.publish_version(final, acting_user=SYSTEM)
    return {"plan": plan, "final": final, "a": a, "b": b, "police": police, "council": council, "outcome": outcome}


APRIL_2025 = D(2025, 4, 1)


def _start(plan, label="Revised, April 2025", day=APRIL_2025):
    return actions.create_version(plan["plan"], title="Delivery plan", stage="revised", label=label,
                                  version_date=day, copy_published=True, acting_user=SYSTEM)


def test_a_new_version_copies_every_row_of_the_published_one(plan):
    draft = _start(plan)
    assert draft.previous == plan["final"] and not draft.is_published
    rows = {r.identity.key: r for r in draft.actions.select_related("identity")}
    assert set(rows) == {"a", "b"}
    a = rows["a"]
    assert (a.number, a.action, a.due_kind, a.due_date, a.cross_references) == (
        "1.1", "Strong referral routes (CLSG Action 2)", "date", D(2023, 3, 31), ["CLSG Action 2"])
    assert [o.party for o in a.owners.all()] == [plan["police"], plan["council"]]
    assert list(a.outcomes.all()) == [plan["outcome"]]
    assert a.identity_id == plan["a"].identity_id and a.pk != plan["a"].pk
    assert rows["b"].due_kind == "ongoing"
    event = AuditEvent.objects.get(code="delivery.version.created", data__rows=2)
    assert event.data["copied_from"] == plan["final"].pk
    from saferhub.delivery.facts import version_diff
    assert version_diff(draft).is_empty


def test_only_one_draft_at_a_time(plan):
    _start(plan)
    with pytest.raises(RuleViolation, match="is not published yet") as exc:
        _start(plan, label="Another", day=D(2025, 5, 1))
    assert exc.value.rule_code == "delivery.draft_exists"
    assert plan["plan"].versions.count() == 2


def test_a_new_version_needs_a_published_one(db):
    plan = actions.create_strategic_plan(slug="p", title="Plan", start_year=2021, end_year=2024, acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as exc:
        actions.create_version(plan, title="Delivery plan", stage="revised", label="Revised", copy_published=True,
                               version_date=D(2025, 4, 1), acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.version_needs_published" and not plan.versions.exists()


def test_adding_a_row_to_the_draft(plan):
    draft = _start(plan)
    row = actions.add_draft_row(draft, number="1.3", action="Safer streets", due="TBC 2025-09-30",
                                owners=[plan["council"]], outcomes=[plan["outcome"]], acting_user=SYSTEM)
    assert (row.due_kind, row.due_date) == ("tbc", D(2025, 9, 30))
    assert row.identity.key not in {"a", "b"} and [o.party for o in row.owners.all()] == [plan["council"]]
    for bad, code in ((dict(number="1.1"), "delivery.number_collision"), (dict(action=" "), "delivery.action_required"),
                      (dict(due="soon"), "delivery.due_unreadable"), (dict(number=""), "delivery.number_required")):
        with pytest.raises(RuleViolation) as exc:
            actions.add_draft_row(draft, **{"number": "1.4", "action": "More", "due": "Ongoing", **bad},
                                  acting_user=SYSTEM)
        assert exc.value.rule_code == code
    assert draft.actions.count() == 3 and ActionIdentity.objects.count() == 3


def test_rewording_and_removing_a_row_of_the_draft(plan):
    draft = _start(plan)
    a = draft.actions.get(identity__key="a")
    actions.reword_row(a, action="Stronger referral routes", acting_user=SYSTEM)
    a.refresh_from_db()
    assert a.action == "Stronger referral routes" and a.cross_references == []
    with pytest.raises(RuleViolation) as exc:
        actions.reword_row(a, action="", acting_user=SYSTEM)
    assert exc.value.rule_code == "delivery.action_required"
    a.refresh_from_db()
    assert a.action == "Stronger referral routes"
    actions.remove_row(draft.actions.get(identity__key="b"), acting_user=SYSTEM)
    assert list(draft.actions.values_list("number", flat=True)) == ["1.1"]
    assert AuditEvent.objects.filter(code__in=["delivery.action.reworded", "delivery.action.removed"]).count() == 2


def test_a_published_version_refuses_every_change(plan):
    final, a = plan["final"], plan["a"]
    for change in (lambda: actions.add_draft_row(final, number="1.9", action="New", due="Ongoing", acting_user=SYSTEM),
                   lambda: actions.reword_row(a, action="Changed", acting_user=SYSTEM),
                   lambda: actions.remove_row(a, acting_user=SYSTEM)):
        with pytest.raises(RuleViolation) as exc:
            change()
        assert exc.value.rule_code == "delivery.version_published"
    a.refresh_from_db()
    assert a.action.startswith("Strong referral") and final.actions.count() == 2


# -- pages ---------------------------------------------------------------------------------------
@pytest.fixture
def team(client, plan):
    client.force_login(user("pship", Role.PARTNERSHIP_OFFICER))
    return client


def test_start_a_new_version_page(team, plan):
    page = team.get("/plan/snp/versions/").content.decode()
    assert 'href="/plan/snp/versions/new/"' in page
    page = team.post("/plan/snp/versions/new/", {"label": ""}).content.decode()
    assert "Error: " in page and "Enter a name for the new version." in page
    assert plan["plan"].versions.count() == 1
    response = team.post("/plan/snp/versions/new/", {"label": "Revised, April 2025", "version_date_day": "1",
                                                    "version_date_month": "4", "version_date_year": "2025"})
    draft = plan["plan"].versions.get(label="Revised, April 2025")
    assert response.status_code == 302 and response.url == f"/plan/snp/versions/{draft.pk}/"
    assert draft.actions.count() == 2
    assert "is started as a copy of Final" in team.get(response.url).content.decode()
    page = team.post("/plan/snp/versions/new/", {"label": "Again", "version_date_day": "2", "version_date_month": "4",
                                                "version_date_year": "2025"}).content.decode()
    assert "Error: " in page and "Revised, April 2025) is not published yet" in page
    assert plan["plan"].versions.count() == 2


def test_add_an_action_page(team, plan):
    draft = _start(plan)
    url = f"/plan/snp/versions/{draft.pk}/actions/add/"
    assert f'href="{url}"' in team.get(f"/plan/snp/versions/{draft.pk}/").content.decode()
    good = {"number": "1.3", "action": "Safer streets", "due": "date", "due_date_day": "31", "due_date_month": "3",
            "due_date_year": "2026", "owners": [f"org-{plan['council'].pk}"], "outcomes": [str(plan["outcome"].pk)]}
    for bad, message in ((dict(number="1.1"), "Two actions would be numbered 1.1"),
                         (dict(action=""), "its wording cannot be empty"),
                         (dict(due_date_day="", due_date_month="", due_date_year=""), "Enter the due date as a real date"),
                         (dict(due=""), "Enter the due date as a real date"),
                         (dict(due_date_day="31", due_date_month="2"), "Enter a real date")):
        page = team.post(url, {**good, **bad}).content.decode()
        assert "Error: " in page and message in page, bad
    assert draft.actions.count() == 2
    response = team.post(url, good)
    assert response.status_code == 302
    row = draft.actions.get(number="1.3")
    assert (row.due_date, [o.party for o in row.owners.all()], list(row.outcomes.all())) == (
        D(2026, 3, 31), [plan["council"]], [plan["outcome"]])
    team.post(url, {**good, "number": "1.4", "due": "ongoing", "due_date_day": "", "due_date_month": "", "due_date_year": ""})
    assert draft.actions.get(number="1.4").due_kind == "ongoing"


def test_reword_and_remove_pages_and_the_diff(team, plan):
    draft = _start(plan)
    a, b = draft.actions.get(identity__key="a"), draft.actions.get(identity__key="b")
    base = f"/plan/snp/versions/{draft.pk}/"
    assert "Strong referral routes" in team.get(f"{base}actions/{a.pk}/reword/").content.decode()
    page = team.post(f"{base}actions/{a.pk}/reword/", {"action": " "}).content.decode()
    assert "Error: " in page and "its wording cannot be empty" in page
    assert team.post(f"{base}actions/{a.pk}/reword/", {"action": "Stronger referral routes"}).status_code == 302
    assert "Remove action 1.2 from this version?" in team.get(f"{base}actions/{b.pk}/remove/").content.decode()
    assert team.post(f"{base}actions/{b.pk}/remove/").status_code == 302
    assert not DeliveryAction.objects.filter(pk=b.pk).exists()
    page = team.get(base).content.decode()
    assert "Reworded" in page and "Stronger referral routes" in page and "Removed" in page
    response = team.post(base, {"publish": "1"})
    assert response.status_code == 302
    assert "1 reworded, 1 removed" in team.get(response.url).content.decode()


def test_the_pages_refuse_a_published_version(team, plan):
    base = f"/plan/snp/versions/{plan['final'].pk}/"
    a = plan["a"]
    assert "Reword" not in team.get(base).content.decode()
    page = team.post(f"{base}actions/{a.pk}/reword/", {"action": "Changed"}).content.decode()
    assert "This version is published: start a new version to change it." in page
    page = team.post(f"{base}actions/{a.pk}/remove/").content.decode()
    assert "This version is published" in page
    a.refresh_from_db()
    assert a.action.startswith("Strong referral") and plan["final"].actions.count() == 2


def test_the_pages_are_for_the_team_only(client, plan):
    draft = _start(plan)
    row = draft.actions.first()
    client.force_login(user("cllr", Role.COUNCILLOR))
    base = f"/plan/snp/versions/{draft.pk}/"
    assert client.post("/plan/snp/versions/new/", {"label": "X"}).status_code == 404
    assert client.post(f"{base}actions/add/", {"number": "9.9", "action": "X", "due": "ongoing"}).status_code == 404
    assert client.post(f"{base}actions/{row.pk}/reword/", {"action": "X"}).status_code == 404
    assert client.post(f"{base}actions/{row.pk}/remove/").status_code == 404
    assert draft.actions.count() == 2 and plan["plan"].versions.count() == 2
