"""Returns' pages: the list, a return's dashboard, entry by form and by CSV, a submission, the export."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from saferhub.core.charts import line_chart
from saferhub.core.exceptions import ActionPermissionDenied, RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.params import parse_id
from saferhub.core.permissions import can
from saferhub.returns import actions, csvio, queries
from saferhub.returns.forms import (
    CompleteExerciseForm,
    ConfirmForm,
    ExerciseForm,
    FiguresForm,
    RatingForm,
    UploadForm,
)
from saferhub.returns.models import Benchmark, BenchmarkExercise, ReturnDefinition, Submission


def _definition(request, slug: str, perm: str = "returns.view_return") -> ReturnDefinition:
    definition = get_object_or_404(queries.definitions(), slug=slug)
    if not can(request.user, perm, definition):
        raise Http404
    return definition


@login_required
def index(request):
    visible = queries.visible_definitions(request.user)
    if not (can(request.user, "returns.view_return") or visible):
        raise Http404
    return render(request, "returns/index.html", {"definitions": visible,
                                                  "can_enter": can(request.user, "returns.enter"),
                                                  "can_prevent": can(request.user, "returns.view_return"),
                                                  "can_channel": can(request.user, "returns.view_channel_summary")})


@login_required
def dashboard(request, slug):
    definition = _definition(request, slug)
    submissions = list(queries.submissions_for(request.user, definition))
    geographies = [g for g in definition.geographies if any(s.geography == g for s in submissions)]
    geography = request.GET.get("geography") if request.GET.get("geography") in geographies else (
        geographies[0] if geographies else "")
    charts = [(s, _trend(s, geography, i)) for i, s in enumerate(queries.series(definition, submissions, geography))]
    by_id = {s.pk: s for s in submissions}
    a, b = by_id.get(parse_id(request.GET.get("a"))), by_id.get(parse_id(request.GET.get("b")))
    compare = queries.comparison(definition, a, b) if a and b else None
    return render(request, "returns/dashboard.html", {
        "definition": definition, "submissions": submissions, "charts": charts, "geography": geography,
        "geographies": geographies, "compare": compare, "a": a, "b": b,
        "can_enter": can(request.user, "returns.enter", definition)})


def _trend(series, geography: str, index: int):
    """The series as a line (core.charts); a period with no figure is left out of the line and shown as
    "no figure" in the table beside it."""
    given = [(label, value) for label, value in series.points if value is not None]
    described = "; ".join(f"{label}: {value.normalize():f}" for label, value in given) or "No figures yet"
    return line_chart(given, title=f"{series.label}, {geography}", description=described, ident=f"chart-{index}")


@login_required
def export(request, slug):
    definition = _definition(request, slug)
    submissions = list(queries.submissions_for(request.user, definition))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{definition.slug}.csv"'
    writer = csv.writer(response)
    for row in csvio.export_rows(definition, submissions):
        writer.writerow(row)
    return response


@login_required
def export_xlsx(request, slug):
    """The same rows as the CSV export, as a workbook (text cells keep the formula guard: openpyxl would
    otherwise store a cell starting with = as a formula)."""
    from openpyxl import Workbook

    definition = _definition(request, slug)
    submissions = list(queries.submissions_for(request.user, definition))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(definition.slug[:31])
    for row in csvio.export_rows(definition, submissions):
        sheet.append(row)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{definition.slug}.xlsx"'
    book.save(response)
    return response


def _submission(request, pk) -> Submission:
    try:
        return queries.submission_for(request.user, pk)
    except Submission.DoesNotExist:
        raise Http404 from None


@login_required
def submission(request, pk):
    sub = _submission(request, pk)
    return render(request, "returns/submission.html", {
        "submission": sub, "definition": sub.definition, "figures": list(sub.figures.all()),
        "flags": list(sub.flags.all()), "can_enter": can(request.user, "returns.enter_submission", sub)})


@login_required
@require_POST
def submit(request, pk):
    sub = _submission(request, pk)
    if not can(request.user, "returns.enter_submission", sub):
        raise Http404
    try:
        actions.submit_submission(acting_user=request.user, submission=sub)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, "Return submitted. Its figures are now locked.")
    return redirect("returns:submission", pk=sub.pk)


@login_required
def enter(request, slug):
    definition = _definition(request, slug, "returns.enter")
    form = FiguresForm(definition, request.POST or None, prefix="fig",
                       geographies=queries.geographies_for(request.user, definition))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sub = actions.save_submission(acting_user=request.user, definition=definition,
                                          period_start=data["period_start"], period_end=data["period_end"],
                                          geography=data["geography"], values=form.values(),
                                          flag_reason=data["flag_reason"], note=data["note"])
        except (RuleViolation, ActionPermissionDenied) as exc:
            if isinstance(exc, ActionPermissionDenied):
                raise Http404 from exc
            form.add_rule_violation(exc)
        else:
            messages.success(request, "Figures saved as a flagged draft." if sub.status == "flagged"
                             else "Figures saved as a draft.")
            return redirect("returns:submission", pk=sub.pk)
    return render(request, "returns/enter.html", {"definition": definition, "form": form})


@login_required
def upload(request, slug):
    """Upload a CSV: a preview with each row's errors and flags; nothing is saved until confirmed,
    and then every row is saved or none (``actions.import_submissions``)."""
    definition = _definition(request, slug, "returns.enter")
    form, rows, text, problem = UploadForm(), None, "", ""
    if request.method == "POST":
        confirming = "confirm" in request.POST
        if confirming:
            confirm = ConfirmForm(request.POST)
            text = confirm.cleaned_data["csv_text"] if confirm.is_valid() else ""
        else:
            form = UploadForm(request.POST, request.FILES)
            text = form.cleaned_data["file"] if form.is_valid() else ""
        if text:
            try:
                rows = csvio.read_upload(definition, text)
            except csvio.UploadError as exc:
                problem = str(exc)
        if rows and confirming and not any(r.errors for r in rows):
            try:
                saved = actions.import_submissions(acting_user=request.user, definition=definition, rows=rows)
            except RuleViolation as exc:
                problem = exc.text
            except actions.NotYourSubmission:
                problem = ("A row is for a period and area whose figures are another organisation's. "
                           "Nothing was saved.")
            else:
                messages.success(request, f"Saved {len(saved)} submissions from the file.")
                return redirect("returns:dashboard", slug=definition.slug)
    return render(request, "returns/upload.html", {
        "definition": definition, "form": form, "rows": rows, "csv_text": text, "problem": problem,
        "has_errors": bool(rows) and any(r.errors for r in rows),
        "columns": csvio.FIXED + tuple(_columns(definition))})


def _columns(definition):
    for field in definition.fields.all():
        if field.kind == "breakdown":
            yield from (f"{field.key}:{c}" for c in field.categories)
        elif field.kind != "text":
            yield field.key


# -- Prevent Duty benchmarks ----------------------------------------------------------------------------

@login_required
def prevent(request):
    """The benchmark tracker: each benchmark's rating in each exercise (completed ones for councillors)."""
    if not can(request.user, "returns.view_return"):
        raise Http404
    staff = can(request.user, "returns.enter")
    tracker = queries.prevent_tracker(include_open=staff)
    form = ExerciseForm(request.POST or None)
    partnership = tracker[0]["partnership"] if tracker else None
    if request.method == "POST" and staff and partnership is not None and form.is_valid():
        try:
            exercise = actions.open_exercise(partnership=partnership, acting_user=request.user, **form.cleaned_data)
        except RuleViolation as exc:
            form.add_rule_violation(exc)
        else:
            messages.success(request, f"“{exercise.name}” is open: rate each benchmark.")
            return redirect("returns:exercise", pk=exercise.pk)
    return render(request, "returns/prevent.html", {"tracker": tracker, "staff": staff, "form": form})


