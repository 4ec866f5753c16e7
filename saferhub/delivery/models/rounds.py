"""Reporting rounds: the Partnership asks every action owner for an update on the period just ended,
by a date (quarterly, before each Sub Panel meeting: seed-processes §3.5, §5.3). The round's rows are the
published version's actions; each owner's update in the round is an ``ActionUpdate`` with ``round`` set."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReportingRound(models.Model):
    plan = models.ForeignKey("delivery.Plan", on_delete=models.CASCADE, related_name="rounds")
    version = models.ForeignKey("delivery.DeliveryPlan", on_delete=models.PROTECT, related_name="rounds",
                                help_text="The published version whose actions owners report on.")
    title = models.CharField(max_length=120, help_text="For example “Quarter 2, 2022 to 2023”.")
    period_start = models.DateField()
    period_end = models.DateField()
    due_by = models.DateField(help_text="When owners' updates are due.")
    opened_on = models.DateField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="delivery_rounds_opened")
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "-period_end", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period_start", "period_end"], name="delivery_round_unique_period"),
            models.UniqueConstraint(fields=["plan"], condition=models.Q(closed_on__isnull=True),
                                    name="delivery_round_one_open"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="delivery_round_period_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
