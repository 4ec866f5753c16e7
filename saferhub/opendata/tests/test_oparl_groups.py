"""Partnership groups in OParl (issue 11): a public body is an ``Organization`` with its meetings, valid
against the official schema, classified by its kind; a private body, its meetings and its meeting list are not
open data; the Sub Panel's Organization is unchanged ("Committee", linked to a public parent)."""

import datetime as dt

import pytest
import time_machine

from saferhub.core.actors import SYSTEM
from saferhub.governance.tests.factories import make_panel
from saferhub.groups import actions
from saferhub.groups.tests.factories import make_group
from saferhub.opendata.tests.test_oparl_schema import get, validate

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def groups():
    public, private = make_group(public=True), make_group()
    with time_machine.travel("2022-09-01T12:00+00:00", tick=False):
        public.meeting = actions.schedule_group_meeting(public.body, date=D(2022, 9, 15), acting_user=SYSTEM)
        private.meeting = actions.schedule_group_meeting(private.body, date=D(2022, 9, 16), acting_user=SYSTEM)
    return public, private


def test_public_body_is_a_valid_organization_with_its_meetings(client, groups):
    public, _ = groups
    org = get(client, f"/oparl/v1/organization/c{public.body.pk}")
    assert validate(org) == "Organization"
    assert org["name"] == public.body.name and org["classification"] == "Delivery group"
    assert "subOrganizationOf" not in org  # its board is private, so it is not linked
    meetings = get(client, org["meeting"])
    assert [m["id"] for m in meetings["data"]] == [f"http://testserver/oparl/v1/meeting/{public.meeting.pk}"]
    for m in meetings["data"]:
        validate(m)
        assert m["organization"] == [org["id"]]
    listed = get(client, "/oparl/v1/body/1/organization?limit=100")
    assert org in listed["data"]


def test_public_board_is_linked_as_the_parent(client, groups):
    public, _ = groups
    actions.set_register_entry(public.board, is_public=True, acting_user=SYSTEM)
    org = get(client, f"/oparl/v1/organization/c{public.body.pk}")
    assert org["subOrganizationOf"] == f"http://testserver/oparl/v1/organization/c{public.board.pk}"
    board = get(client, org["subOrganizationOf"])
    assert validate(board) == "Organization" and board["classification"] == "Statutory board"


def test_private_body_is_not_open_data(client, groups):
    _, private = groups
    assert client.get(f"/oparl/v1/organization/c{private.body.pk}").status_code == 404
    assert client.get(f"/oparl/v1/organization/c{private.body.pk}/meeting").status_code == 404
    assert client.get(f"/oparl/v1/meeting/{private.meeting.pk}").status_code == 404
    for kind in ("organization", "meeting"):
        page = client.get(f"/oparl/v1/body/1/{kind}?limit=100").json()
        assert not any(private.body.name == o.get("name") or o["id"].endswith(f"/meeting/{private.meeting.pk}")
                       for o in page["data"])


def test_sub_panel_organization_is_unchanged(client, db):
    panel = make_panel()
    org = get(client, f"/oparl/v1/organization/c{panel.committee.pk}")
    validate(org)
    assert org["classification"] == "Committee" and org["organizationType"] == "committee"
    assert org["post"] == ["Chair", "Vice-Chair", "Member", "Named substitute"]


# -- Members of Partnership groups as OParl Memberships ------------------------------------------------------


@pytest.fixture
def members(groups):
    """The public group's chair (elected 1 June 2022, a 24-month term), a co-opted member (dated) and a
    temporary member; and a member of the private group only."""
    from saferhub.governance.tests.factories import person

    public, private = groups
    with time_machine.travel("2022-09-01T12:00+00:00", tick=False):
        actions.elect_chair(public.body, person=public.chair, date=D(2022, 6, 1), method="not_recorded",
                            evidence="Named in the June report", acting_user=SYSTEM)
        coopted = actions.add_member(public.body, person=person("Co Opted", councillor=False, organisation=public.fire),
                                     kind="co_opted", start_date=D(2022, 4, 1), end_date=D(2023, 3, 31),
                                     acting_user=SYSTEM)
        temporary = actions.add_member(public.body, person=person("Temp Member", councillor=False),
                                       organisation=public.district, kind="temporary", start_date=D(2022, 9, 1),
                                       end_date=D(2022, 12, 31), acting_user=SYSTEM)
        hidden = actions.add_member(private.body, person=person("Private Only", councillor=False,
                                                                organisation=private.police),
                                    start_date=D(2022, 1, 1), acting_user=SYSTEM)
    return public, private, coopted, temporary, hidden


