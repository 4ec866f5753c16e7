"""Staff notification preferences (one row per user and kind of ``core.notifications``) and what was sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from saferhub.core.notifications import CHOICES


class StaffPreference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60, help_text="A code registered in saferhub.core.notifications.")
    choice = models.CharField(max_length=10, choices=CHOICES)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="alerts_staff_preference_once")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.choice}"


class StaffDelivery(models.Model):
    """One notification found for one user (by its key), and when it was emailed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    key = models.CharField(max_length=160)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    found_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["found_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="alerts_staff_delivery_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
