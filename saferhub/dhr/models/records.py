"""What a review records besides its stages: the register of chairs and each case's tender, the parallel
processes, the family contacts log, the people appointed to a review (who may then see it), and the updates
to the composite action repository's recommendations.

Personal data here (chairs' names and declarations, family contacts, appointees) is erased with the case
(``actions.retention``); the register of chairs is the partnership's own and keeps its rows until removed.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models

from saferhub.core.models import Organisation


class Chair(models.Model):
    """An accredited independent chair (or report author) on a partnership's register (001:436)."""

    partnership = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="dhr_chairs")
    name = models.CharField(max_length=200)
    accreditation = models.CharField(max_length=200, blank=True, help_text="Accreditation or training held.")
    trained_on = models.DateField(null=True, blank=True)
    #: Agencies the chair is or was employed by, or in which they line-managed staff (their declaration).
    connected_agencies = models.ManyToManyField(Organisation, blank=True, related_name="+")
    declaration = models.TextField(blank=True, help_text="The chair's declaration of independence, in their words.")
    available = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Tender(models.Model):
    """How a case's chair was appointed: who was invited, their quotes, who was chosen and why."""

    case = models.OneToOneField("dhr.Case", on_delete=models.CASCADE, related_name="tender")
    invited = models.ManyToManyField(Chair, related_name="tenders_invited")
    quotes = models.JSONField(default=dict, blank=True, help_text="Chair id → quote in pounds.")
    chosen = models.ForeignKey(Chair, null=True, blank=True, on_delete=models.PROTECT, related_name="tenders_won")
    reason = models.TextField(blank=True)
    appointed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case.reference}: tender"


class ProcessKind(models.TextChoices):
    CRIMINAL_TRIAL = "criminal_trial", "Criminal trial"
    INQUEST = "inquest", "Inquest"
    IOPC = "iopc", "IOPC investigation"
    SAR = "sar", "Safeguarding adults review"
    CSPR = "cspr", "Child safeguarding practice review"
    MENTAL_HEALTH = "mental_health", "Mental health homicide review (NHS investigation)"


#: Those that hold back publication and sharing of the report until they end, and why.
BLOCKS_PUBLICATION = {
    ProcessKind.CRIMINAL_TRIAL: "publishing before the trial ends could prejudice the proceedings",
    ProcessKind.INQUEST: "the coroner's findings should not be pre-empted",
    ProcessKind.IOPC: "the IOPC's findings on police conduct should not be pre-empted",
}


class ParallelProcess(models.Model):
    case = models.ForeignKey("dhr.Case", on_delete=models.CASCADE, related_name="parallel")
    kind = models.CharField(max_length=20, choices=ProcessKind.choices)
    reference = models.CharField(max_length=100, blank=True)
    started_on = models.DateField(null=True, blank=True)
    expected_end = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    #: The team's decision that the review waits for this process (for example the criminal trial): while it is
    #: open the review's clock shows "Paused", and the days it was open after the decision move the due date.
    pauses_review = models.BooleanField(default=False)
    pause_reason = models.TextField(blank=True, help_text="Why the review waits for this process.")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()}"

    @property
    def open(self) -> bool:
        return self.ended_on is None


class ContactChannel(models.TextChoices):
    MEETING = "meeting", "Meeting"
    PHONE = "phone", "Telephone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    ADVOCATE = "advocate", "Through the advocate"


class ContactPurpose(models.TextChoices):
    INTRODUCTION = "introduction", "Introduction and offer to take part"
    TERMS = "terms", "Terms of reference"
    INTERVIEW = "interview", "Interview"
    DRAFT = "draft", "Offer to read the draft report"
    PUBLICATION = "publication", "Publication"
    OTHER = "other", "Other"


class FamilyContact(models.Model):
    """One contact with a family member, friend or advocate (000:99: the offer stays open throughout)."""

    case = models.ForeignKey("dhr.Case", on_delete=models.CASCADE, related_name="family_contacts")
    contacted_on = models.DateField()
    who = models.CharField(max_length=200)
    channel = models.CharField(max_length=10, choices=ContactChannel.choices)
    purpose = models.CharField(max_length=12, choices=ContactPurpose.choices)
    outcome = models.TextField(blank=True)
    agreed_to_participate = models.BooleanField(null=True, blank=True)
    agreed_terms = models.BooleanField(null=True, blank=True)
    agreed_draft = models.BooleanField(null=True, blank=True)
    views_on_draft = models.TextField(blank=True, help_text="The family's views on the draft, in summary.")

    class Meta:
        ordering = ["contacted_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: contact {self.pk}"


class AppointmentRole(models.TextChoices):
    CHAIR = "chair", "Independent chair"
    AUTHOR = "author", "Report author"
    PANEL = "panel", "Panel member"
    AGENCY = "agency", "Agency contact (its own review only)"


class Appointment(models.Model):
    """A person outside the review team appointed to one review: they see that review only, and only the
    parts their role needs (``policies``)."""

    case = models.ForeignKey("dhr.Case", on_delete=models.CASCADE, related_name="appointments")
    user = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dhr_appointments")
    role = models.CharField(max_length=8, choices=AppointmentRole.choices)
    agency = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user", "role"], name="dhr_appointment_once")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_role_display()}"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class RecommendationUpdate(models.Model):
    recommendation = models.ForeignKey("dhr.Recommendation", on_delete=models.CASCADE, related_name="updates")
    updated_on = models.DateField()
    status = models.CharField(max_length=12, choices=RecommendationStatus.choices)
    note = models.TextField(blank=True, help_text="Progress, or the evidence of completion.")

    class Meta:
        ordering = ["updated_on", "id"]

    def __str__(self) -> str:
        return f"update {self.pk}"
