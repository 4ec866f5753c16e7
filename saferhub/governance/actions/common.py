"""Helpers shared by the governance actions: the core write steps with governance's error code."""

from __future__ import annotations

from saferhub.core import writes

ERROR_CODE = "governance.invalid_value"


def full_clean(instance, exclude: list[str] | None = None, validate_unique: bool = True) -> None:
    """Run model validation and turn the first problem into a ``RuleViolation``."""
    writes.full_clean(instance, code=ERROR_CODE, exclude=exclude, validate_unique=validate_unique)


def full_clean_fields(instance) -> None:
    """Field-level validation for rows written in bulk (see ``core.writes.full_clean_fields``)."""
    writes.full_clean_fields(instance, code=ERROR_CODE)
