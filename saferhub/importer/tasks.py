"""Background reading of a large batch of documents, run by the django-tasks worker (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from saferhub.core.actors import SystemActor


@task()
def read_batch(batch_id: int) -> str:
    """Read the files of a batch started with ``actions.start_batch``; the review page follows its progress."""
    from saferhub.importer.actions import read_batch_files
    from saferhub.importer.models import ImportBatch

    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None or batch.status != ImportBatch.Status.READING:
        return "nothing to read"
    batch = read_batch_files(batch, acting_user=SystemActor(f"Reading import {batch_id}"))
    return f"{batch.files.count()} read, {batch.outcomes.filter(status='unreadable').count()} unreadable"
