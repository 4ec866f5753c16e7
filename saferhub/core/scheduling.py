"""Nightly background work that keeps itself going (django-tasks, ``manage.py db_worker``).

``daily_task(at=…)`` turns a function without arguments into a django-tasks task that runs it and then queues
itself again for the next ``at`` (local time). One ``manage.py <command> --schedule`` (``queue_next_run``)
starts the chain; after that every run queues the next. Queue each chain once per installation: a second
chain runs the job twice. ``reschedule=False`` runs it once (tests, a run by hand).

Used by ASB's retention (``asb.tasks``), the community tension log's erasure (``returns.tasks``) and
consultation responses' anonymisation (``consultations.tasks``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TypeVar

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

T = TypeVar("T")


def next_run_at(at: dt.time, now: dt.datetime | None = None) -> dt.datetime:
    """The next moment (local time) at ``at``, strictly after ``now``: today if still to come, else tomorrow."""
    now = timezone.localtime(now or timezone.now())
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if candidate <= now:
        candidate += dt.timedelta(days=1)
    return candidate


def queue_next_run(daily: Task, now: dt.datetime | None = None):
    """Queue the next run of a task made by ``daily_task``; returns the task result."""
    at = daily.func.run_at
    return daily.using(run_after=next_run_at(at, now)).enqueue(reschedule=True)


def daily_task(*, at: dt.time) -> Callable[[Callable[[], T]], Task]:
    """Decorate a module-level function without arguments: the task runs it and, unless ``reschedule=False``,
    queues its own next run for ``at``. The task keeps the function's name and module, so the worker finds it."""

    def decorate(func: Callable[[], T]) -> Task:
        @functools.wraps(func)
        def run(reschedule: bool = True) -> T:
            result = func()
            if reschedule:
                queue_next_run(scheduled)
            return result

        del run.__wrapped__  # the task's own signature (``reschedule``), not the wrapped function's
        run.run_at = at
        scheduled = task()(run)
        return scheduled

    return decorate
