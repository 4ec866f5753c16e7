"""A Domestic Homicide Review case: the notification, the chair's decision(s), the review's stages, the panel,
individual management reviews, timescale extensions and the learning (recommendations) it produced.

Personal data (the victim's pseudonym and age, who told the partnership, names of chairs and panel members,
notes) is erased under the retention rule (``actions.erase_case``); the reference, dates of the stages,
themes and recommendations are kept as the partnership's learning.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models

from saferhub.core.models import Organisation
from saferhub.dhr.steps import Step


class CaseSource(models.TextChoices):
    POLICE = "police", "Police notification"
    AGENCY = "agency", "Agency referral"


class DecisionOutcome(models.TextChoices):
    REVIEW = "review", "Hold a review"
    NOT_REVIEW = "not_review", "Do not hold a review"


class Case(models.Model):
    partnership = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="dhr_cases")
    reference = models.CharField(max_length=30)
    victim_pseudonym = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=10, choices=CaseSource.choices)
    notified_by = models.CharField(max_length=200, blank=True, help_text="Who told the partnership.")
    notifying_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                               related_name="dhr_notifications")
    date_of_death = models.DateField(null=True, blank=True)
    date_notified = models.DateField(help_text="The date the partnership was told.")
    victim_age = models.PositiveSmallIntegerField(null=True, blank=True)
    child_review_reference = models.CharField(
        max_length=100, blank=True,
        help_text="The linked child safeguarding practice review, when the victim was under 18 (000:93).")
    suspected_suicide = models.BooleanField(default=False)
    pseudonym_chosen_by = models.CharField(max_length=200, blank=True,
                                           help_text="The family member who chose the victim's pseudonym.")
    agencies = models.ManyToManyField(Organisation, blank=True, related_name="dhr_cases_involved")
    decision_clock_start = models.DateField(
        help_text="Notification date, or the date an advocate asked for a 'not review' decision to be revisited.")
    directed_on = models.DateField(null=True, blank=True, help_text="Secretary of State direction to review.")
    themes = models.JSONField(default=list, blank=True)
    publication_withheld_on = models.DateField(null=True, blank=True)
    publication_withheld_reason = models.TextField(blank=True, help_text="The safeguarding concern (001:429).")
    publication_withheld_approver = models.CharField(max_length=200, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    erased_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_notified", "-id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "reference"], name="dhr_reference_once")]
        indexes = [models.Index(fields=["partnership", "closed_on"])]

    def __str__(self) -> str:
        return self.reference  # never the victim's pseudonym: this goes into audit rows


class Decision(models.Model):
    """The chair's decision, in consultation with partners (001:419); a reopened decision is kept, superseded."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=12, choices=DecisionOutcome.choices)
    decided_on = models.DateField()
    chair_name = models.CharField(max_length=200, blank=True)
    partners_consulted = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    directed = models.BooleanField(default=False, help_text="Made on a Secretary of State direction.")
    home_office_notified_on = models.DateField(null=True, blank=True)
    home_office_reference = models.CharField(max_length=60, blank=True)
    qa_panel_seen_on = models.DateField(null=True, blank=True)
    home_office_confirmed_on = models.DateField(null=True, blank=True)
    family_told_on = models.DateField(null=True, blank=True)
    reopened_on = models.DateField(null=True, blank=True)
    reopened_by = models.CharField(max_length=200, blank=True, help_text="The advocacy organisation that asked.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()}"

    @property
    def is_current(self) -> bool:
        return self.reopened_on is None


class ReviewStep(models.Model):
    """One stage of the review done (see ``saferhub.dhr.steps``); ``details`` holds what that stage records."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=12, choices=Step.choices)
    done_on = models.DateField()
    details = models.JSONField(default=dict, blank=True)
    recorded_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="dhr_step_once")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_step_display()}"


class PanelMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panel")
    agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    independence_declared = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.agency}"


class ImrRequest(models.Model):
    """An individual management review (or chronology) asked of an agency, with its due date and receipt."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="imrs")
    agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    document_path = models.CharField(max_length=300, blank=True, help_text="The agency's uploaded review (storage path).")

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="dhr_imr_once")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.agency}"


class Extension(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField()
    reason = models.TextField()
    agreed_on = models.DateField()

    class Meta:
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: +{self.months} months"


class Recommendation(models.Model):
    """A recommendation of a review's action plan: the learning, kept after the personal data is erased."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField()
    agency = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(max_length=100, blank=True)
    action = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, default="open",
                              choices=[("open", "Open"), ("in_progress", "In progress"), ("complete", "Complete")])

    class Meta:
        ordering = ["id"]
        # The thematic page counts open actions by agency across every published review (bench/bench_dhr.py).
        indexes = [models.Index(fields=["case", "status", "agency"], name="dhr_rec_case_status_agency")]

    def __str__(self) -> str:
        return f"{self.case.reference}: recommendation {self.pk}"