def _url(kind, pk):
    return f"http://testserver/oparl/v1/{kind}/{pk}"


@time_machine.travel("2023-01-10T12:00+00:00", tick=False)  # the chair's term (to May 2024) is current
def test_public_group_members_are_valid_memberships(client, members):
    public, _, coopted, temporary, _ = members
    org = get(client, f"/oparl/v1/organization/c{public.body.pk}")
    ids = [u for u in org["membership"] if "/membership/g" in u]
    assert len(ids) == 4
    by_person = {}
    for url in ids:
        m = get(client, url)
        assert validate(m) == "Membership" and m["organization"] == org["id"]
        assert "votingRight" not in m  # the Terms of Reference do not record it
        person = get(client, m["person"])
        assert validate(person) == "Person"
        assert m in person["membership"]  # embedded equals its own URL
        assert set(person) & {"email", "phone", "web"} == set()  # a group member has no page and no contact details
        behalf = get(client, m["onBehalfOf"])
        assert validate(behalf) == "Organization"
        by_person[person["name"]] = (m, behalf["name"])
    chair, police = by_person[public.chair.display_name]
    assert chair["role"] == "Chair" and chair["saferhub:chair"] == "chair" and police == public.police.name
    assert chair["startDate"] == "2021-07-01" and "endDate" not in chair
    co, fire = by_person["Co Opted"]
    assert (co["role"], co["startDate"], co["endDate"], fire) == ("Co-opted member", "2022-04-01", "2023-03-31",
                                                                  public.fire.name)
    temp, district = by_person["Temp Member"]
    assert (temp["role"], temp["startDate"], temp["endDate"]) == ("Temporary member", "2022-09-01", "2022-12-31")
    assert district == public.district.name  # the organisation represented, not the employer
    assert by_person[public.district_officer.display_name][0]["role"] == "Member"
    listed = get(client, "/oparl/v1/body/1/membership?limit=100")["data"]
    assert {m["id"] for m in listed} >= set(ids)
    for m in listed:
        validate(m)
    people = get(client, "/oparl/v1/body/1/person?limit=100")["data"]
    assert {"Co Opted", "Temp Member"} <= {p["name"] for p in people}


def test_chair_role_follows_the_term(client, members):
    public = members[0]
    membership = public.body.group_memberships.get(person=public.chair)
    with time_machine.travel("2024-06-10T12:00+00:00", tick=False):  # the term ended on 31 May 2024
        assert get(client, f"/oparl/v1/membership/g{membership.pk}")["role"] == "Member"


def test_private_group_members_are_not_open_data(client, members):
    public, private, _, _, hidden = members
    assert client.get(f"/oparl/v1/membership/g{hidden.pk}").status_code == 404
    assert client.get(f"/oparl/v1/person/{hidden.person_id}").status_code == 404
    assert client.get(f"/oparl/v1/organization/o{private.police.pk}").status_code == 404  # only tied to it
    for kind in ("membership", "person", "organization"):
        page = get(client, f"/oparl/v1/body/1/{kind}?limit=100")
        ids = {o["id"] for o in page["data"]}
        assert _url("membership", f"g{hidden.pk}") not in ids
        assert _url("person", hidden.person_id) not in ids
        assert _url("organization", f"o{private.police.pk}") not in ids
        for obj in page["data"]:
            assert _url("membership", f"g{hidden.pk}") not in str(obj)
    # A public group that becomes private takes its members out of open data with it.
    actions.set_register_entry(public.body, is_public=False, acting_user=SYSTEM)
    first = public.body.group_memberships.first()
    assert client.get(f"/oparl/v1/membership/g{first.pk}").status_code == 404


def test_a_deleted_public_group_membership_leaves_a_tombstone(client, members):
    public, _, coopted, _, hidden = members
    pk, hidden_pk = coopted.pk, hidden.pk
    coopted.delete()  # as the admin would
    hidden.delete()
    obj = get(client, f"/oparl/v1/membership/g{pk}")
    assert obj["deleted"] is True and validate(obj) == "Membership"
    assert client.get(f"/oparl/v1/membership/g{hidden_pk}").status_code == 404
