"""A submitted response and its answers. A response exists only once submitted: the public form keeps
answers in the session until then (seed 003:1316, partial responses are not used)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from saferhub.consultations.models.surveys import Question, Survey


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "Paper"
    EMAIL = "email", "Email"
    EVENT = "event", "Event"


class Response(models.Model):
    """No personal identifiers: no address, no user, no IP. Staff who key in a paper return are recorded."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    submitted_at = models.DateTimeField()
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "pk"]
        indexes = [models.Index(fields=["survey", "submitted_at"], name="consult_resp_survey_at")]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Answer(models.Model):
    """One answer row: a choice (``value``), a grid cell (``row_key`` = the statement, ``value`` = the
    column), a typed text (``text``: free text, "Other" specified, or ``row_key="comment"``)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    row_key = models.CharField(max_length=200, blank=True)
    value = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "pk"]
        indexes = [models.Index(fields=["survey", "question", "row_key", "value"], name="consult_answer_count")]

    def __str__(self) -> str:
        return self.value or self.text[:40]


class Tally(models.Model):
    """Running counts for the results page, kept by the actions that add or remove answers (a survey of
    50,000 responses has about 850,000 answer rows; the results read about a hundred tallies instead).
    ``row_key`` ``ANSWERED`` counts the responses that answered the question at all."""

    ANSWERED = "__answered__"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="tallies")
    row_key = models.CharField(max_length=200, blank=True)
    value = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)
    typed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "row_key", "value"],
                                               name="consultations_tally_unique")]

    def __str__(self) -> str:
        return f"{self.question_id} {self.row_key} {self.value}: {self.count}"
