"""Staff notifications: a registry of kinds that domain apps fill from ``AppConfig.ready()``.

``core`` knows no domain app. Each app registers a kind (a code, a label for the settings page and a
producer); the producer takes a signed-in user and yields the :class:`Notification` items due for them now
("ASB case clock at risk", "delivery-plan action due", "agenda publication deadline"). The alerts app reads
this registry, keeps each user's preference per kind (email now, daily digest or off) and sends what is
due through the task worker, each item once (its ``key`` is remembered per user).

A producer must be cheap for a user with nothing due (one query or none) and must yield only what that
user may see; the title is written for a person, without personal data of victims or applicants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

EMAIL_NOW, DAILY_DIGEST, OFF = "now", "daily", "off"
CHOICES = [
    (EMAIL_NOW, "Email me straight away"),
    (DAILY_DIGEST, "Email me once a day (a daily summary)"),
    (OFF, "Do not email me"),
]


@dataclass(frozen=True)
class Notification:
    """One thing due for a user. ``key`` names it for good: the same key is never sent to a user twice (a
    clock that is at risk again after a new due date gets a new key, by putting the date in it)."""

    key: str
    title: str
    url: str = ""
    detail: str = ""
    due_on: dt.date | None = None


Producer = Callable[[object], Iterable[Notification]]


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    description: str
    producer: Producer
    default: str = DAILY_DIGEST
    app: str = ""


_KINDS: dict[str, NotificationKind] = {}


def register_kind(code: str, *, label: str, description: str, producer: Producer, default: str = DAILY_DIGEST,
                  app: str = "") -> NotificationKind:
    """Register a kind once (registering the same code again from the same app replaces it: ``ready()`` may run
    twice in tests); ``producer(user)`` yields the notifications due for ``user``."""
    if default not in {EMAIL_NOW, DAILY_DIGEST, OFF}:
        raise ValueError(f"Unknown default {default!r} for notification kind {code!r}.")
    existing = _KINDS.get(code)
    if existing and existing.app != app:
        raise ValueError(f"Notification kind {code!r} is already registered by {existing.app}.")
    kind = NotificationKind(code, label, description, producer, default, app)
    _KINDS[code] = kind
    return kind


def kinds() -> list[NotificationKind]:
    """Every registered kind, by label."""
    return sorted(_KINDS.values(), key=lambda k: k.label)


def get_kind(code: str) -> NotificationKind | None:
    return _KINDS.get(code)


def due_for(user, code: str) -> list[Notification]:
    """What kind ``code`` has due for ``user`` now (an unknown code has nothing)."""
    kind = _KINDS.get(code)
    return list(kind.producer(user)) if kind else []
