"""'Get alerts' on committee and councillor pages opens the subscribe page with the topic chosen."""

import re

import pytest
from django.test import Client

from saferhub.governance.tests.factories import make_panel

pytestmark = pytest.mark.django_db


def _selected(page: str, name: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S)
    option = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0)) if select else None
    return option.group(1) if option else None


def _checked_topic(page: str) -> str | None:
    match = re.search(r'<input[^>]*name="topic"[^>]*value="([^"]+)"[^>]*checked', page)
    return match.group(1) if match else None


def test_committee_and_councillor_pages_link_to_alerts_with_the_topic_preselected():
    panel = make_panel()
    client = Client()
    committee_page = client.get(panel.committee.get_absolute_url()).content.decode()
    url = f"/alerts/?committee={panel.committee.slug}"
    assert f'href="{url}"' in committee_page and "Get alerts" in committee_page
    subscribe = client.get(url).content.decode()
    assert _selected(subscribe, "committee") == panel.committee.slug and _checked_topic(subscribe) == "committee"

    member = panel.member(0)
    person_page = client.get(f"/people/{member.pk}/").content.decode()
    url = f"/alerts/?councillor={member.pk}"
    assert f'href="{url}"' in person_page
    assert f"Get alerts<span class=\"govuk-visually-hidden\"> about {member.display_name}</span>" in person_page
    subscribe = client.get(url).content.decode()
    assert _selected(subscribe, "person") == str(member.pk) and _checked_topic(subscribe) == "councillor"


def test_no_alert_link_for_a_private_body_or_an_officer():
    from saferhub.alerts import panels

    panel = make_panel()
    panel.committee.is_public = False
    assert panels.committee_alerts(None, panel.committee) is None
    assert panels.councillor_alerts(None, panel.officer) is None
