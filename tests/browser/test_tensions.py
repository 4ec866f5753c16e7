"""The community tension log in a real browser: a professional reports a tension whose text names a person,
is warned and confirms; a police analyst grades and escalates it and reads the volumes and time to triage;
axe-core finds no violation on the form (with the warning), the report and the figures page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, group_name
from saferhub.returns import actions
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_user(django_user_model, username, role):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get_or_create(name=group_name(role))[0])
    return user


def test_report_warn_confirm_then_triage_and_escalate(page, live_server, django_user_model):
    make_user(django_user_model, "professional", Role.AGENCY_OFFICER)
    analyst = make_user(django_user_model, "analyst", Role.TENSION_ANALYST)
    actions.join_tension_analysts(user=analyst, acting_user=SYSTEM)

    sign_in(page, live_server, "professional", password="x")
    page.goto(f"{live_server.url}/returns/tensions/new/")
    page.get_by_label("What is happening").fill("Mrs Patel's shop window was smashed twice this week")
    page.get_by_label("Where", exact=True).fill("Dereham market place")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2023")
    page.get_by_label("Communities affected").fill("Asian shopkeepers")
    page.get_by_label("Where the information comes from").fill("A neighbourhood officer")
    page.get_by_role("button", name="Send the report").click()
    warning = page.locator(".govuk-error-summary")
    from playwright.sync_api import expect

    expect(warning).to_be_visible()
    assert "Mrs Patel" in warning.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "tension-warning")
    page.get_by_label("I confirm the report needs these details about a person").check()
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    assert "sent to the police analysts" in page.locator(".govuk-notification-banner").inner_text()
    report_url = page.url

    sign_in(page, live_server, "analyst", password="x")
    page.goto(report_url)
    assert axe_violations(page) == []
    page.get_by_label("Medium").check()
    page.get_by_role("button", name="Save the grade").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    page.get_by_role("button", name="Record the escalation").click()  # no date: an error, nothing saved
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "Enter the date it was escalated" in page.locator(".govuk-error-summary").inner_text()
    screenshot(page, "tension-report")
    page.goto(f"{live_server.url}/returns/tensions/figures/")
    assert page.locator("svg[role=img]").count() == 2
    assert axe_violations(page) == []
    screenshot(page, "tension-figures")
