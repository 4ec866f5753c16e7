"""The anonymous public page cache: hits, fresh CSP nonces, bypass for cookies, clearing on save."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from saferhub.core.actors import SYSTEM
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import make_meeting, make_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


def nonce_of(response) -> str:
    header = response["Content-Security-Policy"]
    return re.search(r"'nonce-([^']+)'", header).group(1)


def test_second_anonymous_request_is_a_hit_with_a_fresh_nonce(client, cached):
    meeting = make_meeting(make_panel(), items=1)
    client.get("/")  # the first request of a new site saves its configuration row, which clears the cache
    first = client.get(meeting.get_absolute_url())
    second = client.get(meeting.get_absolute_url())
    assert "X-SaferHub-Cache" not in first and second["X-SaferHub-Cache"] == "hit"
    assert second.content.decode().replace(nonce_of(second), "N") == first.content.decode().replace(nonce_of(first), "N")
    assert nonce_of(first) != nonce_of(second)
    assert f'nonce="{nonce_of(second)}"' in second.content.decode()


def test_saving_anything_clears_the_cache(client, cached):
    meeting = make_meeting(make_panel(), items=1)
    client.get(meeting.get_absolute_url())
    governance.update_meeting(meeting, venue="The Long Room", acting_user=SYSTEM)
    response = client.get(meeting.get_absolute_url())
    assert "X-SaferHub-Cache" not in response and "The Long Room" in response.content.decode()


def test_requests_with_cookies_and_other_pages_are_not_cached(client, cached):
    meeting = make_meeting(make_panel(), items=1)
    client.cookies["sessionid"] = "anything"
    client.get(meeting.get_absolute_url())
    assert "X-SaferHub-Cache" not in client.get(meeting.get_absolute_url())
    client.cookies.clear()
    client.get("/oparl/v1/system")
    assert "X-SaferHub-Cache" not in client.get("/oparl/v1/system")
    client.get("/meetings/999999/")
    assert "X-SaferHub-Cache" not in client.get("/meetings/999999/")


def test_off_by_default_in_tests(client):
    meeting = make_meeting(make_panel(), items=1)
    client.get(meeting.get_absolute_url())
    assert "X-SaferHub-Cache" not in client.get(meeting.get_absolute_url())


def test_a_stale_page_is_served_while_another_request_renders_it(client, cached):
    meeting = make_meeting(make_panel(), items=1)
    client.get("/")
    client.get(meeting.get_absolute_url())
    # Find the entry by asking the middleware for the key it uses.
    from django.test import RequestFactory

    from saferhub.opendata.middleware import PublicPageCacheMiddleware

    request = RequestFactory().get(meeting.get_absolute_url())
    key = PublicPageCacheMiddleware(lambda r: None)._key(request)
    body, headers, _ = cache.get(key)
    cache.set(key, (body, headers, 0), 120)  # stale
    cache.add(f"{key}:lock", 1, 30)  # another request is rendering it
    assert client.get(meeting.get_absolute_url())["X-SaferHub-Cache"] == "hit"
    cache.delete(f"{key}:lock")
    fresh = client.get(meeting.get_absolute_url())
    assert "X-SaferHub-Cache" not in fresh and cache.get(key)[2] > 0


def test_feeds_are_cached_too(client, cached):
    panel = make_panel()
    make_meeting(panel, items=0)
    url = f"/committees/{panel.committee.slug}/meetings.ics"
    client.get("/")
    client.get(url)
    response = client.get(url)
    assert response["X-SaferHub-Cache"] == "hit" and response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
