"""Reactions to events: governance's (run inside the governance action's transaction) and papers'
own (after commit)."""

from __future__ import annotations


def carry_business_forward(sender, *, meeting, acting_user, **kwargs) -> None:
    """When a meeting ends without transacting its business, move the business to the next
    scheduled meeting at once (if there is one; otherwise the next agenda built picks it up)."""
    from saferhub.core.actors import SYSTEM
    from saferhub.core.permissions import can
    from saferhub.papers.actions import carry_forward_business
    from saferhub.papers.queries import next_meeting_after

    target = next_meeting_after(meeting)
    if target is None or target.status != "scheduled":
        return
    actor = acting_user if can(acting_user, "papers.prepare", target) else SYSTEM
    carry_forward_business(target, acting_user=actor)


def enqueue_scheduled_publication(sender, *, meeting_id: int, publish_at, **kwargs) -> None:
    """When an agenda's publication is scheduled, ask the task worker to publish it at that time."""
    from saferhub.papers.tasks import publish_scheduled_agenda

    publish_scheduled_agenda.using(run_after=publish_at).enqueue(meeting_id)
