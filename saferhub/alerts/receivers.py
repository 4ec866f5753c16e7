"""Queues the email task an action asked for (``signals.email_requested``), connected in ``AlertsConfig.ready``."""

from __future__ import annotations

from saferhub.alerts import tasks

EMAIL_TASKS = {"send_confirmation_task": tasks.send_confirmation_task,
               "send_manage_link_task": tasks.send_manage_link_task}


def queue_email(sender, *, task_name: str, pk: int, **kwargs) -> None:
    EMAIL_TASKS[task_name].enqueue(pk)
