"""A submission: one return's figures for one period and geography, its status and its flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from saferhub.returns.models.definitions import ReturnDefinition, ReturnField


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FLAGGED = "flagged", "Flagged draft"
    SUBMITTED = "submitted", "Submitted"


class Submission(models.Model):
    definition = models.ForeignKey(ReturnDefinition, on_delete=models.PROTECT, related_name="submissions")
    period_start = models.DateField()
    period_end = models.DateField()
    geography = models.CharField(max_length=120)
    #: The contributing organisation whose figures these are (``ReturnContributor``); empty for a return
    #: entered by the Partnership's officers alone.
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    status = models.CharField(max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    flag_reason = models.TextField(blank=True, help_text="Why figures that break a rule were saved")
    note = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["definition", "period_start", "geography"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "period_start", "period_end", "geography"],
                                    name="returns_submission_unique_period"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="returns_submission_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.definition} {self.period_label} {self.geography}"

    @property
    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return self.period_start.strftime("%-d %B %Y")
        return f"{self.period_start:%-d %b %Y} to {self.period_end:%-d %b %Y}"

    @property
    def is_locked(self) -> bool:
        return self.status == SubmissionStatus.SUBMITTED


class Figure(models.Model):
    """One value: a count or percentage (``category`` blank), one breakdown category, or free text."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="figures")
    field = models.ForeignKey(ReturnField, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=120, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["submission", "field__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["submission", "field", "category"],
                                               name="returns_figure_unique")]

    def __str__(self) -> str:
        return f"{self.field.key}{':' + self.category if self.category else ''}"


class SubmissionFlag(models.Model):
    """A rule the figures break, kept with the submission that was saved despite it."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="flags")
    rule_name = models.CharField(max_length=200)
    rule_kind = models.CharField(max_length=30)
    message = models.TextField()

    class Meta:
        ordering = ["submission", "pk"]

    def __str__(self) -> str:
        return self.rule_name
