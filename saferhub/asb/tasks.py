"""Scheduled ASB work, run by the django-tasks worker (``manage.py db_worker``).

``apply_retention_task`` anonymises closed cases past the retention period and then queues itself again
for the next night, so one ``manage.py asb_retention --schedule`` (or the first run) keeps it going. Cron can
run ``manage.py asb_retention`` instead; both call the same action.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from saferhub.core.actors import SystemActor

RUN_AT = dt.time(2, 30)


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now or timezone.now())
    candidate = now.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    if candidate <= now:
        candidate += dt.timedelta(days=1)
    return candidate


def run_retention() -> dict[str, int]:
    from saferhub.asb.actions import apply_retention

    logs = apply_retention(acting_user=SystemActor("Retention job"))
    out: dict[str, int] = {}
    for log in logs:
        out[log.outcome] = out.get(log.outcome, 0) + 1
    return out


@task()
def apply_retention_task(reschedule: bool = True) -> dict[str, int]:
    result = run_retention()
    if reschedule:
        schedule_retention()
    return result


def schedule_retention():
    """Queue the next nightly run."""
    return apply_retention_task.using(run_after=next_run()).enqueue(reschedule=True)


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
