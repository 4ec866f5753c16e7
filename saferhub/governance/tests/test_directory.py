"""The committee list and the home page at national scale: paged, filterable, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions, directory
from saferhub.governance.tests.factories import organisation

pytestmark = pytest.mark.django_db


def bodies(n: int, *, start: int = 0, council: str = "Breckland Council", kind: str = "delivery_group", public=True):
    org = organisation(council, "district_council")
    for i in range(start, start + n):
        actions.create_committee(name=f"Body {i:04d} of {council}", slug=f"body-{i:04d}-{org.pk}", organisation=org,
                                 quorum=3, kind=kind, is_public=public, acting_user=SYSTEM)


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
        assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_committee_list_is_paged_and_filtered_by_name_organisation_and_kind(client):
    bodies(60)
    bodies(3, start=100, council="Norwich City Council", kind="scrutiny_committee")
    bodies(2, start=200, public=False)
    _, first = count(client, "/committees/")
    assert "63 committees" in first and "Page 1 of 2" in first and first.count('class="govuk-table__row"') == 51
    assert "Body 0200" not in first  # a private body is not listed for the public
    _, second = count(client, "/committees/", {"page": "2"})
    assert "Body 0102 of Norwich" in second
    _, norwich = count(client, "/committees/", {"organisation": "norwich"})
    assert "3 committees match" in norwich and "Breckland" not in norwich.split("<table")[1]
    _, kind = count(client, "/committees/", {"kind": "scrutiny_committee"})
    assert "3 committees match" in kind
    _, named = count(client, "/committees/", {"q": "Body 0042"})
    assert "1 committee matches" in named
    _, odd = count(client, "/committees/", {"kind": "nonsense", "q": "a\x00b"})
    assert "committee" in odd
    assert client.get("/committees/", {"page": "0"}).status_code == 404


def test_committee_list_and_home_page_queries_do_not_grow_with_the_number_of_bodies(client):
    bodies(5)
    client.get("/")  # warm the site configuration cache
    small = (count(client, "/committees/")[0], count(client, "/")[0])
    bodies(120, start=10, council="King's Lynn and West Norfolk Council", kind="statutory_board")
    big_list, big_home = count(client, "/committees/")[0], count(client, "/")
    assert (big_list, big_home[0]) == small
    assert big_home[1].count("/committees/body-") <= directory.HOME_LIMIT
    assert "See all 125 committees" in big_home[1]
