"""core.scheduling: the next run's moment and the self-re-queueing daily task the retention jobs share."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from saferhub.core.scheduling import daily_task, next_run_at, queue_next_run

LONDON = ZoneInfo("Europe/London")
AT = dt.time(2, 30)
RUNS = []


@daily_task(at=AT)
def nightly_sample() -> int:
    RUNS.append(1)
    return len(RUNS)


@pytest.mark.parametrize(("now", "expected"), [
    (dt.datetime(2026, 12, 3, 1, 0, tzinfo=LONDON), dt.datetime(2026, 12, 3, 2, 30, tzinfo=LONDON)),  # still to come
    (dt.datetime(2026, 12, 3, 2, 30, tzinfo=LONDON), dt.datetime(2026, 12, 4, 2, 30, tzinfo=LONDON)),  # strictly after
    (dt.datetime(2026, 12, 3, 23, 0, tzinfo=LONDON), dt.datetime(2026, 12, 4, 2, 30, tzinfo=LONDON)),
    (dt.datetime(2026, 12, 31, 12, 0, tzinfo=LONDON), dt.datetime(2027, 1, 1, 2, 30, tzinfo=LONDON)),
])
def test_the_next_run_is_the_next_time_of_day_strictly_after_now(now, expected):
    assert next_run_at(AT, now) == expected


def test_the_next_run_is_in_local_time():
    utc_evening = dt.datetime(2026, 7, 1, 23, 45, tzinfo=dt.UTC)  # 00:45 on 2 July in London (BST)
    assert next_run_at(AT, utc_evening) == dt.datetime(2026, 7, 2, 2, 30, tzinfo=LONDON)


@pytest.mark.django_db
def test_a_daily_task_runs_its_function_then_queues_itself_for_the_next_time_of_day():
    from django_tasks_db.models import DBTaskResult

    RUNS.clear()
    assert nightly_sample.call(reschedule=False) == 1
    assert not DBTaskResult.objects.exists()
    assert nightly_sample.call() == 2  # reschedules by default
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferhub.core.tests.test_scheduling.nightly_sample"
    assert queued.args_kwargs == {"args": [], "kwargs": {"reschedule": True}}
    run_after = queued.run_after.astimezone(LONDON)
    assert (run_after.hour, run_after.minute) == (AT.hour, AT.minute)
    assert queued.task.func is nightly_sample.func  # the worker finds the task by its path


@pytest.mark.django_db
def test_queue_next_run_starts_the_chain_at_the_next_time_of_day():
    from django_tasks_db.models import DBTaskResult

    now = dt.datetime(2026, 12, 3, 14, 0, tzinfo=LONDON)
    result = queue_next_run(nightly_sample, now)
    queued = DBTaskResult.objects.get()
    assert str(queued.id) == str(result.id)
    assert queued.run_after == dt.datetime(2026, 12, 4, 2, 30, tzinfo=LONDON)
