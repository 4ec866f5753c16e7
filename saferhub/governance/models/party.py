"""A councillor's political party or group, as the council publishes it."""

from __future__ import annotations

from django.db import models


class PartyAffiliation(models.Model):
    """The party (or political group, or "Independent") a councillor stands for. Loaded from the
    partnership's data file (``people[].party``) where the documents name it; otherwise absent."""

    person = models.OneToOneField("core.Person", on_delete=models.CASCADE, related_name="party_affiliation")
    party = models.CharField(max_length=100, help_text='As the council publishes it, e.g. "Independent".')
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["party", "person"]
        indexes = [models.Index(fields=["party"], name="governance_party_name")]

    def __str__(self) -> str:
        return f"{self.person}: {self.party}"
