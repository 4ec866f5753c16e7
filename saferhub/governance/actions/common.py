"""Helpers shared by the governance actions."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from saferhub.core.exceptions import rule_violation_from


def full_clean(instance, exclude: list[str] | None = None, validate_unique: bool = True) -> None:
    """Run model validation and turn the first problem into a ``RuleViolation``."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code="governance.invalid_value") from exc


def full_clean_fields(instance) -> None:
    """Model validation for records written in bulk: every field's own checks (choices, lengths,
    blanks) and ``clean()``, but not the per-row queries – foreign keys are given as loaded
    instances and uniqueness is checked by the bulk action itself; the database enforces the
    constraints on insert."""
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.clean_fields(exclude=relations)
        instance.clean()
    except ValidationError as exc:
        raise rule_violation_from(exc, code="governance.invalid_value") from exc
