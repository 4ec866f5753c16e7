"""Signals sent by the importer, inside the commit's transaction, for the apps above it.

``batch_committed`` is sent when an import's records have been written (before the batch is
marked committed, in the same transaction), so that search can index the documents and records
it created or confirmed. ``batch_queued`` is sent after a background batch is stored; the importer's own
receiver queues the task that reads it, so the action does not import the task that calls it back. Search imports the importer, never the other way round: the importer
writes through the domain actions and does not know who reads its results.
"""

from django.dispatch import Signal

batch_committed = Signal()  # kwargs: batch (an ImportBatch)
batch_queued = Signal()  # kwargs: batch_id; sent after commit, to read the batch in the background
