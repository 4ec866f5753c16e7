"""The groups in the JSON API: public bodies with their profile, Terms of Reference in force, members by
organisation and meetings; a private body never appears, to anyone, signed in or not."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance.tests.factories import user
from saferhub.groups import actions
from saferhub.groups.tests.factories import make_group

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def groups():
    public, private = make_group(public=True), make_group()
    with time_machine.travel("2022-09-01T12:00+00:00", tick=False):
        public.meeting = actions.schedule_group_meeting(public.body, date=D(2022, 9, 15), acting_user=SYSTEM)
        actions.schedule_group_meeting(private.body, date=D(2022, 9, 16), acting_user=SYSTEM)
    actions.elect_chair(public.body, person=public.chair, date=D(2022, 6, 9), method="unanimous", acting_user=SYSTEM)
    return public, private


@pytest.mark.parametrize("role", [None, Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR])
def test_list_has_public_bodies_only(client, groups, role):
    public, private = groups
    if role:
        client.force_login(user("someone", role))
    data = client.get("/api/v1/groups/").json()
    slugs = [b["slug"] for b in data["items"]]
    assert public.body.slug in slugs and private.body.slug not in slugs and private.board.slug not in slugs
    assert data["count"] == len(slugs)
    assert client.get(f"/api/v1/groups/{private.body.slug}").status_code == 404
    assert client.get(f"/api/v1/groups/{private.body.slug}").json()["title"] == "Not found"


@time_machine.travel("2022-09-01T12:00+00:00", tick=False)
def test_a_public_body_with_its_terms_of_reference_members_and_meetings(client, groups):
    public, _ = groups
    data = client.get(f"/api/v1/groups/{public.body.slug}").json()
    assert data["kind"] == "delivery_group" and data["reports_to"] is None  # the board is private
    assert data["secretariat_team"] == "Community Safety"
    tor = data["terms_of_reference"]
    assert tor["version"] == "2.0" and tor["cadence_months"] == 3 and tor["pre_agenda_days_before"] == 14
    assert [r["name"] for r in tor["required_members"]] == ["Police", "District Councils", "Fire"]
    orgs = {o["organisation"]: [m["name"] for m in o["members"]] for o in data["members_by_organisation"]}
    assert orgs == {public.police.name: [public.chair.display_name],
                    public.district.name: [public.district_officer.display_name]}
    assert [c["name"] for c in data["chairs"]] == [public.chair.display_name]
    assert [m["id"] for m in data["meetings"]] == [public.meeting.pk]
    older = client.get(f"/api/v1/groups/{public.body.slug}", {"on": "2021-06-01"}).json()
    assert older["terms_of_reference"] is None and older["members_by_organisation"] == []


def test_bad_parameters_are_422_not_500(client, groups):
    assert client.get("/api/v1/groups/", {"limit": 0}).status_code == 422
    assert client.get("/api/v1/groups/", {"offset": -1}).status_code == 422
    public, _ = groups
    assert client.get(f"/api/v1/groups/{public.body.slug}", {"on": "2022-13-01"}).status_code == 422
    assert client.get("/api/v1/groups/" + "x" * 90).status_code == 422
    assert client.get("/api/v1/groups/a%00b").status_code == 422


def test_public_board_page_does_not_name_its_private_groups(client, groups):
    public, private = groups
    actions.set_register_entry(private.board, is_public=True, acting_user=SYSTEM)
    page = client.get(f"/groups/{private.board.slug}/").content.decode()
    assert private.body.name not in page
    client.force_login(user("partner", Role.PARTNERSHIP_OFFICER))
    assert private.body.name in client.get(f"/groups/{private.board.slug}/").content.decode()
