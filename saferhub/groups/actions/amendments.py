"""Amending a body's Terms of Reference: proposed, agreed at one of its meetings, then in force as a new
version (issue 11 item 6). The Sub Panel's Terms of Reference are versions of the same model, so this is
its amendment workflow too."""

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
from saferhub.governance.models import AgendaItem, Committee, Meeting
from saferhub.groups import queries, rules, tor_diff
from saferhub.groups.actions.common import full_clean
from saferhub.groups.actions.register import record_version
from saferhub.groups.models import AmendmentStatus, TermsOfReference, TorAmendment

AMENDABLE = list(tor_diff.FIELDS)
DATE_FIELDS = {"review_date"}


def tor_values(tor: TermsOfReference) -> dict[str, Any]:
    """A version's amendable fields as plain values."""
    return {name: getattr(tor, name) for name in AMENDABLE}


def proposed_values(amendment: TorAmendment) -> dict[str, Any]:
    """The base version's fields with the amendment's changes applied."""
    values = tor_values(amendment.base)
    for name, value in amendment.changes.items():
        values[name] = dt.date.fromisoformat(value) if name in DATE_FIELDS and value else value
    return values


def amendment_diff(amendment: TorAmendment) -> list[tor_diff.FieldChange]:
    base_members = [r.name for r in amendment.base.required_members.all()]
    new_members = amendment.required_members if amendment.required_members is not None else base_members
    return tor_diff.diff(tor_values(amendment.base), proposed_values(amendment), base_members, new_members)


def _stored(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in changes.items()}


@transaction.atomic
def propose_tor_amendment(body: Committee, *, summary: str, acting_user: Actor, changes: dict[str, Any] | None = None,
                          required_members: list[str] | None = None, proposed_on: dt.date | None = None) -> TorAmendment:
    """Propose changes to the Terms of Reference in force today. ``changes`` maps a field (purpose, key
    activities, quorum, cadence, chair term rules, paper deadlines, review date…) to its new value;
    ``required_members`` is the new list of required organisations' names, if it changes."""
    require(acting_user, "groups.propose_tor_amendment", body)
    changes = dict(changes or {})
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    proposed_on = proposed_on or timezone.localdate()
    base = queries.version_in_force(body, proposed_on)
    if base is None:
        raise RuleViolation("No Terms of Reference are in force to amend. Record the Terms of Reference first.",
                            code="groups.no_tor")
    if required_members is not None:
        required_members = [name.strip() for name in required_members if name.strip()]
    candidate = TermsOfReference(body=body, version=base.version, in_force_from=base.in_force_from,
                                 **{**tor_values(base), **changes})
    full_clean(candidate, exclude=["body", "version", "agreed_at"])
    changes = {k: v for k, v in changes.items() if v != getattr(base, k)}
    amendment = TorAmendment(body=body, base=base, summary=(summary or "").strip()[:300], changes=_stored(changes),
                             required_members=required_members, proposed_on=proposed_on,
                             proposed_by=acting_user if getattr(acting_user, "is_authenticated", False) else None)
    rules.check_amendment_proposal(len(amendment_diff(amendment)), amendment.summary)
    full_clean(amendment, exclude=["body", "base", "proposed_by", "agreed_at", "agreed_item", "result"])
    amendment.save()
    audit.record("groups.tor.amendment_proposed", actor=acting_user, target=body,
                 data={"amendment": amendment.pk, "base": base.version, "summary": amendment.summary,
                       "changes": amendment.changes, "required_members": required_members})
    return amendment


def next_version(version: str) -> str:
    """A suggestion for the new version's number: "2.0" → "2.1", "3" → "4", otherwise the year's."""
    head, _, tail = version.rpartition(".")
    if tail.isdigit():
        return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1)
    return f"{version}.1"


@transaction.atomic
def agree_tor_amendment(amendment: TorAmendment, *, meeting: Meeting, version: str, in_force_from: dt.date,
                        acting_user: Actor, agenda_item: AgendaItem | None = None) -> TermsOfReference:
    """Record that a meeting of the body agreed the amendment (under ``agenda_item``, its minute, where there
    is one) and make it the new version, in force from ``in_force_from``; the version before it stops the day
    before. An amendment agreed at a meeting that has not happened, or of another body, is refused."""
    require(acting_user, "groups.agree_tor_amendment", amendment.body)
    amendment = TorAmendment.objects.select_for_update(of=("self",)).select_related("base").get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.PROPOSED:
        raise RuleViolation(f"This amendment is already {amendment.get_status_display().lower()}.",
                            code="groups.amendment_status")
    body = amendment.body
    rules.check_amendment_agreement(
        rules.AgreeingMeeting(same_body=meeting.committee_id == body.pk, date=meeting.date, status=meeting.status,
                              item_on_meeting=agenda_item is None or agenda_item.meeting_id == meeting.pk),
        in_force_from, timezone.localdate())
    current = queries.version_in_force(body, in_force_from)
    if current is not None and current.pk != amendment.base_id:
        raise RuleViolation(
            f"The amendment was proposed to version {amendment.base.version}, but version {current.version} is in force "
            f"on {rules.fmt(in_force_from)}. Propose the amendment again to the version in force.",
            code="groups.amendment_base_replaced", field="in_force_from")
    values = proposed_values(amendment)
    base_members = list(amendment.base.required_members.all())
    if amendment.required_members is None:
        members = [{"name": r.name, "organisation": r.organisation, "organisation_kind": r.organisation_kind}
                   for r in base_members]
    else:
        known = {r.name: r for r in base_members}
        members = []
        for name in amendment.required_members:
            row = known.get(name)
            if row is not None:
                members.append({"name": name, "organisation": row.organisation,
                                "organisation_kind": row.organisation_kind})
            else:
                members.append({"name": name, "organisation": Organisation.objects.filter(name=name).first()})
    tor = record_version(body, version=version, in_force_from=in_force_from, required_members=members,
                         agreed_at=meeting, source=f"Amendment agreed {rules.fmt(meeting.date)}",
                         acting_user=acting_user, **values)
    amendment.status = AmendmentStatus.AGREED
    amendment.agreed_at, amendment.agreed_item = meeting, agenda_item
    amendment.in_force_from, amendment.result = in_force_from, tor
    amendment.save(update_fields=["status", "agreed_at", "agreed_item", "in_force_from", "result", "updated_at"])
    audit.record("groups.tor.amendment_agreed", actor=acting_user, target=body,
                 data={"amendment": amendment.pk, "meeting": meeting, "agenda_item": agenda_item,
                       "version": tor.version, "in_force_from": in_force_from, "base": amendment.base.version})
    return tor


@transaction.atomic
def withdraw_tor_amendment(amendment: TorAmendment, *, acting_user: Actor) -> TorAmendment:
    """Withdraw a proposed amendment (it stays on record)."""
    require(acting_user, "groups.propose_tor_amendment", amendment.body)
    amendment = TorAmendment.objects.select_for_update(of=("self",)).get(pk=amendment.pk)
    if amendment.status != AmendmentStatus.PROPOSED:
        raise RuleViolation(f"This amendment is already {amendment.get_status_display().lower()}.",
                            code="groups.amendment_status")
    amendment.status = AmendmentStatus.WITHDRAWN
    amendment.save(update_fields=["status", "updated_at"])
    audit.record("groups.tor.amendment_withdrawn", actor=acting_user, target=amendment.body,
                 data={"amendment": amendment.pk, "summary": amendment.summary})
    return amendment
