"""No page with personal data may be kept by a browser or proxy cache (issue 10, defect 4).

Every signed-in response, and every staff response, carries ``Cache-Control: no-store, private``
(``saferhub.core.middleware``); public pages for anonymous visitors stay cacheable as before. The walk over
every URL pattern covers apps added later without editing this file.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from saferhub.asb.tests import factories as asb_factories
from saferhub.core import actions as core_actions
from saferhub.core.permissions import Role
from saferhub.governance.tests import factories as gov

pytestmark = pytest.mark.django_db


def assert_no_store(response) -> None:
    assert response["Cache-Control"] == "no-store, private", (response.status_code, response.get("Cache-Control"))
    assert response["Pragma"] == "no-cache"
    assert not response.has_header("Expires")


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.fixture
def asb_case():
    w = asb_factories.world()
    return asb_factories.application(w, application_date=dt.date(2026, 5, 4))


@pytest.fixture
def county_team():
    return asb_factories.user(Role.ASB_COUNTY_TEAM)


def test_asb_case_pages_and_history_are_not_stored(asb_case, county_team):
    client = signed_in(county_team)
    for url in (reverse("asb:case", args=[asb_case.pk]), reverse("asb:case-history", args=[asb_case.pk]),
                reverse("asb:case-list"), reverse("asb:dashboard"), reverse("asb:triage")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert asb_case.reference in response.content.decode() or url.endswith(("/asb/", "/cases/", "/triage/"))
        assert_no_store(response)


def test_asb_api_case_endpoints_are_not_stored_with_a_session_or_a_token(asb_case, county_team):
    admin = gov.user("site-admin", Role.ADMINISTRATOR)
    _, raw = core_actions.create_api_token(county_team, name="tool", acting_user=admin)
    urls = ["/api/v1/asb/cases", f"/api/v1/asb/cases/{asb_case.reference}",
            f"/api/v1/asb/cases/{asb_case.reference}/history", "/api/v1/asb/dashboard"]
    session = signed_in(county_team)
    token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for client in (session, token):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.content[:200])
            assert_no_store(response)
    # A refused token leaves nothing to cache either.
    assert_no_store(Client(HTTP_AUTHORIZATION="Bearer wrong").get(urls[1]))


def test_governance_papers_importer_admin_and_search_pages_are_not_stored():
    panel = gov.make_panel()
    meeting = gov.make_meeting(panel, date=dt.date(2026, 3, 12))
    officer = gov.committee_officer(panel)
    client = signed_in(officer)
    pages = [
        reverse("governance:meeting-record", args=[meeting.pk]),
        reverse("papers:meeting-papers", args=[meeting.pk]),
        reverse("importer:upload"),
        reverse("core:dashboard"),
        reverse("search:search") + "?q=partnership",
        # Public pages seen signed in may show drafts and staff links: not stored either.
        reverse("governance:meeting-detail", args=[meeting.pk]),
        reverse("governance:committee-detail", args=[panel.committee.slug]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_store(response)
    admin = gov.user("admin-user", Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = signed_in(admin)
    for url in ("/admin/", "/admin/core/auditevent/", "/admin/auth/user/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_store(response)


def test_a_view_that_asks_for_public_caching_is_overridden_for_a_signed_in_user():
    """The brand stylesheet says ``public, max-age=300``; signed in, the rule wins."""
    assert "public" in Client().get("/brand.css")["Cache-Control"]
    assert_no_store(signed_in(gov.user("reader", Role.COUNCILLOR)).get("/brand.css"))


def test_anonymous_staff_urls_and_form_sessions_are_not_stored():
    for url in ("/asb/cases/1/", "/import/", "/admin/", "/dashboard/", "/api/v1/asb/cases"):
        assert_no_store(Client().get(url))
    # The ASB application form keeps the victim's answers in the session: its pages are not stored.
    client = Client()
    client.post(reverse("asb:apply-step", args=["applicant"]), {"applicant_is_victim": "yes"})
    assert_no_store(client.get(reverse("asb:apply-step", args=["applicant"])))


def test_public_pages_stay_cacheable_for_anonymous_visitors(settings):
    panel = gov.make_panel()
    meeting = gov.make_meeting(panel, date=dt.date(2026, 3, 12))
    for url in ("/", reverse("governance:committee-list"), reverse("governance:meeting-detail", args=[meeting.pk]),
                reverse("search:search") + "?q=partnership", "/api/v1/meetings/", "/oparl/v1/system"):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
    assert Client().get("/brand.css")["Cache-Control"] == "max-age=300, public"
    # And the page cache still serves them.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    url = reverse("governance:meeting-detail", args=[meeting.pk])
    Client().get(url)
    assert Client().get(url)["X-SaferHub-Cache"] == "hit"


def test_the_page_cache_never_stores_a_signed_in_response(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    panel = gov.make_panel()
    meeting = gov.make_meeting(panel, date=dt.date(2026, 3, 12))
    officer = gov.committee_officer(panel)
    admin = gov.user("token-admin", Role.ADMINISTRATOR)
    _, raw = core_actions.create_api_token(officer, name="tool", acting_user=admin)
    url = reverse("governance:meeting-detail", args=[meeting.pk])
    for _ in range(2):
        response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(url)
        assert not response.has_header("X-SaferHub-Cache")
        assert_no_store(response)
    # Nothing was stored by those requests: the first anonymous request renders the page itself.
    assert not Client().get(url).has_header("X-SaferHub-Cache")


def _every_url(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _every_url(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


SAMPLE = {"int": 1, "slug": "x", "str": "x", "path": "x", "dbid": 1}


def test_every_page_of_every_app_is_not_stored_when_signed_in():
    """Default-deny: for each named URL pattern (new apps' included), a signed-in GET is ``no-store``, whatever
    it answers (a page, a redirect, 403, 404 or 405)."""
    admin = gov.user("walker", Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = signed_in(admin, raise_request_exception=False)  # a page still being built may fail: it is not stored
    checked = 0
    for name, pattern in _every_url():
        kwargs = {key: SAMPLE.get(type(conv).__name__.replace("Converter", "").lower(), "1")
                  for key, conv in pattern.pattern.converters.items()}
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception:  # noqa: S112 - a pattern our sample values cannot fill (admin regexes): skipped
            continue
        if name.endswith("logout"):
            continue
        assert_no_store(client.get(url))
        checked += 1
    assert checked > 100
