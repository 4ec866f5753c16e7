"""The Plan's staff notification (``saferhub.core.notifications``): a delivery-plan action of yours falls due
within 30 days or is past due and not complete. Registered from ``DeliveryConfig.ready()``; the alerts app
sends it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from saferhub.core.notifications import Notification, register_kind

HORIZON_DAYS = 30


def actions_due(user):
    from saferhub.core.permissions import can
    from saferhub.delivery.models import DeliveryAction
    from saferhub.delivery.models.register import DueKind

    person = getattr(user, "person", None)
    if person is None:
        return
    today = timezone.localdate()
    rows = (DeliveryAction.objects.filter(plan__published_at__isnull=False, due_kind=DueKind.DATE,
                                          due_date__lte=today + dt.timedelta(days=HORIZON_DAYS))
            .select_related("plan__plan").prefetch_related("owners").order_by("due_date", "pk"))
    latest: dict = {}
    for row in rows:  # the latest published version of each action only
        key = row.identity_id or f"row{row.pk}"
        if key not in latest or _version(row) > _version(latest[key]):
            latest[key] = row
    for row in latest.values():
        if not can(user, "delivery.update_action", row):
            continue
        when = "was due" if row.due_date < today else "is due"
        yield Notification(key=f"{row.identity_id or row.pk}:{row.due_date:%Y-%m-%d}",
                           title=f"Delivery plan action {row.number} {when} in {row.due_text}",
                           url=_url(row), due_on=row.due_date)


def _version(row) -> tuple:
    return (row.plan.version_date or dt.date.min, row.plan_id)


def _url(row) -> str:
    from django.urls import reverse

    if row.plan.plan_id is None:
        return ""
    return reverse("delivery:action", kwargs={"slug": row.plan.plan.slug, "pk": row.pk})


def register() -> None:
    register_kind("delivery_action_due", label="Delivery plan actions due", app="delivery", producer=actions_due,
                  description="An action of the delivery plan that you own falls due within 30 days, or is overdue.")
