"""Scheduled returns work, run by the django-tasks worker (``manage.py db_worker``).

``erase_expired_tensions_task`` erases the free text of community tension reports past the configured
retention period and then queues itself again for the next night (``core.scheduling.daily_task``), so one
``manage.py returns_tension_retention --schedule`` keeps it going. Cron can run
``manage.py returns_tension_retention`` instead; both call the same action.
"""

from __future__ import annotations

import datetime as dt

from saferhub.core.actors import SystemActor
from saferhub.core.scheduling import daily_task, queue_next_run

RUN_AT = dt.time(2, 45)


def run_tension_retention() -> list[int]:
    """Erase what is due now; returns the reports erased."""
    from saferhub.returns.actions import erase_expired_tensions

    return erase_expired_tensions(acting_user=SystemActor("Tension log retention job"))


@daily_task(at=RUN_AT)
def erase_expired_tensions_task() -> list[int]:
    return run_tension_retention()


def schedule_tension_retention():
    """Queue the next nightly run."""
    return queue_next_run(erase_expired_tensions_task)
