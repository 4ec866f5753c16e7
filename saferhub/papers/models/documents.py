"""Files published with meetings: uploaded annexes and generated agendas, packs and minutes."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", "Agenda"
    AGENDA_PACK = "agenda_pack", "Agenda pack"
    SUPPLEMENTARY_PACK = "supplementary_pack", "Supplementary agenda pack"
    COVER_REPORT = "cover_report", "Report"
    ANNEX = "annex", "Annex"
    MINUTES = "minutes", "Minutes"
    WRITTEN_QUESTIONS = "written_questions", "Questions requiring written responses"
    WORK_PROGRAMME = "work_programme", "Forward work programme"
    CHAIR_REPORT = "chair_report", "Chair's report to the Scrutiny Committee"
    OTHER = "other", "Other document"


class DocumentFormat(models.TextChoices):
    HTML = "html", "Web page"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document"


class Document(models.Model):
    """A file (OParl File): an uploaded annex, or a generated agenda, pack or minutes in one format."""

    committee = models.ForeignKey("governance.Committee", on_delete=models.PROTECT, related_name="documents")
    meeting = models.ForeignKey(
        "governance.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    cover_report = models.ForeignKey(
        "papers.CoverReport", null=True, blank=True, on_delete=models.CASCADE, related_name="annexes",
        help_text="For an annex: the report it belongs to.",
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    format = models.CharField(max_length=5, choices=DocumentFormat.choices)
    title = models.CharField(max_length=300)
    label = models.CharField(max_length=40, blank=True, help_text='For an annex: "Annex 1".')
    position = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="documents/%Y/%m/", max_length=300)
    media_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="Extracted text, for search.")
    generated = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True, help_text="Withdrawn; kept so open data can report it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["meeting", "kind", "position", "id"]
        indexes = [models.Index(fields=["meeting", "kind"], name="papers_document_meeting_kind")]

    def __str__(self) -> str:
        return f"{self.label + ': ' if self.label else ''}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("papers:document-download", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.deleted_at is None
