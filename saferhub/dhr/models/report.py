"""The review's report as versioned documents, and the Home Office quality assurance panel's rounds.

The overview report and the executive summary are each a series of versions (draft, then final): a new upload
is a new version, earlier ones are kept and listed with their date and who uploaded them. Each submission to
the Home Office quality assurance panel names the versions sent; the panel's letter (date, file, outcome)
lists the changes it asks for, and each change gets the Partnership's response and the version that answers
it. The approval names the final versions that may be published and sent to the Domestic Abuse Commissioner.

Personal data here: draft versions (they may hold names before the anonymisation check), the panel's letters,
the change requests and responses, and who uploaded. They are erased with the case (``actions.retention``);
the approved final versions are the published report and are kept.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models


class DocumentKind(models.TextChoices):
    OVERVIEW = "overview", "Overview report"
    SUMMARY = "summary", "Executive summary"


class QaOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    SUBJECT_TO_CHANGES = "subject_to_changes", "Approved subject to changes"
    RESUBMIT = "resubmit", "Resubmit"


class ReportDocument(models.Model):
    """One version of the overview report or the executive summary."""

    case = models.ForeignKey("dhr.Case", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField()
    final = models.BooleanField(default=False, help_text="The final version (not a draft).")
    filename = models.CharField(max_length=200, blank=True)
    file_path = models.CharField(max_length=300, blank=True, help_text="Storage path (emptied when erased).")
    uploaded_on = models.DateField()
    uploaded_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "version"], name="dhr_document_version_once")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_kind_display()} version {self.version}"

    @property
    def label(self) -> str:
        return f"{self.get_kind_display()}, version {self.version} ({'final' if self.final else 'draft'})"


class QaSubmission(models.Model):
    """One submission (or resubmission) of the report to the Home Office quality assurance panel, with the
    panel's letter and, at the end, its approval."""

    case = models.ForeignKey("dhr.Case", on_delete=models.CASCADE, related_name="qa_submissions")
    number = models.PositiveSmallIntegerField(help_text="1 for the first submission, 2 for the first resubmission…")
    submitted_on = models.DateField()
    overview = models.ForeignKey(ReportDocument, on_delete=models.PROTECT, related_name="+")
    summary = models.ForeignKey(ReportDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    letter_on = models.DateField(null=True, blank=True)
    letter_outcome = models.CharField(max_length=20, choices=QaOutcome.choices, blank=True)
    letter_path = models.CharField(max_length=300, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_overview = models.ForeignKey(ReportDocument, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    approved_summary = models.ForeignKey(ReportDocument, null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="dhr_qa_submission_once")]

    def __str__(self) -> str:
        return f"{self.case.reference}: QA submission {self.number}"


class QaChange(models.Model):
    """A change the quality assurance panel's letter asks for, and the Partnership's answer."""

    submission = models.ForeignKey(QaSubmission, on_delete=models.CASCADE, related_name="changes")
    text = models.TextField()
    response = models.TextField(blank=True)
    answered_by = models.ForeignKey(ReportDocument, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="answers")
    responded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.submission}: change {self.pk}"

    @property
    def answered(self) -> bool:
        return bool(self.response.strip()) and self.answered_by_id is not None
