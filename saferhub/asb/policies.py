"""Who may see and work on ASB Case Reviews (object-level permissions, via ``rules``).

Victims' personal data: a case is visible to
- the county team of the case's partnership (every case of that partnership; they triage, audit and read the
  history): a user with the county team role *and* a ``core.PartnershipMembership`` in the
  ``asb_county_team`` role for the partnership (``core.partnerships``, the one home of who works where),
- the SPOC, OPT officers and OPT Inspector of the case's area (and of the area reviewing an appeal),
- staff of an agency involved in the case (an information request, a panel seat, an action or the lead agency),
and nobody else: anyone else gets 404, as if the case did not exist.

A user's area or organisation comes from ``AsbStaffAssignment`` rows, cached on the user per request. Areas
belong to one partnership, so area staff see only their partnership's cases; an agency officer sees a case of
any partnership that involved their agency (the partnership chose to share it with them), and nothing else.
"""

from __future__ import annotations

import rules

from saferhub.core.actors import is_system
from saferhub.core.partnerships import partnership_ids
from saferhub.core.permissions import Role, can, has_role, is_administrator


def _assignments(user) -> dict[str, set[int]]:
    """{"areas": {...}, "inspector_areas": {...}, "organisations": {...}} for an authenticated user."""
    cached = getattr(user, "_asb_assignments", None)
    if cached is not None:
        return cached
    from saferhub.asb.models import AsbRole, AsbStaffAssignment

    out: dict[str, set[int]] = {"areas": set(), "inspector_areas": set(), "organisations": set()}
    if getattr(user, "is_authenticated", False):
        for role, area_id, org_id in AsbStaffAssignment.objects.filter(user=user).values_list(
            "role", "area_id", "organisation_id"
        ):
            if area_id and role in (AsbRole.SPOC, AsbRole.OPT_OFFICER) and has_role(user, role):
                out["areas"].add(area_id)
            if area_id and role == AsbRole.OPT_INSPECTOR and has_role(user, role):
                out["inspector_areas"].add(area_id)
            if org_id and role == AsbRole.AGENCY_OFFICER and has_role(user, role):
                out["organisations"].add(org_id)
    user._asb_assignments = out
    return out


def can_asb(user, perm: str, obj=None) -> bool:
    """``can`` for reading victims' data: Django lets a superuser pass every ``has_perm``, but a superuser is an
    administrator here (the Administrator role) and sees a case only through an ASB role like anyone else."""
    if is_system(user):
        return True
    if user is not None and getattr(user, "is_superuser", False):
        return rules.has_perm(perm, user, obj)
    return can(user, perm, obj)


def case_of(obj):
    from saferhub.asb.models import Case

    if obj is None or isinstance(obj, Case):
        return obj
    return getattr(obj, "case", None)


def county_partnership_ids(user) -> frozenset[int]:
    """The partnerships whose ASB county team the user is on (empty without the county team role)."""
    if not getattr(user, "is_authenticated", False) or not has_role(user, Role.ASB_COUNTY_TEAM):
        return frozenset()
    return partnership_ids(user, Role.ASB_COUNTY_TEAM)


def staff_partnership_ids(user) -> frozenset[int]:
    """Every partnership the user works for in an ASB role (county team or an area): what their statistics,
    dashboard and configuration pages cover."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    ids = set(county_partnership_ids(user))
    for role in (Role.ASB_SPOC, Role.OPT_OFFICER, Role.OPT_INSPECTOR):
        if has_role(user, role):
            ids |= partnership_ids(user, role)
    return frozenset(ids)


def _partnership_of(obj) -> int | None:
    from saferhub.asb.config import partnership_id_of

    return partnership_id_of(obj)


@rules.predicate
def is_county_team(user, obj=None) -> bool:
    """On the county team of the object's partnership (of any partnership when there is no object)."""
    ids = county_partnership_ids(user)
    if obj is None or not ids:
        return bool(ids)
    return _partnership_of(obj) in ids


@rules.predicate
def has_asb_role(user) -> bool:
    return any(has_role(user, r) for r in (Role.ASB_COUNTY_TEAM, Role.ASB_SPOC, Role.OPT_OFFICER,
                                          Role.OPT_INSPECTOR, Role.AGENCY_OFFICER))


