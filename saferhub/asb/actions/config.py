"""Configuration actions: settings, relevant bodies, OPT areas, local threshold routes, staff assignments."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from saferhub.asb import rules as asb_rules
from saferhub.asb.actions.common import full_clean
from saferhub.asb.config import stored_settings
from saferhub.asb.models import (
    AsbRole,
    AsbSettings,
    AsbStaffAssignment,
    LocalThresholdRoute,
    OptArea,
    RelevantBody,
)
from saferhub.core import actions as core_actions
from saferhub.core import audit
from saferhub.core.actors import SYSTEM, Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, OrganisationKind, Person
from saferhub.core.permissions import require

DECISION_CLOCKS = ("acknowledgement_days", "determination_days", "information_request_days", "initial_review_days",
                   "decision_letter_days")
SETTINGS_FIELDS = [f.name for f in AsbSettings._meta.concrete_fields if f.name not in {"id", "updated_at"}]


def _partnership(partnership: Organisation | None, *, acting_user: Actor) -> Organisation:
    """The partnership a configuration record is for: the one given, else the home partnership (created as an
    organisation if the installation has none yet, so a single-partnership installation needs no step)."""
    if partnership is None:
        return core_actions.ensure_home_partnership(acting_user=SYSTEM)  # the installation's own
    if partnership.kind != OrganisationKind.PARTNERSHIP:
        raise RuleViolation("ASB Case Reviews belong to a Community Safety Partnership: choose a partnership.",
                            code="asb.partnership", field="partnership")
    return partnership


@transaction.atomic
def update_asb_settings(settings: AsbSettings | None = None, *, acting_user: Actor,
                        partnership: Organisation | None = None, **data: Any) -> AsbSettings:
    """Change a partnership's ASB settings (created with the Norfolk defaults if missing): ``settings`` or the
    settings of ``partnership`` (the home partnership when neither is given)."""
    if settings is None:
        partnership = _partnership(partnership, acting_user=acting_user)
        settings = stored_settings(partnership) or AsbSettings(partnership=partnership,
                                                               name=data.get("name", "Norfolk"))
    require(acting_user, "asb.manage_config", settings)
    data.pop("partnership", None)
    if settings.pk:
        settings = AsbSettings.objects.select_for_update().get(pk=settings.pk)
    unknown = set(data) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown ASB settings: {', '.join(sorted(unknown))}")
    before = audit.snapshot(settings, SETTINGS_FIELDS) if settings.pk else {}
    for key, value in data.items():
        setattr(settings, key, value)
    asb_rules.check_threshold_setting(settings.threshold_count)
    for name in ("acknowledgement_days", "determination_days", "information_request_days", "initial_review_days",
                 "decision_letter_days", "overall_days", "appeal_window"):
        if getattr(settings, name) < 1:
            raise RuleViolation(f"{name.replace('_', ' ').capitalize()} must be at least 1.",
                                code="asb.setting_minimum", field=name)
    for name in DECISION_CLOCKS:
        asb_rules.check_decision_clock(name, getattr(settings, name))
    full_clean(settings)
    settings.save()
    changes = audit.changes(before, audit.snapshot(settings, SETTINGS_FIELDS))
    if changes:
        audit.record("asb.settings.updated", actor=acting_user, target=settings, data={"changes": changes})
    return settings


@transaction.atomic
def save_relevant_body(*, organisation: Organisation, kind: str, acting_user: Actor,
                       signed_information_sharing: bool = True, active: bool = True) -> RelevantBody:
    require(acting_user, "asb.manage_config")
    body = RelevantBody.objects.filter(organisation=organisation).first() or RelevantBody(organisation=organisation)
    before = {"kind": body.kind, "signed": body.signed_information_sharing, "active": body.active} if body.pk else {}
    body.kind, body.signed_information_sharing, body.active = kind, signed_information_sharing, active
    full_clean(body)
    body.save()
    after = {"kind": body.kind, "signed": body.signed_information_sharing, "active": body.active}
    if before != after:
        audit.record("asb.body.saved", actor=acting_user, target=body, data={"changes": audit.changes(before, after)})
    return body


@transaction.atomic
def save_opt_area(*, code: str, name: str, acting_user: Actor, councils: list[Organisation] | None = None,
                  spoc: Person | None = None, inspector: Person | None = None, email: str = "", phone: str = "",
                  position: int = 0, partnership: Organisation | None = None) -> OptArea:
    """Create or change an OPT area of ``partnership`` (the home partnership by default); codes and names are
    unique within a partnership, so two partnerships may both have a "central" area."""
    partnership = _partnership(partnership, acting_user=acting_user)
    require(acting_user, "asb.manage_config", partnership)
    area = (OptArea.objects.filter(partnership=partnership, code=code).first()
            or OptArea(partnership=partnership, code=code))
    fields = ["name", "spoc", "inspector", "email", "phone", "position"]
    before = audit.snapshot(area, fields) if area.pk else {}
    area.name, area.spoc, area.inspector, area.email, area.phone, area.position = (
        name, spoc, inspector, email, phone, position)
    full_clean(area)
    area.save()
    if councils is not None:
        area.councils.set(councils)
    changes = audit.changes(before, audit.snapshot(area, fields))
    if changes or councils is not None and not before:
        audit.record("asb.area.saved", actor=acting_user, target=area,
                     data={"changes": changes, "councils": [c.name for c in councils or []]})
    return area


@transaction.atomic
def save_local_route(*, area: OptArea | None, name: str, acting_user: Actor, min_distinct_reporters: int = 5,
                     window_months: int = 6, description: str = "", active: bool = True, kind: str = "reporters",
                     window_days: int | None = None, partnership: Organisation | None = None) -> LocalThresholdRoute:
    """A configured way to meet the threshold beside the statutory count (``rules.routes``); always reported
    as a local variant. ``area=None`` makes it a route of the whole partnership (``partnership``, the home
    partnership by default)."""
    if area is not None:
        if partnership is not None and partnership.pk != area.partnership_id:
            raise RuleViolation("The area belongs to another partnership.", code="asb.area_other_partnership",
                                field="area")
        partnership = area.partnership
    partnership = _partnership(partnership, acting_user=acting_user)
    require(acting_user, "asb.manage_config", partnership)
    asb_rules.check_route(kind, min_distinct_reporters, window_months, window_days)
    route = (LocalThresholdRoute.objects.filter(partnership=partnership, area=area, name=name).first()
             or LocalThresholdRoute(partnership=partnership, area=area, name=name))
    fields = ["kind", "min_distinct_reporters", "window_months", "window_days", "description", "active"]
    before = audit.snapshot(route, fields) if route.pk else {}
    route.kind, route.min_distinct_reporters, route.window_months = kind, min_distinct_reporters, window_months
    route.window_days, route.description, route.active = window_days, description, active
    full_clean(route)
    route.save()
    changes = audit.changes(before, audit.snapshot(route, fields))
    if changes:
        audit.record("asb.local_route.saved", actor=acting_user, target=route, data={"changes": changes})
    return route


@transaction.atomic
def assign_asb_staff(*, user, role: str, acting_user: Actor, area: OptArea | None = None,
                     organisation: Organisation | None = None) -> AsbStaffAssignment:
    """Link a user to the area (SPOC, OPT officer, OPT Inspector) or organisation (agency officer) they cover.
    An area role also records that they work for the area's partnership (``core.PartnershipMembership``)."""
    require(acting_user, "asb.manage_config", area)
    if role == AsbRole.COUNTY_TEAM:
        raise RuleViolation("The county team works for a partnership, not an area: use join_county_team.",
                            code="asb.staff_county_team", field="role")
    if role not in AsbRole.values:
        raise RuleViolation("Choose an ASB role.", code="asb.staff_role", field="role")
    if role in (AsbRole.SPOC, AsbRole.OPT_OFFICER, AsbRole.OPT_INSPECTOR) and area is None:
        raise RuleViolation("Choose the OPT area this person covers.", code="asb.staff_area", field="area")
    if role == AsbRole.AGENCY_OFFICER and organisation is None:
        raise RuleViolation("Choose the agency this person works for.", code="asb.staff_organisation",
                            field="organisation")
    assignment, created = AsbStaffAssignment.objects.get_or_create(
        user=user, role=role, area=area, organisation=organisation)
    if area is not None:
        core_actions.add_partnership_member(user=user, partnership=area.partnership, role=role,
                                            acting_user=acting_user, permission="asb.manage_config")
    user.__dict__.pop("_asb_assignments", None)
    if created:
        audit.record("asb.staff.assigned", actor=acting_user, target=assignment,
                     data={"user": user.get_username(), "role": role,
                           "area": area.code if area else None, "organisation": organisation.name if organisation else None})
    return assignment


@transaction.atomic
def join_county_team(*, user, acting_user: Actor, partnership: Organisation | None = None):
    """Put a member of staff on a partnership's ASB county team (the home partnership by default): with the
    county team role they triage, audit and read the history of that partnership's cases, and no other's."""
    partnership = _partnership(partnership, acting_user=acting_user)
    require(acting_user, "asb.manage_config", partnership)
    return core_actions.add_partnership_member(user=user, partnership=partnership, role=AsbRole.COUNTY_TEAM,
                                               acting_user=acting_user, permission="asb.manage_config")


@transaction.atomic
def leave_county_team(*, user, partnership: Organisation, acting_user: Actor) -> None:
    require(acting_user, "asb.manage_config", partnership)
    core_actions.remove_partnership_member(user=user, partnership=partnership, role=AsbRole.COUNTY_TEAM,
                                           acting_user=acting_user, permission="asb.manage_config")


@transaction.atomic
def remove_asb_staff(assignment: AsbStaffAssignment, *, acting_user: Actor) -> None:
    require(acting_user, "asb.manage_config")
    audit.record("asb.staff.removed", actor=acting_user, target=assignment, data={"assignment": str(assignment)})
    assignment.delete()
