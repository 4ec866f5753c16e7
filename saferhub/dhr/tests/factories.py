"""Test data for reviews, built through the actions. Dates are explicit: nothing depends on today."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.models import Organisation, OrganisationKind
from saferhub.core.permissions import Role
from saferhub.dhr import actions
from saferhub.dhr.models import Case

TODAY = dt.date(2026, 6, 30)


def midday_in_london(day: str) -> dt.datetime:
    """Midday in London on ``day`` ("2026-06-10"): for a page test pinned to the factories' fixed 2026 dates."""
    from zoneinfo import ZoneInfo

    return dt.datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=ZoneInfo("Europe/London"))
NOTIFIED = dt.date(2026, 1, 12)
_seq = itertools.count(1)


def org(name: str, kind: str = OrganisationKind.POLICE) -> Organisation:
    found = Organisation.objects.filter(name=name).first()
    return found or core_actions.create_organisation(name=name, kind=kind, acting_user=SYSTEM)


def partnership(name: str = "Alpha Community Safety Partnership") -> Organisation:
    return org(name, OrganisationKind.PARTNERSHIP)


def user(role: str | None = None, *, name: str | None = None, team_of: Organisation | None = None):
    username = name or f"user{next(_seq)}"
    person = get_user_model().objects.create_user(username=username, password="x-test-password-1")
    if role:
        core_actions.set_user_roles(person, roles=[role], acting_user=SYSTEM)
    if team_of is not None:
        actions.join_team(user=person, partnership=team_of, acting_user=SYSTEM)
    return person


def team_member(p: Organisation):
    return user(Role.DHR_TEAM, team_of=p)


def case(p: Organisation | None = None, *, acting_user=SYSTEM, **overrides) -> Case:
    p = p or partnership()
    values = dict(source="police", date_notified=NOTIFIED, date_of_death=NOTIFIED - dt.timedelta(days=2),
                  notified_by="DI Example", victim_pseudonym="Person A", victim_age=34,
                  agencies=[org("Example Constabulary")], on=TODAY)
    values.update(overrides)
    return actions.notify_case(partnership=p, acting_user=acting_user, **values)


def decide(c: Case, outcome: str = "review", decided_on: dt.date = dt.date(2026, 1, 30), **extra):
    return actions.record_decision(c, outcome=outcome, decided_on=decided_on, chair_name="Chair Example",
                                   partners_consulted="Police; health", rationale="Criteria met.",
                                   acting_user=SYSTEM, on=TODAY, **extra)


def not_review_confirmed(c: Case) -> None:
    decide(c, "not_review")
    actions.record_home_office_notified(c, notified_on=dt.date(2026, 2, 2), reference="HO-1", acting_user=SYSTEM,
                                        on=TODAY)
    actions.record_qa_panel_seen(c, seen_on=dt.date(2026, 2, 20), acting_user=SYSTEM, on=TODAY)
    actions.record_home_office_confirmation(c, confirmed_on=dt.date(2026, 2, 25), acting_user=SYSTEM, on=TODAY)


def tell_of_publication(c: Case, on: dt.date, told_by: str = "Communications officer", note: str = ""):
    """Record that the family and the media team were told the publication date (before publishing)."""
    return actions.record_step(c, step="notice", done_on=on, details={"told_by": told_by, "note": note},
                               acting_user=SYSTEM, on=TODAY)


def through(c: Case, last: str, start: dt.date = dt.date(2026, 2, 2)) -> None:
    """Take a review-decided case through every stage up to and including ``last``."""
    from saferhub.dhr.demo import _do_step
    from saferhub.dhr.steps import ORDER

    agencies = [org("Example Constabulary"), org("Example Health Trust", OrganisationKind.HEALTH)]
    day = start
    for step in ORDER[: ORDER.index(last) + 1]:
        _do_step(c, step, day, agencies, TODAY, acting_user=SYSTEM)
        day += dt.timedelta(days=7)
