"""Writes of the sending run: items found (deliveries), items sent, staff preferences."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.alerts.models import Delivery, StaffDelivery, StaffPreference, Subscription
from saferhub.core import audit, notifications
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation


@transaction.atomic
def collect_deliveries(*, acting_user: Actor, now: dt.datetime | None = None) -> int:
    """Look for new items for every confirmed subscription and record each once (a repeated run adds
    nothing: deliveries are unique per subscription and item). Returns how many were new."""
    from saferhub.alerts.events import items_for

    now = now or timezone.now()
    new = 0
    for subscription in (Subscription.objects.filter(confirmed_at__isnull=False)
                         .select_related("committee", "person")):
        known = set(subscription.deliveries.values_list("item_key", flat=True))
        rows = [Delivery(subscription=subscription, item_key=i.key[:120], title=i.title[:300], url=i.url[:300],
                         found_at=now) for i in items_for(subscription) if i.key not in known]
        if rows:
            Delivery.objects.bulk_create(rows, ignore_conflicts=True)
            new += len(rows)
    return new


@transaction.atomic
def mark_sent(deliveries, *, acting_user: Actor, now: dt.datetime | None = None, subscriber=None) -> int:
    """Record that these deliveries (public or staff) were emailed; one audit row per email, without the
    address."""
    ids = [d.pk for d in deliveries]
    if not ids:
        return 0
    now = now or timezone.now()
    model = type(deliveries[0])
    updated = model.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=now)
    audit.record("alerts.sent", actor=acting_user, target=subscriber,
                 data={"kind": "staff" if model is StaffDelivery else "public", "items": len(ids)})
    return updated


@transaction.atomic
def record_staff_found(user, *, kind: str, found: list, acting_user: Actor, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    rows = [StaffDelivery(user=user, kind=kind, key=n.key[:160], title=n.title[:300], url=n.url[:300], found_at=now)
            for n in found]
    before = StaffDelivery.objects.filter(user=user, kind=kind).count()
    StaffDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    return StaffDelivery.objects.filter(user=user, kind=kind).count() - before


@transaction.atomic
def save_staff_preferences(user, *, choices: dict[str, str], acting_user: Actor) -> dict[str, str]:
    """A user's choice per registered kind (email now, daily digest, off); only the user themselves may."""
    if getattr(acting_user, "pk", None) != user.pk:
        raise RuleViolation("You can only change your own notification settings.", code="alerts.own_settings_only")
    valid = {c for c, _ in notifications.CHOICES}
    changed = {}
    for code, choice in choices.items():
        if notifications.get_kind(code) is None:
            raise RuleViolation("Choose from the notifications listed.", code="alerts.unknown_kind", field=code)
        if choice not in valid:
            raise RuleViolation("Choose how you want to hear about this.", code="alerts.choice_required", field=code)
        pref, _ = StaffPreference.objects.update_or_create(user=user, kind=code, defaults={"choice": choice})
        changed[code] = choice
    audit.record("alerts.staff_preferences.saved", actor=acting_user, target=user, data={"choices": changed})
    return changed
