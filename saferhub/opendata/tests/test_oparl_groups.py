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