@rules.predicate
def works_for_object_partnership(user, obj=None) -> bool:
    """Works for the object's partnership in an ASB role (any partnership when there is no object)."""
    ids = staff_partnership_ids(user)
    if obj is None or not ids:
        return bool(ids)
    return _partnership_of(obj) in ids


def _appeal_area_ids(case) -> set[int]:
    return set(case.appeals.values_list("reviewing_area_id", flat=True))


@rules.predicate
def works_in_case_area(user, obj) -> bool:
    """SPOC or OPT officer of the case's own area (who run the case)."""
    case = case_of(obj)
    if case is None or not getattr(user, "is_authenticated", False):
        return False
    return case.area_id in _assignments(user)["areas"]


@rules.predicate
def reviews_case_appeal(user, obj) -> bool:
    """SPOC or OPT officer of the area reviewing an appeal on the case: they see it and decide the appeal,
    but do not run the case."""
    case = case_of(obj)
    if case is None or not getattr(user, "is_authenticated", False):
        return False
    areas = _assignments(user)["areas"]
    return bool(areas) and bool(areas & _appeal_area_ids(case))


@rules.predicate
def inspects_case_area(user, obj) -> bool:
    case = case_of(obj)
    if case is None or not getattr(user, "is_authenticated", False):
        return False
    areas = _assignments(user)["inspector_areas"]
    return bool(areas) and (case.area_id in areas or bool(areas & _appeal_area_ids(case)))


def involved_organisation_ids(case) -> set[int]:
    from saferhub.asb.models import ActionItem, InformationRequest, PanelMember

    ids = set(InformationRequest.objects.filter(case=case).values_list("agency_id", flat=True))
    ids |= set(PanelMember.objects.filter(case=case).values_list("organisation_id", flat=True))
    ids |= set(ActionItem.objects.filter(case=case).values_list("owner_id", flat=True))
    if case.lead_agency_id:
        ids.add(case.lead_agency_id)
    return ids


@rules.predicate
def agency_involved(user, obj) -> bool:
    case = case_of(obj)
    if case is None or not getattr(user, "is_authenticated", False):
        return False
    orgs = _assignments(user)["organisations"]
    return bool(orgs) and bool(orgs & involved_organisation_ids(case))


@rules.predicate
def owns_object_agency(user, obj) -> bool:
    """Agency officer of the agency an information request is addressed to, or an action is owned by."""
    org_id = getattr(obj, "agency_id", None) or getattr(obj, "owner_id", None)
    return bool(org_id) and org_id in _assignments(user)["organisations"]


manages_case = is_county_team | works_in_case_area
sees_whole_case = is_county_team | works_in_case_area | reviews_case_appeal | inspects_case_area


def agency_view(user, case) -> set[int] | None:
    """The agencies whose part of ``case`` the user sees when they see it only as an agency officer (their own
    information requests and the records attached to them); ``None`` when they see the whole case."""
    if is_system(user) or sees_whole_case.test(user, case):
        return None
    return _assignments(user)["organisations"]

rules.add_perm("asb.submit_application", rules.always_allow)
rules.add_perm("asb.view_case",
               is_county_team | works_in_case_area | reviews_case_appeal | inspects_case_area | agency_involved)
rules.add_perm("asb.triage", is_county_team)
rules.add_perm("asb.manage_case", manages_case)
rules.add_perm("asb.respond_information_request", manages_case | owns_object_agency)
rules.add_perm("asb.update_action", manages_case | owns_object_agency)
rules.add_perm("asb.handle_appeal", is_county_team | works_in_case_area | reviews_case_appeal | inspects_case_area)
# Deciding an appeal is for the independent reviewer: never the area whose handling is appealed against.
rules.add_perm("asb.decide_appeal", is_county_team | reviews_case_appeal | inspects_case_area)
rules.add_perm("asb.audit_case", is_county_team)
# The history shows every old and new value of a case: the county team only (administrators configure the
# service, they do not read cases).
rules.add_perm("asb.view_history", is_county_team)
rules.add_perm("asb.view_stats", has_asb_role | is_administrator)
rules.add_perm("asb.view_dashboard", has_asb_role)
rules.add_perm("asb.manage_config", is_county_team | is_administrator)
rules.add_perm("asb.manage_peer_review", is_county_team)
rules.add_perm("asb.publish_summary", is_county_team)
rules.add_perm("asb.legal_hold", is_county_team | is_administrator)
rules.add_perm("asb.run_retention", is_administrator)
