"""Scheduled consultations work, run by the django-tasks worker (``manage.py db_worker``).

``apply_retention_task`` anonymises survey responses kept longer than their survey's retention period and
then queues itself again for the next night (``core.scheduling.daily_task``), so one
``manage.py apply_consultation_retention --schedule`` keeps it going. Cron can run
``manage.py apply_consultation_retention`` instead; both call the same action.
"""

from __future__ import annotations

import datetime as dt

from saferhub.core.actors import SystemActor
from saferhub.core.scheduling import daily_task, queue_next_run

RUN_AT = dt.time(3, 15)


def run_retention() -> dict[str, int]:
    """Anonymise what is due now; returns the number of responses anonymised per survey (by slug)."""
    from saferhub.consultations.actions import apply_retention

    return apply_retention(acting_user=SystemActor("Consultation retention job"))


@daily_task(at=RUN_AT)
def apply_retention_task() -> dict[str, int]:
    return run_retention()


def schedule_retention():
    """Queue the next nightly run."""
    return queue_next_run(apply_retention_task)
