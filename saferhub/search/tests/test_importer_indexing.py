"""A committed import is indexed: search listens for the importer's ``batch_committed`` signal
(search sits above the importer, so the importer never calls search)."""

from __future__ import annotations

import pytest

from saferhub.core.actors import SystemActor
from saferhub.importer import actions
from saferhub.search.engine import search
from saferhub.search.models import SearchEntry

pytestmark = pytest.mark.django_db
ACTOR = SystemActor("Import of the seed documents")


def _import(files):
    batch = actions.read_files(files, acting_user=ACTOR)
    return actions.commit_batch(batch, acting_user=ACTOR)


def test_imported_papers_are_found_by_search_and_only_public_ones_publicly(seeds):
    # Moved from saferhub/importer/tests/test_commit.py with the importer -> search import.
    _import(seeds)
    kinds = {h.entry.kind for h in search("Domestic Homicide Review", limit=100).hits}
    assert {"work_programme", "cover_report", "written_question"} <= kinds | {
        h.entry.kind for h in search("perpetrator", limit=100).hits}
    hit = next(h for h in search("prolific offender", limit=50).hits if h.entry.kind == "written_question")
    assert hit.entry.record_type == "papers.writtenquestion" and "Response:" in hit.entry.body
    assert any(h.entry.record_type == "papers.futureitem" for h in search("detox", limit=50).hits)
    assert any(h.entry.record_type == "papers.coverreport" for h in search("Community Trigger", limit=100).hits)


def test_the_index_is_written_by_the_receiver_not_by_the_importer(seeds, monkeypatch):
    from saferhub.importer.signals import batch_committed
    from saferhub.search import receivers

    assert batch_committed.disconnect(dispatch_uid="saferhub.search.index_committed_batch")
    try:
        _import(seeds[:1])
        assert not SearchEntry.objects.exists()
    finally:
        receivers.connect()
    _import([("again-" + name, data + b"\n") for name, data in seeds[:1]])
    assert SearchEntry.objects.exists()
