"""The register of third-party hate crime reporting centres (001:775): add a centre, change its details,
record a check."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.permissions import require
from saferhub.returns.actions.definitions import full_clean
from saferhub.returns.models import ReportingCentre

FIELDS = ("name", "address", "opening_hours", "last_checked_on", "open")


def _clean(name: str, address: str, opening_hours: str, last_checked_on: dt.date | None) -> tuple[str, str, str]:
    name, hours = " ".join((name or "").split()), " ".join((opening_hours or "").split())
    address = "\n".join(line.strip() for line in (address or "").splitlines() if line.strip())
    for value, field, label in ((name, "name", "the centre's name"), (address, "address", "its address"),
                                (hours, "opening_hours", "its opening hours")):
        if not value:
            raise RuleViolation(f"Enter {label}.", code="returns.centre_required", field=field)
    if last_checked_on is not None and last_checked_on > timezone.localdate():
        raise RuleViolation("The date it was last checked cannot be in the future.", code="returns.centre_checked_future",
                            field="last_checked_on")
    return name, address, hours


@transaction.atomic
def add_reporting_centre(*, acting_user: Actor, name: str, address: str, opening_hours: str,
                         last_checked_on: dt.date | None = None, open: bool = True) -> ReportingCentre:
    require(acting_user, "returns.manage_centres")
    name, address, hours = _clean(name, address, opening_hours, last_checked_on)
    if ReportingCentre.objects.filter(name__iexact=name).exists():
        raise RuleViolation(f"{name} is already in the register.", code="returns.centre_duplicate", field="name")
    centre = ReportingCentre(name=name, address=address, opening_hours=hours, last_checked_on=last_checked_on,
                             open=open)
    full_clean(centre)
    centre.save()
    audit.record("returns.centre.added", actor=acting_user, target=centre, data=audit.snapshot(centre, list(FIELDS)))
    return centre


@transaction.atomic
def update_reporting_centre(centre: ReportingCentre, *, acting_user: Actor, name: str, address: str,
                            opening_hours: str, last_checked_on: dt.date | None, open: bool) -> ReportingCentre:
    require(acting_user, "returns.manage_centres")
    centre = ReportingCentre.objects.select_for_update().get(pk=centre.pk)
    name, address, hours = _clean(name, address, opening_hours, last_checked_on)
    if ReportingCentre.objects.filter(name__iexact=name).exclude(pk=centre.pk).exists():
        raise RuleViolation(f"{name} is already in the register.", code="returns.centre_duplicate", field="name")
    if last_checked_on is not None and centre.last_checked_on and last_checked_on < centre.last_checked_on:
        raise RuleViolation("The last check cannot be earlier than the one already recorded.",
                            code="returns.centre_check_backwards", field="last_checked_on")
    before = audit.snapshot(centre, list(FIELDS))
    centre.name, centre.address, centre.opening_hours = name, address, hours
    centre.last_checked_on, centre.open = last_checked_on, open
    full_clean(centre)
    centre.save()
    after = audit.snapshot(centre, list(FIELDS))
    audit.record("returns.centre.updated", actor=acting_user, target=centre,
                 data={k: [before[k], after[k]] for k in FIELDS if before[k] != after[k]})
    return centre
