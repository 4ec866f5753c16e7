"""Test settings shared by every test: a test environment, Playwright's event loop allowance and a fresh cache."""

import os

os.environ.setdefault("SAFERHUB_ENV", "test")
# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: cached site configuration, page cache entries and the
    public form's rate-limit counters must not leak from one test into the next (a change saved in
    a test's transaction never reaches its on-commit cache invalidation)."""
    from django.core.cache import cache

    cache.clear()
    yield
