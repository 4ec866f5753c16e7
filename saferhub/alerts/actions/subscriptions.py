"""Subscribing (double opt-in), confirming, changing and unsubscribing; deleting unconfirmed alerts.

The public act here without an account: the signed link in the email is the permission, so these actions
take the visitor (``AnonymousUser``) or ``SYSTEM`` as ``acting_user`` and audit without the address (the
audit trail is kept for good; the address goes when the subscription does).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from saferhub.alerts import rules, signals
from saferhub.alerts.models import Frequency, Subscriber, Subscription, Topic
from saferhub.core import audit, writes
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation

ERROR_CODE = "alerts.invalid_value"


def _topic_data(subscription: Subscription) -> dict:
    return {"subscriber": subscription.subscriber_id, "topic": subscription.topic,
            "committee": subscription.committee_id, "person": subscription.person_id,
            "keyword": subscription.keyword, "frequency": subscription.frequency}


def _queue(task_name: str, pk: int) -> None:
    """Ask for an email (after commit): ``receivers.queue_email`` queues its task."""
    signals.email_requested.send(sender=Subscription, task_name=task_name, pk=pk)


@transaction.atomic
def subscribe(*, email: str, topic: str, frequency: str = Frequency.IMMEDIATE, committee=None, person=None,
              keyword: str = "", acting_user: Actor) -> Subscription:
    """Ask for an alert. The subscription waits unconfirmed and a confirmation email is queued (after the
    commit, sent by the task worker); nothing else is sent until the link in it is followed. Asking again
    for an alert already confirmed changes nothing and emails a link to manage it instead."""
    email = (email or "").strip().lower()
    if topic not in Topic.values:
        raise RuleViolation("Choose what you want emails about.", code="alerts.topic_required", field="topic")
    if frequency not in Frequency.values:
        raise RuleViolation("Choose how often you want emails.", code="alerts.frequency_required", field="frequency")
    target = {"committee": None, "person": None, "keyword": ""}
    if topic == Topic.COMMITTEE or (topic == Topic.WORK_PROGRAMME and committee is not None):
        if committee is None:
            raise RuleViolation("Choose a committee.", code="alerts.committee_required", field="committee")
        if not committee.is_public:
            # A private body's business is never published, so there is nothing to alert about.
            raise RuleViolation("Choose a committee that meets in public.", code="alerts.committee_private",
                                field="committee")
        target["committee"] = committee
    elif topic == Topic.COUNCILLOR:
        if person is None or not person.is_councillor:
            raise RuleViolation("Choose a councillor.", code="alerts.councillor_required", field="person")
        target["person"] = person
    elif topic == Topic.KEYWORD:
        target["keyword"] = rules.clean_keyword(keyword)
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber(email=email)
        writes.full_clean(subscriber, code="alerts.email_invalid")
        subscriber.save()
    existing = Subscription.objects.filter(subscriber=subscriber, topic=topic, **target).first()
    if existing is not None and existing.confirmed_at is not None:
        transaction.on_commit(lambda: _queue("send_manage_link_task", subscriber.pk))
        return existing
    subscription = existing or Subscription(subscriber=subscriber, topic=topic, **target)
    subscription.frequency = frequency
    writes.full_clean(subscription, code=ERROR_CODE)
    subscription.save()
    audit.record("alerts.subscription.requested", actor=acting_user, target=subscription,
                 data=_topic_data(subscription))
    pk = subscription.pk
    transaction.on_commit(lambda: _queue("send_confirmation_task", pk))
    return subscription


@transaction.atomic
def confirm_subscription(subscription: Subscription, *, acting_user: Actor) -> Subscription:
    """Confirm an alert (the link in the confirmation email). Items are looked for from this moment."""
    subscription = Subscription.objects.select_for_update(of=("self",)).get(pk=subscription.pk)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        audit.record("alerts.subscription.confirmed", actor=acting_user, target=subscription,
                     data=_topic_data(subscription))
    return subscription


@transaction.atomic
def change_frequency(subscription: Subscription, *, frequency: str, acting_user: Actor) -> Subscription:
    if frequency not in Frequency.values:
        raise RuleViolation("Choose how often you want emails.", code="alerts.frequency_required", field="frequency")
    before = subscription.frequency
    if before != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
        audit.record("alerts.subscription.changed", actor=acting_user, target=subscription,
                     data={"frequency": {"old": before, "new": frequency}})
    return subscription


@transaction.atomic
def unsubscribe(subscription: Subscription, *, acting_user: Actor, one_click: bool = False) -> None:
    """Stop an alert: the subscription and what was sent for it are deleted; the subscriber goes too when it
    was their last alert."""
    data = {**_topic_data(subscription), "one_click": one_click}
    audit.record("alerts.subscription.unsubscribed", actor=acting_user, target=subscription, data=data)
    subscriber = subscription.subscriber
    subscription.delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()


@transaction.atomic
def unsubscribe_all(subscriber: Subscriber, *, acting_user: Actor, one_click: bool = False) -> int:
    subs = list(subscriber.subscriptions.all())
    for subscription in subs:
        audit.record("alerts.subscription.unsubscribed", actor=acting_user, target=subscription,
                     data={**_topic_data(subscription), "one_click": one_click})
    subscriber.delete()
    return len(subs)


@transaction.atomic
def delete_unconfirmed(*, acting_user: Actor, now: dt.datetime | None = None) -> int:
    """Retention: alerts never confirmed within ``ALERTS_UNCONFIRMED_DAYS`` are deleted, with subscribers left
    without any alert."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    stale = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    ids = list(stale.values_list("pk", flat=True))
    stale.delete()
    orphans = Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff)
    removed_subscribers = orphans.count()
    orphans.delete()
    if ids or removed_subscribers:
        audit.record("alerts.subscription.expired", actor=acting_user,
                     data={"subscriptions": ids, "subscribers": removed_subscribers,
                           "days": settings.ALERTS_UNCONFIRMED_DAYS})
    return len(ids)
