"""Alerts test helpers (built through the actions)."""

from __future__ import annotations

import re

from django.core import mail

from saferhub.alerts import actions, tokens
from saferhub.alerts.models import Subscription
from saferhub.core.actors import SYSTEM
from saferhub.papers import actions as papers

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def link(message, name: str) -> str:
    """The path of the first link in an email's body under /alerts/<name>/."""
    found = re.search(rf"https?://[^/\s]+(/alerts/{name}/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def confirmed(**kwargs) -> Subscription:
    sub = actions.subscribe(acting_user=SYSTEM, **kwargs)
    return actions.confirm_subscription(sub, acting_user=SYSTEM)


def published_document(committee, *, title: str, text: str, meeting=None):
    from django.utils import timezone

    return papers.store_document(committee=committee, meeting=meeting, kind="other", format="pdf", title=title,
                                 content=f"%PDF-1.4 {title}".encode(), text=text, acting_user=SYSTEM,
                                 published_at=timezone.now())


def outbox_to(address: str):
    return [m for m in mail.outbox if address in m.to]


__all__ = ["IMMEDIATE_TASKS", "confirmed", "link", "outbox_to", "published_document", "tokens"]
