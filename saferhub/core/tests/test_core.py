"""The shared kernel: site configuration, people and aliases, audit trail, settings, pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from saferhub.core import actions, audit
from saferhub.core.actors import SYSTEM
from saferhub.core.colours import contrast_ratio
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import AuditEvent, Person, SiteConfiguration
from saferhub.core.names import normalise_name, split_honorific
from saferhub.core.permissions import Role
from saferhub.core.queries import find_person

ROOT = Path(__file__).resolve().parents[3]


def test_contrast_ratio_matches_wcag():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#1d70b8", "#ffffff"), 2) == 5.17


def test_names_are_normalised():
    assert split_honorific("Cllr Emma Corlett") == ("Cllr", "Emma Corlett")
    assert split_honorific("Councillor Emma Corlett") == ("Cllr", "Emma Corlett")
    assert split_honorific("T/Supt Sonia Humphreys") == ("T/Supt", "Sonia Humphreys")
    assert normalise_name("Cllr Mark Kiddle – Morris") == normalise_name("Mark Kiddle-Morris")


@pytest.mark.django_db
class TestCoreActions:
    def test_low_contrast_brand_colour_is_refused(self):
        with pytest.raises(RuleViolation, match="contrast ratio of 1.12:1"):
            actions.update_site_configuration(brand_colour="#f3f2f1", acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="not a colour"):
            actions.update_site_configuration(brand_colour="blue", acting_user=SYSTEM)
        config = actions.update_site_configuration(brand_colour="#1d4f91", council_name="Test Council", acting_user=SYSTEM)
        assert config.brand_colour == "#1d4f91"
        event = AuditEvent.objects.get(code="core.site.updated")
        assert event.data["council_name"] == {"old": "Your council", "new": "Test Council"}

    def test_site_configuration_needs_an_administrator(self):
        officer = get_user_model().objects.create_user("o", password="a-long-test-password-123")
        actions.set_user_roles(officer, roles=[Role.COMMITTEE_OFFICER], acting_user=SYSTEM)
        with pytest.raises(ActionPermissionDenied):
            actions.update_site_configuration(council_name="X", acting_user=get_user_model().objects.get(pk=officer.pk))

    def test_person_changes_are_audited_with_old_and_new_values(self):
        p = actions.create_person(name="Cllr Jo Bloggs", acting_user=SYSTEM)
        assert (p.honorific, p.name) == ("Cllr", "Jo Bloggs")
        actions.update_person(p, job_title="Cabinet Member", acting_user=SYSTEM)
        event = AuditEvent.objects.get(code="core.person.updated")
        assert event.data == {"job_title": {"old": "", "new": "Cabinet Member"}}

    def test_alias_rules(self):
        murr = actions.create_person(name="Amanda Murr", acting_user=SYSTEM)
        other = actions.create_person(name="Amanda Muir", acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="another person's name"):
            actions.add_person_alias(murr, name="Amanda Muir", acting_user=SYSTEM)
        Person.objects.filter(pk=other.pk).delete()
        actions.add_person_alias(murr, name="Amanda Muir", acting_user=SYSTEM)
        assert find_person("amanda muir") == murr
        stranger = actions.create_person(name="Someone Else", acting_user=SYSTEM)
        with pytest.raises(RuleViolation, match="one alias can name only one person"):
            actions.add_person_alias(stranger, name="Amanda Muir", acting_user=SYSTEM)

    def test_ambiguous_names_do_not_resolve(self):
        actions.create_person(name="Sam Smith", acting_user=SYSTEM)
        actions.create_person(name="Sam Smith", acting_user=SYSTEM)
        assert find_person("Sam Smith") is None

    @pytest.mark.django_db(transaction=True)
    def test_audit_outside_a_transaction_is_refused(self):
        with pytest.raises(RuntimeError, match="inside the action's transaction"):
            audit.record("core.person.created", actor=SYSTEM)
        with pytest.raises(ValueError, match="Unregistered"):
            audit.record("nonsense.code", actor=SYSTEM)

    def test_roles_are_exactly_what_was_set(self):
        u = get_user_model().objects.create_user("multi", password="a-long-test-password-123")
        actions.set_user_roles(u, roles=[Role.COUNCILLOR, Role.PARTNERSHIP_OFFICER], acting_user=SYSTEM)
        actions.set_user_roles(u, roles=[Role.COUNCILLOR], acting_user=SYSTEM)
        assert list(u.groups.values_list("name", flat=True)) == ["Councillor"]


@pytest.mark.django_db
def test_brand_css_uses_the_configured_colour(client):
    actions.update_site_configuration(brand_colour="#1d4f91", acting_user=SYSTEM)
    css = client.get("/brand.css").content.decode()
    assert "--sh-brand-colour:#1d4f91" in css


@pytest.mark.django_db
def test_login_page_and_failed_sign_in(client):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert "Enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_settings_pass_the_deployment_checklist():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**env, "SAFERHUB_ENV": "production", "SECRET_KEY": "x" * 64 + "-production-secret-for-check",
           "ALLOWED_HOSTS": "saferhub.example.org", "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/none",
           "REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # Without a shared cache, the deployment check fails: rate limits would be counted per process.
    env.pop("REDIS_URL")
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "saferhub.E003" in result.stderr and "Set REDIS_URL" in result.stderr


@pytest.mark.parametrize("backend, production, ids", [
    ("django.core.cache.backends.locmem.LocMemCache", True, ["saferhub.E003"]),
    ("django.core.cache.backends.dummy.DummyCache", True, ["saferhub.E003"]),
    ("django.core.cache.backends.redis.RedisCache", True, []),
    ("django.core.cache.backends.locmem.LocMemCache", False, []),
])
def test_production_requires_a_shared_cache(settings, backend, production, ids):
    """Rate limits and the page cache count in the default cache; production must share it (issue 10, defect 6)."""
    from django.core.checks import Error

    from saferhub.core.checks import check_shared_cache

    settings.PRODUCTION = production
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379"}}
    found = check_shared_cache(None)
    assert [c.id for c in found] == ids
    assert all(isinstance(c, Error) and "REDIS_URL" in c.hint for c in found)


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "SAFERHUB_ENV": "production", "SECRET_KEY": "", "ALLOWED_HOSTS": "x"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "SECRET_KEY must be set in production" in result.stderr


@pytest.mark.django_db
def test_database_engine_settings():
    """SQLite runs in WAL mode with immediate transactions; PostgreSQL needs neither option."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
        # In-memory test databases cannot use WAL; file databases get it from init_command.
        assert mode in {"wal", "memory"}
        assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    else:
        assert connection.vendor == "postgresql"
        assert "init_command" not in connection.settings_dict.get("OPTIONS", {})


def test_settings_reads_database_url():
    env = {**os.environ, "DATABASE_URL": "postgres://u:p@db.example:5432/saferhub", "SAFERHUB_ENV": "development"}
    code = "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE','saferhub.settings');from django.conf import settings;print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.example"]
    assert SiteConfiguration
