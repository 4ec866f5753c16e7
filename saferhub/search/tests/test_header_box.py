"""Search is reachable from every page: a labelled search box in the header (a GET form to the search page),
left out only on the search page itself, which has its own box."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

BOX = re.compile(r'<form class="sh-header__search" role="search" aria-label="Site" method="get" action="/search/">')


def test_every_public_page_has_the_header_search_box():
    client = Client()
    for url in ["/", "/committees/", "/councillors/", "/meetings/", "/asb-case-review/apply/"]:
        page = client.get(url).content.decode()
        assert BOX.search(page), url
        assert '<label class="govuk-visually-hidden" for="sh-header-search">Search papers and decisions</label>' in page
        assert 'id="sh-header-search" name="q" type="search"' in page


def test_the_search_page_keeps_one_box_and_the_header_query_finds_records():
    call_command("load_committee_data")
    call_command("rebuild_search_index", "--records")
    page = Client().get("/search/", {"q": "panel"}).content.decode()
    assert not BOX.search(page)
    assert "result" in page and 'class="govuk-list sh-results"' in page
