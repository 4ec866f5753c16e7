"""OParl behaviour: pagination links, filters, bad input, what is public, tombstones, queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.governance.models import Meeting
from saferhub.governance.tests.factories import make_meeting, make_panel
from saferhub.opendata.models import OParlTombstone
from saferhub.opendata.tests.factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def walk(client, url):
    """Follow next links; return the pages."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        pages.append(response.json())
        url = pages[-1]["links"].get("next")
    return pages


def ids(page):
    return [obj["id"].rsplit("/", 1)[-1] for obj in page["data"]]


def test_system_and_body(client):
    system = client.get("/oparl/v1/system").json()
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["body"] == "http://testserver/oparl/v1/body"
    body = client.get("/oparl/v1/body/1").json()
    assert body["meeting"] == "http://testserver/oparl/v1/body/1/meeting"
    assert client.get("/oparl/v1/body/2").status_code == 404


def test_keyset_pages_cover_the_list_once_with_first_prev_next_last(client):
    panel = make_panel()
    for n in range(7):
        make_meeting(panel, date=dt.date(2022, 1, 1) + dt.timedelta(days=30 * n), items=0)
    pages = walk(client, "/oparl/v1/body/1/meeting?limit=3")
    assert [len(p["data"]) for p in pages] == [3, 3, 1]
    every = [i for p in pages for i in ids(p)]
    assert every == sorted(every, key=int) and len(set(every)) == 7
    first = pages[0]
    assert "prev" not in first["links"]
    assert first["pagination"] == {"totalElements": 7, "elementsPerPage": 3, "totalPages": 3}
    # The last link shows the final three; prev from the second page goes back to the first page.
    last = client.get(first["links"]["last"]).json()
    assert ids(last) == every[-3:] and "next" not in last["links"]
    second = pages[1]
    assert client.get(second["links"]["prev"]).json()["data"] == first["data"]
    back = client.get(pages[2]["links"]["prev"]).json()
    assert ids(back) == every[3:6]
    assert all(link.startswith("http://testserver/oparl/v1/body/1/meeting") for link in first["links"].values())


def test_organization_list_spans_committees_organisations_and_tombstones(client):
    panel = make_panel()
    OParlTombstone.objects.create(object_type="Organization", object_id="c9999", deleted_at=timezone.now())
    pages = walk(client, "/oparl/v1/body/1/organization?limit=4")
    every = [obj["id"].rsplit("/", 1)[-1] for p in pages for obj in p["data"]]
    assert every[0] == f"c{panel.committee.pk}"
    assert f"o{panel.county.pk}" in every and f"o{panel.partnership.pk}" in every
    assert every[-1] == "c9999" and len(every) == len(set(every))
    assert pages[0]["pagination"]["totalElements"] == len(every)
    last = client.get(pages[0]["links"]["last"]).json()
    assert [o["id"].rsplit("/", 1)[-1] for o in last["data"]] == every[-4:]
    prev = client.get(pages[-1]["links"]["prev"]).json()
    assert [o["id"].rsplit("/", 1)[-1] for o in prev["data"]] == every[-len(pages[-1]["data"]) - 4:-len(pages[-1]["data"])]


def test_created_and_modified_filters(client):
    panel = make_panel()
    old = make_meeting(panel, date=dt.date(2022, 1, 10), items=0)
    new = make_meeting(panel, date=dt.date(2022, 4, 10), items=0)
    Meeting.objects.filter(pk=old.pk).update(created_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
                                             updated_at=dt.datetime(2022, 1, 2, tzinfo=dt.UTC))
    page = client.get("/oparl/v1/body/1/meeting", {"created_since": "2023-01-01T00:00:00+00:00"}).json()
    assert ids(page) == [str(new.pk)]
    page = client.get("/oparl/v1/body/1/meeting", {"modified_until": "2022-06-01"}).json()
    assert ids(page) == [str(old.pk)]
    assert "modified_until=2022-06-01" in page["links"]["first"]
    page = client.get("/oparl/v1/body/1/meeting", {"created_since": "2021-12-31T00:00:00Z",
                                                   "created_until": "2022-01-01T12:00:00"}).json()
    assert ids(page) == [str(old.pk)]


