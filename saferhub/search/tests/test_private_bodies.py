"""A private body's business (a Partnership group meeting in private) stays out of public search, the
public calendar and its feeds, even when its own records are marked published (issue 11)."""

import datetime as dt

import pytest
from django.test import Client

from saferhub.core.actors import SYSTEM
from saferhub.groups import actions
from saferhub.groups.tests.factories import make_group
from saferhub.search.engine import index_entries, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_meeting():
    group = make_group()
    meeting = actions.schedule_group_meeting(group.body, date=dt.date(2022, 9, 15), acting_user=SYSTEM)
    return group, meeting


def _index(meeting, *, published: bool) -> None:
    index_entries([dict(record=meeting, kind="minute_item", title="Zebracrossing review",
                        body="zebracrossing", url=meeting.get_absolute_url(), committee_id=meeting.committee_id,
                        date=meeting.date, is_public=published)])


def test_a_private_bodys_published_record_is_not_public_in_the_index(group_meeting):
    group, meeting = group_meeting
    assert not group.body.is_public
    _index(meeting, published=True)
    assert search("zebracrossing", public_only=True).count == 0
    assert search("zebracrossing", public_only=False).count == 1


def test_a_public_bodys_published_record_is_public(group_meeting):
    group, meeting = group_meeting
    actions.set_register_entry(group.body, is_public=True, acting_user=SYSTEM)
    _index(meeting, published=True)
    assert search("zebracrossing", public_only=True).count == 1


def test_the_public_search_and_calendar_do_not_name_a_private_body(group_meeting):
    group, meeting = group_meeting
    client = Client()
    assert group.body.name not in client.get("/search/").content.decode()
    assert group.body.name not in client.get("/meetings/").content.decode()
    assert client.get(f"/meetings/?committee={group.body.slug}").status_code in (200, 400)
    assert group.body.name not in client.get(f"/meetings/?committee={group.body.slug}").content.decode()
    assert client.get(f"/committees/{group.body.slug}/meetings.ics").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == 404
    actions.set_register_entry(group.body, is_public=True, acting_user=SYSTEM)
    assert group.body.name in client.get("/meetings/").content.decode()
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == 200
