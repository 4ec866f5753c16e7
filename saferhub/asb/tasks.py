"""Scheduled ASB work, run by the django-tasks worker (``manage.py db_worker``).

``apply_retention_task`` anonymises closed cases past the retention period and then queues itself again
for the next night (``core.scheduling.daily_task``), so one ``manage.py asb_retention --schedule`` keeps it
going. Cron can run ``manage.py asb_retention`` instead; both call the same action.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from saferhub.core.actors import SystemActor
from saferhub.core.scheduling import daily_task, queue_next_run

RUN_AT = dt.time(2, 30)


def run_retention() -> dict[str, int]:
    from saferhub.asb.actions import apply_retention

    logs = apply_retention(acting_user=SystemActor("Retention job"))
    out: dict[str, int] = {}
    for log in logs:
        out[log.outcome] = out.get(log.outcome, 0) + 1
    return out


@daily_task(at=RUN_AT)
def apply_retention_task() -> dict[str, int]:
    return run_retention()


def schedule_retention():
    """Queue the next nightly run."""
    return queue_next_run(apply_retention_task)


@task()
def send_acknowledgement_email_task(case_pk: int) -> bool:
    """Email the acknowledgement of an online application (queued by ``submit_online_application`` after the
    case is committed)."""
    from saferhub.asb.actions import send_acknowledgement_email
    from saferhub.asb.models import Case

    case = Case.objects.filter(pk=case_pk).first()
    if case is None:
        return False
    return send_acknowledgement_email(case, acting_user=SystemActor("Online application form"))
