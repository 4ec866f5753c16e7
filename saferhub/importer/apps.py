from django.apps import AppConfig


class ImporterConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "saferhub.importer"
    verbose_name = "Document import"

    def ready(self) -> None:
        from saferhub.core import audit
        from saferhub.importer import policies, receivers, signals  # noqa: F401  (policies registers permissions)

        signals.batch_queued.connect(receivers.queue_batch_reading, dispatch_uid="saferhub.importer.read_batch")

        audit.register_codes("importer", [
            ("importer.batch.created", "Read documents for import", "Read documents for import"),
            ("importer.batch.started", "Started reading documents for import in the background",
             "Started reading documents for import in the background"),
            ("importer.batch.committed", "Commit import", "Committed import"),
            ("importer.batch.discarded", "Discard import", "Discarded import"),
            ("importer.flag.resolved", "Resolve import flag", "Resolved import flag"),
            ("importer.record.staged", "Stage imported record", "Staged imported record"),
            ("importer.meeting.corrected", "Correct an imported meeting's date or committee",
             "Corrected an imported meeting's date or committee"),
        ])
