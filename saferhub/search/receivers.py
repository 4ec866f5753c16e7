"""Keep the index up to date with what other apps announce.

Search sits above the importer (it reads the importer's source documents and provenance), so the
importer announces a committed import with a signal and search indexes it here, in the same
transaction, rather than the importer calling search.
"""

from __future__ import annotations


def index_committed_batch(sender, batch, **kwargs) -> None:
    from saferhub.search.indexing import index_batch

    index_batch(batch)


def connect() -> None:
    from saferhub.importer.signals import batch_committed

    batch_committed.connect(index_committed_batch, dispatch_uid="saferhub.search.index_committed_batch")
