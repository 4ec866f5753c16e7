"""The search index: one row per searchable document or record, with its stemmed text.

The full-text index itself is engine-specific and made by the migration: an FTS5 virtual table
(``search_fts``) on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL. Both index the
same stems (computed in Python), so both engines match the same rows.
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        COVER_REPORT = "cover_report", "Cover report"
        MINUTES = "minutes", "Minutes"
        DECISION = "decision", "Decision"
        RECOMMENDATION = "recommendation", "Recommendation"
        MINUTE_ITEM = "minute_item", "Minute item"
        WORK_PROGRAMME = "work_programme", "Work programme item"
        WRITTEN_QUESTION = "written_question", "Written question"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    body = models.TextField()
    title_stems = models.TextField()
    body_stems = models.TextField()
    url = models.CharField(max_length=300)
    committee = models.ForeignKey("governance.Committee", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="+")
    date = models.DateField(null=True, blank=True)
    is_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id"], name="search_entry_unique_record"),
        ]
        indexes = [models.Index(fields=["date", "id"], name="search_entry_date")]

    def __str__(self) -> str:
        return self.title
