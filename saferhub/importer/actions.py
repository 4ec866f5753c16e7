"""The importer's writes: read files into a batch, resolve its flags, commit or discard it.

Committing writes the extraction only through the domain actions (``commit.Committer``), in one
transaction: a failure, or the process being killed, leaves nothing half-imported.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor, SystemActor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.importer import rules, signals
from saferhub.importer.errors import ReadError
from saferhub.importer.knowledge import current_knowledge
from saferhub.importer.models import FileOutcome, ImportBatch, ImportFlag, SourceFile
from saferhub.importer.sandbox import extract_in_sandbox
from saferhub.importer.seats import seat_proposals


def _user(actor):
    return None if isinstance(actor, SystemActor) or not getattr(actor, "is_authenticated", False) else actor


def read_files(files: list[tuple[str, bytes]], *, acting_user: Actor, publish: bool = True,
               inline: bool = False) -> ImportBatch:
    """Read ``files`` (name, bytes) in the sandbox and keep them, with what was found, for review.

    A file that cannot be read does not refuse the others (as in a batch read in the background): it is
    recorded as unreadable, with the reason, and the rest are read together. Raises ``RuleViolation``
    (code ``importer.unreadable``) with a clear message only when no file can be read; nothing is saved then.
    """
    require(acting_user, "importer.import_documents")
    if not files:
        raise RuleViolation("Choose at least one file.", code="importer.no_files", field="files")
    knowledge = current_knowledge()
    good, refused = list(files), []
    try:
        extraction = extract_in_sandbox(files, knowledge, inline=inline)
    except ReadError as exc:
        if len(files) == 1:
            raise RuleViolation(str(exc), code="importer.unreadable", field="files") from None
        good, refused, extraction = _read_one_by_one(files, knowledge, inline)
    with transaction.atomic():
        batch = ImportBatch.objects.create(created_by=_user(acting_user), actor_label=str(acting_user)[:200],
                                           extraction=extraction, publish=publish)
        if refused:
            why = dict(refused)
            FileOutcome.objects.bulk_create([
                FileOutcome(batch=batch, position=n, name=name[:255], size=len(data), message=why.get(name, ""),
                            status=FileOutcome.Status.UNREADABLE if name in why else FileOutcome.Status.READ)
                for n, (name, data) in enumerate(files, start=1)])
        _store(batch, good, extraction, refused)
        audit.record("importer.batch.created", actor=acting_user, target=batch,
                     data={"files": [n for n, _ in good], "unreadable": [n for n, _ in refused],
                           "flags": len(extraction["flags"]), "meetings": len(extraction["meetings"])})
    return batch


def _read_one_by_one(files, knowledge, inline):
    """Each file alone, then the readable ones together; refuses (``importer.unreadable``) when none can be read."""
    good, refused = [], []
    for name, data in files:
        try:
            extract_in_sandbox([(name, data)], knowledge, inline=inline)
        except ReadError as exc:
            refused.append((name, str(exc)))
        else:
            good.append((name, data))
    if good:
        try:
            return good, refused, extract_in_sandbox(good, knowledge, inline=inline)
        except ReadError as exc:
            refused += [(name, f"Read alone, but not with the others: {exc}") for name, _ in good]
    raise RuleViolation(" ".join(message for _, message in refused), code="importer.unreadable", field="files")


def _store(batch: ImportBatch, files: list[tuple[str, bytes]], extraction: dict, refused: list[tuple[str, str]]) -> None:
    """Keep the files read and the flags raised; a file that could not be read becomes a flag of its own."""
    info = {f["name"]: f for f in extraction["files"]}
    for name, data in files:
        meta = info[name]
        SourceFile.objects.create(batch=batch, name=name[:255], sha256=meta["sha256"], content=data,
                                  size=len(data), kind=meta["kind"], pages=meta["pages"],
                                  line_count=meta["line_count"])
    flags = [{"kind": "file_unreadable", "message": message, "source": name[:200], "severity": "error"}
             for name, message in refused] + extraction["flags"] + seat_proposals(extraction)
    committees = None
    for flag in flags:
        if flag["kind"] == "committee_missing":
            if committees is None:
                from saferhub.governance.models import Committee

                committees = list(Committee.objects.order_by("name").values_list("name", flat=True)[:30])
            offered = {s["value"] for s in flag.get("suggestions", [])}
            flag["suggestions"] = flag.get("suggestions", []) + [
                {"value": name, "label": name} for name in committees if name not in offered]
    ImportFlag.objects.bulk_create([
        ImportFlag(batch=batch, position=n, kind=f["kind"], message=f["message"], source=f["source"],
                   severity=f["severity"], suggestions=f.get("suggestions", []), ref=f.get("ref", {}))
        for n, f in enumerate(flags, start=1)
    ])


@transaction.atomic
def start_batch(files: list[tuple[str, bytes]], *, acting_user: Actor, publish: bool = True) -> ImportBatch:
    """Keep ``files`` for reading in the background (``tasks.read_batch``), one by one, each in the sandbox:
    the review page shows the progress, and a file that cannot be read is recorded as such without stopping
    the others."""
    require(acting_user, "importer.import_documents")
    if not files:
        raise RuleViolation("Choose at least one file.", code="importer.no_files", field="files")
    batch = ImportBatch.objects.create(created_by=_user(acting_user), actor_label=str(acting_user)[:200],
                                       publish=publish, status=ImportBatch.Status.READING, total_files=len(files),
                                       stage="Waiting to start")
    FileOutcome.objects.bulk_create([FileOutcome(batch=batch, position=n, name=name[:255], content=data,
                                                 size=len(data)) for n, (name, data) in enumerate(files, start=1)])
    audit.record("importer.batch.started", actor=acting_user, target=batch, data={"files": [n for n, _ in files]})
    transaction.on_commit(lambda: signals.batch_queued.send(sender=ImportBatch, batch_id=batch.pk))
    return batch


def read_batch_files(batch: ImportBatch, *, acting_user: Actor, inline: bool = False) -> ImportBatch:
    """Read a batch started by ``start_batch``: each file alone first (its own outcome, its own limits), then the
    files that could be read together (so that meetings and names are merged across documents)."""
    require(acting_user, "importer.import_documents")
    batch = ImportBatch.objects.get(pk=batch.pk)
    if batch.status != ImportBatch.Status.READING:
        return batch
    knowledge = current_knowledge()
    good: list[tuple[str, bytes]] = []
    refused: list[tuple[str, str]] = []
    for outcome in batch.outcomes.order_by("position"):
        data = bytes(outcome.content)
        usage: dict = {}
        try:
            extract_in_sandbox([(outcome.name, data)], knowledge, inline=inline, usage=usage)
        except ReadError as exc:
            outcome.status, outcome.message = FileOutcome.Status.UNREADABLE, str(exc)
            refused.append((outcome.name, str(exc)))
        else:
            outcome.status, outcome.message = FileOutcome.Status.READ, ""
            good.append((outcome.name, data))
        outcome.seconds = usage.get("seconds")
        outcome.save(update_fields=["status", "message", "seconds"])
        ImportBatch.objects.filter(pk=batch.pk).update(files_done=outcome.position,
                                                       stage=f"Read {outcome.name}"[:200])
    ImportBatch.objects.filter(pk=batch.pk).update(stage="Putting the documents together")
    try:
        extraction = extract_in_sandbox(good, knowledge, inline=inline) if good else _empty_extraction()
    except ReadError as exc:  # each file read alone; together they passed a limit (for example the time)
        refused += [(name, f"Read alone, but not with the others: {exc}") for name, _ in good]
        good, extraction = [], _empty_extraction()
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _store(batch, good, extraction, refused)
        batch.extraction = extraction
        batch.status = ImportBatch.Status.REVIEW
        batch.stage = ""
        batch.save(update_fields=["extraction", "status", "stage"])
        batch.outcomes.update(content=b"")
        audit.record("importer.batch.created", actor=acting_user, target=batch,
                     data={"files": [n for n, _ in good], "unreadable": [n for n, _ in refused],
                           "flags": len(extraction["flags"]), "meetings": len(extraction["meetings"])})
    return batch


def _empty_extraction() -> dict:
    return {"files": [], "meetings": [], "work_programme": [], "future_items": [], "written_questions": [],
            "delivery_plans": [], "reports": [], "fwp_additions": [], "flags": [], "people": [], "bodies": [],
            "snapshots": []}


@transaction.atomic
def resolve_flag(flag: ImportFlag, *, choice: str, acting_user: Actor, typed: dict | None = None) -> ImportFlag:
    """Record how staff dealt with a flag: accept it as flagged, pick one of its suggestions, or (``choice="typed"``)
    type the date or committee the documents did not give: ``typed`` holds ``day``, ``month``, ``year`` or
    ``committee``, checked by ``importer.rules``."""
    require(acting_user, "importer.import_documents")
    flag = ImportFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.batch.status != ImportBatch.Status.REVIEW:
        raise RuleViolation("This import has already been committed or discarded.", code="importer.batch_closed")
    values = [s["value"] for s in flag.suggestions]
    if choice == "typed":
        what = rules.TYPED_ANSWERS.get(flag.kind)
        typed = typed or {}
        if what is None:
            raise RuleViolation("This flag's answer cannot be typed: choose one of its options.",
                                code="importer.flag_choice", field="choice")
        if what == "date":
            value = rules.typed_date(typed.get("day"), typed.get("month"), typed.get("year"),
                                     today=timezone.localdate()).isoformat()
        else:
            value = rules.typed_committee(typed.get("committee"))
        flag.status, flag.resolution = ImportFlag.Status.RESOLVED, value
    elif choice == "accept":
        flag.status = ImportFlag.Status.ACCEPTED
        flag.resolution = ""
    elif choice in values and choice:
        flag.status = ImportFlag.Status.RESOLVED
        flag.resolution = choice
    elif choice == "" and "" in values:
        flag.status = ImportFlag.Status.ACCEPTED
        flag.resolution = ""
    else:
        raise RuleViolation("Choose one of the options for this flag.", code="importer.flag_choice", field="choice")
    flag.resolved_by = _user(acting_user)
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    audit.record("importer.flag.resolved", actor=acting_user, target=flag.batch,
                 data={"flag": flag.pk, "kind": flag.kind, "status": flag.status, "resolution": flag.resolution})
    return flag


@transaction.atomic
def commit_batch(batch: ImportBatch, *, acting_user: Actor) -> ImportBatch:
    """Write the batch's records through the domain actions, in this one transaction."""
    require(acting_user, "importer.import_documents")
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.REVIEW:
        raise RuleViolation("This import has already been committed or discarded.", code="importer.batch_closed")
    from saferhub.importer.commit import Committer

    batch.extraction = apply_choices(batch.extraction, list(batch.flags.all()))

    # The staff member may commit the import (checked above); the records themselves are written by
    # the importer's system actor, named after the import and the person committing it, so that a
    # committee officer can import the history of a committee they do not (yet) support.
    writer = acting_user if isinstance(acting_user, SystemActor) else SystemActor(
        f"Import {batch.pk} committed by {acting_user.get_full_name() or acting_user.get_username()}")
    summary = Committer(batch, writer).run()
    batch.status = ImportBatch.Status.COMMITTED
    batch.committed_at = timezone.now()
    batch.summary = summary
    batch.save(update_fields=["status", "committed_at", "summary"])
    audit.record("importer.batch.committed", actor=acting_user, target=batch, data=summary)
    return batch


