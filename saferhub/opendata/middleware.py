"""A short-lived cache of public pages for anonymous visitors, so that the public website keeps up
with a busy day (the issue asks for 200 requests a second on two cores; a meeting page costs about
20 ms of CPU to render, so rendering every request could not).

What is cached: GET and HEAD of the public page types listed in ``CACHEABLE`` (committee,
meeting, person, calendar, work programme, recommendations, agenda and minutes web pages, and the
iCalendar, RSS and Atom feeds), only
for requests without any cookie (no session, so nobody signed in and no messages waiting), and
only responses that are 200, set no cookie and are not marked ``no-store`` (``saferhub.core.middleware``, which
also marks every signed-in response), and never for a signed-in user (an API token is checked after the view).
Signed-in users always get a fresh page.

How long: ``settings.PUBLIC_PAGE_CACHE_SECONDS`` (30 in production, 0 = off in development and
tests). Any save or delete of something a cached page can show clears it at once (``changes_public_pages``) (a version number in the cache: for every worker when
the cache is shared, as with ``REDIS_URL``; otherwise in this process, and other processes may serve
a page up to that many seconds old). When a page goes stale, one request renders it again while the
others get the stale copy; when a page is missing and another request is already rendering it,
requests wait for that result (up to three seconds) rather than all rendering it at once.

The Content-Security-Policy nonce is never reused: the cached copy keeps a placeholder and every
response gets a fresh nonce in both the page and the header.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve

from saferhub.core.middleware import is_signed_in

CACHEABLE = {
    "core:home", "governance:committee-list", "governance:committee-detail", "governance:committee-meetings",
    "governance:meeting-detail", "governance:person-detail", "papers:agenda", "papers:minutes",
    "papers:work-programme", "papers:recommendations", "opendata:calendar", "opendata:open-data",
    # Feeds, which calendar apps and feed readers poll.
    "opendata:committee-ics", "opendata:meeting-ics", "opendata:documents-rss", "opendata:documents-atom",
    "opendata:decisions-rss", "opendata:decisions-atom", "opendata:committee-documents-rss",
    "opendata:committee-documents-atom", "opendata:committee-decisions-rss", "opendata:committee-decisions-atom",
}
PLACEHOLDER = "__SAFERHUB_CSP_NONCE__"
VERSION_KEY = "saferhub:public-pages:version"
SKIP_HEADERS = {"set-cookie", "content-length"}
LOCK_SECONDS = 30
WAIT_SECONDS = 3


def content_version() -> int:
    """A number that changes whenever anything is saved or deleted in this process."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


#: Apps whose saves never change a cached public page: sessions (the ASB application form saves one
#: at every step), the admin's log, the task queue's bookkeeping, sign-in (``auth`` saves last_login,
#: django-axes counts attempts, django-otp counts codes), and the private case work (ASB case reviews,
#: Domestic Homicide Reviews, alert sign-ups, import staging, the search index, data returns and
#: consultation responses), none of which a cached page shows. Without this every triage or sign-in
#: emptied the cache: 377 times in two minutes of the soak in ``bench/soak.py``.
IGNORED_APPS = {
    "sessions", "admin", "contenttypes", "django_tasks", "django_tasks_database",
    "auth", "axes", "otp_totp", "otp_static",
    "asb", "dhr", "alerts", "importer", "search", "returns", "consultations",
}
#: Models of other apps that no cached page shows: every action writes an audit row, so the audit
#: trail alone would empty the cache at every write of any kind.
IGNORED_MODELS = {"core.auditevent", "core.apitoken", "core.partnershipmembership"}


def changes_public_pages(model) -> bool:
    """Whether saving or deleting a row of this model can change a cached public page."""
    meta = model._meta
    return meta.app_label not in IGNORED_APPS and meta.label_lower not in IGNORED_MODELS


def forget_public_pages(sender=None, **kwargs) -> None:
    """Invalidate every cached public page (connected to every model's post_save and post_delete)."""
    if sender is not None and not changes_public_pages(sender):
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def connect() -> None:
    """Called from the app's ready(), so that every process (web workers, the task worker,
    management commands) clears the cache when it changes data."""
    post_save.connect(forget_public_pages, dispatch_uid="saferhub.opendata.public_pages.save")
    post_delete.connect(forget_public_pages, dispatch_uid="saferhub.opendata.public_pages.delete")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _key(self, request) -> str | None:
        if request.method not in ("GET", "HEAD") or request.COOKIES or request.META.get("HTTP_AUTHORIZATION"):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.view_name not in CACHEABLE:
            return None
        digest = hashlib.sha256(request.get_full_path().encode("utf-8")).hexdigest()[:32]
        return f"saferhub:public-page:{content_version()}:{request.get_host()}:{digest}"

    def __call__(self, request):
        seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0)
        key = self._key(request) if seconds else None
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        now = time.time()
        if cached is not None and cached[2] > now:
            return self._replay(cached)
        lock = f"{key}:lock"
        locked = cache.add(lock, 1, LOCK_SECONDS)
        if not locked:
            if cached is not None:
                return self._replay(cached)  # stale, while another request renders it again
            deadline = now + WAIT_SECONDS  # missing, and another request is rendering it: wait for it
            while time.time() < deadline:
                time.sleep(0.05)
                cached = cache.get(key)
                if cached is not None:
                    return self._replay(cached)
        try:
            response = self.get_response(request)
            if (response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False)
                    and not is_signed_in(request) and "no-store" not in response.get("Cache-Control", "")):
                nonce = getattr(request, "_csp_nonce", None)
                body = response.content.decode("utf-8", errors="surrogateescape")
                headers = [(k, v) for k, v in response.items() if k.lower() not in SKIP_HEADERS]
                if nonce:
                    body = body.replace(nonce, PLACEHOLDER)
                    headers = [(k, v.replace(nonce, PLACEHOLDER)) for k, v in headers]
                # Kept for four times the freshness: a stale copy is served while one request renders anew.
                cache.set(key, (body, headers, time.time() + seconds), seconds * 4)
        finally:
            if locked:
                cache.delete(lock)
        return response

    @staticmethod
    def _replay(cached) -> HttpResponse:
        body, headers, _ = cached
        nonce = base64.b64encode(os.urandom(16)).decode("ascii")
        response = HttpResponse(body.replace(PLACEHOLDER, nonce).encode("utf-8", errors="surrogateescape"))
        for name, value in headers:
            response[name] = value.replace(PLACEHOLDER, nonce)
        response["Content-Length"] = str(len(response.content))
        response["X-SaferHub-Cache"] = "hit"
        return response
