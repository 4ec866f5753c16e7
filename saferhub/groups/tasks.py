"""Background work for groups, run by the django-tasks worker (``manage.py db_worker``) or by cron through the
``sweep_tor_reviews`` command."""

from __future__ import annotations

from django_tasks import task

from saferhub.core.actors import SystemActor


@task()
def sweep_tor_reviews() -> str:
    """The secretariat's Terms of Reference review tasks: made for every version with a review date, closed once
    a new version is in force. Idempotent."""
    from saferhub.groups import actions

    made, closed = actions.sweep_tor_reviews(acting_user=SystemActor("Terms of Reference review sweep"))
    return f"{made} review task(s) made, {closed} closed"
