"""Performance: a measure's values by period and geography, and the owners' periodic updates with RAG."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from saferhub.delivery.models.plan import Geography


class MeasureValue(models.Model):
    """One value of a measure for a period and an area (the county, a district, a locality)."""

    measure = models.ForeignKey("delivery.Measure", on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    period_end = models.DateField()
    geography = models.CharField(max_length=10, choices=Geography.choices, default=Geography.COUNTY)
    area = models.CharField(max_length=100, default="Norfolk")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    data_quality_note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "period_start", "geography", "area"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period_start", "period_end", "geography", "area"],
                                    name="delivery_value_unique_period_area"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="delivery_value_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period_start}–{self.period_end} {self.area}: {self.value}"


class Rag(models.TextChoices):
    """RAG statuses; what each means is ``rules.RAG_DEFINITIONS``."""

    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


class ActionUpdate(models.Model):
    """An owner's periodic update on an action: status, RAG, commentary and evidence. Kept for ever
    (the history of an action), keyed by the action's stable identity."""

    identity = models.ForeignKey("delivery.ActionIdentity", on_delete=models.CASCADE, related_name="updates")
    row = models.ForeignKey("delivery.DeliveryAction", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="updates", help_text="The version's row the update was written against.")
    period_end = models.DateField(help_text="The end of the reporting period the update covers.")
    due_by = models.DateField(help_text="When the update was due.")
    submitted_on = models.DateField()
    rag = models.CharField(max_length=12, choices=Rag.choices)
    status = models.CharField(max_length=200, blank=True)
    commentary = models.TextField()
    evidence = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="delivery_updates")
    round = models.ForeignKey("delivery.ReportingRound", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="updates", help_text="The reporting round the update answers, if any.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["identity", "-period_end", "-created_at"]

    def __str__(self) -> str:
        return f"{self.identity_id} {self.period_end}: {self.rag}"

    @property
    def is_late(self) -> bool:
        return self.submitted_on > self.due_by
