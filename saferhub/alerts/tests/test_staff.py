"""Staff notifications: the registry, preferences per kind (now / daily / off), sending once, the settings page,
one-click unsubscribe, and the papers and delivery producers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from saferhub.alerts import actions, emails, sending
from saferhub.alerts.models import StaffDelivery, StaffPreference
from saferhub.core import notifications
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.notifications import Notification
from saferhub.governance.tests.factories import make_panel, user

pytestmark = pytest.mark.django_db
DUE = [Notification(key="one", title="Thing one is due", url="/dashboard/")]


@pytest.fixture
def kind():
    kind = notifications.register_kind("test_kind", label="Test things", description="For tests.", app="tests",
                                       producer=lambda u: DUE if u.email else [], default=notifications.EMAIL_NOW)
    yield kind
    notifications._KINDS.pop("test_kind", None)


@pytest.fixture
def staff():
    from django.contrib.auth import get_user_model

    u = user("staffer")
    get_user_model().objects.filter(pk=u.pk).update(email="staffer@example.org")
    return get_user_model().objects.get(pk=u.pk)


def _mine():
    return [m for m in mail.outbox if m.to == ["staffer@example.org"]]


def test_email_now_sends_once(kind, staff):
    sending.run()
    sending.run()
    [message] = _mine()
    assert message.subject == "Thing one is due"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert StaffDelivery.objects.filter(user=staff, kind="test_kind").count() == 1


def test_off_collects_and_sends_nothing(kind, staff):
    actions.save_staff_preferences(staff, choices={"test_kind": notifications.OFF}, acting_user=staff)
    assert sending.run()["staff_found"] == 0 and _mine() == []


def test_daily_digest_waits_for_the_morning(kind, staff):
    actions.save_staff_preferences(staff, choices={"test_kind": notifications.DAILY_DIGEST}, acting_user=staff)
    with time_machine.travel("2026-12-02T10:00Z", tick=False):
        sending.run()
        assert _mine() == []
    with time_machine.travel("2026-12-03T07:30Z", tick=False):
        sending.run()
    [digest] = _mine()
    assert digest.subject == "Your daily summary of work due" and "Thing one is due" in digest.body


def test_only_the_user_may_change_their_settings(kind, staff):
    other = user("other")
    with pytest.raises(RuleViolation, match="your own"):
        actions.save_staff_preferences(staff, choices={"test_kind": "off"}, acting_user=other)
    with pytest.raises(RuleViolation, match="Choose from"):
        actions.save_staff_preferences(staff, choices={"nope": "off"}, acting_user=staff)


def test_the_settings_page_shows_every_kind_and_saves(kind, staff):
    client = Client()
    client.force_login(staff)
    page = client.get("/dashboard/notifications/").content.decode()
    assert "Notification settings" in page and "Test things" in page
    assert "ASB case clocks at risk" in page and "Agenda publication deadlines" in page
    assert "Delivery plan actions due" in page
    data = {k.code: k.default for k in notifications.kinds()} | {"test_kind": "daily"}
    response = client.post("/dashboard/notifications/", data)
    assert "Your notification settings have been saved" in response.content.decode()
    assert StaffPreference.objects.get(user=staff, kind="test_kind").choice == "daily"
    assert response["Cache-Control"].startswith("no-store")


def test_the_settings_page_needs_signing_in():
    assert Client().get("/dashboard/notifications/").status_code == 302


def test_one_click_turns_every_kind_off(kind, staff):
    path = emails.staff_unsubscribe_url(staff).split("://", 1)[1].split("/", 1)[1]
    response = Client(enforce_csrf_checks=True).post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert StaffPreference.objects.get(user=staff, kind="test_kind").choice == notifications.OFF
    assert Client().get(f"/{path[:-4]}xx/").status_code == 404


@time_machine.travel("2026-12-03T09:00Z", tick=False)  # a Thursday; the meeting is 8 days on, so its deadline is near
def test_papers_producer_warns_support_officers_of_a_publication_deadline():
    from saferhub.governance import actions as governance
    from saferhub.governance.tests.factories import committee_officer
    from saferhub.papers.notifications import publication_deadlines

    panel = make_panel()
    officer = committee_officer(panel)
    meeting = governance.schedule_meeting(panel.committee, date=dt.date(2026, 12, 11), acting_user=SYSTEM)
    [item] = list(publication_deadlines(officer))
    assert item.url == meeting.get_absolute_url() and "Publish the agenda" in item.title
    assert list(publication_deadlines(user("not-an-officer"))) == []


def test_delivery_producer_yields_nothing_for_someone_without_actions():
    from saferhub.delivery.notifications import actions_due

    assert list(actions_due(user("nobody"))) == []