@pytest.mark.parametrize("query, parameter", [
    ("limit=0", "limit"), ("limit=101", "limit"), ("limit=abc", "limit"), ("limit=-1", "limit"),
    ("after=abc", "after"), ("after=1", "after"), ("after=9.5", "after"), ("after=99999999999999999999.1", "after"),
    ("created_since=yesterday", "created_since"), ("modified_since=2024-13-45", "modified_since"),
    ("modified_until=2024-02-30T25:00", "modified_until"),
    ("created_since=2024-02-01&created_until=2024-01-01", "created_since"),
])
def test_bad_list_parameters_answer_400_with_a_message(client, query, parameter):
    response = client.get(f"/oparl/v1/body/1/meeting?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter and body["error"]


@pytest.mark.parametrize("url", [
    "/oparl/v1/meeting/999999", "/oparl/v1/meeting/99999999999999999999999", "/oparl/v1/organization/x1",
    "/oparl/v1/organization/c99999999999999999999", "/oparl/v1/body/1/nothing", "/oparl/v1/location/%%%",
    "/oparl/v1/location/bm90IGEgdmVudWU", "/oparl/v1/legislativeterm/2022-24", "/oparl/v1/legislativeterm/x",
    "/oparl/v1/organization/o1/meeting", "/oparl/v1/location/AA", "/oparl/v1/location/YQBi",
])
def test_unknown_objects_answer_404_not_500(client, url):
    assert client.get(url).status_code == 404


def test_only_public_data(client):
    world = build_world(render=False)
    officer = world.panel.officer
    assert client.get(f"/oparl/v1/person/{officer.pk}").status_code == 404
    people = [o["id"] for p in walk(client, "/oparl/v1/body/1/person?limit=100") for o in p["data"]]
    assert f"http://testserver/oparl/v1/person/{officer.pk}" not in people
    unpublished = client.get(f"/oparl/v1/meeting/{world.unpublished.pk}").json()
    assert "saferhub:attendance" not in unpublished and "participant" not in unpublished
    assert all("saferhub:decisions" not in item for item in unpublished["agendaItem"])
    # The annex is not published (the agenda was not): no File, no Paper.
    assert client.get(f"/oparl/v1/file/{world.annex.pk}").status_code == 404
    assert client.get(f"/oparl/v1/paper/{world.report.pk}").status_code == 404
    assert walk(client, "/oparl/v1/body/1/file")[0]["data"] == []
    item = client.get(f"/oparl/v1/agendaitem/{world.report.agenda_item_id}").json()
    assert "consultation" not in item and "auxiliaryFile" not in item


def test_vendor_extension_attendance_and_substitutes(client):
    world = build_world(render=False)
    panel = world.panel
    meeting = client.get(f"/oparl/v1/meeting/{world.held.pk}").json()
    person = "http://testserver/oparl/v1/person/{}".format
    assert {"person": person(panel.substitute(5).pk), "substituteFor": person(panel.member(5).pk)} in meeting[
        "saferhub:substitutes"]
    rows = {r.get("person", r["name"]): r for r in meeting["saferhub:attendance"]}
    assert rows[person(panel.member(5).pk)]["status"] == "apologies"
    assert rows[person(panel.substitute(5).pk)]["role"] == "substitute"
    officer_row = rows[panel.officer.display_name]
    assert officer_row["status"] == "in_attendance" and "person" not in officer_row
    assert person(panel.officer.pk) not in meeting["participant"]
    assert person(panel.substitute(5).pk) in meeting["participant"]
    item = next(i for i in meeting["agendaItem"] if "saferhub:decisions" in i)
    decision = item["saferhub:decisions"][0]
    assert decision["verb"] == "RECOMMENDED"
    assert decision["recommendations"][0]["addressee"].endswith(f"/organization/o{panel.partnership.pk}")
    assert "RECOMMENDED" in item["resolutionText"]
    cancelled = client.get(f"/oparl/v1/meeting/{world.cancelled.pk}").json()
    assert cancelled["cancelled"] is True and cancelled["meetingState"] == "cancelled"
    membership = client.get(f"/oparl/v1/person/{panel.substitute(5).pk}").json()["membership"][0]
    assert membership["saferhub:membershipRole"] == "substitute"
    assert membership["onBehalfOf"].endswith(f"/organization/o{panel.seats[5].organisation_id}")


def test_deleting_leaves_a_tombstone_that_lists_and_filters_find(client):
    panel = make_panel()
    person = core_actions.create_person(name="Gone Councillor", is_councillor=True, acting_user=SYSTEM)
    assert client.get(f"/oparl/v1/person/{person.pk}").status_code == 200
    before = timezone.now()
    pk = person.pk
    person.delete()
    obj = client.get(f"/oparl/v1/person/{pk}").json()
    assert obj["deleted"] is True and "name" not in obj
    page = client.get("/oparl/v1/body/1/person", {"modified_since": before.isoformat(), "limit": 100}).json()
    assert [o["id"] for o in page["data"]] == [f"http://testserver/oparl/v1/person/{pk}"]
    assert panel  # the panel's people are older than ``before``


#: Queries for a first page of 20 (count and ``last`` included). Each is a fixed sum: one query per
#: source read, one per prefetch, and one per source for ``last`` and the count; the organisation
#: list reads three sources (committees, organisations, tombstones). Partnership groups' members add one
#: query to people and organisations (their group memberships) and a source to memberships (read and count).
PINNED = {'meeting': 10, 'person': 7, 'organization': 11, 'membership': 7, 'agendaitem': 7, 'paper': 7, 'file': 6,
          'consultation': 6}


def test_list_queries_do_not_grow_with_the_page_or_the_data(client):
    panel = make_panel()
    for n in range(3):
        make_meeting(panel, date=dt.date(2022, 1, 1) + dt.timedelta(days=30 * n), items=1)

    def count(url):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    small = {kind: count(f"/oparl/v1/body/1/{kind}?limit=2") for kind in
             ["meeting", "person", "organization", "membership", "agendaitem", "paper", "file", "consultation"]}
    world = build_world(render=True)
    for n in range(25):
        m = make_meeting(world.panel, date=dt.date(2021, 1, 1) + dt.timedelta(days=7 * n), items=2)
        governance.record_attendance(m, person=world.panel.member(0), status="present", acting_user=SYSTEM)
    large = {kind: count(f"/oparl/v1/body/1/{kind}?limit=20") for kind in small}
    assert large == PINNED, (small, large)
    for kind in small:
        assert small[kind] <= large[kind]  # fewer only because an empty page prefetches nothing
    second = client.get("/oparl/v1/body/1/meeting?limit=5").json()["links"]["next"]
    assert count(second) <= PINNED["meeting"] + 1  # + the prev link's query


def test_embedded_memberships_equal_the_membership_objects(client):
    panel = make_panel()
    person = client.get(f"/oparl/v1/person/{panel.substitute(2).pk}").json()
    for embedded in person["membership"]:
        assert client.get(embedded["id"]).json() == embedded


def test_committee_lists_its_memberships(client):
    panel = make_panel()
    committee = client.get(f"/oparl/v1/organization/c{panel.committee.pk}").json()
    assert len(committee["membership"]) == 20  # ten seats, a member and a substitute each
    member = client.get(committee["membership"][0]).json()
    assert member["organization"] == committee["id"]


def test_objects_that_were_never_public_leave_no_tombstone(client):
    officer = core_actions.create_person(name="An Officer", is_councillor=False, acting_user=SYSTEM)
    pk = officer.pk
    officer.delete()
    assert client.get(f"/oparl/v1/person/{pk}").status_code == 404
    assert not OParlTombstone.objects.filter(object_type="Person").exists()


def test_head_is_allowed_and_writes_are_not(client):
    assert client.head("/oparl/v1/system").status_code == 200
    assert client.post("/oparl/v1/system").status_code == 405
    assert client.head("/meetings/").status_code == 200
