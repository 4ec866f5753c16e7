"""Staff pages: upload documents, review what was read and its flags, then commit or discard.

Plus a public page for each imported document, with numbered lines that search results link to.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import can
from saferhub.importer import actions, rules
from saferhub.importer.forms import UploadForm
from saferhub.importer.models import ImportBatch, ImportFlag, SourceDocument
from saferhub.importer.parsing.extract import public_json

MAX_UPLOAD = 25 * 1024 * 1024
MAX_FILES = 200
NOT_UNDERSTOOD = {"not_understood", "file_unreadable", "unreadable_minutes"}
#: More files than this are read in the background (``tasks.read_batch``), with a progress bar on the review page.
BACKGROUND_FROM = 10


def _staff(request):
    if not can(request.user, "importer.import_documents"):
        raise PermissionDenied
    return request.user


@login_required
def upload(request):
    user = _staff(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = []
        if len(form.cleaned_data["files"]) > MAX_FILES:
            form.add_error("files", f"Choose at most {MAX_FILES} files at a time.")
        for f in form.cleaned_data["files"][:MAX_FILES]:
            if f.size > MAX_UPLOAD:
                form.add_error("files", f"{f.name} is larger than 25 MB.")
                break
            files.append((f.name, f.read()))
        names = [n for n, _ in files]
        if len(set(names)) != len(names):
            form.add_error("files", "Two files have the same name; rename one so that sources can be told apart.")
        if not form.errors:
            try:
                if len(files) > BACKGROUND_FROM:
                    batch = actions.start_batch(files, acting_user=user, publish=form.cleaned_data["publish"])
                else:
                    batch = actions.read_files(files, acting_user=user, publish=form.cleaned_data["publish"])
            except RuleViolation as exc:
                form.add_rule_violation(exc)
            else:
                return redirect(batch)
    batches = ImportBatch.objects.annotate(file_count=Count("files", distinct=True),
                                           flag_count=Count("flags", distinct=True))[:20]
    return render(request, "importer/upload.html", {"form": form, "batches": batches, "nav": "import"})


@login_required
def review(request, pk):
    _staff(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    outcomes = list(batch.outcomes.defer("content"))
    if batch.status == ImportBatch.Status.READING:
        percent = round(100 * batch.files_done / batch.total_files) if batch.total_files else 0
        return render(request, "importer/reading.html", {"batch": batch, "outcomes": outcomes, "percent": percent,
                                                         "nav": "import"})
    flags = list(batch.flags.all())
    summary = public_json(batch.extraction) if batch.extraction.get("meetings") is not None else {}
    _where_and_when(summary.get("meetings", []), batch.extraction.get("meetings") or [])
    documents = batch.extraction.get("files", [])
    return render(request, "importer/review.html", {
        "batch": batch, "flags": flags, "meetings": summary.get("meetings", []), "files": documents,
        "outcomes": outcomes, "not_understood": [f for f in flags if f.kind in NOT_UNDERSTOOD],
        "open_flags": sum(1 for f in flags if f.status == ImportFlag.Status.OPEN),
        "warnings": [f for f in flags if f.severity != "info"], "notes": [f for f in flags if f.severity == "info"],
        "can_commit": batch.status == ImportBatch.Status.REVIEW, "typed_kinds": rules.TYPED_ANSWERS,
        "date_parts": [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)], "counts": {
            "work_programme": len(summary.get("work_programme", [])),
            "written_questions": len(summary.get("written_questions", [])),
            "delivery_actions": len(summary.get("delivery_actions", [])),
        }, "nav": "import",
    })


def _where_and_when(rows: list[dict], meetings: list[dict]) -> None:
    """The venue, start and end times and whether the meeting was remote, as read, beside each meeting found."""
    read = {(m.get("committee"), str(m.get("date"))): m for m in meetings}
    for row in rows:
        m = read.get((row["committee"], str(row["date"])), {})
        row["venue"] = m.get("venue") or ""
        row["remote"] = bool(m.get("remote"))
        row["start"] = str(m.get("time") or "")[:5]
        row["end"] = str(m.get("finished") or "")[:5]
        row["key"] = f"{row['committee']}|{row['date']}"


@login_required
def progress(request, pk):
    """The progress of a batch read in the background, for a script that updates the bar without reloading."""
    _staff(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    return JsonResponse({"status": batch.status, "files_done": batch.files_done, "total_files": batch.total_files,
                         "stage": batch.stage})


@login_required
@require_POST
def resolve(request, pk):
    user = _staff(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    changed = 0
    for flag in batch.flags.all():
        choice = request.POST.get(f"flag-{flag.pk}")
        if choice is None:
            continue
        typed = {k: request.POST.get(f"flag-{flag.pk}-{k}", "")[:200] for k in ("day", "month", "year", "committee")}
        try:
            actions.resolve_flag(flag, choice=choice, acting_user=user, typed=typed)
            changed += 1
        except RuleViolation as exc:
            messages.error(request, f"Flag {flag.position}: {exc.text}")
    meeting = request.POST.get("correct-meeting", "")[:400]
    if meeting:
        try:
            parts = [request.POST.get(f"correct-{k}", "")[:10] for k in ("day", "month", "year")]
            date = (rules.typed_date(*parts, today=timezone.localdate()) if any(p.strip() for p in parts) else None)
            actions.correct_meeting(batch, meeting=meeting, date=date,
                                    committee=request.POST.get("correct-committee", "")[:300], acting_user=user)
            changed += 1
        except RuleViolation as exc:
            messages.error(request, f"Correcting the meeting: {exc.text}")
    messages.success(request, f"{changed} flag{'s' if changed != 1 else ''} updated.")
    return redirect(batch)


@login_required
@require_POST
def commit(request, pk):
    user = _staff(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        actions.commit_batch(batch, acting_user=user)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, "The import was committed.")
    return redirect(batch)


@login_required
@require_POST
def discard(request, pk):
    user = _staff(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        actions.discard_batch(batch, acting_user=user)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, "The import was discarded.")
    return redirect("importer:upload")


def document(request, pk):
    doc = get_object_or_404(SourceDocument.objects.select_related("file", "meeting", "committee"), pk=pk)
    if not doc.is_public and not can(request.user, "importer.import_documents"):
        raise Http404
    if not doc.file.committed and not can(request.user, "importer.import_documents"):
        raise Http404
    return render(request, "importer/document.html", {"doc": doc, "lines": doc.numbered_lines(), "nav": "search"})
