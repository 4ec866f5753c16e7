"""The Prevent Duty benchmarks as a self-assessment tracker (seed-processes §4.2; 001:725-726): the ten
Home Office benchmarks a partnership rates itself against, each benchmarking exercise (January 2022,
completed April 2022, reviewed February 2023) and each benchmark's rating in it, with evidence, owner,
review date and the delivery-plan actions that answer it. A completed exercise is the history; a review is
a new exercise."""

from __future__ import annotations

from django.conf import settings
from django.db import models

#: The rating scale used when an exercise names none (the seeds do not print the Home Office's scale).
DEFAULT_SCALE = ["Not met", "Partly met", "Met", "Exceeded"]


def default_scale() -> list[str]:
    return list(DEFAULT_SCALE)


class Benchmark(models.Model):
    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="prevent_benchmarks")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["partnership", "number"]
        constraints = [models.UniqueConstraint(fields=["partnership", "number"], name="returns_benchmark_number")]

    def __str__(self) -> str:
        return f"Benchmark {self.number}: {self.title}"


class BenchmarkExercise(models.Model):
    """One benchmarking exercise. Dates may be known only to the month (``month_only``), as the seeds give them."""

    partnership = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="prevent_exercises")
    name = models.CharField(max_length=200)
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    month_only = models.BooleanField(default=False, help_text="The dates are known to the month only.")
    with_whom = models.CharField(max_length=300, blank=True, help_text="Who the exercise was done with.")
    scale = models.JSONField(default=default_scale, help_text="The ratings, lowest first.")
    source = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, help_text="Why benchmarks were left unrated when it was completed, if any.")

    class Meta:
        ordering = ["partnership", "-started_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="returns_exercise_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_complete(self) -> bool:
        return self.completed_on is not None


class BenchmarkRating(models.Model):
    exercise = models.ForeignKey(BenchmarkExercise, on_delete=models.CASCADE, related_name="ratings")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="ratings")
    rating = models.CharField(max_length=60)
    evidence = models.TextField()
    owner = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="prevent_benchmarks_owned")
    review_on = models.DateField(null=True, blank=True)
    plan_actions = models.JSONField(default=list, blank=True,
                                    help_text="The delivery-plan actions that answer it, as numbered (2.8-2.11).")
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="prevent_ratings")

    class Meta:
        ordering = ["exercise", "benchmark__number"]
        constraints = [models.UniqueConstraint(fields=["exercise", "benchmark"], name="returns_rating_once")]

    def __str__(self) -> str:
        return f"{self.benchmark_id} in {self.exercise_id}: {self.rating}"
