"""Sign-in protection in a real browser: setting up the authenticator app from the secret key on the page,
the recovery codes, the code page and the lockout page, each passing axe-core's WCAG 2.2 AA checks. (The
pages are plain forms; the unit tests in saferhub/core/tests/test_signin.py post them without a browser.)"""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from playwright.sync_api import expect

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-123"


def code_for(secret: str) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_first_sign_in_sets_up_the_app_and_shows_recovery_codes(page, live_server, settings):
    settings.SAFERHUB_REQUIRE_SECOND_FACTOR = True
    user = get_user_model().objects.create_user(username="spoc", password=PASSWORD)
    core_actions.set_user_roles(user, roles=[Role.ASB_SPOC], acting_user=SYSTEM)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("spoc")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/second-factor/set-up/"))
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "signin-setup")
    secret = page.locator("#secret-key").inner_text()
    page.get_by_label("Security code", exact=True).fill(code_for(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()  # waits for the answer
    assert page.locator(".sh-recovery-codes li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(re.compile(r"/dashboard/"))

    page.get_by_role("button", name="Sign out").first.click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("spoc")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/second-factor/"))
    page.get_by_label("Security code", exact=True).fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Enter your security code"))  # waits for the answer
    assert axe_violations(page) == []


def test_the_lockout_page(page, live_server):
    get_user_model().objects.create_user(username="officer", password=PASSWORD)
    for _ in range(5):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("officer")
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.get_by_text("Sign-in is locked for 15 minutes because of too many failed attempts")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "signin-locked")
