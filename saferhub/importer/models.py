"""An import: the files read, the documents found in them, the flags raised, and where every
imported record came from (provenance)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse


class ImportBatch(models.Model):
    """One upload (or one run of ``import_documents``): read, reviewed, then committed or discarded."""

    class Status(models.TextChoices):
        READING = "reading", "Being read"
        REVIEW = "review", "Waiting for review"
        COMMITTED = "committed", "Committed"
        DISCARDED = "discarded", "Discarded"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REVIEW)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    extraction = models.JSONField(default=dict, help_text="Everything read from the files, before committing.")
    summary = models.JSONField(default=dict, blank=True, help_text="What the commit created, matched and skipped.")
    publish = models.BooleanField(default=True, help_text="Whether the imported documents are public.")
    committed_at = models.DateTimeField(null=True, blank=True)
    total_files = models.PositiveIntegerField(default=0, help_text="Files uploaded (for the progress of a batch).")
    files_done = models.PositiveIntegerField(default=0, help_text="Files read so far, well or not.")
    stage = models.CharField(max_length=200, blank=True, help_text="What the background reading is doing now.")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("importer:review", kwargs={"pk": self.pk})


class FileOutcome(models.Model):
    """What became of one uploaded file of a batch read in the background: each file's outcome is kept on its
    own, so one bad file never hides the others. The bytes wait here until the file has been read."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        READ = "read", "Read"
        UNREADABLE = "unreadable", "Could not be read"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    content = models.BinaryField(blank=True)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    message = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "position"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_status_display()}"


class SourceFile(models.Model):
    """An original file exactly as received; kept so that every record can be checked against it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, help_text="text, pdf, html or docx")
    pages = models.PositiveIntegerField(null=True, blank=True)
    line_count = models.PositiveIntegerField(default=0)
    committed = models.BooleanField(default=False)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["batch", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sha256"], condition=Q(committed=True),
                                    name="importer_sourcefile_one_committed_copy"),
        ]

    def __str__(self) -> str:
        return self.name


class SourceDocument(models.Model):
    """A document found inside a file: a front sheet, minutes, a cover report, an annex…"""

    file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=24)
    label = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    line_start = models.PositiveIntegerField()
    line_end = models.PositiveIntegerField()
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    committee = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="source_documents")
    meeting_date = models.DateField(null=True, blank=True)
    item_number = models.CharField(max_length=10, blank=True)
    is_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["file", "position"]

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("importer:document", kwargs={"pk": self.pk})

    def numbered_lines(self) -> list[tuple[int, str]]:
        return list(enumerate(self.text.split("\n"), start=self.line_start))


class Provenance(models.Model):
    """Where a record came from: a document and its line (or page) span."""

    class Role(models.TextChoices):
        CREATED = "created", "Created from this source"
        CONFIRMED = "confirmed", "Also recorded in this source"
        DIFFERS = "differs", "This source differs"

    document = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="provenance")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    line_start = models.PositiveIntegerField()
    line_end = models.PositiveIntegerField()
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.CREATED)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["document", "line_start"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="importer_prov_record")]

    def __str__(self) -> str:
        return f"{self.document} lines {self.line_start}-{self.line_end}"

    @property
    def anchor(self) -> str:
        return f"{self.document.get_absolute_url()}#L{self.line_start}"


class ImportFlag(models.Model):
    """A defect or doubt found while reading: never fixed silently, always with its source location."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted as flagged"
        RESOLVED = "resolved", "Resolved"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="flags")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=40)
    message = models.TextField()
    source = models.CharField(max_length=200)
    severity = models.CharField(max_length=8, default="warning")
    suggestions = models.JSONField(default=list, blank=True)
    ref = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(max_length=200, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "position", "id"]

    def __str__(self) -> str:
        return f"{self.kind} at {self.source}"


class StagedRecord(models.Model):
    """A paper the importer read but whose home app is not yet in SaferHub: forward work programme
    rows and items identified for future meetings, written questions with responses, and
    delegations to report to the parent committee. Kept with its source until it can move."""

    class Kind(models.TextChoices):
        WORK_PROGRAMME = "work_programme", "Forward work programme row"
        FUTURE_ITEM = "future_item", "Item identified for a future meeting"
        PROGRAMME_ADDITION = "programme_addition", "Addition to the work programme"
        WRITTEN_QUESTION = "written_question", "Question requiring a written response"
        DELEGATION = "delegation", "Delegation to report to the parent committee"
        COVER_REPORT = "cover_report", "Cover report"

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="staged")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200, help_text="What makes this record the same in two renderings.")
    committee = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    meeting = models.ForeignKey("governance.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="staged_papers")
    meeting_date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["meeting_date", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="importer_staged_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.text[:60]}"
