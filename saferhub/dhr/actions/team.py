"""The review team of a partnership and its settings."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, OrganisationKind
from saferhub.core.permissions import require
from saferhub.dhr.actions.common import full_clean
from saferhub.dhr.models import DhrSettings, DhrTeamMembership

SETTING_FIELDS = ["review_name", "short_name", "decision_months", "review_months", "at_risk_days", "retention_years"]


def _partnership(org: Organisation) -> None:
    if org.kind != OrganisationKind.PARTNERSHIP:
        raise RuleViolation("Reviews belong to a Community Safety Partnership: choose a partnership.",
                            code="dhr.partnership", field="partnership")


@transaction.atomic
def join_team(*, user, partnership: Organisation, acting_user: Actor) -> DhrTeamMembership:
    """Put a member of staff on a partnership's review team (they also need the DHR team role)."""
    require(acting_user, "dhr.manage_team")
    _partnership(partnership)
    membership, created = DhrTeamMembership.objects.get_or_create(user=user, partnership=partnership)
    if created:
        audit.record("dhr.team.joined", actor=acting_user, target=membership,
                     data={"user": user.get_username(), "partnership": partnership.pk})
    user.__dict__.pop("_dhr_partnerships", None)
    return membership


@transaction.atomic
def leave_team(*, user, partnership: Organisation, acting_user: Actor) -> None:
    require(acting_user, "dhr.manage_team")
    for membership in DhrTeamMembership.objects.filter(user=user, partnership=partnership):
        audit.record("dhr.team.left", actor=acting_user, target=membership,
                     data={"user": user.get_username(), "partnership": partnership.pk})
        membership.delete()
    user.__dict__.pop("_dhr_partnerships", None)


@transaction.atomic
def save_settings(*, partnership: Organisation, acting_user: Actor, **values) -> DhrSettings:
    """Save what the partnership calls its reviews and its timescales (the name is data, not code)."""
    require(acting_user, "dhr.manage_settings", partnership)
    _partnership(partnership)
    unknown = set(values) - set(SETTING_FIELDS)
    if unknown:
        raise ValueError(f"Unknown settings: {sorted(unknown)}")
    row = DhrSettings.objects.select_for_update().filter(partnership=partnership).first() or DhrSettings(
        partnership=partnership)
    before = audit.snapshot(row, SETTING_FIELDS)
    for name, value in values.items():
        setattr(row, name, value)
    full_clean(row)
    row.save()
    audit.record("dhr.settings.saved", actor=acting_user, target=row,
                 data={"changes": audit.changes(before, audit.snapshot(row, SETTING_FIELDS))})
    return row
