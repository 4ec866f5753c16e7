"""The Plan's structure as data: a partnership's strategic plan, its themes, priorities, long-term
outcomes and the measures of each outcome (Safer Norfolk Plan 2021-24, seed 003:643-1040)."""

from __future__ import annotations

from django.db import models


class Plan(models.Model):
    """A partnership's strategic plan ("Safer Norfolk Plan 2021-24"). Its delivery plan versions are
    ``DeliveryPlan`` rows (draft, final, revised)."""

    partnership = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="plans")
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(help_text="The end of the period as first published.")
    extended = models.BooleanField(default=False, help_text="The delivery plan period runs beyond the end year.")
    extension_note = models.TextField(blank=True)
    measures_note = models.TextField(blank=True, help_text="How the measures are read (Appendix 1, A1.1-A1.2).")
    rag_definitions = models.JSONField(default=dict, blank=True, help_text=(
        "The partnership's own wording of what a RAG status means, by status; a status it has not reworded keeps "
        "the default wording (rules.RAG_DEFINITIONS)."))
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def period_text(self) -> str:
        text = f"{self.start_year} to {self.end_year}"
        return f"{text}, extended beyond {self.end_year}" if self.extended else text


class Theme(models.Model):
    """A strategic theme (4 in Norfolk, seed 003:891-918)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="delivery_theme_unique_number")]

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    """A priority of the plan (the seeds count 5, 7 or 8 of them: seed 003:205, 1327, 1339)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    sub_areas = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Outcome(models.Model):
    """A long-term outcome. ``number`` is the Delivery Plan's (1-12, authoritative, seed 003:1533-1672);
    ``appendix_number`` is the Plan appendix's 9-outcome numbering (003:928-993), kept as an alias."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="outcomes")
    number = models.PositiveSmallIntegerField()
    appendix_number = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.TextField()
    wording_variants = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="delivery_outcome_unique_number")]

    def __str__(self) -> str:
        return f"Outcome {self.number}: {self.title}"

    @property
    def alias(self) -> str:
        return f"Plan Appendix 1, outcome {self.appendix_number}" if self.appendix_number else "Not in Plan Appendix 1"


class Geography(models.TextChoices):
    COUNTY = "county", "County"
    DISTRICT = "district", "District"
    LOCALITY = "locality", "Locality"


class Direction(models.TextChoices):
    """The intended direction of a measure. Neutral where data accuracy makes the ideal direction
    unclear, as for under-reported hate crime (seed 003:924, A1.2)."""

    INCREASE = "increase", "Increase"
    DECREASE = "decrease", "Decrease"
    NEUTRAL = "neutral", "Neutral"
    NOT_STATED = "not_stated", "Not stated in the source"


class MeasureFrequency(models.TextChoices):
    """How often a measure is reported: a value covers one month, one quarter or one year. Not stated by
    default (the Plan's Appendix 1 does not say, seed 003:923), when any whole months are accepted."""

    NOT_STATED = "", "Not stated (any whole months)"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Yearly (calendar or financial year)"


class Measure(models.Model):
    """A performance measure of an outcome (Plan Appendix 1)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField()
    name = models.TextField()
    geography = models.CharField(max_length=10, choices=Geography.choices, default=Geography.COUNTY,
                                 help_text="The finest level it is measured at (county, district or locality).")
    direction = models.CharField(max_length=12, choices=Direction.choices, default=Direction.NOT_STATED)
    frequency = models.CharField(max_length=10, choices=MeasureFrequency.choices, default="", blank=True,
                                 help_text="How often it is reported; a value for another length of period is refused.")
    data_source = models.CharField(max_length=300, blank=True)
    owner_organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="plan_measures")
    owner_body = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="plan_measures")
    unit = models.CharField(max_length=40, blank=True, help_text="For example “offences” or “%”.")
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_label = models.CharField(max_length=60, blank=True, help_text="The period of the baseline.")
    target_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    data_quality_note = models.TextField(blank=True)
    source_ref = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["outcome", "position"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "position"], name="delivery_measure_unique_position"),
            models.CheckConstraint(condition=~(models.Q(owner_organisation__isnull=False)
                                               & models.Q(owner_body__isnull=False)),
                                   name="delivery_measure_one_owner"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self):
        return self.owner_body or self.owner_organisation
