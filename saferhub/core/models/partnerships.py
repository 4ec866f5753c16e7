"""Who works for which Community Safety Partnership: one row per person, partnership and service role.

One installation serves many partnerships. Every app that keeps private records per partnership (Domestic
Homicide Reviews, ASB Case Reviews) asks ``saferhub.core.partnerships.partnership_ids(user, role)`` which
partnerships a member of staff works for in that role; this table is the single home of that answer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PartnershipMembership(models.Model):
    """A member of staff working for a partnership in one service role, from a date and (optionally) to one.

    ``role`` names the service role the membership is for (``dhr_team``, ``asb_county_team``, ``asb_spoc`` …,
    the codes of ``core.permissions.Role``); the role itself (the Django group) is still needed as well."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnerships")
    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=40)
    starts_on = models.DateField(null=True, blank=True, help_text="Empty: from the start.")
    ends_on = models.DateField(null=True, blank=True, help_text="Empty: until further notice.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership", "role"], name="core_partnership_member_once"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="core_partnership_member_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.partnership} ({self.role})"