def apply_choices(extraction: dict, flags: list[ImportFlag]) -> dict:
    """What the officer chose on the review page for what the documents did not say: the date of minutes whose
    date could not be read (they join the meetings), the committee of a meeting that names none. A meeting still
    without a committee is left out (its flag says so)."""
    if not extraction.get("meetings") and not extraction.get("pending_meetings"):
        return extraction
    extraction = dict(extraction)
    meetings = list(extraction.get("meetings", []))
    pending = extraction.get("pending_meetings", [])
    chosen_committee = {}
    for flag in flags:
        if flag.status != ImportFlag.Status.RESOLVED or not flag.resolution:
            continue
        if flag.kind == "meeting_date_missing" and flag.ref.get("pending") is not None \
                and flag.ref["pending"] < len(pending):
            m = {**pending[flag.ref["pending"]], "date": flag.resolution, "precision": "day", "evidence": [],
                 "agenda": None, "minutes": [pending[flag.ref["pending"]]["source"]]}
            m.setdefault("livestream", "")
            m.setdefault("rescheduled_to", None)
            if not m.get("committee"):
                named = [x["committee"] for x in meetings if x["committee"]]
                m["committee"] = named[0] if named else ""
            meetings.append(m)
        elif flag.kind == "committee_missing" and flag.ref.get("meeting"):
            chosen_committee[flag.ref["meeting"]] = flag.resolution
        elif flag.kind == "meeting_corrected":
            corrected = next((x for x in meetings if f"{x['committee']}|{x['date']}" == flag.ref.get("meeting")), None)
            if corrected is not None:
                meetings[meetings.index(corrected)] = {**corrected, "committee": flag.ref["committee"],
                                                       "date": flag.ref["date"], "precision": "day"}
    for m in meetings:
        if not m["committee"] and m["date"] in chosen_committee:
            m["committee"] = chosen_committee[m["date"]]
    extraction["meetings"] = sorted((m for m in meetings if m["committee"]), key=lambda m: (m["date"], m["committee"]))
    return extraction


