"""Staff pages: upload documents, review what was read and its flags, then commit or discard.

Plus a public page for each imported document, with numbered lines that search results link to.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import can
from saferhub.importer import actions
from saferhub.importer.forms import UploadForm
from saferhub.importer.models import ImportBatch, ImportFlag, SourceDocument
from saferhub.importer.parsing.extract import public_json

MAX_UPLOAD = 25 * 1024 * 1024


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
        for f in form.cleaned_data["files"]:
            if f.size > MAX_UPLOAD:
                form.add_error("files", f"{f.name} is larger than 25 MB.")
                break
            files.append((f.name, f.read()))
        names = [n for n, _ in files]
        if len(set(names)) != len(names):
            form.add_error("files", "Two files have the same name; rename one so that sources can be told apart.")
        if not form.errors:
            try:
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
    flags = list(batch.flags.all())
    summary = public_json(batch.extraction) if batch.extraction else {}
    documents = batch.extraction.get("files", [])
    return render(request, "importer/review.html", {
        "batch": batch, "flags": flags, "meetings": summary.get("meetings", []), "files": documents,
        "open_flags": sum(1 for f in flags if f.status == ImportFlag.Status.OPEN),
        "warnings": [f for f in flags if f.severity != "info"], "notes": [f for f in flags if f.severity == "info"],
        "can_commit": batch.status == ImportBatch.Status.REVIEW, "counts": {
            "work_programme": len(summary.get("work_programme", [])),
            "written_questions": len(summary.get("written_questions", [])),
            "delivery_actions": len(summary.get("delivery_actions", [])),
        }, "nav": "import",
    })


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
        try:
            actions.resolve_flag(flag, choice=choice, acting_user=user)
            changed += 1
        except RuleViolation as exc:
            messages.error(request, f"Flag {flag.position}: {exc.text}")
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
