"""Funding behind the Plan: funds (the Police and Crime Commissioner's £500,000 Community Safety Fund, seed
003:216 and 003:741; the £22,875 the County Lines Strategic Group manages, 002:679; grants) and their
allocations to delivery-plan actions or named projects, with what was spent and how it was evaluated."""

from __future__ import annotations

from django.db import models


class Fund(models.Model):
    plan = models.ForeignKey("delivery.Plan", on_delete=models.CASCADE, related_name="funds")
    name = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    provider = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="funds_provided")
    managed_by = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="funds_managed", help_text="The partnership group that manages it.")
    source = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "-amount", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="delivery_fund_unique_name"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="delivery_fund_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """Money from a fund to an action of the plan (by its stable identity) or to a named project."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="allocations")
    action = models.ForeignKey("delivery.ActionIdentity", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="allocations")
    project = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    allocated_on = models.DateField()
    spent = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    evaluation = models.TextField(blank=True, help_text="What the money achieved and how that is known.")

    class Meta:
        ordering = ["fund", "allocated_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="delivery_allocation_positive"),
            models.CheckConstraint(condition=models.Q(spent__gte=0) & models.Q(spent__lte=models.F("amount")),
                                   name="delivery_allocation_spent_within"),
            models.CheckConstraint(condition=(models.Q(action__isnull=False) & models.Q(project=""))
                                   | (models.Q(action__isnull=True) & ~models.Q(project="")),
                                   name="delivery_allocation_action_or_project"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_id}: {self.amount}"
