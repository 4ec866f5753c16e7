"""Members by organisation, and chair elections."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.core import audit
from saferhub.core.actors import Actor
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import require
from saferhub.governance.models import Committee, Meeting
from saferhub.groups import queries, rules
from saferhub.groups.actions.common import full_clean
from saferhub.groups.models import ChairTerm, GroupMembership, MemberKind


@transaction.atomic
def add_member(body: Committee, *, person: Person, start_date: dt.date, acting_user: Actor,
               organisation: Organisation | None = None, kind: str = MemberKind.MEMBER,
               end_date: dt.date | None = None, note: str = "") -> GroupMembership:
    """Add a person to a body, representing an organisation (their employer unless given).
    "Representatives agree to present views from their agency/sector" (seed 002:768); a temporary
    member's end date is required (seed 002:790)."""
    require(acting_user, "groups.run_secretariat", body)
    organisation = organisation or person.organisation
    if organisation is None:
        raise RuleViolation(f"Say which organisation {person.display_name} represents.",
                            code="groups.member_organisation_required", field="organisation")
    if kind == MemberKind.TEMPORARY and end_date is None:
        raise RuleViolation("A temporary member needs an end date.", code="groups.temporary_end_required",
                            field="end_date")
    overlapping = GroupMembership.objects.filter(body=body, person=person).exclude(end_date__lt=start_date)
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lte=end_date)
    if overlapping.exists():
        raise RuleViolation(f"{person.display_name} is already a member of {body} for part of that period.",
                            code="groups.member_duplicate", field="person")
    membership = GroupMembership(body=body, person=person, organisation=organisation, kind=kind,
                                 start_date=start_date, end_date=end_date, note=note)
    full_clean(membership)
    membership.save()
    audit.record("groups.member.added", actor=acting_user, target=body,
                 data={"person": person.display_name, "organisation": organisation.name, "kind": kind,
                       "start_date": start_date, "end_date": end_date})
    return membership


@transaction.atomic
def end_member(membership: GroupMembership, *, end_date: dt.date, acting_user: Actor) -> GroupMembership:
    """End a membership on ``end_date`` (its last day)."""
    require(acting_user, "groups.run_secretariat", membership.body)
    membership = GroupMembership.objects.select_for_update(of=("self",)).get(pk=membership.pk)
    if end_date < membership.start_date:
        raise RuleViolation("The membership cannot end before it starts.", code="groups.member_dates", field="end_date")
    membership.end_date = end_date
    membership.save(update_fields=["end_date", "updated_at"])
    audit.record("groups.member.ended", actor=acting_user, target=membership.body,
                 data={"person": str(membership.person), "end_date": end_date})
    return membership


@transaction.atomic
def elect_chair(body: Committee, *, person: Person, date: dt.date, method: str, acting_user: Actor,
                meeting: Meeting | None = None, votes_for: int | None = None, votes_against: int | None = None,
                abstentions: int | None = None, co_chair: bool = False, evidence: str = "") -> ChairTerm:
    """Record a chair's election under the Terms of Reference in force on ``date``: eligibility,
    re-election and the majority are checked; the term's end follows the ToR's term length, and the
    previous chair's term ends the day before (seed 002:802; "unanimous agreement", 001:690)."""
    require(acting_user, "groups.run_secretariat", body)
    Committee.objects.select_for_update(of=("self",)).get(pk=body.pk)
    tor = queries.version_in_force(body, date)  # without one: from the members, re-electable, no fixed term
    if meeting is not None and meeting.committee_id != body.pk:
        raise RuleViolation("The election must be at a meeting of this body.", code="groups.chair_meeting",
                            field="meeting")
    is_member = GroupMembership.objects.filter(body=body, person=person, start_date__lte=date).exclude(
        end_date__lt=date).exists()
    previous = list(ChairTerm.objects.filter(body=body, co_chair=co_chair, start_date__lt=date))
    rules.check_chair_election(
        rules.ChairElection(person.display_name, is_member, any(t.person_id == person.pk for t in previous), method,
                            votes_for, votes_against),
        from_members=tor.chair_from_members if tor else True, re_electable=tor.chair_re_electable if tor else True,
        tor_method=tor.chair_election_method if tor else "simple_majority", evidence=evidence,
    )
    if not co_chair:
        for term in previous:
            if term.end_date is None or term.end_date >= date:
                term.end_date = date - dt.timedelta(days=1)
                term.save(update_fields=["end_date"])
    term = ChairTerm(body=body, person=person, co_chair=co_chair, start_date=date,
                     end_date=rules.term_end(date, tor.chair_term_months if tor else None), method=method, elected_at=meeting,
                     votes_for=votes_for, votes_against=votes_against, abstentions=abstentions, evidence=evidence)
    full_clean(term, exclude=["elected_at"])
    term.save()
    audit.record("groups.chair.elected", actor=acting_user, target=body,
                 data={"person": person.display_name, "date": date, "method": method, "votes_for": votes_for,
                       "votes_against": votes_against, "co_chair": co_chair, "term_ends": term.end_date,
                       "tor_version": tor.version if tor else None})
    return term
