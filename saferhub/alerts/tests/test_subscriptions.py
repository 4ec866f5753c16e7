"""Double opt-in, expiry, unsubscribe (page and RFC 8058 one-click), manage my alerts, retention, audit."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from saferhub.alerts import actions, sending
from saferhub.alerts.models import Delivery, Subscriber, Subscription
from saferhub.alerts.tests.helpers import IMMEDIATE_TASKS, link, outbox_to
from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import AuditEvent
from saferhub.governance.tests.factories import make_meeting, make_panel

pytestmark = pytest.mark.django_db

EMAIL = "resident@example.org"


@pytest.fixture
def panel():
    return make_panel()


@pytest.fixture(autouse=True)
def immediate_tasks(settings, monkeypatch):
    """The queued emails go at once (after-commit callbacks run where they are queued: the test's transaction
    never commits)."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.SAFERHUB_SITE_URL = "https://alerts.example"
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


def _subscribe(client, panel, **extra):
    data = {"topic": "committee", "committee": panel.committee.slug, "frequency": "immediate", "email": EMAIL,
            **extra}
    return client.post("/alerts/", data)


def test_subscribing_sends_only_a_confirmation_and_nothing_before_confirming(panel):
    client = Client()
    response = _subscribe(client, panel)
    assert response.status_code == 302 and response["Location"] == "/alerts/check-your-email/"
    page = client.get("/alerts/check-your-email/").content.decode()
    assert "Check your email" in page and EMAIL in page
    assert [m.subject for m in mail.outbox] == ["Confirm your email alert"]
    sub = Subscription.objects.get()
    assert sub.confirmed_at is None and sub.subscriber.email == EMAIL
    make_meeting(panel)
    sending.run()
    assert len(mail.outbox) == 1  # nothing sent until confirmed
    assert Delivery.objects.count() == 0


def test_the_confirmation_link_shows_a_button_and_confirms_on_post(panel):
    client = Client()
    _subscribe(client, panel)
    path = link(mail.outbox[0], "confirm")
    page = client.get(path)
    assert page.status_code == 200 and b"Confirm your email alert" in page.content
    assert Subscription.objects.get().confirmed_at is None  # a link scanner's GET changes nothing
    done = client.post(path).content.decode()
    assert "You have subscribed" in done and "govuk-panel--confirmation" in done
    assert Subscription.objects.get().confirmed_at is not None
    make_meeting(panel)
    sending.run()
    alert = outbox_to(EMAIL)[-1]
    assert alert.subject.startswith("Update: the ") and "New meeting" in alert.body


def test_an_expired_confirmation_link_is_refused_with_a_clear_message(panel, settings):
    client = Client()
    _subscribe(client, panel)
    path = link(mail.outbox[0], "confirm")
    with time_machine.travel(timezone.now() + dt.timedelta(days=settings.ALERTS_CONFIRM_DAYS, hours=1)):
        response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_a_tampered_token_is_refused(panel):
    client = Client()
    _subscribe(client, panel)
    path = link(mail.outbox[0], "confirm")
    assert client.get(path[:-3] + "xx/").status_code == 404


def test_one_click_unsubscribe_works_with_a_post_and_no_csrf_token(panel):
    client = Client(enforce_csrf_checks=True)
    _subscribe(Client(), panel)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = url.replace("https://alerts.example", "")
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and b"You have unsubscribed" in response.content
    assert not Subscription.objects.exists() and not Subscriber.objects.exists()
    event = AuditEvent.objects.filter(code="alerts.subscription.unsubscribed").get()
    assert event.data["one_click"] is True and EMAIL not in str(event.data) and EMAIL not in event.target_repr
    # the same link again says so, rather than failing
    assert b"You are not subscribed" in client.get(path).content


