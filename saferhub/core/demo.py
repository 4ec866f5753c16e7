"""Demonstration accounts for a local installation, contributed by each app.

``core`` knows no domain app: each app registers a contributor from ``AppConfig.ready()`` with
:func:`register_demo_accounts`; ``manage.py create_demo_users`` calls them in registration order.
A contributor takes the shared password and the acting system user and returns the usernames it
made (it may be run again: it must leave existing accounts as they are, apart from their roles).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model

DEMO_PASSWORD = "saferhub-demo-password"

DemoAccounts = Callable[..., list[str]]

_contributors: list[DemoAccounts] = []


def register_demo_accounts(func: DemoAccounts) -> DemoAccounts:
    """``func(password, *, acting_user)`` creates an app's demo accounts and returns their usernames."""
    if func not in _contributors:
        _contributors.append(func)
    return func


def contributors() -> list[DemoAccounts]:
    return list(_contributors)


def demo_user(username: str, *, full_name: str, password: str, is_staff: bool = False):
    """The demo account ``username``, created with ``full_name`` and ``password`` if it is new (a
    Django user, no domain record; roles are then set with ``core.actions.set_user_roles``)."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        first, _, last = full_name.rpartition(" ")
        user.first_name, user.last_name = first, last
        user.set_password(password)
        user.is_staff = is_staff
        user.save()
    return user
