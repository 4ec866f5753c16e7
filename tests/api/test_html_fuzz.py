"""Odd query strings on the public pages (search, lists, calendars, feeds, OParl) answer 200, 400 or
404, never 500: huge and negative numbers, words where numbers belong, NUL bytes, a very long
query, unbalanced quotes, FTS5 and tsquery operators, column filters. On whichever engine the
suite runs on."""

from __future__ import annotations

import datetime as dt

import pytest

from saferhub.governance.tests.factories import make_meeting, make_panel
from saferhub.search.engine import index_entries, search

pytestmark = pytest.mark.django_db

NUMBERS = ["99999999999999999999", "71962018183987431047430144", "9223372036854775808", "9223372036854775807",
           "-1", "0", "-36893488147419103233", "1e5", "1.5", "abc", "%00", "1%00", "+1", "%20", "%D9%A3", ""]
QUERIES = ['"unbalanced', "'", "police'", 'NEAR(police crime)', "police NEAR/2 crime", "police AND", "AND", "OR OR",
           "NOT police", "*", "pol*", "^police", "title:police", "tokens:police", "-police", "police -crime", "(", ")",
           "{police}", "police & crime", "police | crime", "!police", "police:*", "police:A", "\\", "%00",
           "police%00crime", "%FF", "%C3%97", "%C3%B7", "2%C3%973", "na%C3%AFve", "f_pub", "t_polic", "f_c1", '""',
           "%F0%9F%98%80", "%EF%AC%81re", "a" * 5000, "police " * 300]
ALLOWED = {200, 400, 404}


@pytest.fixture
def slug():
    panel = make_panel()
    meeting = make_meeting(panel, date=dt.date(2022, 9, 28))
    index_entries([dict(record=meeting, kind="minute_item", title="Police and crime plan",
                        body="The police reported on county lines and naïve 2×3 figures.",
                        url=meeting.get_absolute_url(), committee_id=panel.committee.pk, date=meeting.date,
                        is_public=True)])
    return panel.committee.slug


def number_urls(slug: str, v: str) -> list[str]:
    return [
        f"/search/?q=police&page={v}", f"/search/?q=police&committee={v}", f"/search/?q=police&kind={v}",
        f"/search/?q=police&date_from-day={v}&date_from-month=1&date_from-year=2020",
        f"/search/?q=police&date_to-day=31&date_to-month=12&date_to-year={v}",
        f"/meetings/?year={v}", f"/meetings/?year=2022&month={v}", f"/meetings/?year=2022&page={v}",
        f"/meetings/?committee={v}", f"/committees/?page={v}", f"/committees/{slug}/meetings/?page={v}",
        f"/meetings/{v}/", f"/meetings/{v}.ics", f"/people/{v}/", f"/asb-case-review/statistics/?year={v}",
        f"/asb-case-review/statistics/?basis={v}", f"/feeds/documents.rss?page={v}",
        f"/oparl/v1/body?limit={v}", f"/oparl/v1/body/{v}", f"/oparl/v1/meeting/{v}",
        f"/oparl/v1/body/1/meeting?after={v}", f"/oparl/v1/body/1/meeting?after=0.{v}",
        f"/oparl/v1/organization/c{v}", f"/oparl/v1/organization/c{v}/meeting",
        f"/oparl/v1/body/1/meeting?created_since={v}",
    ]


def answers(client, urls, allowed) -> list[tuple[str, int]]:
    """The requests among ``urls`` whose status is not in ``allowed``."""
    return [(url, status) for url in urls if (status := client.get(url).status_code) not in allowed]


# One test per family, each walking every value, so that the data is built three times, not 60.
def test_odd_numbers_in_query_strings_and_paths(client, slug):
    assert answers(client, [url for v in NUMBERS for url in number_urls(slug, v)], ALLOWED) == []


def test_odd_search_queries(client, slug):
    urls = [url for q in QUERIES for url in (
        f"/search/?q={q}", f"/search/?q={q}&kind=decision&committee=1",
        f"/search/?q={q}&date_from-day=1&date_from-month=1&date_from-year=2020", f"/api/v1/search?q={q}")]
    assert answers(client, urls, ALLOWED | {422}) == []


def test_odd_moments_in_the_oparl_filters(client, slug):
    urls = [f"/oparl/v1/body/1/meeting?{name}={moment}"
            for moment in ("9999-12-31T23:59:59-12:00", "0001-01-01", "0001-01-01T00:00:00+14:00", "2024-02-30",
                           "2024-13-01", "%00")
            for name in ("created_since", "created_until", "modified_since", "modified_until")]
    assert answers(client, urls, {400}) == []


def test_operators_are_words_not_syntax():
    """FTS5 and tsquery operators in a query are plain words: "NEAR police" finds what "near police"
    finds, and a column filter or a prefix star adds nothing."""
    assert search("police").count == search("title:police*").count == search("^police").count
    assert search('police"').count == search("police").count
