"""Governance's contributions to the shared pages and commands, through the core registries
(``core.pages``, ``core.demo``): core itself imports no domain app."""

import ast
import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from saferhub.core import demo, pages
from saferhub.core.actors import SYSTEM
from saferhub.governance import actions
from saferhub.governance.dashboard import dashboard_section, home_section
from saferhub.governance.demo import create_demo_accounts
from saferhub.governance.tests.factories import committee_officer, make_panel

CORE = Path(__file__).resolve().parents[2] / "core"


def test_governance_registers_its_sections_and_demo_accounts():
    assert home_section in pages._home and dashboard_section in pages._dashboard
    assert create_demo_accounts in demo.contributors()


@pytest.mark.parametrize("module", ["views.py", "pages.py", "demo.py", "writes.py",
                                    "management/commands/create_demo_users.py"])
def test_core_modules_import_no_domain_app(module):
    tree = ast.parse((CORE / module).read_text())
    names = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert [n for n in names if n.startswith("saferhub.") and not n.startswith("saferhub.core")] == []


@pytest.mark.django_db
def test_home_page_shows_committees_and_next_meetings_from_the_governance_section(client):
    panel = make_panel(start=dt.date(2023, 1, 1))
    with time_machine.travel(dt.datetime(2023, 9, 1, 12), tick=False):
        actions.schedule_meeting(panel.committee, date=dt.date(2023, 9, 28), acting_user=SYSTEM)
        page = client.get("/").content.decode()
    assert panel.committee.name in page and "28 September 2023" in page


@pytest.mark.django_db
def test_dashboard_shows_the_officers_committee_from_the_governance_section(client):
    panel = make_panel(start=dt.date(2023, 1, 1))
    client.force_login(committee_officer(panel))
    with time_machine.travel(dt.datetime(2023, 10, 1, 12), tick=False):
        actions.schedule_meeting(panel.committee, date=dt.date(2023, 9, 28), acting_user=SYSTEM)
        page = client.get("/dashboard/").content.decode()
    assert panel.committee.name in page and "Record the meeting on 28 September 2023" in page


@pytest.mark.django_db
def test_create_demo_users_runs_each_apps_contribution(capsys):
    call_command("create_demo_users")
    call_command("create_demo_users")
    out = capsys.readouterr().out
    assert "admin" in out and "officer" in out
    assert get_user_model().objects.filter(username="officer").count() == 1
