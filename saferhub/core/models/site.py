"""The site configuration: the council's name and colours, and partnership-wide settings."""

from __future__ import annotations

from django.db import models

DEFAULT_BRAND_COLOUR = "#1d70b8"


class SiteConfiguration(models.Model):
    """One row (pk=1) holding what differs between partnerships and is not a committee setting."""

    council_name = models.CharField(max_length=120, default="Your council")
    service_name = models.CharField(max_length=80, default="SaferHub")
    partnership = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The Community Safety Partnership this installation serves.",
    )
    brand_colour = models.CharField(
        max_length=7, default=DEFAULT_BRAND_COLOUR,
        help_text="Header background, as #rrggbb. White text must have a contrast ratio of at least 4.5:1 on it.",
    )
    accent_colour = models.CharField(max_length=7, default="#0b0c0c", help_text="The band under the header, as #rrggbb.")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    accessibility_footer = models.TextField(
        blank=True,
        help_text="Shown at the foot of published documents: how to ask for another format.",
    )
    holiday_region = models.CharField(
        max_length=3, default="ENG",
        help_text="Bank holidays used for working-day clocks: ENG (England) or WLS (Wales).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site configuration"
        verbose_name_plural = "site configuration"

    def __str__(self) -> str:
        return f"{self.council_name} – {self.service_name}"

    @classmethod
    def load(cls) -> SiteConfiguration:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
