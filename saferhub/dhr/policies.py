"""Who may see and work on Domestic Homicide Reviews. Live cases are confidential: the Partnership Leads could
not talk about current cases even to the Sub Panel (002:200; 004:107).

A case is visible to a user who holds the DHR team role *and* is on the review team of the case's partnership
(``DhrTeamMembership``), and to nobody else: not administrators (unless they are on the team too),
councillors (the Sub Panel sees only the published learning), partnership or agency officers. Anyone else gets
404, as if the case did not exist. The published learning is public.
"""

from __future__ import annotations

import rules

from saferhub.core.actors import is_system
from saferhub.core.permissions import Role, can, has_role, is_administrator


def team_partnership_ids(user) -> frozenset[int]:
    """The partnerships whose review team the user is on (empty without the DHR team role); cached per request."""
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.DHR_TEAM):
        return frozenset()
    cached = getattr(user, "_dhr_partnerships", None)
    if cached is None:
        from saferhub.dhr.models import DhrTeamMembership

        cached = frozenset(DhrTeamMembership.objects.filter(user=user).values_list("partnership_id", flat=True))
        user._dhr_partnerships = cached
    return cached


def can_dhr(user, perm: str, obj=None) -> bool:
    """``can`` without Django's superuser shortcut: a superuser sees a case only through the team, like anyone."""
    if is_system(user):
        return True
    if user is not None and getattr(user, "is_superuser", False):
        return rules.has_perm(perm, user, obj)
    return can(user, perm, obj)


def _partnership_id(obj) -> int | None:
    from saferhub.core.models import Organisation

    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj.pk
    case = getattr(obj, "case", None)
    if case is not None:
        return case.partnership_id
    return getattr(obj, "partnership_id", None)


@rules.predicate
def is_dhr_team(user) -> bool:
    return bool(team_partnership_ids(user))


@rules.predicate
def on_team_of(user, obj) -> bool:
    """On the review team of the partnership the object (a case, a part of one, or the partnership) belongs to."""
    pid = _partnership_id(obj)
    return pid is not None and pid in team_partnership_ids(user)


rules.add_perm("dhr.view_case_list", is_dhr_team)
rules.add_perm("dhr.view_case", on_team_of)
rules.add_perm("dhr.notify", on_team_of)  # obj: the partnership
rules.add_perm("dhr.change_case", on_team_of)
rules.add_perm("dhr.erase_case", on_team_of)
rules.add_perm("dhr.manage_settings", on_team_of | is_administrator)  # no personal data in settings
rules.add_perm("dhr.manage_team", is_administrator)
rules.add_perm("dhr.view_learning", rules.always_allow)
