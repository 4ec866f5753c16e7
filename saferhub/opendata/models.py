"""What open data needs besides the other apps' models: tombstones for deleted objects.

OParl 1.1 (section "Gelöschte Objekte") says a deleted object must stay at its URL with
``"deleted": true``, its ``id``, ``type`` and ``created``, and ``modified`` set to when it was
deleted, so that clients syncing with ``modified_since`` learn about the deletion. Rows here are
written by ``post_delete`` receivers (see ``receivers.py``); objects withdrawn by soft delete
(documents and reports with ``deleted_at``) are reported from their own rows instead.
"""

from __future__ import annotations

from django.db import models


class OParlTombstone(models.Model):
    """A deleted object that OParl keeps reporting as ``{"deleted": true}``."""

    object_type = models.CharField(max_length=20, help_text="OParl type: Meeting, Person, Organization…")
    object_id = models.CharField(max_length=40, help_text="The id in the OParl URL: 12, c3 or o7.")
    created = models.DateTimeField(null=True, blank=True, help_text="When the object was created, if known.")
    deleted_at = models.DateTimeField(db_index=True)
    required = models.JSONField(
        default=dict, blank=True,
        help_text="Fields the OParl schema requires even of a deleted object: order (AgendaItem), accessUrl (File).",
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="opendata_tombstone_unique_object"),
        ]
        indexes = [models.Index(fields=["object_type", "id"], name="opendata_tombstone_type")]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} deleted {self.deleted_at:%Y-%m-%d}"
