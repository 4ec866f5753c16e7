"""Generic write steps every app's actions share (no domain knowledge here).

- :func:`full_clean` / :func:`full_clean_fields`: model validation as a ``RuleViolation`` with the
  app's error code, never a 500;
- :class:`BulkOutcome`: what a bulk action did, row by row;
- :func:`create_with_audit` / :func:`update_with_audit`: set the allowed fields, validate, save and
  write the audit row (a snapshot when created, old and new values when changed).

Permission checks, locking and the rules stay in the calling action, before these steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from saferhub.core import audit
from saferhub.core.exceptions import RuleViolation, rule_violation_from
from saferhub.core.updates import apply_fields


@dataclass
class BulkOutcome:
    """What a bulk action did: ``records[i]`` for ``rows[i]`` (``None`` where refused), and the
    refusals by row index (only when refusals are collected; otherwise the first one is raised)."""

    records: list = field(default_factory=list)
    refused: dict[int, RuleViolation] = field(default_factory=dict)


def full_clean(instance, *, code: str, exclude: list[str] | None = None, validate_unique: bool = True) -> None:
    """Run model validation and turn the first problem into a ``RuleViolation`` coded ``code``."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code=code) from exc


def full_clean_fields(instance, *, code: str) -> None:
    """Model validation for records written in bulk: every field's own checks (choices, lengths,
    blanks) and ``clean()``, but not the per-row queries – foreign keys are given as loaded
    instances and uniqueness is checked by the bulk action itself; the database enforces the
    constraints on insert."""
    relations = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    try:
        instance.clean_fields(exclude=relations)
        instance.clean()
    except ValidationError as exc:
        raise rule_violation_from(exc, code=code) from exc


def _has_updated_at(instance) -> bool:
    return any(f.name == "updated_at" for f in instance._meta.concrete_fields)


def create_with_audit(instance, *, allowed: Iterable[str], data: dict[str, Any], acting_user, audit_code: str,
                      error_code: str, check: Callable[[Any], None] | None = None):
    """Set ``data`` (only ``allowed`` fields) on a new ``instance``, run ``check`` (the action's
    rules, which raise ``RuleViolation``), validate, save, and audit a snapshot of what was given."""
    apply_fields(instance, allowed, data)
    if check is not None:
        check(instance)
    full_clean(instance, code=error_code)
    instance.save()
    audit.record(audit_code, actor=acting_user, target=instance, data=audit.snapshot(instance, list(data)))
    return instance


def update_with_audit(instance, *, allowed: Iterable[str], data: dict[str, Any], acting_user, audit_code: str,
                      error_code: str, check: Callable[[Any], None] | None = None, target=None,
                      audit_data: dict[str, Any] | None = None, clean: bool = True):
    """Change ``data`` (only ``allowed`` fields) on ``instance``, run ``check``, validate, save just
    those fields, and audit the old and new values (on ``target``, the instance by default, with
    ``audit_data`` added)."""
    fields, before = apply_fields(instance, allowed, data)
    if check is not None:
        check(instance)
    if clean:
        full_clean(instance, code=error_code)
    instance.save(update_fields=[*fields, "updated_at"] if _has_updated_at(instance) else fields)
    audit.record(audit_code, actor=acting_user, target=instance if target is None else target,
                 data={**(audit_data or {}), **audit.changes(before, audit.snapshot(instance, fields))})
    return instance
