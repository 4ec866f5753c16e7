"""Gather the facts the pure rules need from the database (reads only)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from saferhub.governance import rules as gov_rules
from saferhub.governance.models import Membership, MembershipRole, Seat, SeatGroup


def membership_facts(m: Membership) -> gov_rules.MembershipFacts:
    return gov_rules.MembershipFacts(
        person_id=m.person_id,
        person_name=m.person.display_name,
        role=m.role,
        seat_id=m.seat_id,
        period=gov_rules.Period(m.start_date, m.end_date),
        membership_id=m.pk,
    )


def group_facts(group: SeatGroup) -> gov_rules.SeatGroupFacts:
    from saferhub.core.models import OrganisationKind

    return gov_rules.SeatGroupFacts(
        name=group.name,
        seats=group.seats,
        seats_per_organisation=group.seats_per_organisation,
        organisation_id=group.organisation_id,
        organisation_name=group.organisation.name if group.organisation_id else "",
        organisation_kind=group.organisation_kind,
        organisation_kind_label=OrganisationKind(group.organisation_kind).label if group.organisation_kind else "",
        chair_eligible=group.chair_eligible,
        vice_chair_eligible=group.vice_chair_eligible,
    )


def active_on(day: dt.date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def membership_on(committee, person, day: dt.date) -> Membership | None:
    """The person's place on the committee on ``day``, if any (at most one, by rule)."""
    return (
        Membership.objects.filter(active_on(day), committee=committee, person=person)
        .select_related("person", "seat", "seat__group", "seat__organisation")
        .first()
    )


def seat_member_on(seat: Seat, day: dt.date) -> Membership | None:
    return (
        Membership.objects.filter(active_on(day), seat=seat, role=MembershipRole.MEMBER)
        .select_related("person")
        .first()
    )


def seat_label(seat: Seat) -> str:
    return f"Seat {seat.number} ({seat.organisation.name})"

