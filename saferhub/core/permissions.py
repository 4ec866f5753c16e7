"""Roles and permission checks shared by every app.

Roles are Django groups. Each app's ``policies.py`` turns roles and object relationships into
named permissions with ``rules``; code asks ``can(user, "governance.record_meeting", meeting)``
and actions call ``require(...)``, which raises for anyone but the system actor.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import Group
from django.db import models
from django.http import Http404

from saferhub.core.actors import Actor, is_system
from saferhub.core.exceptions import ActionPermissionDenied


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    COMMITTEE_OFFICER = "committee_officer", "Committee officer"
    COUNCILLOR = "councillor", "Councillor"
    PARTNERSHIP_OFFICER = "partnership_officer", "Partnership officer"
    ASB_COUNTY_TEAM = "asb_county_team", "ASB county team"
    ASB_SPOC = "asb_spoc", "ASB SPOC"
    OPT_OFFICER = "opt_officer", "OPT officer"
    OPT_INSPECTOR = "opt_inspector", "OPT Inspector"
    AGENCY_OFFICER = "agency_officer", "Agency officer"
    DHR_TEAM = "dhr_team", "DHR team"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring officer"
    TENSION_ANALYST = "tension_analyst", "Tension analyst"


ROLE_DESCRIPTIONS = {
    Role.ADMINISTRATOR: "Configures committees, people, roles and the site; can do everything a committee officer can.",
    Role.COMMITTEE_OFFICER: "Prepares and records meetings of the committees they support.",
    Role.COUNCILLOR: "Reads draft papers and records of the committees they sit on.",
    Role.PARTNERSHIP_OFFICER: "Reads draft papers of committees that scrutinise their Partnership.",
    Role.ASB_COUNTY_TEAM: "Triages every ASB Case Review application in the county, audits cases and sees their history.",
    Role.ASB_SPOC: "Single point of contact for an OPT area: determines, runs and closes that area's ASB Case Reviews.",
    Role.OPT_OFFICER: "Works ASB Case Reviews in their Operational Partnership Team's area.",
    Role.OPT_INSPECTOR: "Receives appeals on ASB Case Reviews for their area and sends them to another OPT.",
    Role.AGENCY_OFFICER: "Answers information requests, sits on panels and carries out actions for their agency.",
    Role.DHR_TEAM: "Runs the Domestic Homicide Reviews of the partnerships whose review team they are on.",
    Role.MONITORING_OFFICER: "The council's monitoring officer (Localism Act 2011 s.27-34): keeps the register of interests, grants dispensations and follows up interests declared but not registered.",
    Role.TENSION_ANALYST: "A police analyst of the community tension log: triages, grades and escalates every tension report and records the feedback given.",
}


def group_name(role: str) -> str:
    return Role(role).label


def ensure_role_groups() -> None:
    """Create a group for each role (run after migrations)."""
    for role in Role:
        Group.objects.get_or_create(name=role.label)


def roles_of(user) -> frozenset[str]:
    """The roles a user holds, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_saferhub_roles", None)
    if cached is None:
        labels = {role.label: role.value for role in Role}
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(labels[name] for name in names if name in labels)
        if user.is_superuser:
            cached = cached | {Role.ADMINISTRATOR.value}
        user._saferhub_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


@rules.predicate
def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


@rules.predicate
def is_committee_officer(user) -> bool:
    return has_role(user, Role.COMMITTEE_OFFICER)


@rules.predicate
def is_councillor(user) -> bool:
    return has_role(user, Role.COUNCILLOR)


@rules.predicate
def is_partnership_officer(user) -> bool:
    return has_role(user, Role.PARTNERSHIP_OFFICER)


@rules.predicate
def is_staff_user(user) -> bool:
    return bool(roles_of(user))


rules.add_perm("core.manage_site", is_administrator)
rules.add_perm("core.manage_people", is_administrator | is_committee_officer)
rules.add_perm("core.view_audit", is_administrator)
rules.add_perm("core.view_dashboard", is_staff_user)
rules.add_perm("core.unlock_sign_in", is_administrator)  # and reset a lost second factor


def can(user, perm: str, obj=None) -> bool:
    """Whether ``user`` holds ``perm`` (on ``obj``, for object permissions)."""
    if is_system(user):
        return True
    if user is None:
        return False
    return user.has_perm(perm, obj)


def require(actor: Actor, perm: str, obj=None, message: str | None = None) -> None:
    """Raise ``ActionPermissionDenied`` unless ``actor`` holds ``perm``; the system actor always may."""
    if not can(actor, perm, obj):
        raise ActionPermissionDenied(message or "You do not have permission to do that.")


def get_for(user, queryset, pk, perm: str):
    """Fetch one object and check ``perm`` on it; missing and forbidden both give 404.

    Answering "not found" for objects the user may not see keeps their existence private.
    """
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can(user, perm, obj):
        raise Http404
    return obj
