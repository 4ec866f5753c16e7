"""A Partnership's delivery plan and its action tables (N, action, success measure, owner, date, update)."""

from __future__ import annotations

from django.db import models


class DeliveryPlan(models.Model):
    """A delivery plan for a Partnership's strategic plan ("Delivery plan for the Safer Norfolk Plan 2021-24")."""

    title = models.CharField(max_length=300)
    partnership = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="delivery_plans"
    )
    period = models.CharField(max_length=40, blank=True, help_text="For example 2021-24.")
    version_date = models.DateField(null=True, blank=True, help_text="The date of the papers the plan was published in.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "version_date"]
        constraints = [
            models.UniqueConstraint(fields=["title", "version_date"], name="delivery_plan_unique_version"),
        ]

    def __str__(self) -> str:
        return self.title


class DeliveryAction(models.Model):
    """One row of an action table; ``number`` is as printed ("1.14")."""

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(max_length=12)
    theme = models.CharField(max_length=200, blank=True, help_text="The heading the action sits under (“Fraud”).")
    action = models.TextField()
    success_measure = models.TextField(blank=True)
    owner = models.CharField(max_length=300, blank=True)
    due = models.CharField(max_length=100, blank=True, help_text="As printed: a date, “Ongoing” or “TBC”.")
    update = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="delivery_action_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.action[:60]}"
