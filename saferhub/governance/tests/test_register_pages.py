"""Staff pages for the register of interests: the monitoring officer keeps every register (reviews,
changes, dispensations); a councillor reads their own and records a review or a change; nobody else
reaches them (least privilege). GOV.UK errors, nothing half-saved, and the actions refuse the same."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import ActionPermissionDenied
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.governance import actions
from saferhub.governance.models import Dispensation, RegisterChange, RegisterReview
from saferhub.governance.tests.factories import committee_officer, make_panel, user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world():
    panel = make_panel()
    member, other = panel.member(0), panel.member(1)
    actions.add_register_entry(member, interest_type="DPI", category="land", description="A house in Dereham",
                               registered_on=D(2022, 5, 1), sensitive=True, acting_user=SYSTEM)
    users = {
        "member": user("member", Role.COUNCILLOR, person=member),
        "other_councillor": user("other", Role.COUNCILLOR, person=other),
        "committee_officer": committee_officer(panel),
        "partnership": user("p", Role.PARTNERSHIP_OFFICER),
        "monitoring_officer": user("mo", Role.MONITORING_OFFICER),
        "admin": user("a", Role.ADMINISTRATOR),
    }
    return panel, member, users


def pages(member) -> dict[str, str]:
    return {"index": "/monitoring-officer/registers/", "detail": f"/councillors/{member.pk}/register/",
            "review": f"/councillors/{member.pk}/register/review/",
            "change": f"/councillors/{member.pk}/register/change/",
            "dispensation": f"/councillors/{member.pk}/register/dispensation/"}


KEEPERS = {"monitoring_officer", "admin"}
#: page -> who besides the monitoring officer and administrators reaches it
OWN = {"index": set(), "detail": {"member"}, "review": {"member"}, "change": {"member"}, "dispensation": set()}


@pytest.mark.parametrize("who", ["anonymous", "member", "other_councillor", "committee_officer", "partnership",
                                 "monitoring_officer", "admin"])
def test_permission_matrix_every_role_on_every_register_page(client, world, who):
    panel, member, users = world
    if who != "anonymous":
        client.force_login(users[who])
    for name, url in pages(member).items():
        expected = 302 if who == "anonymous" else 200 if who in KEEPERS | OWN[name] else 404
        assert client.get(url).status_code == expected, (name, who)


@pytest.mark.parametrize("who", ["member", "other_councillor", "committee_officer", "monitoring_officer"])
def test_posting_follows_the_same_matrix_and_the_actions_refuse_the_same(client, world, who):
    panel, member, users = world
    client.force_login(users[who])
    urls = pages(member)
    allowed = who in KEEPERS | {"member"}
    response = client.post(urls["change"], {"occurred_on_day": "3", "occurred_on_month": "4", "occurred_on_year": "2023",
                                            "description": "Became a director of a housing company"})
    assert response.status_code == (302 if allowed else 404)
    assert RegisterChange.objects.filter(person=member).exists() == allowed
    response = client.post(urls["dispensation"], {
        "granted_by": "Standards Committee", "scope": "Housing items; may speak and vote.", "committee": "",
        "valid_from_day": "1", "valid_from_month": "4", "valid_from_year": "2023", "valid_to_day": "31", "valid_to_month": "3",
        "valid_to_year": "2027", "reason": "Without it the committee could not transact the business."})
    assert response.status_code == (302 if who in KEEPERS else 404)
    assert Dispensation.objects.filter(person=member).exists() == (who in KEEPERS)
    if who not in KEEPERS:
        with pytest.raises(ActionPermissionDenied):
            actions.grant_dispensation(member, granted_by="x", scope="x", valid_from=D(2023, 1, 1),
                                       valid_to=D(2023, 2, 1), reason="x", acting_user=users[who])
        with pytest.raises(ActionPermissionDenied):
            actions.add_register_entry(member, interest_type="DPI", category="land", description="x",
                                       registered_on=D(2023, 1, 1), acting_user=users[who])
    if not allowed:
        with pytest.raises(ActionPermissionDenied):
            actions.record_register_review(member, reviewed_on=D(2023, 1, 1), acting_user=users[who])


@time_machine.travel("2023-06-01T12:00+01:00", tick=False)
def test_the_member_confirms_their_register_and_the_reminder_clears(client, world):
    panel, member, users = world
    client.force_login(users["member"])
    detail = client.get(f"/councillors/{member.pk}/register/").content.decode()
    assert "Your register of interests" in detail and "A house in Dereham" in detail  # their own sensitive entry
    assert "due to be updated" in detail and "Record a dispensation" not in detail
    person_page = client.get(f"/people/{member.pk}/").content.decode()
    assert "Update your register of interests" in person_page
    response = client.post(f"/councillors/{member.pk}/register/review/",
                           {"reviewed_on_day": "1", "reviewed_on_month": "6", "reviewed_on_year": "2023", "note": "No change"})
    assert response.status_code == 302
    assert RegisterReview.objects.get(person=member).reviewed_on == D(2023, 6, 1)
    assert AuditEvent.objects.filter(code="governance.register.reviewed", actor=users["member"]).exists()
    detail = client.get(f"/councillors/{member.pk}/register/").content.decode()
    assert "Up to date" in detail and "checked and up to date (No change)" in detail


def test_errors_are_shown_the_gov_uk_way_and_nothing_is_saved(client, world):
    panel, member, users = world
    client.force_login(users["monitoring_officer"])
    response = client.post(f"/councillors/{member.pk}/register/change/", {"description": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body and "<title>Error: " in body
    assert "Describe the change." in body and "Enter the date of the change." in body
    response = client.post(f"/councillors/{member.pk}/register/dispensation/", {
        "granted_by": "Standards Committee", "scope": "Housing items.", "committee": "",
        "valid_from_day": "1", "valid_from_month": "4", "valid_from_year": "2023", "valid_to_day": "1", "valid_to_month": "4",
        "valid_to_year": "2028", "reason": "Too few members could take part."})
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in body and "four years" in body
    assert not Dispensation.objects.exists() and not RegisterChange.objects.exists()
    index = client.get("/monitoring-officer/registers/").content.decode()
    assert member.display_name in index and "Overdue" in index
    tasks = client.get("/monitoring-officer/tasks/").content.decode()
    assert "/monitoring-officer/registers/" in tasks


def test_a_committee_officer_no_longer_keeps_the_register(world):
    """Least privilege: entries and dispensations are the monitoring officer's (they were open to
    anyone who could manage people)."""
    panel, member, users = world
    with pytest.raises(ActionPermissionDenied):
        actions.add_register_entry(member, interest_type="DPI", category="land", description="x",
                                   registered_on=D(2023, 1, 1), acting_user=users["committee_officer"])
    entry = actions.add_register_entry(member, interest_type="DPI", category="land", description="A field",
                                       registered_on=D(2023, 1, 1), acting_user=users["monitoring_officer"])
    assert entry.pk


def test_the_member_is_reminded_of_their_own_register_then_again_once_overdue(world):
    from saferhub.core.notifications import due_for

    panel, member, users = world
    with time_machine.travel(dt.datetime(2020, 5, 20, 12), tick=False):  # place taken 1 May 2020: due 29 May
        [item] = due_for(users["member"], "governance.own_register")
        assert item.title == "Update your register of interests by 29 May 2020"
        assert item.url == f"/councillors/{member.pk}/register/" and item.due_on == D(2020, 5, 29)
        assert "taking up a committee place" in item.detail
        [other] = due_for(users["other_councillor"], "governance.own_register")
        assert other.url == f"/councillors/{panel.member(1).pk}/register/"  # only their own
        for who in ("monitoring_officer", "admin", "committee_officer", "partnership"):
            assert due_for(users[who], "governance.own_register") == [], who
    with time_machine.travel(dt.datetime(2020, 6, 10, 12), tick=False):
        [overdue] = due_for(users["member"], "governance.own_register")
        assert overdue.title == "Your register of interests was due for updating by 29 May 2020"
        assert overdue.key != item.key  # a second reminder, sent once too
        actions.record_register_review(member, reviewed_on=D(2020, 6, 10), acting_user=users["member"])
        assert due_for(users["member"], "governance.own_register") == []


def test_the_monitoring_officer_is_told_of_registers_due_and_members_are_not(world):
    from saferhub.core.notifications import due_for

    panel, member, users = world
    with time_machine.travel(dt.datetime(2020, 5, 20, 12), tick=False):
        items = due_for(users["monitoring_officer"], "governance.interests")
        assert f"/people/{member.pk}/" in {i.url for i in items}
        assert {i.title for i in items} == {"A member's register of interests is due for updating"}
        assert due_for(users["member"], "governance.interests") == []
        assert due_for(users["partnership"], "governance.interests") == []
