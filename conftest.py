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
        "--today", metavar="YYYY-MM-DD[THH:MM][,...]", default=os.environ.get("SAFERHUB_TEST_TODAY") or None,
        help="Run the tests marked date_sensitive at this moment instead of their own (env SAFERHUB_TEST_TODAY). "
             "A date alone is midday in the site's time zone; a time without an offset is UTC. Several moments, "
             "separated by commas, run each marked test once at each (one database, one browser: scripts/test-dates).")
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


def _moments(config) -> list[str]:
    return [m for m in (config.getoption("today") or "").replace(" ", ",").split(",") if m]


def pytest_configure(config):
    from zoneinfo import ZoneInfo

    for moment in _moments(config):
        parse_moment(moment, ZoneInfo("UTC"))  # a bad value stops the run before any test
    if config.getoption("today_everywhere") and not _moments(config):
        raise pytest.UsageError("--today-everywhere needs --today (or SAFERHUB_TEST_TODAY).")


def pytest_generate_tests(metafunc):
    """With several --today moments, each travelled test runs once at each (its id ends ``[today=…]``)."""
    moments = _moments(metafunc.config)
    travelled = metafunc.definition.get_closest_marker("date_sensitive") or metafunc.config.getoption(
        "today_everywhere")
    if len(moments) > 1 and travelled and "today_clock" in metafunc.fixturenames:
        metafunc.parametrize("today_clock", moments, indirect=True, ids=[f"today={m}" for m in moments])


@pytest.fixture(autouse=True)
def today_clock(request):
    """For a test marked ``date_sensitive("<its default moment>")``: travel the clock there (or to ``--today``)
    for the whole test, ticking on from that moment. Yields the moment (aware, site time zone), or None
    when the test is not travelled."""
    marker = request.node.get_closest_marker("date_sensitive")
    moments = _moments(request.config)
    if marker is None and not request.config.getoption("today_everywhere"):
        yield None
        return
    if marker is not None and len(marker.args) != 1:
        raise pytest.UsageError(
            f"{request.node.nodeid}: write the moment the test runs at by default, "
            "e.g. @pytest.mark.date_sensitive(\"2026-03-11\")  # a Wednesday")
    from zoneinfo import ZoneInfo

    import time_machine
    from django.conf import settings

    chosen = getattr(request, "param", None) or (moments[0] if moments else marker.args[0])
    moment = parse_moment(chosen, ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=True):
        yield moment
