"""A proposed amendment to a body's Terms of Reference, agreed at one of its meetings and then in force as a
new version (issue 11 item 6; seed 002:715-722 dates each version)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class TorAmendment(models.Model):
    """Changes proposed to the fields of one Terms of Reference version. Once agreed at a meeting of the
    body (and, where there is one, under an agenda item of that meeting) it becomes ``result``, a new
    version in force from ``in_force_from``."""

    body = models.ForeignKey("governance.Committee", on_delete=models.CASCADE, related_name="tor_amendments")
    base = models.ForeignKey("groups.TermsOfReference", on_delete=models.PROTECT, related_name="amendments",
                             help_text="The version the changes are made to.")
    summary = models.CharField(max_length=300, help_text="What the amendment does, in a line.")
    changes = models.JSONField(default=dict, blank=True, help_text="Field name to proposed value.")
    required_members = models.JSONField(
        null=True, blank=True, help_text="The proposed list of required member organisations' names, if it changes.")
    status = models.CharField(max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.PROPOSED)
    proposed_on = models.DateField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    agreed_at = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="tor_amendments_agreed")
    agreed_item = models.ForeignKey("governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    in_force_from = models.DateField(null=True, blank=True)
    result = models.OneToOneField("groups.TermsOfReference", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="from_amendment")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["body", "-proposed_on", "-pk"]
        indexes = [models.Index(fields=["body", "status"], name="groups_amendment_body_status")]

    def __str__(self) -> str:
        return f"{self.body}: {self.summary}"
