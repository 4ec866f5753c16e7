"""Recovery codes: stored only as keyed hashes, still working after a secret-key rotation while the old key
is a fallback, and renewable by their owner once the second factor is proved (the old codes then stop)."""

from __future__ import annotations

import re

import pytest
import time_machine
from django_otp.plugins.otp_static.models import StaticToken

from saferhub.core.models import AuditEvent
from saferhub.core.permissions import Role
from saferhub.core.signin import actions
from saferhub.core.tests.test_signin import PASSWORD, START, make_user, set_up_app, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforced(settings):
    settings.SAFERHUB_REQUIRE_SECOND_FACTOR = True
    return settings


def _codes(html: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)


def test_codes_are_stored_as_hashes_not_as_typed(client, enforced):
    make_user("spoc", Role.ASB_SPOC)
    with time_machine.travel(START, tick=False):
        sign_in(client, "spoc", PASSWORD)
        _, codes = set_up_app(client, "spoc", START)
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10 and not stored & set(codes)
    assert stored == {actions.recovery_code_hashes(code)[0] for code in codes}


def test_a_code_still_works_after_the_secret_key_is_rotated(client, enforced):
    make_user("county", Role.ASB_COUNTY_TEAM)
    with time_machine.travel(START, tick=False):
        sign_in(client, "county", PASSWORD)
        _, codes = set_up_app(client, "county", START)
        client.post("/accounts/logout/")
        old_key = enforced.SECRET_KEY
        enforced.SECRET_KEY = "a-new-secret-key-for-this-test-only-0123456789"
        enforced.SECRET_KEY_FALLBACKS = [old_key]
        sign_in(client, "county", PASSWORD)
        response = client.post("/accounts/second-factor/", {"code": codes[0], "next": "/dashboard/"})
        assert response.status_code == 302 and client.get("/dashboard/").status_code == 200
        enforced.SECRET_KEY_FALLBACKS = []  # the old key retired: its codes stop working
        client.post("/accounts/logout/")
        sign_in(client, "county", PASSWORD)
        response = client.post("/accounts/second-factor/", {"code": codes[1], "next": "/dashboard/"})
        assert "The code is not correct" in response.content.decode()


def test_new_codes_replace_the_old_ones(client, enforced):
    make_user("spoc", Role.ASB_SPOC)
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "spoc", PASSWORD)
        _, old = set_up_app(client, "spoc", START)
        page = client.get("/accounts/recovery-codes/").content.decode()
        assert "You have <strong>10</strong> recovery codes left" in page
        new = _codes(client.post("/accounts/recovery-codes/").content.decode())
        assert len(new) == 10 and not set(new) & set(old)
        assert AuditEvent.objects.filter(code="core.second_factor.recovery_codes_renewed").count() == 1
        client.post("/accounts/logout/")
        clock.shift(60)
        sign_in(client, "spoc", PASSWORD)
        response = client.post("/accounts/second-factor/", {"code": old[0]})
        assert "The code is not correct" in response.content.decode()
        clock.shift(60)
        response = client.post("/accounts/second-factor/", {"code": new[0], "next": "/dashboard/"})
        assert response.status_code == 302 and response["Location"] == "/dashboard/"


def test_a_password_alone_cannot_make_codes(client, enforced):
    make_user("spoc", Role.ASB_SPOC)
    with time_machine.travel(START, tick=False):
        sign_in(client, "spoc", PASSWORD)
        _, old = set_up_app(client, "spoc", START)
        client.post("/accounts/logout/")
        sign_in(client, "spoc", PASSWORD)  # password only: the second factor is not proved yet
        response = client.post("/accounts/recovery-codes/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/second-factor/")
    assert not AuditEvent.objects.filter(code="core.second_factor.recovery_codes_renewed").exists()
    assert StaticToken.objects.filter(token=actions.recovery_code_hashes(old[0])[0]).exists()


def test_no_app_no_codes():
    user = make_user("spoc", Role.ASB_SPOC)
    with pytest.raises(actions.RuleViolation, match="Set up your authenticator app"):
        actions.make_new_recovery_codes(acting_user=user)


def test_the_migration_hashes_codes_stored_as_typed():
    import importlib

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice

    migration = importlib.import_module("saferhub.core.migrations.0004_hash_recovery_codes")
    user = make_user("spoc", Role.ASB_SPOC)
    device = StaticDevice.objects.create(user=user, name=actions.RECOVERY_DEVICE_NAME, confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")
    migration.hash_codes(apps, None)
    migration.hash_codes(apps, None)  # twice: a hash is left alone
    assert list(StaticToken.objects.values_list("token", flat=True)) == [actions.recovery_code_hashes("abcd2345")[0]]
