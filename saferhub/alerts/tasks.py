"""Email alerts' background work, run by the django-tasks worker (``manage.py db_worker``).

``send_alerts_task`` runs every ``EVERY`` minutes and queues itself again (``manage.py send_alerts
--schedule`` starts it; cron may run ``manage.py send_alerts`` instead); ``delete_unconfirmed_task`` runs
nightly. The confirmation email is queued after the subscription commits.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from saferhub.core.actors import SystemActor

EVERY = dt.timedelta(minutes=10)


@task()
def send_confirmation_task(subscription_pk: int) -> bool:
    from saferhub.alerts.sending import send_confirmation

    return send_confirmation(subscription_pk)


@task()
def send_manage_link_task(subscriber_pk: int) -> bool:
    from saferhub.alerts.sending import send_manage_link

    return send_manage_link(subscriber_pk)


@task()
def send_alerts_task(reschedule: bool = True) -> dict[str, int]:
    from saferhub.alerts.sending import run

    result = run()
    if reschedule:
        send_alerts_task.using(run_after=timezone.now() + EVERY).enqueue(reschedule=True)
    return result


@task()
def delete_unconfirmed_task(reschedule: bool = True) -> int:
    from saferhub.alerts.actions import delete_unconfirmed

    removed = delete_unconfirmed(acting_user=SystemActor("Alerts retention"))
    if reschedule:
        tomorrow = timezone.localtime() + dt.timedelta(days=1)
        delete_unconfirmed_task.using(run_after=tomorrow.replace(hour=3, minute=0)).enqueue(reschedule=True)
    return removed
