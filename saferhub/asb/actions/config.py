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
from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require

DECISION_CLOCKS = ("acknowledgement_days", "determination_days", "information_request_days", "initial_review_days",
                   "decision_letter_days")
SETTINGS_FIELDS = [f.name for f in AsbSettings._meta.concrete_fields if f.name not in {"id", "updated_at"}]


@transaction.atomic
def update_asb_settings(settings: AsbSettings | None = None, *, acting_user: Actor, **data: Any) -> AsbSettings:
    """Change the partnership's ASB settings (created with the Norfolk defaults if missing)."""
    require(acting_user, "asb.manage_config")
    if settings is None:
        settings = stored_settings() or AsbSettings(name=data.get("name", "Norfolk"))
    elif settings.pk:
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
                  position: int = 0) -> OptArea:
    require(acting_user, "asb.manage_config")
    area = OptArea.objects.filter(code=code).first() or OptArea(code=code)
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
                     window_days: int | None = None) -> LocalThresholdRoute:
    """A configured way to meet the threshold beside the statutory count (``rules.routes``); always reported
    as a local variant. ``area=None`` makes it a route of the whole partnership."""
    require(acting_user, "asb.manage_config")
    asb_rules.check_route(kind, min_distinct_reporters, window_months, window_days)
    route = LocalThresholdRoute.objects.filter(area=area, name=name).first() or LocalThresholdRoute(area=area, name=name)
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
    """Link a user to the area (SPOC, OPT officer, OPT Inspector) or organisation (agency officer) they cover."""
    require(acting_user, "asb.manage_config")
    if role not in AsbRole.values:
        raise RuleViolation("Choose an ASB role.", code="asb.staff_role", field="role")
    if role in (AsbRole.SPOC, AsbRole.OPT_OFFICER, AsbRole.OPT_INSPECTOR) and area is None:
        raise RuleViolation("Choose the OPT area this person covers.", code="asb.staff_area", field="area")
    if role == AsbRole.AGENCY_OFFICER and organisation is None:
        raise RuleViolation("Choose the agency this person works for.", code="asb.staff_organisation",
                            field="organisation")
    assignment, created = AsbStaffAssignment.objects.get_or_create(
        user=user, role=role, area=area, organisation=organisation)
    if created:
        audit.record("asb.staff.assigned", actor=acting_user, target=assignment,
                     data={"user": user.get_username(), "role": role,
                           "area": area.code if area else None, "organisation": organisation.name if organisation else None})
    return assignment


@transaction.atomic
def remove_asb_staff(assignment: AsbStaffAssignment, *, acting_user: Actor) -> None:
    require(acting_user, "asb.manage_config")
    audit.record("asb.staff.removed", actor=acting_user, target=assignment, data={"assignment": str(assignment)})
    assignment.delete()
