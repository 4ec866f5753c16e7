"""The committer's own bookkeeping: flags, savepoints, provenance and the record of differences.

Every write of an import runs in :meth:`CommitterBase.attempt` (one savepoint) or through
:meth:`CommitterBase.bulk`; a rule it breaks becomes a ``not_recorded`` flag with its source
location. Provenance rows and flags are collected and written in bulk at the end of the run.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.importer.models import ImportFlag, Provenance, SourceDocument
from saferhub.importer.parsing.text import fold


def _d(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value


def _t(value) -> dt.time | None:
    return dt.time.fromisoformat(value) if isinstance(value, str) and value else value


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))



def _src(text: str) -> dict:
    path, _, span = text.rpartition(":")
    a, _, b = span.partition("-")
    return {"path": path, "lines": [int(a), int(b or a)]}



class CommitterBase:
    def __init__(self, batch, actor):
        self.batch = batch
        self.actor = actor
        self.x = batch.extraction
        self.summary = {"meetings_created": 0, "meetings_matched": 0, "attendance": 0, "decisions": 0,
                        "declarations": 0, "people_created": 0, "staged": 0, "delivery_actions": 0,
                        "documents": 0, "files_unchanged": [], "not_recorded": 0, "differences": 0, "papers": 0}
        self.now = timezone.now()
        self.flag_position = batch.flags.count()
        self.docs: dict[tuple[str, int], SourceDocument] = {}
        self.people: dict[str, Person] = {}
        self.orgs: dict[str, Organisation] = {}
        self.resolutions = {f.ref.get("name") or f.source: f for f in batch.flags.all()}
        self.new_files: set[str] = set()
        self._prov: list[Provenance] = []
        self._prov_keys: set[tuple] = set()
        self._all_orgs: list[Organisation] | None = None
        self._flags: list[ImportFlag] = []

        self.by_date: dict[str, object] = {}  # ISO date -> Meeting, filled as meetings are written
        self.pending_reschedule: list[tuple] = []

    # -- helpers ----------------------------------------------------------------------------
    def flag(self, kind: str, message: str, source: str, severity: str = "warning") -> None:
        self.flag_position += 1
        self._flags.append(ImportFlag(batch=self.batch, position=self.flag_position, kind=kind, message=message,
                                      source=source[:200], severity=severity))

    def flush_flags(self) -> None:
        ImportFlag.objects.bulk_create(self._flags, batch_size=500)
        self._flags = []

    def bulk(self, action, target, rows: list[dict], labels: list[tuple[str, str]], **kwargs):
        """Run a bulk action with its refusals collected: a refused row becomes a ``not_recorded``
        flag (as a refused single write does), the others are recorded. ``labels`` are
        (what, source) per row. Returns the records (``None`` where refused)."""
        outcome = None
        with self.attempt(labels[0][0] if len(rows) == 1 else "The records of " + str(target),
                          labels[0][1] if labels else ""):
            outcome = action(target, rows=rows, acting_user=self.actor, collect_refusals=True, **kwargs)
        if outcome is None:
            return [None] * len(rows)
        for index, exc in sorted(outcome.refused.items()):
            self.summary["not_recorded"] += 1
            what, source = labels[index]
            self.flag("not_recorded", f"{what} was not recorded: {exc.text}", source)
        return outcome.records

    @contextmanager
    def attempt(self, what: str, source: str):
        """Run one write in a savepoint; a rule it breaks becomes a flag, not a failed import."""
        try:
            with transaction.atomic():
                yield
        except RuleViolation as exc:
            self.summary["not_recorded"] += 1
            self.flag("not_recorded", f"{what} was not recorded: {exc.text}", source)

    def doc_for(self, path: str, line: int) -> SourceDocument | None:
        candidates = [d for (p, _), d in self.docs.items() if p == path and d.line_start <= line <= d.line_end]
        return candidates[0] if candidates else None

    def provenance(self, record, source, role: str = Provenance.Role.CREATED, note: str = "") -> None:
        if record is None or not source:
            return
        if isinstance(source, dict):
            path, lines = source["path"], source["lines"]
        else:
            path, _, span = str(source).rpartition(":")
            a, _, b = span.partition("-")
            if not a.isdigit():
                return
            lines = [int(a), int(b or a)]
        if path not in self.new_files:
            role = Provenance.Role.CONFIRMED if role == Provenance.Role.CREATED else role
        doc = self.doc_for(path, lines[0])
        if doc is None:
            return
        key = (doc.pk, type(record), str(record.pk), lines[0], lines[1])
        if key in self._prov_keys:
            return
        self._prov_keys.add(key)
        self._prov.append(Provenance(document=doc, content_type=ContentType.objects.get_for_model(record),
                                     object_id=str(record.pk), line_start=lines[0], line_end=lines[1],
                                     page_start=doc.page_start, page_end=doc.page_end, role=role, note=note[:300]))

    def flush_provenance(self) -> None:
        Provenance.objects.bulk_create(self._prov, batch_size=500)
        self._prov = []

    def differs(self, what: str, source, role_record) -> None:
        self.summary["differences"] += 1
        where = source if isinstance(source, str) else f"{source['path']}:{source['lines'][0]}"
        self.flag("differs_from_database", f"{what}; SaferHub keeps what it had.", where, "info")
        self.provenance(role_record, source, Provenance.Role.DIFFERS)
