"""Sending: what is found per topic, once per item (idempotent runs), digests, headers in every email, and
private bodies never alerted."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail

from saferhub.alerts import rules, sending
from saferhub.alerts.models import Delivery
from saferhub.alerts.tests.helpers import confirmed, published_document
from saferhub.core.actors import SYSTEM
from saferhub.governance.tests.factories import make_meeting, make_panel
from saferhub.papers import actions as papers

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def panel():
    return make_panel()


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=LONDON)


def test_each_item_is_sent_once_however_often_the_run_is_repeated(panel):
    confirmed(email="a@example.org", topic="committee", committee=panel.committee)
    make_meeting(panel)
    first = sending.run()
    assert first["found"] == 1 and first["sent"] == 1
    again = sending.run()
    assert again["found"] == 0 and again["sent"] == 0
    assert len(mail.outbox) == 1 and Delivery.objects.filter(sent_at__isnull=False).count() == 1


def test_a_failed_send_leaves_the_item_waiting_for_the_next_run(panel, monkeypatch):
    confirmed(email="a@example.org", topic="committee", committee=panel.committee)
    make_meeting(panel)
    monkeypatch.setattr("django.core.mail.EmailMessage.send", lambda self, fail_silently=False: 1 / 0)
    assert sending.run()["sent"] == 0
    monkeypatch.undo()
    assert sending.run()["sent"] == 1 and len(mail.outbox) == 1


def test_every_email_carries_one_click_unsubscribe_headers(panel, settings, monkeypatch):
    from saferhub.alerts import actions

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())
    sub = actions.subscribe(email="a@example.org", topic="committee", committee=panel.committee, acting_user=SYSTEM)
    actions.confirm_subscription(sub, acting_user=SYSTEM)
    make_meeting(panel)
    sending.run()
    actions.subscribe(email="a@example.org", topic="committee", committee=panel.committee, acting_user=SYSTEM)
    assert [m.subject for m in mail.outbox][0] == "Confirm your email alert" and len(mail.outbox) == 3
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/alerts/unsubscribe" in message.body


def test_keyword_alerts_match_whole_words_in_new_published_documents(panel):
    confirmed(email="a@example.org", topic="keyword", keyword="knife")
    published_document(panel.committee, title="Serious violence update", text="Knife crime fell this quarter.")
    published_document(panel.committee, title="Other", text="At knifepoint.")
    sending.run()
    [message] = mail.outbox
    assert "Serious violence update" in message.body and "Other" not in message.body


def test_work_programme_and_councillor_alerts(panel):
    confirmed(email="wp@example.org", topic="work_programme")
    confirmed(email="cllr@example.org", topic="councillor", person=panel.member(0))
    papers.add_work_programme_entry(panel.committee, report="Domestic abuse services", acting_user=SYSTEM,
                                    target_date=dt.date(2030, 1, 1), target_label="January 2030")
    make_meeting(panel)
    sending.run()
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "Domestic abuse services" in by_to["wp@example.org"].body
    assert "New meeting" in by_to["cllr@example.org"].body


def test_private_bodies_are_never_alerted():
    from saferhub.groups import actions as groups
    from saferhub.groups.tests.factories import make_group

    group = make_group()
    body = group.body
    assert not body.is_public
    confirmed(email="kw@example.org", topic="keyword", keyword="zebracrossing")
    confirmed(email="wp@example.org", topic="work_programme")
    confirmed(email="member@example.org", topic="councillor", person=_councillor_member(body))
    groups.schedule_group_meeting(body, date=dt.date(2030, 9, 15), acting_user=SYSTEM)
    published_document(body, title="Zebracrossing review", text="zebracrossing")
    papers.add_work_programme_entry(body, report="Private planning", acting_user=SYSTEM,
                                    target_date=dt.date(2030, 1, 1))
    result = sending.run()
    assert result["found"] == 0 and mail.outbox == []


def _councillor_member(body):
    from saferhub.governance.tests.factories import person
    from saferhub.groups import actions as groups

    cllr = person("Private Member", organisation=body.organisation)
    groups.add_member(body, person=cllr, start_date=dt.date(2021, 7, 1), acting_user=SYSTEM)
    return cllr


def test_digest_moments():
    assert rules.digest_due(at("2026-12-02", 9), "immediate", at("2026-12-02", 9))
    # daily: found on Wednesday 09:00 -> Thursday 07:00
    assert not rules.digest_due(at("2026-12-02", 9), "daily", at("2026-12-03", 6, 59))
    assert rules.digest_due(at("2026-12-02", 9), "daily", at("2026-12-03", 7))
    # found at 06:00 -> the same day's 07:00
    assert rules.digest_due(at("2026-12-03", 6), "daily", at("2026-12-03", 7))
    # weekly: found Wednesday -> the next Monday 07:00
    assert not rules.digest_due(at("2026-12-02", 9), "weekly", at("2026-12-06", 23))
    assert rules.digest_due(at("2026-12-02", 9), "weekly", at("2026-12-07", 7))


def test_a_daily_digest_groups_every_daily_alert_of_a_subscriber_into_one_email(panel):
    other = make_panel()
    with time_machine.travel(at("2026-12-02", 9), tick=False):
        confirmed(email="d@example.org", topic="committee", committee=panel.committee, frequency="daily")
        confirmed(email="d@example.org", topic="committee", committee=other.committee, frequency="daily")
        make_meeting(panel, date=dt.date(2027, 1, 5))
        make_meeting(other, date=dt.date(2027, 1, 6))
        assert sending.run()["sent"] == 0  # found, waiting for the digest
    with time_machine.travel(at("2026-12-03", 7, 5), tick=False):
        assert sending.run()["sent"] == 1
    [digest] = mail.outbox
    assert digest.subject == "Your daily summary of email alerts"
    assert panel.committee.name in digest.body and other.committee.name in digest.body
    assert "/alerts/unsubscribe-all/" in digest.extra_headers["List-Unsubscribe"]
    assert digest.body.count("Unsubscribe from this alert") == 2
