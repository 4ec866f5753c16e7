"""Email alerts in a browser: subscribe, confirm from the link in the email (read from the locmem outbox), get an
alert, unsubscribe from its link; manage my alerts and the staff notification settings. axe-core finds no
violation on any of these pages, and the journey works without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from saferhub.alerts import sending
from saferhub.alerts.models import Subscription
from saferhub.governance.tests.factories import make_meeting, make_panel, user
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL = "resident@example.org"


def _path(body: str, name: str) -> str:
    found = re.search(rf"https?://[^/\s]+(/alerts/{name}/[^\s]+/)", body)
    assert found, body
    return found.group(1)


def _axe_clean(page, name: str, js: bool = True) -> None:
    """axe needs JavaScript: the run without it only takes the screenshot."""
    screenshot(page, f"alerts-{name}{'' if js else '-no-js'}")
    if js:
        assert axe_violations(page) == [], name


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_subscribe_confirm_and_unsubscribe(browser, live_server, settings, js):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SAFERHUB_SITE_URL = live_server.url
    panel = make_panel()
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(f"{live_server.url}/alerts/")
    _axe_clean(page, "subscribe", js)
    page.get_by_label("A committee").check()
    page.get_by_label("Committee", exact=True).select_option(panel.committee.slug)
    page.get_by_label("Once a day (a daily summary)").check()
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/alerts/check-your-email/")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    _axe_clean(page, "check-email", js)
    [confirmation] = mail.outbox
    assert Subscription.objects.get().confirmed_at is None

    page.goto(live_server.url + _path(confirmation.body, "confirm"))
    _axe_clean(page, "confirm", js)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="You have subscribed")).to_be_visible()
    _axe_clean(page, "confirmed", js)
    assert Subscription.objects.get().confirmed_at is not None

    page.get_by_role("link", name="Manage your email alerts").click()
    expect(page.get_by_role("heading", name="Manage your email alerts")).to_be_visible()
    _axe_clean(page, "manage", js)
    page.get_by_label("As soon as something happens").check()
    page.get_by_role("button", name="Save").click()
    assert Subscription.objects.get().frequency == "immediate"

    make_meeting(panel)
    sending.run()
    alert = mail.outbox[-1]
    assert alert.subject.startswith("Update:") and alert.extra_headers["List-Unsubscribe-Post"]
    page.goto(live_server.url + _path(alert.body, "unsubscribe"))
    _axe_clean(page, "unsubscribe", js)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You have unsubscribed")).to_be_visible()
    _axe_clean(page, "unsubscribed", js)
    assert not Subscription.objects.exists()
    context.close()


def test_link_problem_and_staff_settings_pages_pass_axe(page, live_server):
    page.goto(f"{live_server.url}/alerts/confirm/not-a-token/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    _axe_clean(page, "link-problem")
    page.goto(f"{live_server.url}/alerts/manage/")
    _axe_clean(page, "manage-request")
    user("staffer")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("staffer")
    page.get_by_label("Password").fill("a-long-test-password-123")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/dashboard/notifications/")
    expect(page.get_by_role("heading", name="Notification settings")).to_be_visible()
    _axe_clean(page, "staff-settings")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings have been saved")).to_be_visible()
