"""The sending run behind the task worker: find new items, then email what is due, each item once.

1. ``collect_deliveries`` records each new item per subscription (unique per subscription and item).
2. Items waiting are grouped: straight away, one email per subscription; daily or weekly, one summary per
   subscriber at the first run after the digest moment (``rules.digest_due``).
3. Each email is sent, then its items are marked sent in the same transaction; if sending fails the items
   stay waiting for the next run, and nothing already marked is ever sent again.

Staff notifications go the same way: each registered kind's producer is asked what is due for each staff user
whose preference is not "off", new keys are recorded, and "email now" or the daily summary sends them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from saferhub.alerts import actions, emails, rules
from saferhub.alerts.models import Delivery, Frequency, StaffDelivery, StaffPreference, Subscriber
from saferhub.core import notifications
from saferhub.core.actors import SystemActor

log = logging.getLogger(__name__)
ACTOR = SystemActor("Email alerts")


def _send(message) -> bool:
    try:
        return bool(message.send())
    except Exception:  # noqa: BLE001 - a mail failure leaves the items waiting for the next run
        log.exception("Alert email not sent")
        return False


def send_public(now: dt.datetime | None = None) -> int:
    """Email every subscriber what is due for them; returns the number of emails sent."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    pending = (Delivery.objects.filter(sent_at__isnull=True, subscription__confirmed_at__isnull=False)
               .select_related("subscription__subscriber", "subscription__committee", "subscription__person")
               .order_by("subscription__subscriber_id", "subscription_id", "found_at", "pk"))
    batches: dict[tuple[int, str, int], list[Delivery]] = defaultdict(list)
    for d in pending:
        sub = d.subscription
        if not rules.digest_due(timezone.localtime(d.found_at), sub.frequency, local):
            continue
        group = sub.pk if sub.frequency == Frequency.IMMEDIATE else 0
        batches[(sub.subscriber_id, sub.frequency, group)].append(d)
    sent = 0
    for (_subscriber, frequency, _), deliveries in batches.items():
        by_sub: dict[int, tuple] = {}
        for d in deliveries:
            by_sub.setdefault(d.subscription_id, (d.subscription, []))[1].append(d)
        subscriber = deliveries[0].subscription.subscriber
        with transaction.atomic():
            locked = list(Delivery.objects.select_for_update().filter(pk__in=[d.pk for d in deliveries],
                                                                      sent_at__isnull=True))
            if len(locked) != len(deliveries):
                continue  # another run is sending these
            if not _send(emails.alert(subscriber, list(by_sub.values()), frequency)):
                continue
            actions.mark_sent(deliveries, acting_user=ACTOR, now=now, subscriber=subscriber)
            sent += 1
    return sent


def _choice(prefs: dict, kind) -> str:
    return prefs.get(kind.code, kind.default)


def collect_staff(now: dt.datetime | None = None) -> int:
    kinds = notifications.kinds()
    if not kinds:
        return 0
    prefs: dict[int, dict[str, str]] = defaultdict(dict)
    for p in StaffPreference.objects.all():
        prefs[p.user_id][p.kind] = p.choice
    new = 0
    for user in get_user_model().objects.filter(is_active=True).exclude(email=""):
        for kind in kinds:
            if _choice(prefs[user.pk], kind) == notifications.OFF:
                continue
            found = list(kind.producer(user))
            if found:
                new += actions.record_staff_found(user, kind=kind.code, found=found, acting_user=ACTOR, now=now)
    return new


def send_staff(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    local = timezone.localtime(now)
    prefs: dict[int, dict[str, str]] = defaultdict(dict)
    for p in StaffPreference.objects.all():
        prefs[p.user_id][p.kind] = p.choice
    batches: dict[tuple[int, bool], list[StaffDelivery]] = defaultdict(list)
    users = {}
    for d in StaffDelivery.objects.filter(sent_at__isnull=True).select_related("user").order_by("user_id", "pk"):
        kind = notifications.get_kind(d.kind)
        if kind is None:
            continue
        choice = _choice(prefs[d.user_id], kind)
        if choice == notifications.OFF:
            continue
        digest = choice == notifications.DAILY_DIGEST
        if digest and not rules.digest_due(timezone.localtime(d.found_at), "daily", local):
            continue
        users[d.user_id] = d.user
        batches[(d.user_id, digest)].append(d)
    sent = 0
    for (user_id, digest), deliveries in batches.items():
        with transaction.atomic():
            if not _send(emails.staff(users[user_id], deliveries, digest=digest)):
                continue
            actions.mark_sent(deliveries, acting_user=ACTOR, now=now)
            sent += 1
    return sent


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """One run: find and send public alerts and staff notifications."""
    now = now or timezone.now()
    return {
        "found": actions.collect_deliveries(acting_user=ACTOR, now=now),
        "sent": send_public(now),
        "staff_found": collect_staff(now),
        "staff_sent": send_staff(now),
    }


def send_confirmation(subscription_pk: int) -> bool:
    from saferhub.alerts.models import Subscription

    sub = Subscription.objects.select_related("subscriber", "committee", "person").filter(
        pk=subscription_pk, confirmed_at__isnull=True).first()
    return bool(sub) and _send(emails.confirmation(sub))


def send_manage_link(subscriber_pk: int) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    return bool(subscriber) and _send(emails.manage_link(subscriber))
