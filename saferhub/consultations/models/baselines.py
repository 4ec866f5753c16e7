"""Population baselines a consultation's respondents are compared with (loaded from a data file)."""

from __future__ import annotations

from django.db import models

from saferhub.consultations.models.surveys import Dimension


class Baseline(models.Model):
    area = models.CharField(max_length=100)
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    category = models.CharField(max_length=200, help_text="The answer it matches, as the question words it")
    share = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percentage of the population")
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["area", "dimension", "pk"]
        constraints = [models.UniqueConstraint(fields=["area", "dimension", "category"],
                                               name="consultations_baseline_unique")]

    def __str__(self) -> str:
        return f"{self.area} {self.dimension} {self.category}: {self.share}%"
