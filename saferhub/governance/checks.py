"""Database checks on committee configuration (``manage.py check --database default``)."""

from __future__ import annotations

from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def check_committees(app_configs, **kwargs):
    from saferhub.governance.models import Committee

    problems = []
    try:
        committees = list(Committee.objects.filter(is_active=True).prefetch_related("seat_groups"))
    except DatabaseError:
        return []
    for committee in committees:
        groups = list(committee.seat_groups.all())
        voting = sum(g.seats for g in groups if g.voting)
        if groups and committee.quorum > voting:
            problems.append(Error(
                f"{committee}: the quorum ({committee.quorum}) is larger than the voting seats ({voting}).",
                hint="Lower the quorum or add seats in the Terms of Reference.", obj=committee, id="saferhub.E101",
            ))
        if groups and not any(g.chair_eligible for g in groups):
            problems.append(Warning(
                f"{committee}: no seat group is eligible to provide the Chair.",
                hint="Mark the seat group the Chair is elected from.", obj=committee, id="saferhub.W102",
            ))
    return problems
