"""Who may see and work on Domestic Homicide Reviews. Live cases are confidential: the Partnership Leads could
not talk about current cases even to the Sub Panel (002:200; 004:107).

A case is visible to a user who holds the DHR team role *and* is on the review team of the case's partnership
(a ``core.PartnershipMembership`` in the ``dhr_team`` role), and to nobody else: not administrators (unless they are on the team too),
councillors (the Sub Panel sees only the published learning), partnership or agency officers. Anyone else gets
404, as if the case did not exist. The published learning is public.
"""

from __future__ import annotations

import rules

from saferhub.core.actors import is_system
from saferhub.core.partnerships import partnership_ids
from saferhub.core.permissions import Role, can, has_role, is_administrator

#: The service role of the review team in ``core.PartnershipMembership``.
TEAM_ROLE = "dhr_team"


def team_partnership_ids(user) -> frozenset[int]:
    """The partnerships whose review team the user is on (empty without the DHR team role), from
    ``core.partnerships`` (the one home of who works for which partnership); cached per request."""
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.DHR_TEAM):
        return frozenset()
    return partnership_ids(user, TEAM_ROLE)


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


def appointments(user) -> dict[int, list[tuple[str, int | None]]]:
    """The reviews a person is appointed to: case id → [(role, agency id)]; cached per request."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return {}
    cached = getattr(user, "_dhr_appointments", None)
    if cached is None:
        from saferhub.dhr.models import Appointment

        cached = {}
        for case_id, role, agency_id in Appointment.objects.filter(user=user).values_list("case_id", "role",
                                                                                          "agency_id"):
            cached.setdefault(case_id, []).append((role, agency_id))
        user._dhr_appointments = cached
    return cached


REVIEWER_ROLES = {"chair", "author", "panel"}


@rules.predicate
def appointed_reviewer(user, case) -> bool:
    """The review's own chair, author or a panel member (an ``Appointment`` to this case)."""
    if case is None:
        return False
    return any(role in REVIEWER_ROLES for role, _ in appointments(user).get(getattr(case, "pk", None), []))


@rules.predicate
def agency_contact_of(user, imr) -> bool:
    """An agency's contact on this case, for this agency's own request only."""
    if imr is None:
        return False
    return ("agency", imr.agency_id) in appointments(user).get(imr.case_id, [])


@rules.predicate
def has_appointment(user) -> bool:
    return bool(appointments(user))


@rules.predicate
def team_of_imr(user, imr) -> bool:
    return imr is not None and imr.case.partnership_id in team_partnership_ids(user)


rules.add_perm("dhr.view_my_reviews", has_appointment)
rules.add_perm("dhr.view_review", on_team_of | appointed_reviewer)
rules.add_perm("dhr.view_imr", team_of_imr | agency_contact_of)
rules.add_perm("dhr.upload_imr", team_of_imr | agency_contact_of)
rules.add_perm("dhr.view_case_list", is_dhr_team)
rules.add_perm("dhr.view_case", on_team_of)
rules.add_perm("dhr.notify", on_team_of)  # obj: the partnership
rules.add_perm("dhr.change_case", on_team_of)
rules.add_perm("dhr.erase_case", on_team_of)
rules.add_perm("dhr.manage_settings", on_team_of | is_administrator)  # no personal data in settings
rules.add_perm("dhr.manage_team", is_administrator)
rules.add_perm("dhr.view_learning", rules.always_allow)
