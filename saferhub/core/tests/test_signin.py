"""Sign-in protection (issue 10, defect 2): lockout per account and per address in the database, the
lockout page, the audit trail, administrators' unlock, and the second factor with recovery codes."""

from __future__ import annotations

import datetime as dt
import json
import re
from base64 import b32decode

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.core.signin import policy

PASSWORD = "a-long-test-password-123"
WRONG = "not-the-password-at-all"
#: A fixed instant, so that nothing here depends on today's date or the time of day.
START = dt.datetime(2026, 3, 4, 10, 0, 0, tzinfo=dt.UTC)


def make_user(username: str, *roles: str, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if roles:
        core_actions.set_user_roles(user, roles=list(roles), acting_user=SYSTEM)
    return get_user_model().objects.get(pk=user.pk)


def sign_in(client, username, password, address="203.0.113.5", path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def enforced(settings):
    settings.SAFERHUB_REQUIRE_SECOND_FACTOR = True
    return settings


# Lockout ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, path):
    make_user("officer1", Role.COMMITTEE_OFFICER, is_staff=True)
    for _ in range(30):
        sign_in(client, "officer1", WRONG, path=path)
    response = sign_in(client, "officer1", PASSWORD, path=path)
    assert not signed_in(client)
    assert response.status_code == 429
    assert "Sign-in is locked for 15 minutes" in response.content.decode()


@pytest.mark.django_db
def test_the_account_locks_at_the_limit_and_not_before(client):
    make_user("officer1")
    for _ in range(policy.account_limit() - 1):
        assert sign_in(client, "officer1", WRONG).status_code == 200
    assert sign_in(client, "officer1", PASSWORD).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_an_account_locks_whichever_addresses_the_guesses_come_from(client):
    make_user("officer1")
    for n in range(policy.account_limit()):
        sign_in(client, "officer1", WRONG, address=f"198.51.100.{n + 1}")
    response = sign_in(client, "officer1", PASSWORD, address="192.0.2.99")
    assert response.status_code == 429 and not signed_in(client)


@pytest.mark.django_db
def test_an_address_locks_across_accounts(client):
    make_user("victim")
    for n in range(policy.address_limit()):  # one guess each at many accounts, from one address
        sign_in(client, f"guess{n}", WRONG, address="203.0.113.66")
    response = sign_in(client, "victim", PASSWORD, address="203.0.113.66")
    assert response.status_code == 429 and not signed_in(client)
    # The account itself is not locked: from another address its owner signs in.
    assert sign_in(client, "victim", PASSWORD, address="192.0.2.10").status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_the_address_limit_is_higher_than_the_account_limit_for_a_shared_office_address(client):
    for n in range(policy.account_limit() * 2):  # ten typos by ten colleagues behind one address
        sign_in(client, f"colleague{n}", WRONG, address="203.0.113.80")
    make_user("colleague")
    assert sign_in(client, "colleague", PASSWORD, address="203.0.113.80").status_code == 302


@pytest.mark.django_db
def test_lockout_counts_the_address_the_trusted_proxy_saw(client, settings):
    """The address is the public rate limit's (saferhub.core.http.client_ip): a forged left-most
    X-Forwarded-For entry does not give each guess a fresh address."""
    from axes.models import AccessAttempt

    settings.SAFERHUB_TRUSTED_PROXY_COUNT = 1
    make_user("victim")
    for n in range(policy.address_limit()):
        client.post("/accounts/login/", {"username": f"guess{n}", "password": WRONG}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    response = client.post("/accounts/login/", {"username": "victim", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                           HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_lock_lifts_after_the_lockout_time(client):
    make_user("officer1")
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(policy.account_limit()):
            sign_in(client, "officer1", WRONG)
        clock.shift(dt.timedelta(minutes=14))
        assert sign_in(client, "officer1", PASSWORD).status_code == 429  # and the wait starts again
        clock.shift(dt.timedelta(minutes=16))
        assert sign_in(client, "officer1", PASSWORD).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_the_lockout_page_says_plainly_what_happened_and_what_to_do(client):
    make_user("officer1")
    for _ in range(policy.account_limit()):
        response = sign_in(client, "officer1", WRONG)
    html = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "900"
    assert re.search(r"<title>Error: Sign in", html)
    assert 'class="govuk-error-summary"' in html
    assert "Sign-in is locked for 15 minutes because of too many failed attempts" in html
    assert "Wait 15 minutes and try again" in html
    assert "ask your administrator to unlock your account" in html
    assert "Traceback" not in html and response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_an_administrator_unlocks_and_the_person_signs_in(client):
    from axes.models import AccessAttempt

    make_user("officer1")
    for _ in range(policy.account_limit()):
        sign_in(client, "officer1", WRONG)
    assert sign_in(client, "officer1", PASSWORD).status_code == 429

    admin = make_user("boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = client.post("/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": ids})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    row = AuditEvent.objects.get(code="core.signin.unlocked")
    assert row.actor == admin and row.data["username"] == "officer1"
    client.logout()
    assert sign_in(client, "officer1", PASSWORD).status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_only_administrators_see_the_failed_sign_ins_and_may_unlock(client):
    from saferhub.core.exceptions import ActionPermissionDenied
    from saferhub.core.signin.actions import unlock_sign_in

    clerk = make_user("clerk", Role.COMMITTEE_OFFICER, is_staff=True)
    client.force_login(clerk)
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    with pytest.raises(ActionPermissionDenied):
        unlock_sign_in(acting_user=clerk, username="officer1")
    administrator = make_user("administrator", Role.ADMINISTRATOR, is_staff=True)
    client.force_login(administrator)
    assert client.get("/admin/axes/accessattempt/").status_code == 200


@pytest.mark.django_db
def test_sign_ins_are_audited_without_the_password(client):
    user = make_user("officer1")
    sign_in(client, "officer1", WRONG)
    sign_in(client, "officer1", PASSWORD)
    failed = AuditEvent.objects.get(code="core.signin.failed")
    assert failed.data["username"] == "officer1" and failed.data["ip_address"] == "203.0.113.5"
    assert failed.target_id == str(user.pk) and failed.data["locked"] is False
    succeeded = AuditEvent.objects.get(code="core.signin.succeeded")
    assert succeeded.actor == user and succeeded.data["path"] == "/accounts/login/"
    client.logout()
    for _ in range(policy.account_limit()):
        sign_in(client, "officer1", WRONG)
    assert AuditEvent.objects.filter(code="core.signin.locked", data__username="officer1").exists()
    assert AuditEvent.objects.filter(code="core.signin.failed", data__locked=True).exists()
    from axes.models import AccessAttempt

    stored = json.dumps(list(AuditEvent.objects.values_list("data", flat=True)))
    stored += json.dumps(list(AccessAttempt.objects.values_list("post_data", "get_data")))
    assert WRONG not in stored and PASSWORD not in stored


# Second factor ---------------------------------------------------------------------------------


def code_from_secret(secret_text: str, at: dt.datetime) -> str:
    """The code an authenticator app shows at ``at`` for the secret key shown on the set-up page."""
    key = b32decode(secret_text.replace(" ", ""))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = at.timestamp()
    return f"{totp.token():06d}"


def set_up_app(client, username, at):
    response = client.get("/accounts/second-factor/set-up/")
    html = response.content.decode()
    assert response.status_code == 200 and "<svg" in html and "otpauth://totp/" in html
    secret = re.search(r'<code class="sh-secret" id="secret-key">([A-Z2-7 ]+)</code>', html).group(1)
    response = client.post("/accounts/second-factor/set-up/", {"code": code_from_secret(secret, at), "next": "/dashboard/"})
    assert response.status_code == 200, response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    return secret, codes


@pytest.mark.django_db
def test_second_factor_end_to_end(client, enforced):
    make_user("spoc", Role.ASB_SPOC)
    with time_machine.travel(START, tick=False) as clock:
        response = sign_in(client, "spoc", PASSWORD)
        assert response.status_code == 302
        response = client.get("/dashboard/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/second-factor/")
        assert client.get(response["Location"]).status_code == 302  # no app yet: to the set-up page

        secret, codes = set_up_app(client, "spoc", START)
        assert len(codes) == 10 and len(set(codes)) == 10
        assert client.get("/dashboard/").status_code == 200
        assert AuditEvent.objects.filter(code="core.second_factor.set_up", target_id=str(client.session["_auth_user_id"])).exists()

        client.post("/accounts/logout/")
        clock.shift(dt.timedelta(minutes=5))
        sign_in(client, "spoc", PASSWORD)
        response = client.get("/dashboard/")
        assert response["Location"].startswith("/accounts/second-factor/?next=")
        response = client.post("/accounts/second-factor/", {"code": "000000", "next": "/dashboard/"})
        html = response.content.decode()
        assert response.status_code == 200 and "<title>Error: Enter your security code" in html
        assert "The code is not correct" in html
        assert AuditEvent.objects.filter(code="core.second_factor.failed").count() == 1
        clock.shift(dt.timedelta(seconds=5))  # past the wait after one wrong code
        right = code_from_secret(secret, START + dt.timedelta(minutes=5, seconds=5))
        response = client.post("/accounts/second-factor/", {"code": right, "next": "/dashboard/"})
        assert response.status_code == 302 and response["Location"] == "/dashboard/"
        assert client.get("/dashboard/").status_code == 200
        assert client.get("/accounts/second-factor/set-up/").status_code == 302  # one app; not set up twice


@pytest.mark.django_db
def test_wrong_codes_are_throttled(client, enforced):
    make_user("spoc", Role.ASB_SPOC)
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "spoc", PASSWORD)
        secret, _ = set_up_app(client, "spoc", START)
        client.post("/accounts/logout/")
        clock.shift(dt.timedelta(minutes=1))
        sign_in(client, "spoc", PASSWORD)
        client.post("/accounts/second-factor/", {"code": "000000"})
        right = code_from_secret(secret, START + dt.timedelta(minutes=1))
        response = client.post("/accounts/second-factor/", {"code": right})  # at once: refused, even if right
        assert "You have entered too many wrong codes" in response.content.decode()
        assert AuditEvent.objects.filter(code="core.second_factor.failed", data__reason="throttled").exists()


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, enforced):
    make_user("county", Role.ASB_COUNTY_TEAM)
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "county", PASSWORD)
        _, codes = set_up_app(client, "county", START)
        client.post("/accounts/logout/")
        sign_in(client, "county", PASSWORD)
        shown = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"  # typed as printed, spaces and capitals allowed
        response = client.post("/accounts/second-factor/", {"code": shown, "next": "/dashboard/"})
        assert response.status_code == 302 and client.get("/dashboard/").status_code == 200
        row = AuditEvent.objects.get(code="core.second_factor.recovery_code_used")
        assert row.data == {"recovery_codes_left": 9}

        client.post("/accounts/logout/")
        clock.shift(dt.timedelta(minutes=1))
        sign_in(client, "county", PASSWORD)
        response = client.post("/accounts/second-factor/", {"code": codes[0]})
        assert response.status_code == 200 and "The code is not correct" in response.content.decode()
        assert client.get("/dashboard/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role.value for role in Role])
def test_the_second_factor_is_required_for_the_roles_that_open_personal_data(client, enforced, role):
    user = make_user("person", role)
    client.force_login(user)
    response = client.get("/dashboard/")
    if role == Role.COUNCILLOR:
        assert response.status_code == 200
        assert not policy.needs_second_factor(user)
    else:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/second-factor/")


@pytest.mark.django_db
def test_the_second_factor_is_not_required_unless_the_setting_is_on(client, settings):
    settings.SAFERHUB_REQUIRE_SECOND_FACTOR = False
    client.force_login(make_user("spoc", Role.ASB_SPOC))
    assert client.get("/dashboard/").status_code == 200
    admin = make_user("boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    # Nothing would ask for the app's codes, so it is not set up.
    assert client.get("/accounts/second-factor/set-up/").status_code == 302
    assert client.get("/accounts/second-factor/").status_code == 302


@pytest.mark.django_db
def test_the_admin_requires_the_second_factor_when_enforced(client, enforced):
    make_user("boss", is_staff=True, is_superuser=True)
    response = sign_in(client, "boss", PASSWORD, path="/admin/login/")
    assert response.status_code == 302 and signed_in(client)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/second-factor/")
    assert client.get("/admin/core/auditevent/").status_code == 302


@pytest.mark.django_db
def test_the_api_treats_a_session_without_its_second_factor_as_signed_out(client, enforced):
    client.force_login(make_user("spoc", Role.ASB_SPOC))
    assert client.get("/api/v1/asb/cases").status_code == 401


@pytest.mark.django_db
def test_the_next_address_after_the_code_stays_on_this_site(client, enforced):
    from saferhub.core.signin.actions import start_second_factor_setup

    user = make_user("spoc", Role.ASB_SPOC)
    client.force_login(user)
    device = start_second_factor_setup(acting_user=user)
    with time_machine.travel(START, tick=False):
        totp = TOTP(device.bin_key)
        totp.time = START.timestamp()
        response = client.post("/accounts/second-factor/set-up/",
                               {"code": f"{totp.token():06d}", "next": "https://evil.example/"})
    assert 'href="/dashboard/"' in response.content.decode()


def test_production_requires_the_second_factor_by_default():
    import os
    import subprocess
    import sys

    code = "import saferhub.settings as s; print(s.SAFERHUB_REQUIRE_SECOND_FACTOR)"
    base = {**os.environ, "SECRET_KEY": "x" * 64, "ALLOWED_HOSTS": "x"}
    base.pop("SAFERHUB_REQUIRE_SECOND_FACTOR", None)
    production = subprocess.run([sys.executable, "-c", code], env={**base, "SAFERHUB_ENV": "production"},
                                capture_output=True, text=True, timeout=60)
    development = subprocess.run([sys.executable, "-c", code], env={**base, "SAFERHUB_ENV": "development"},
                                 capture_output=True, text=True, timeout=60)
    assert production.stdout.strip() == "True", production.stderr
    assert development.stdout.strip() == "False", development.stderr
