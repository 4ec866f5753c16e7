"""Reads for the returns' pages, API and exports (constant queries per page)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from saferhub.core.permissions import can
from saferhub.returns import policies, rules
from saferhub.returns.models import (
    Benchmark,
    BenchmarkExercise,
    BenchmarkRating,
    Figure,
    ReturnDefinition,
    Submission,
    SubmissionStatus,
)


def definitions() -> QuerySet[ReturnDefinition]:
    return ReturnDefinition.objects.prefetch_related("fields", "rules", "contributors__organisation")


def visible_definitions(user) -> list[ReturnDefinition]:
    """The returns ``user`` may see (a contributor sees only the returns naming their organisation)."""
    return [d for d in definitions() if can(user, "returns.view_return", d)]


def submissions_for(user, definition: ReturnDefinition) -> QuerySet[Submission]:
    """The submissions ``user`` may see: all of them for the Partnership's officers; a contributor's own
    organisation's (drafts included) for its staff; submitted ones for councillors; none for anyone else."""
    qs = (Submission.objects.filter(definition=definition).select_related("organisation")
          .prefetch_related(Prefetch("figures", queryset=Figure.objects.select_related("field")), "flags")
          .order_by("period_start", "geography"))
    if can(user, "returns.view_all_submissions", definition):
        return qs
    seen = Q(pk__in=[])
    if can(user, "returns.view_submitted", definition):
        seen |= Q(status=SubmissionStatus.SUBMITTED)
    org_id = policies.contributor_organisation_id(user)
    if org_id is not None:
        geographies = [c.geography for c in definition.contributors.all() if c.organisation_id == org_id]
        if "" in geographies:
            seen |= Q(organisation_id=org_id)
        elif geographies:
            seen |= Q(organisation_id=org_id, geography__in=geographies)
    return qs.filter(seen)


def submission_for(user, pk: int) -> Submission:
    """One submission ``user`` may see, or ``Submission.DoesNotExist`` (answered 404, like a missing one)."""
    sub = (Submission.objects.select_related("definition", "submitted_by", "organisation")
           .prefetch_related("figures__field", "flags", "definition__contributors").filter(pk=pk).first())
    if sub is None or not can(user, "returns.view_submission", sub):
        raise Submission.DoesNotExist
    return sub


def geographies_for(user, definition: ReturnDefinition) -> list[str]:
    """The geographies ``user`` may enter figures for: every one for the Partnership's officers, those their
    organisation contributes for otherwise."""
    if can(user, "returns.view_all_submissions", definition):
        return list(definition.geographies)
    org_id = policies.contributor_organisation_id(user)
    return [g for g in definition.geographies if org_id in policies.contributor_ids(definition, g)]


def figures_of(submission: Submission) -> dict[tuple[str, str], Figure]:
    return {(f.field.key, f.category): f for f in submission.figures.all()}


@dataclass
class Series:
    key: str
    label: str
    points: list[tuple[str, Decimal | None]]


def series(definition: ReturnDefinition, submissions: list[Submission], geography: str) -> list[Series]:
    """One series per count or percentage field and per breakdown category, over the periods of one geography."""
    subs = [s for s in submissions if s.geography == geography]
    values = [figures_of(s) for s in subs]
    out = []
    for field in definition.fields.all():
        if field.kind == "text":
            continue
        cats = field.categories if field.kind == "breakdown" else [""]
        for cat in cats:
            label = f"{field.label} – {cat}" if cat else field.label
            points = [(s.period_label, getattr(v.get((field.key, cat)), "value", None)) for s, v in zip(subs, values,
                                                                                                      strict=True)]
            out.append(Series(f"{field.key}:{cat}" if cat else field.key, label, points))
    return out


def comparison(definition: ReturnDefinition, a: Submission, b: Submission) -> list[tuple[str, object, object, object]]:
    """Rows (figure, A, B, B − A) for two submissions: two periods, or two districts."""
    fa, fb = figures_of(a), figures_of(b)
    rows = []
    for field in definition.fields.all():
        if field.kind == "text":
            continue
        for cat in (field.categories if field.kind == "breakdown" else [""]):
            va = getattr(fa.get((field.key, cat)), "value", None)
            vb = getattr(fb.get((field.key, cat)), "value", None)
            change = vb - va if va is not None and vb is not None else None
            rows.append((f"{field.label} – {cat}" if cat else field.label, va, vb, change))
    return rows


def flags_by_submission(submissions) -> dict[int, list]:
    out = defaultdict(list)
    for s in submissions:
        out[s.pk] = list(s.flags.all())
    return out


def prevent_tracker(*, include_open: bool) -> list[dict]:
    """For each partnership with Prevent Duty benchmarks: its benchmarks, its exercises oldest first (open ones
    only if ``include_open``), each benchmark's rating in each, and how the rating moved in the latest."""
    benchmarks = list(Benchmark.objects.select_related("partnership").order_by("partnership__name", "number"))
    exercises = BenchmarkExercise.objects.order_by("started_on", "pk")
    if not include_open:
        exercises = exercises.filter(completed_on__isnull=False)
    exercises = list(exercises)
    ratings = {(r.exercise_id, r.benchmark_id): r for r in BenchmarkRating.objects.filter(
        exercise__in=[e.pk for e in exercises]).select_related("owner")}
    result: dict[int, dict] = {}
    for b in benchmarks:
        entry = result.setdefault(b.partnership_id, {"partnership": b.partnership, "rows": [], "exercises": [
            e for e in exercises if e.partnership_id == b.partnership_id]})
        cells = [ratings.get((e.pk, b.pk)) for e in entry["exercises"]]
        scale = entry["exercises"][-1].scale if entry["exercises"] else []
        entry["rows"].append({"benchmark": b, "cells": cells,
                              "trend": rules.benchmark_trend([c.rating for c in cells if c], scale)})
    return list(result.values())
