"""Email alerts: public subscriptions and what was sent, and staff notification preferences."""

from saferhub.alerts.models.staff import StaffDelivery, StaffPreference
from saferhub.alerts.models.subscriptions import Delivery, Frequency, Subscriber, Subscription, Topic

__all__ = ["Delivery", "Frequency", "StaffDelivery", "StaffPreference", "Subscriber", "Subscription", "Topic"]
