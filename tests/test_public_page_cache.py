"""The public page cache (``opendata.middleware``) is emptied only by saves a cached page can show. A test across
apps (ASB, alerts, core's audit trail, sign-in), so it lives here rather than in opendata, which may not import
asb or alerts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from saferhub.alerts.models import Subscription
from saferhub.asb.tests.factories import application, world
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent
from saferhub.governance import actions as governance
from saferhub.governance.tests.factories import make_meeting, make_panel
from saferhub.opendata.middleware import changes_public_pages, content_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


def test_private_work_and_the_audit_trail_leave_the_cache_alone(client, cached):
    """An ASB triage, a sign-in or an alert sign-up writes rows no cached page shows (and every action writes an
    audit row): emptying the cache for those made the soak in bench/soak.py run at 58 requests a second of 200."""
    meeting = make_meeting(make_panel(), items=1)
    w = world()
    client.get("/")
    client.get(meeting.get_absolute_url())
    before, audit_rows = content_version(), AuditEvent.objects.count()
    application(w)  # a case, its complaints, its clocks and its audit rows
    user = get_user_model().objects.create_user("someone")
    user.save(update_fields=["last_login"])
    assert AuditEvent.objects.count() > audit_rows and content_version() == before
    assert client.get(meeting.get_absolute_url())["X-SaferHub-Cache"] == "hit"
    assert not changes_public_pages(Subscription) and changes_public_pages(type(meeting))
    # The meeting's own records do change it.
    governance.update_meeting(meeting, venue="The Long Room", acting_user=SYSTEM)
    assert content_version() > before