@transaction.atomic
def correct_meeting(batch: ImportBatch, *, meeting: str, acting_user: Actor, date: dt.date | None = None,
                    committee: str = "") -> ImportFlag:
    """Correct the date or committee of a meeting as read (``meeting`` is "committee|date", as on the review page)
    where the document's own are wrong; the correction is a resolved flag of the batch (who, when, from what to
    what) and applies on commit. Values are checked as typed ones are (``importer.rules``)."""
    require(acting_user, "importer.import_documents")
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.REVIEW:
        raise RuleViolation("This import has already been committed or discarded.", code="importer.batch_closed")
    found = {f"{m['committee']}|{m['date']}": m for m in batch.extraction.get("meetings") or []}
    if meeting not in found:
        raise RuleViolation("Choose a meeting found in the documents.", code="importer.meeting_choice", field="meeting")
    old_committee, _, old_date = meeting.partition("|")
    committee = rules.typed_committee(committee) if committee.strip() else old_committee
    if date is not None and date > timezone.localdate():
        raise RuleViolation("The meeting date cannot be in the future: minutes record a meeting that has been held.",
                            code="importer.typed_date_future", field="date")
    new_date = date.isoformat() if date else old_date
    if (committee, new_date) == (old_committee, old_date):
        raise RuleViolation("Enter a different date or committee for the meeting.", code="importer.no_change",
                            field="date")
    if f"{committee}|{new_date}" in found:
        raise RuleViolation("Another meeting found in the documents has that committee and date.",
                            code="importer.meeting_exists", field="date")
    position = (batch.flags.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    flag = ImportFlag.objects.create(
        batch=batch, position=position, kind="meeting_corrected", severity="info", source=found[meeting]["source"]
        and f"{found[meeting]['source']['path']}:{found[meeting]['source']['lines'][0]}" or "",
        message=f"The meeting read as {old_committee} on {old_date} is recorded as {committee} on {new_date}, as "
                "the officer entered it.", ref={"meeting": meeting, "committee": committee, "date": new_date},
        status=ImportFlag.Status.RESOLVED, resolution=f"{committee}|{new_date}", resolved_by=_user(acting_user),
        resolved_at=timezone.now())
    audit.record("importer.meeting.corrected", actor=acting_user, target=batch,
                 data={"meeting": meeting, "committee": committee, "date": new_date})
    return flag


@transaction.atomic
def discard_batch(batch: ImportBatch, *, acting_user: Actor) -> ImportBatch:
    """Throw away an import that was read but not committed (its files are deleted)."""
    require(acting_user, "importer.import_documents")
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.REVIEW:
        raise RuleViolation("Only an import waiting for review can be discarded.", code="importer.batch_closed")
    batch.files.all().delete()
    batch.status = ImportBatch.Status.DISCARDED
    batch.save(update_fields=["status"])
    audit.record("importer.batch.discarded", actor=acting_user, target=batch)
    return batch
