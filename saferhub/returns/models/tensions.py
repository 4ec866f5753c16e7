"""The community tension log (seed-processes §4.3; 001:772): a professional reports what they feel is a
community tension; police analysts triage and grade each report, escalate it to the National Community
Tension Team where appropriate, and feed back to the CRPSG and to named persons in the responsible
authorities. ``LogSettings`` holds the partnership's configuration (time to triage, grades, retention, and
how old a reporting centre's last check may be)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

DEFAULT_GRADES = ["Low", "Medium", "High"]


def default_grades() -> list[str]:
    return list(DEFAULT_GRADES)


class LogSettings(models.Model):
    """One row (``pk=1``): the configuration of the tension log, the reporting-centre register and the
    Channel Panel attendance summary."""

    triage_hours = models.PositiveIntegerField(default=72, help_text="A report is triaged within this many hours.")
    grades = models.JSONField(default=default_grades, help_text="The grades an analyst gives, lowest first.")
    retention_months = models.PositiveIntegerField(
        default=24, help_text="The free text of a report is erased this many months after it was submitted.")
    centre_check_months = models.PositiveIntegerField(
        default=6, help_text="A reporting centre not checked for this many months is shown with a warning.")
    channel_missed_percent = models.PositiveSmallIntegerField(
        default=25, help_text="The Channel Panel summary flags a sector that missed more than this share of the "
                              "meetings, in per cent (Prevent Duty benchmark 5).")

    class Meta:
        verbose_name_plural = "log settings"

    def __str__(self) -> str:
        return "Tension log settings"


class TensionStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for triage"
    TRIAGED = "triaged", "Triaged"


class TensionReport(models.Model):
    #: The Community Safety Partnership whose log holds the report: its tension analysts, and no other
    #: partnership's, read and triage it (``returns.policies``).
    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="tension_reports")
    what = models.TextField(help_text="What is happening")
    where = models.CharField(max_length=300)
    occurred_on = models.DateField()
    communities = models.CharField(max_length=300, help_text="The communities affected")
    source = models.CharField(max_length=300, help_text="Where the information comes from")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="tension_reports")
    submitted_at = models.DateTimeField()
    personal_warning = models.JSONField(default=list, blank=True,
                                        help_text="What looked like a named person, confirmed by the submitter")
    status = models.CharField(max_length=12, choices=TensionStatus.choices, default=TensionStatus.SUBMITTED)
    grade = models.CharField(max_length=60, blank=True)
    triage_note = models.TextField(blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    escalated_on = models.DateField(null=True, blank=True, help_text="Sent to the National Community Tension Team")
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    escalation_note = models.TextField(blank=True)
    erased_at = models.DateTimeField(null=True, blank=True, help_text="When the free text was erased (retention)")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["submitted_at"], name="returns_tension_submitted"),
                   models.Index(fields=["partnership", "status"], name="returns_tension_partnership")]

    def __str__(self) -> str:
        return f"Tension report {self.pk}"

    @property
    def reference(self) -> str:
        return f"CT-{self.pk:05d}"


class TensionRecipient(models.Model):
    """A named person in a responsible authority who receives feedback on a report, and so may read it."""

    report = models.ForeignKey(TensionReport, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tension_recipient_of")
    authority = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "authority__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="returns_tension_recipient_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.authority})"


class FeedbackAudience(models.TextChoices):
    CRPSG = "crpsg", "Community Relations and Prevent Strategic Group (CRPSG)"
    CONTACT = "contact", "Named contact in a responsible authority"


class TensionFeedback(models.Model):
    report = models.ForeignKey(TensionReport, on_delete=models.CASCADE, related_name="feedback")
    audience = models.CharField(max_length=10, choices=FeedbackAudience.choices)
    recipient = models.ForeignKey(TensionRecipient, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["report", "given_on", "pk"]

    def __str__(self) -> str:
        return f"Feedback on {self.report_id} to {self.audience}"
