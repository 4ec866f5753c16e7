"""Queues the background reading of a stored batch (``signals.batch_queued``), connected in
``ImporterConfig.ready``: ``actions.start_batch`` sends the signal on commit and never imports the task."""

from __future__ import annotations

from saferhub.importer.tasks import read_batch


def queue_batch_reading(sender, *, batch_id: int, **kwargs) -> None:
    read_batch.enqueue(batch_id)
