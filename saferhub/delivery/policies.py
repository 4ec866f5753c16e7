"""Who may do what with the Plan.

- The Partnership team (partnership officers), committee officers and administrators manage the plan:
  its structure, versions, action register, measure values and reporting.
- An action's owner updates their own actions: a person who works for an owning organisation, or who
  runs an owning group's business (its secretariat, ``governance.record_meeting``).
- Everyone sees a published version; staff see drafts.
"""

from __future__ import annotations

import rules

from saferhub.core.permissions import is_administrator, is_committee_officer, is_partnership_officer, is_staff_user
from saferhub.governance.policies import can_record


def _person(user):
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def _owners(obj):
    """The ``ActionOwner`` rows of an action row, or of an identity's latest row."""
    from saferhub.delivery.models import ActionIdentity

    if isinstance(obj, ActionIdentity):
        row = obj.rows.order_by("-plan__version_date", "-plan_id").first()
        return list(row.owners.all()) if row else []
    owners = getattr(obj, "owners", None)
    return list(owners.all()) if owners is not None else []


@rules.predicate
def owns_action(user, obj) -> bool:
    person = _person(user)
    if obj is None or person is None:
        return False
    for owner in _owners(obj):
        if owner.organisation_id and owner.organisation_id == person.organisation_id:
            return True
        if owner.body_id and can_record(user, owner.body):
            return True
    return False


@rules.predicate
def version_is_published(user, obj) -> bool:
    """A version (``DeliveryPlan``) that is published, or the version of a row that is."""
    from saferhub.delivery.models import DeliveryAction

    version = obj.plan if isinstance(obj, DeliveryAction) else obj
    return getattr(version, "published_at", None) is not None


manage = is_administrator | is_committee_officer | is_partnership_officer

rules.add_perm("delivery.manage_plan", manage)
rules.add_perm("delivery.update_action", manage | owns_action)
rules.add_perm("delivery.view_staff", is_staff_user)
rules.add_perm("delivery.view_version", version_is_published | is_staff_user)
