"""The review team of a partnership and its settings."""

from __future__ import annotations

from django.db import transaction

from saferhub.core import actions as core_actions
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, OrganisationKind, PartnershipMembership
from saferhub.core.permissions import require
from saferhub.dhr.actions.common import full_clean
from saferhub.dhr.models import DhrSettings

#: The service role of a review team's membership in ``core.PartnershipMembership``.
TEAM_ROLE = "dhr_team"

SETTING_FIELDS = ["review_name", "short_name", "decision_months", "review_months", "at_risk_days",
                  "resubmission_weeks", "publication_notice_days", "retention_years"]


def _partnership(org: Organisation) -> None:
    if org.kind != OrganisationKind.PARTNERSHIP:
        raise RuleViolation("Reviews belong to a Community Safety Partnership: choose a partnership.",
                            code="dhr.partnership", field="partnership")


@transaction.atomic
def join_team(*, user, partnership: Organisation, acting_user: Actor) -> PartnershipMembership:
    """Put a member of staff on a partnership's review team (they also need the DHR team role). The team is a
    ``core.PartnershipMembership`` in the ``dhr_team`` role: the one home of who works for which partnership."""
    require(acting_user, "dhr.manage_team")
    _partnership(partnership)
    existed = PartnershipMembership.objects.filter(user=user, partnership=partnership, role=TEAM_ROLE).exists()
    membership = core_actions.add_partnership_member(user=user, partnership=partnership, role=TEAM_ROLE,
                                                     acting_user=acting_user, permission="dhr.manage_team")
    if not existed:
        audit.record("dhr.team.joined", actor=acting_user, target=membership,
                     data={"user": user.get_username(), "partnership": partnership.pk})
    return membership


@transaction.atomic
def leave_team(*, user, partnership: Organisation, acting_user: Actor) -> None:
    require(acting_user, "dhr.manage_team")
    for membership in PartnershipMembership.objects.filter(user=user, partnership=partnership, role=TEAM_ROLE):
        audit.record("dhr.team.left", actor=acting_user, target=membership,
                     data={"user": user.get_username(), "partnership": partnership.pk})
    core_actions.remove_partnership_member(user=user, partnership=partnership, role=TEAM_ROLE,
                                           acting_user=acting_user, permission="dhr.manage_team")


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
