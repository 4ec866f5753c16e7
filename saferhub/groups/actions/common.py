"""Helpers shared by the groups actions."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from saferhub.core.exceptions import rule_violation_from


def full_clean(instance, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code="groups.invalid_value", name_field=True) from exc
