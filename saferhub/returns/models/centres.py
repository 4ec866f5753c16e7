"""Third-party hate crime reporting centres (seed-processes §4.3; 001:775): the register kept for the
relaunch of Stop Hate in Norfolk, with when each centre's details were last checked."""

from __future__ import annotations

from django.db import models


class ReportingCentre(models.Model):
    name = models.CharField(max_length=200, unique=True)
    address = models.TextField()
    opening_hours = models.CharField(max_length=300)
    last_checked_on = models.DateField(null=True, blank=True)
    open = models.BooleanField(default=True, help_text="Untick when the centre stops taking reports.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
