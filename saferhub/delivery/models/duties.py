"""The partnership's recurring statutory duties (Crime and Disorder Act 1998 and its regulations, as the
Plan's Appendix 2 lists them, seed 003:997-1024): each with how often it falls due, and a record of each
time it was done with its evidence. Overdue duties are warned of on the staff dashboard."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Frequency(models.TextChoices):
    ANNUAL = "annual", "Every year"
    SIX_MONTHLY = "six_monthly", "Every six months"
    QUARTERLY = "quarterly", "Every quarter"
    ONCE = "once", "Once (a standing arrangement, confirmed when it changes)"


class StatutoryDuty(models.Model):
    plan = models.ForeignKey("delivery.Plan", on_delete=models.CASCADE, related_name="duties")
    slug = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the duty is written down.")
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.ANNUAL)
    first_due = models.DateField(null=True, blank=True, help_text="When it first falls due; later dates follow "
                                 "from the frequency. Blank until the partnership sets it.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name_plural = "statutory duties"
        constraints = [models.UniqueConstraint(fields=["plan", "slug"], name="delivery_duty_unique_slug")]

    def __str__(self) -> str:
        return self.title


class DutyRecord(models.Model):
    """One occasion a duty was done (the strategic assessment for the year due 31 March 2023), with evidence."""

    duty = models.ForeignKey(StatutoryDuty, on_delete=models.CASCADE, related_name="records")
    due_on = models.DateField(help_text="The due date this record meets.")
    done_on = models.DateField()
    evidence = models.TextField()
    link = models.URLField(blank=True, max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="delivery_duty_records")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["duty", "-due_on"]
        constraints = [models.UniqueConstraint(fields=["duty", "due_on"], name="delivery_duty_record_once")]

    def __str__(self) -> str:
        return f"{self.duty_id} due {self.due_on}: done {self.done_on}"
