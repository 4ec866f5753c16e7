import datetime as dt

from django.contrib.auth.models import Group

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, group_name
from saferhub.returns import actions


def user_with(django_user_model, role: str | None, username: str | None = None, *, partnership=None):
    """A user with one role; a tension analyst also analyses ``partnership``'s log (the home partnership's)."""
    user = django_user_model.objects.create_user(username=username or f"u_{role}", password="x")
    if role:
        user.groups.add(Group.objects.get_or_create(name=group_name(role))[0])
    if role == Role.TENSION_ANALYST:
        actions.join_tension_analysts(user=user, partnership=partnership, acting_user=SYSTEM)
    return user


def lines_return(slug="lines"):
    return actions.define_return(
        acting_user=SYSTEM, slug=slug, name="County lines", recipient="Home Office", period_kind="monthly",
        geographies=["Norfolk", "Norwich"],
        fields=[{"key": "total", "label": "Total lines", "kind": "count"},
                {"key": "tier1", "label": "Tier 1 lines", "kind": "count"},
                {"key": "tier2", "label": "Tier 2 lines", "kind": "count"},
                {"key": "notes", "label": "Notes", "kind": "text"}],
        rules_between=[{"name": "Tiers add up to the total", "kind": "parts_sum_to_total", "whole": "total",
                        "parts": ["tier1", "tier2"]}],
    )


MAY = {"period_start": dt.date(2022, 5, 1), "period_end": dt.date(2022, 5, 31), "geography": "Norfolk"}
ROLES = [None, Role.COUNCILLOR, Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR, Role.COMMITTEE_OFFICER,
         Role.ASB_SPOC, Role.AGENCY_OFFICER]
