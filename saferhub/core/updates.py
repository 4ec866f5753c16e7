"""Applying a set of field changes to a model instance, the way every update action does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from saferhub.core import audit


def apply_fields(instance, allowed: Iterable[str], data: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Set ``data`` on ``instance`` after checking every key is an allowed field.

    Returns the changed field names and a snapshot of their old values, for ``save(update_fields=…)``
    and for the audit row (``audit.changes(before, audit.snapshot(instance, fields))``).
    """
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    fields = list(data)
    before = audit.snapshot(instance, fields)
    for key, value in data.items():
        setattr(instance, key, value)
    return fields, before
