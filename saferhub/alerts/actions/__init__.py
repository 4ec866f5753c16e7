"""Every write of email alerts (docs/CONVENTIONS.md, "Actions")."""

from saferhub.alerts.actions.sending import collect_deliveries, mark_sent, record_staff_found, save_staff_preferences
from saferhub.alerts.actions.subscriptions import (
    change_frequency,
    confirm_subscription,
    delete_unconfirmed,
    subscribe,
    unsubscribe,
    unsubscribe_all,
)

__all__ = [
    "change_frequency", "collect_deliveries", "confirm_subscription", "delete_unconfirmed", "mark_sent",
    "record_staff_found", "save_staff_preferences", "subscribe", "unsubscribe", "unsubscribe_all",
]
