"""Reactions to the ASB actions' events (connected in ``AsbConfig.ready``), run after the action's commit."""

from __future__ import annotations


def enqueue_acknowledgement_email(sender, *, case_id: int, **kwargs) -> None:
    """An online application was committed: ask the task worker to email the acknowledgement (seed 002:1509)."""
    from saferhub.asb.tasks import send_acknowledgement_email_task

    send_acknowledgement_email_task.enqueue(case_id)