def test_unsubscribe_page_asks_first_then_unsubscribes(panel):
    client = Client()
    _subscribe(client, panel)
    client.post(link(mail.outbox[0], "confirm"))
    path = link(mail.outbox[0], "unsubscribe")
    assert b"Unsubscribe from" in client.get(path).content
    assert Subscription.objects.exists()
    assert b"You have unsubscribed" in client.post(path).content
    assert not Subscription.objects.exists()


def test_manage_page_changes_how_often_and_lists_only_confirmed_alerts(panel):
    client = Client()
    _subscribe(client, panel)
    client.post(link(mail.outbox[0], "confirm"))
    _subscribe(client, panel, topic="keyword", keyword="knife crime", committee="")
    sub = Subscription.objects.get(topic="committee")
    from saferhub.alerts.emails import manage_url

    path = manage_url(sub.subscriber).replace("https://alerts.example", "")
    page = client.get(path).content.decode()
    assert "Manage your email alerts" in page and "knife crime" not in page  # unconfirmed is not listed
    client.post(path, {"subscription": sub.pk, "frequency": "weekly"})
    sub.refresh_from_db()
    assert sub.frequency == "weekly"


def test_subscribing_again_to_a_confirmed_alert_sends_a_manage_link(panel):
    client = Client()
    _subscribe(client, panel)
    client.post(link(mail.outbox[0], "confirm"))
    _subscribe(client, panel)
    assert mail.outbox[-1].subject == "Manage your email alerts"
    assert Subscription.objects.count() == 1


def test_private_committees_cannot_be_subscribed_to():
    from saferhub.groups.tests.factories import make_group

    group = make_group()
    with pytest.raises(RuleViolation, match="meets in public"):
        actions.subscribe(email=EMAIL, topic="committee", committee=group.body, acting_user=SYSTEM)
    assert group.body.slug not in Client().get("/alerts/").content.decode()


def test_the_form_explains_errors_gov_uk_style(panel):
    response = Client().post("/alerts/", {"topic": "committee", "email": "not-an-address"})
    page = response.content.decode()
    assert page.count("<title>Error: ") == 1
    assert "Choose a committee." in page and "Enter an email address in the correct format" in page


def test_the_subscribe_form_is_rate_limited(panel, settings):
    settings.ALERTS_RATE_LIMIT = (2, 60)
    from django.core.cache import cache

    cache.clear()
    client = Client()
    codes = [_subscribe(client, panel, email=f"r{i}@example.org").status_code for i in range(3)]
    assert codes == [302, 302, 429]
    cache.clear()


def test_unconfirmed_alerts_are_deleted_after_the_retention_period(panel, settings):
    sub = actions.subscribe(email=EMAIL, topic="committee", committee=panel.committee, acting_user=SYSTEM)
    keep = actions.subscribe(email="other@example.org", topic="committee", committee=panel.committee,
                             acting_user=SYSTEM)
    actions.confirm_subscription(keep, acting_user=SYSTEM)
    later = timezone.now() + dt.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS + 1)
    assert actions.delete_unconfirmed(acting_user=SYSTEM, now=later) == 1
    assert not Subscription.objects.filter(pk=sub.pk).exists()
    assert not Subscriber.objects.filter(email=EMAIL).exists()
    assert Subscription.objects.filter(pk=keep.pk).exists()
    assert actions.delete_unconfirmed(acting_user=SYSTEM, now=timezone.now()) == 0


def test_subscribe_confirm_and_unsubscribe_are_audited_without_the_address(panel):
    sub = actions.subscribe(email=EMAIL, topic="committee", committee=panel.committee, acting_user=SYSTEM)
    actions.confirm_subscription(sub, acting_user=SYSTEM)
    actions.unsubscribe(sub, acting_user=SYSTEM)
    events = AuditEvent.objects.filter(code__startswith="alerts.subscription").order_by("pk")
    assert [e.code for e in events] == ["alerts.subscription.requested", "alerts.subscription.confirmed",
                                        "alerts.subscription.unsubscribed"]
    assert all(EMAIL not in str(e.data) and EMAIL not in e.target_repr for e in events)
