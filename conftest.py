"""Test settings shared by every test: a test environment, Playwright's event loop allowance, a fresh cache
and the clock for date-sensitive tests.

A test whose outcome depends on today's date is marked ``@pytest.mark.date_sensitive("2026-03-11")``: it runs
with the clock travelled (time-machine, process-wide, so the browser tests' live server sees it too) to the
moment the marker names, or to ``--today=YYYY-MM-DD[THH:MM]`` / ``SAFERHUB_TEST_TODAY`` when given. A date alone
means midday in the site's time zone; a time without an offset is UTC. ``scripts/test-dates`` runs the marked
tests on each weekday, a bank holiday, Christmas Eve, a leap day and both clock changes.
"""

import datetime as dt
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


def pytest_addoption(parser):
    group = parser.getgroup("saferhub", "SaferHub")
    group.addoption(
        "--today", metavar="YYYY-MM-DD[THH:MM]", default=os.environ.get("SAFERHUB_TEST_TODAY") or None,
        help="Run the tests marked date_sensitive at this moment instead of their own (env SAFERHUB_TEST_TODAY). "
             "A date alone is midday in the site's time zone; a time without an offset is UTC.")
    group.addoption(
        "--today-everywhere", action="store_true", default=False,
        help="Travel every test to --today, marked or not (to find tests that depend on the date but are not marked).")


def parse_moment(value: str, zone) -> dt.datetime:
    """``2026-08-31`` → midday in ``zone`` that day; ``2026-03-29T01:30`` → that time UTC; an offset is kept.
    The result is in ``zone``, so travelling never changes the process's time zone."""
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(12), tzinfo=zone)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(
            f"The test date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM] (UTC without an offset), not {value!r}."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone)


def pytest_configure(config):
    today = config.getoption("today")
    if today:
        from zoneinfo import ZoneInfo

        parse_moment(today, ZoneInfo("UTC"))  # a bad value stops the run before any test
    if config.getoption("today_everywhere") and not today:
        raise pytest.UsageError("--today-everywhere needs --today (or SAFERHUB_TEST_TODAY).")


@pytest.fixture(autouse=True)
def today_clock(request):
    """For a test marked ``date_sensitive("<its default moment>")``: travel the clock there (or to ``--today``)
    for the whole test, ticking on from that moment. Yields the moment (aware, site time zone), or None
    when the test is not travelled."""
    marker = request.node.get_closest_marker("date_sensitive")
    override = request.config.getoption("today")
    everywhere = request.config.getoption("today_everywhere")
    if marker is None and not everywhere:
        yield None
        return
    if marker is not None and len(marker.args) != 1:
        raise pytest.UsageError(
            f"{request.node.nodeid}: write the moment the test runs at by default, "
            "e.g. @pytest.mark.date_sensitive(\"2026-03-11\")  # a Wednesday")
    from zoneinfo import ZoneInfo

    import time_machine
    from django.conf import settings

    moment = parse_moment(override or marker.args[0], ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=True):
        yield moment
