"""The register of bodies and their Terms of Reference versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation
from saferhub.core.permissions import require
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import Committee
from saferhub.groups import rules
from saferhub.groups.actions.common import full_clean
from saferhub.groups.actions.reviews import close_reviews_by_new_versions, ensure_review_task
from saferhub.groups.models import BodyProfile, RequiredMember, TermsOfReference

PROFILE_FIELDS = ["secretariat", "secretariat_team", "managed_by", "aliases", "note"]
REGISTER_FIELDS = ["kind", "parent", "reports_every_months", "governed_by_partnership", "is_public", "role_text"]
TOR_FIELDS = [
    "document_date", "reviewed_by", "purpose", "key_activities", "priorities", "accountability", "quorum",
    "cadence_months", "cadence_weeks", "chair_term_months", "chair_election_method", "chair_from_members",
    "chair_re_electable", "pre_agenda_days_before", "papers_days_before", "papers_clear_working_days",
    "minutes_days_after", "report_to_parent_months", "absence_meetings", "review_months", "review_date",
    "agreed_at", "source",
]


def _profile_data(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    return data


@transaction.atomic
def register_body(*, name: str, slug: str, organisation: Organisation, kind: str, acting_user: Actor,
                  short_name: str = "", parent: Committee | None = None, reports_every_months: int | None = None,
                  governed_by_partnership: bool = False, is_public: bool = False, role_text: str = "",
                  **profile: Any) -> Committee:
    """Add a body to the register: a ``governance.Committee`` with its register entry."""
    require(acting_user, "groups.manage_register")
    body = gov_actions.create_committee(
        name=name, short_name=short_name, slug=slug, organisation=organisation, kind=kind, parent=parent,
        reports_every_months=reports_every_months, governed_by_partnership=governed_by_partnership,
        is_public=is_public, role_text=role_text, acting_user=acting_user,
    )
    entry = BodyProfile(body=body, **_profile_data(profile))
    full_clean(entry)
    entry.save()
    audit.record("groups.body.registered", actor=acting_user, target=body,
                 data={"kind": kind, "parent": parent, "is_public": is_public, **audit.snapshot(entry, list(profile))})
    return body


@transaction.atomic
def set_register_entry(body: Committee, *, acting_user: Actor, **data: Any) -> BodyProfile:
    """Set the register details of an existing body (the Sub Panel, say): its kind, parent and
    reporting, and its secretariat."""
    require(acting_user, "groups.manage_register", body)
    committee_data = {k: v for k, v in data.items() if k in REGISTER_FIELDS}
    profile = _profile_data({k: v for k, v in data.items() if k not in REGISTER_FIELDS})
    if committee_data:
        gov_actions.update_terms_of_reference(body, acting_user=acting_user, **committee_data)
    entry, _ = BodyProfile.objects.select_for_update(of=("self",)).get_or_create(body=body)
    before = audit.snapshot(entry, list(profile))
    for key, value in profile.items():
        setattr(entry, key, value)
    full_clean(entry)
    entry.save()
    audit.record("groups.body.updated", actor=acting_user, target=body,
                 data={**audit.jsonable(committee_data), **audit.changes(before, audit.snapshot(entry, list(profile)))})
    return entry


@transaction.atomic
def add_tor_version(body: Committee, *, version: str, in_force_from: dt.date, acting_user: Actor,
                    in_force_to: dt.date | None = None, required_members: list[dict] | None = None,
                    supersede: bool = True, **fields: Any) -> TermsOfReference:
    """Record a version of the body's Terms of Reference (an amendment agreed at a meeting becomes a
    new version). With ``supersede``, the version in force until now stops the day before this one
    starts; otherwise an overlap with any version is refused."""
    require(acting_user, "groups.manage_register", body)
    return record_version(body, version=version, in_force_from=in_force_from, in_force_to=in_force_to,
                          required_members=required_members, supersede=supersede, acting_user=acting_user, **fields)


def record_version(body: Committee, *, version: str, in_force_from: dt.date, acting_user: Actor,
                   in_force_to: dt.date | None = None, required_members: list[dict] | None = None,
                   supersede: bool = True, **fields: Any) -> TermsOfReference:
    """Save a version once the caller has checked permission (``add_tor_version``, or an amendment agreed
    at a meeting, ``agree_tor_amendment``); inside the caller's transaction."""
    unknown = set(fields) - set(TOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    version = version.strip()
    if not version:
        raise RuleViolation("Enter the version number.", code="groups.tor_version_required", field="version")
    Committee.objects.select_for_update(of=("self",)).get(pk=body.pk)  # one writer of a body's versions
    existing = list(TermsOfReference.objects.filter(body=body))
    superseded = None
    if supersede:
        current = [t for t in existing if t.in_force_to is None and t.in_force_from < in_force_from]
        if current:
            superseded = current[0]
            superseded.in_force_to = in_force_from - dt.timedelta(days=1)
    windows = [rules.VersionWindow(t.version, t.in_force_from, t.in_force_to) for t in existing]
    rules.check_version_window(rules.VersionWindow(version, in_force_from, in_force_to), windows)
    tor = TermsOfReference(body=body, version=version, in_force_from=in_force_from, in_force_to=in_force_to, **fields)
    full_clean(tor, exclude=["body", "agreed_at"])
    if superseded is not None:
        superseded.save(update_fields=["in_force_to"])
    tor.save()
    for position, row in enumerate(required_members or [], start=1):
        RequiredMember.objects.create(tor=tor, position=position, name=row["name"],
                                      organisation=row.get("organisation"),
                                      organisation_kind=row.get("organisation_kind", ""))
    if in_force_to is None and (tor.cadence_months or tor.quorum):
        # Governance's frequency warnings and quorum follow the version in force.
        sync = {"meeting_frequency_months": tor.cadence_months} if tor.cadence_months else {}
        if tor.quorum:
            sync["quorum"] = tor.quorum
        gov_actions.update_terms_of_reference(body, acting_user=acting_user, **sync)
    audit.record("groups.tor.version_added", actor=acting_user, target=body,
                 data={"version": version, "in_force_from": in_force_from, "in_force_to": in_force_to,
                       "superseded": superseded.version if superseded else None,
                       "required_members": [r["name"] for r in required_members or []]})
    # The secretariat's review task: a version now in force closes the one it replaces; the new one gets its own.
    today = timezone.localdate()
    close_reviews_by_new_versions(body, acting_user=acting_user, today=today)
    ensure_review_task(tor, acting_user=acting_user, today=today)
    return tor
