"""Peer review: each council nominates a reviewer; completed reviews are assigned next on the list."""

from __future__ import annotations

from django.db import models


class PeerReviewer(models.Model):
    """A council's nominated peer reviewer, in rota order."""

    council = models.OneToOneField("core.Organisation", on_delete=models.PROTECT, related_name="asb_peer_reviewer")
    person = models.ForeignKey("core.Person", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    assigned_count = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.person} ({self.council})"


class PeerReviewRota(models.Model):
    """The single rota row; locked while a reviewer is chosen so that two completions never take the same slot."""

    name = models.CharField(max_length=40, unique=True, default="county")
    last_position = models.IntegerField(default=-1)
    assignments = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Peer review rota ({self.name})"


class PeerReview(models.Model):
    case = models.OneToOneField("asb.Case", on_delete=models.CASCADE, related_name="peer_review")
    reviewer = models.ForeignKey(PeerReviewer, on_delete=models.PROTECT, related_name="reviews")
    slot = models.PositiveIntegerField(unique=True, help_text="Sequence number on the rota.")
    assigned_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["slot"]

    def __str__(self) -> str:
        return f"Peer review of {self.case} by {self.reviewer}"
