"""The staff review screen shows the flags for an import of the seeds; pages pass axe-core and work
without JavaScript."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, ensure_role_groups
from saferhub.importer import actions
from saferhub.importer.tests.conftest import seed_files
from tests.browser.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server):
    ensure_role_groups()
    user = get_user_model().objects.create_user("officer", password="a-long-password-1")
    core_actions.set_user_roles(user, roles=[Role.COMMITTEE_OFFICER], acting_user=SYSTEM)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", "a-long-password-1")
    page.click("button[type=submit]")


def test_review_screen_shows_the_flags_and_is_accessible(page, live_server):
    files = seed_files()
    if len(files) != 5:
        pytest.skip("seed documents not available")
    batch = actions.read_files(files, acting_user=SYSTEM)
    _login(page, live_server)
    page.goto(f"{live_server.url}/import/{batch.pk}/")
    table = page.locator("#flag-table")
    assert "16 September 2022" in table.inner_text()
    assert "listed against Norfolk County Council" in table.inner_text()
    assert "Cllr Ashby" in table.inner_text()
    screenshot(page, "importer-review")
    assert axe_violations(page) == []
    page.check(f"input[name='flag-{batch.flags.get(kind='minutes_date_after_meeting', source__startswith='002').pk}'][value='2021-09-16']")
    page.click("text=Save decisions on flags")
    assert "1 flag updated" in page.content() or "flags updated" in page.content()
    page.click("text=Commit the import", timeout=120_000)
    assert "The import was committed" in page.content()
    page.goto(f"{live_server.url}/import/")
    assert axe_violations(page) == []
    screenshot(page, "importer-upload")


def test_public_search_without_javascript(no_js_page, live_server):
    files = seed_files()
    if len(files) != 5:
        pytest.skip("seed documents not available")
    batch = actions.read_files(files, acting_user=SYSTEM)
    actions.commit_batch(batch, acting_user=SYSTEM)
    page = no_js_page
    page.goto(f"{live_server.url}/search/")
    page.fill("input[name=q]", "community trigger")
    page.click("button:has-text('Search')")
    assert page.locator("mark").count() > 5
    screenshot(page, "search-results")
    page.locator(".sh-results a").first.click()
    assert page.locator("ol.sh-source li").count() > 0
