"""Who is acting: a user, or the system itself (data loads, scheduled tasks)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


class SystemActor:
    """The system acting on its own behalf; permission checks do not apply to it."""

    is_authenticated = False
    is_system = True

    def __init__(self, label: str = "System"):
        self.label = label

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"SystemActor({self.label!r})"


SYSTEM = SystemActor()

Actor = AbstractBaseUser | AnonymousUser | SystemActor


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)
