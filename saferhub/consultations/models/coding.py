"""Free-text coding: themes staff define per question and the answers coded to them."""

from __future__ import annotations

from django.db import models

from saferhub.consultations.models.responses import Answer
from saferhub.consultations.models.surveys import Question


class Theme(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["question", "label"]
        constraints = [models.UniqueConstraint(fields=["question", "label"], name="consultations_theme_unique")]

    def __str__(self) -> str:
        return self.label


class Coding(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="codings")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codings")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "theme"], name="consultations_coding_unique")]

    def __str__(self) -> str:
        return f"{self.answer_id} → {self.theme}"