@login_required
def exercise(request, pk):
    """One exercise: each benchmark's rating, evidence, owner and actions; rating and completing while open."""
    ex = get_object_or_404(BenchmarkExercise.objects.select_related("partnership"), pk=pk)
    staff = can(request.user, "returns.enter")
    if not can(request.user, "returns.view_return") or not (staff or ex.is_complete):
        raise Http404
    benchmarks = list(Benchmark.objects.filter(partnership=ex.partnership_id))
    ratings = {r.benchmark_id: r for r in ex.ratings.select_related("owner", "recorded_by")}
    organisations = list(Organisation.objects.order_by("name"))
    forms_by_id = {b.pk: RatingForm(scale=ex.scale, organisations=organisations, prefix=f"b{b.pk}",
                                    initial=_rating_initial(ratings.get(b.pk))) for b in benchmarks}
    complete = CompleteExerciseForm(prefix="complete")
    if request.method == "POST" and staff:
        if "complete" in request.POST:
            complete = CompleteExerciseForm(request.POST, prefix="complete")
            if complete.is_valid():
                try:
                    actions.complete_exercise(ex, acting_user=request.user, **complete.cleaned_data)
                except RuleViolation as exc:
                    complete.add_rule_violation(exc)
                else:
                    messages.success(request, f"“{ex.name}” is complete.")
                    return redirect("returns:exercise", pk=ex.pk)
        else:
            benchmark = next((b for b in benchmarks if b.pk == parse_id(request.POST.get("benchmark"))), None)
            if benchmark is None:
                raise Http404
            form = forms_by_id[benchmark.pk] = RatingForm(request.POST, scale=ex.scale, organisations=organisations,
                                                          prefix=f"b{benchmark.pk}")
            if form.is_valid():
                data = dict(form.cleaned_data)
                data["owner"] = next((o for o in organisations if o.pk == data["owner"]), None)
                try:
                    actions.rate_benchmark(ex, benchmark, acting_user=request.user, **data)
                except RuleViolation as exc:
                    form.add_rule_violation(exc)
                else:
                    messages.success(request, f"Benchmark {benchmark.number} rated.")
                    return redirect("returns:exercise", pk=ex.pk)
    rows = [{"benchmark": b, "rating": ratings.get(b.pk), "form": forms_by_id[b.pk]} for b in benchmarks]
    return render(request, "returns/exercise.html", {
        "exercise": ex, "rows": rows, "staff": staff and not ex.is_complete, "complete_form": complete,
        "forms_with_errors": [f for f in [complete, *forms_by_id.values()] if f.errors]})


def _rating_initial(rating) -> dict:
    if rating is None:
        return {}
    return {"rating": rating.rating, "evidence": rating.evidence, "review_on": rating.review_on, "owner": rating.owner_id,
            "plan_actions": ", ".join(rating.plan_actions)}
