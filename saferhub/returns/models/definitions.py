"""A return's definition: who it goes to, how often, where it covers, its fields and its rules (data)."""

from __future__ import annotations

from django.db import models


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Financial year"
    PER_MEETING = "per_meeting", "Per meeting"
    PERIOD = "period", "Stated period"  # a report covering dates of its own (VARAC "to date", "last month")


class FieldKind(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    BREAKDOWN = "breakdown", "Categorical breakdown"
    TEXT = "text", "Free text"


class RuleKind(models.TextChoices):
    PARTS_SUM_TO_TOTAL = "parts_sum_to_total", "Parts sum to their total"
    SUBSET_NOT_OVER_SET = "subset_not_over_set", "A subset cannot exceed its set"
    PERCENTAGES_SUM_TO_100 = "percentages_sum_to_100", "Percentages sum to 100"


class ReturnDefinition(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    recipient = models.CharField(max_length=200, help_text="Who receives it: Home Office, OHID, Youth Justice Board, CRPSG")
    period_kind = models.CharField(max_length=20, choices=PeriodKind.choices)
    geographies = models.JSONField(default=list, help_text="The areas a submission may cover")
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the definition comes from (seed line)")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReturnField(models.Model):
    definition = models.ForeignKey(ReturnDefinition, on_delete=models.CASCADE, related_name="fields")
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=FieldKind.choices)
    categories = models.JSONField(default=list, blank=True, help_text="A breakdown's categories, in order")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["definition", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["definition", "key"], name="returns_field_key_unique")]

    def __str__(self) -> str:
        return self.label


class ValidationRule(models.Model):
    """A rule between fields. Operands are references: ``key`` (a count or percentage), ``key:Category``
    (one category of a breakdown) or ``key:*`` (every category of a breakdown)."""

    definition = models.ForeignKey(ReturnDefinition, on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=RuleKind.choices)
    whole = models.CharField(max_length=200, blank=True, help_text="The total (sum rule) or the set (subset rule)")
    parts = models.JSONField(default=list, help_text="The parts, the subset, or the percentages")
    tolerance = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    source = models.CharField(max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["definition", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class ReturnContributor(models.Model):
    """An organisation that enters its own figures for a return: for one geography, or for the whole return
    (``geography`` blank). A member of its staff (the agency officer role, and a ``core.Person`` whose
    organisation it is) enters and sees only their organisation's submissions of the return. A return that
    names no contributor is entered by the Partnership's officers alone."""

    definition = models.ForeignKey(ReturnDefinition, on_delete=models.CASCADE, related_name="contributors")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    geography = models.CharField(max_length=120, blank=True, help_text="Empty: every geography of the return.")

    class Meta:
        ordering = ["definition", "geography", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["definition", "organisation", "geography"],
                                               name="returns_contributor_once")]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.geography or 'the whole return'}"
