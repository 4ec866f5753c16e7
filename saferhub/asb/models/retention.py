"""What the retention job did, case by case."""

from __future__ import annotations

from django.db import models


class RetentionOutcome(models.TextChoices):
    ERASED = "erased", "Erased"
    ANONYMISED = "anonymised", "Anonymised"
    SKIPPED_LEGAL_HOLD = "skipped_legal_hold", "Skipped: legal hold"


class RetentionLog(models.Model):
    run_at = models.DateTimeField(auto_now_add=True, db_index=True)
    case_reference = models.CharField(max_length=20)
    outcome = models.CharField(max_length=30, choices=RetentionOutcome.choices)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-run_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_reference}: {self.get_outcome_display()}"
