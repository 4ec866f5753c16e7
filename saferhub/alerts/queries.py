"""Reads for the alerts pages: what may be subscribed to (public bodies only) and a subscriber's alerts."""

from __future__ import annotations

from saferhub.alerts.models import Subscriber, Subscription
from saferhub.core.models import Person
from saferhub.governance.models import Committee


def public_committees():
    """Bodies that meet in public: the only ones anyone may subscribe to."""
    return Committee.objects.filter(is_public=True, is_active=True).order_by("name")


def councillors():
    return Person.objects.filter(is_councillor=True).order_by("name")


def subscriptions_of(subscriber: Subscriber):
    return (Subscription.objects.filter(subscriber=subscriber, confirmed_at__isnull=False)
            .select_related("committee", "person").order_by("pk"))
