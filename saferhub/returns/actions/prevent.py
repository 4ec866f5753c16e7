"""The Prevent Duty benchmark tracker: benchmarks, exercises, ratings, completing an exercise."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor, is_system
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.returns import rules
from saferhub.returns.models import Benchmark, BenchmarkExercise, BenchmarkRating
from saferhub.returns.models.prevent import DEFAULT_SCALE


@transaction.atomic
def add_benchmark(*, partnership: Organisation, number: int, title: str, acting_user: Actor, description: str = "",
                  source: str = "") -> Benchmark:
    require(acting_user, "returns.define")
    rules.check_benchmark_number(number)
    title = " ".join((title or "").split())
    if not title:
        raise RuleViolation("Enter the benchmark.", code="returns.benchmark_title", field="title")
    if Benchmark.objects.filter(partnership=partnership, number=number).exists():
        raise RuleViolation(f"Benchmark {number} is already recorded.", code="returns.benchmark_duplicate",
                            field="number")
    benchmark = Benchmark.objects.create(partnership=partnership, number=number, title=title[:200],
                                         description=description.strip(), source=source.strip()[:200])
    audit.record("returns.benchmark.added", actor=acting_user, target=benchmark, data={"number": number})
    return benchmark


@transaction.atomic
def open_exercise(*, partnership: Organisation, name: str, started_on: dt.date, acting_user: Actor,
                  review_due: dt.date | None = None, month_only: bool = False, with_whom: str = "",
                  scale: list[str] | None = None, source: str = "") -> BenchmarkExercise:
    require(acting_user, "returns.enter")
    name = " ".join((name or "").split())
    if not name:
        raise RuleViolation("Enter a name for the exercise.", code="returns.exercise_name", field="name")
    rules.check_exercise_dates(started_on=started_on, completed_on=None, review_due=review_due)
    scale = [s.strip() for s in (scale or DEFAULT_SCALE) if s.strip()]
    if len(scale) < 2 or len(set(scale)) != len(scale):
        raise RuleViolation("A rating scale has at least two different ratings.", code="returns.exercise_scale",
                            field="scale")
    if BenchmarkExercise.objects.filter(partnership=partnership, name=name).exists():
        raise RuleViolation("An exercise with that name is already recorded.", code="returns.exercise_duplicate",
                            field="name")
    if BenchmarkExercise.objects.filter(partnership=partnership, completed_on__isnull=True).exists():
        raise RuleViolation("Complete the open exercise before starting another.", code="returns.exercise_open",
                            field="name")
    exercise = BenchmarkExercise.objects.create(
        partnership=partnership, name=name[:200], started_on=started_on, review_due=review_due, month_only=month_only,
        with_whom=with_whom.strip()[:300], scale=scale, source=source.strip()[:200])
    audit.record("returns.exercise.opened", actor=acting_user, target=exercise, data={"name": exercise.name})
    return exercise


@transaction.atomic
def rate_benchmark(exercise: BenchmarkExercise, benchmark: Benchmark, *, rating: str, evidence: str,
                   acting_user: Actor, owner: Organisation | None = None, review_on: dt.date | None = None,
                   plan_actions: list[str] | None = None, recorded_on: dt.date | None = None) -> BenchmarkRating:
    """Rate (or re-rate, while the exercise is open) one benchmark, with evidence."""
    require(acting_user, "returns.enter")
    exercise = BenchmarkExercise.objects.select_for_update().get(pk=exercise.pk)
    if benchmark.partnership_id != exercise.partnership_id:
        raise RuleViolation("That benchmark is another partnership's.", code="returns.benchmark_other_partnership",
                            field="benchmark")
    rules.check_rating(rating=rating, scale=exercise.scale, evidence=evidence, complete=exercise.is_complete)
    actions_cited = [a.strip() for a in (plan_actions or []) if a.strip()]
    values = {"rating": rating, "evidence": evidence.strip(), "owner": owner, "review_on": review_on,
              "plan_actions": actions_cited, "recorded_on": recorded_on or timezone.localdate(),
              "recorded_by": None if is_system(acting_user) else acting_user}
    existing = BenchmarkRating.objects.filter(exercise=exercise, benchmark=benchmark).first()
    before = existing.rating if existing else None
    obj, _ = BenchmarkRating.objects.update_or_create(exercise=exercise, benchmark=benchmark, defaults=values)
    audit.record("returns.benchmark.rated", actor=acting_user, target=exercise,
                 data={"benchmark": benchmark.number, "rating": [before, rating] if before else rating})
    return obj


@transaction.atomic
def complete_exercise(exercise: BenchmarkExercise, *, completed_on: dt.date, acting_user: Actor,
                      unrated_reason: str = "") -> BenchmarkExercise:
    """Complete an exercise once every benchmark is rated; or, for an exercise recorded after the event whose
    ratings were never published, with ``unrated_reason`` saying so (kept on the exercise and audited)."""
    require(acting_user, "returns.enter")
    exercise = BenchmarkExercise.objects.select_for_update().get(pk=exercise.pk)
    if exercise.is_complete:
        raise RuleViolation("This exercise is already complete.", code="returns.exercise_complete",
                            field="completed_on")
    rules.check_exercise_dates(started_on=exercise.started_on, completed_on=completed_on,
                               review_due=exercise.review_due)
    rated = set(exercise.ratings.values_list("benchmark__number", flat=True))
    unrated = [n for n in Benchmark.objects.filter(partnership=exercise.partnership_id)
               .values_list("number", flat=True) if n not in rated]
    reason = " ".join(unrated_reason.split())
    if not reason:
        rules.check_exercise_complete(unrated=unrated)
    exercise.completed_on = completed_on
    exercise.note = f"Not rated ({', '.join(map(str, unrated))}): {reason}" if unrated and reason else ""
    exercise.save(update_fields=["completed_on", "note"])
    audit.record("returns.exercise.completed", actor=acting_user, target=exercise,
                 data={"completed_on": completed_on, "unrated": unrated if reason else []})
    return exercise
