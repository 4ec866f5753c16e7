"""Helpers shared by the review actions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from saferhub.core.exceptions import RuleViolation, rule_violation_from
from saferhub.dhr.models import Case, DhrSettings


def today() -> dt.date:
    return timezone.localdate()


def full_clean(instance, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as exc:
        raise rule_violation_from(exc, code="dhr.invalid_value", name_field=True) from exc


def lock_case(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)


def settings_for(partnership) -> DhrSettings:
    """The partnership's settings, or the defaults (unsaved) when it has none yet."""
    found = DhrSettings.objects.filter(partnership=partnership).first()
    return found or DhrSettings(partnership=partnership)


def not_erased(case: Case) -> None:
    if case.erased_on is not None:
        raise RuleViolation("This case's personal data has been erased under the retention rule; it cannot be "
                            "changed.", code="dhr.case_erased")
