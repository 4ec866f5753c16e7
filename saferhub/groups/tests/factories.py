"""Build groups for tests through the actions (never raw saves)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import count

from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role
from saferhub.governance.models import Committee
from saferhub.governance.tests.factories import organisation, person, user
from saferhub.groups import actions

_seq = count(1)
D = dt.date


@dataclass
class Group:
    board: Committee
    body: Committee
    partnership: object
    police: object
    district: object
    fire: object
    chair: object
    district_officer: object


def make_group(*, public: bool = False, slug: str | None = None) -> Group:
    n = next(_seq)
    partnership = organisation(f"Partnership {n}", "partnership")
    police = organisation(f"Constabulary {n}", "police")
    district = organisation(f"District Council {n}", "district_council")
    fire = organisation(f"Fire and Rescue {n}", "fire")
    board = actions.register_body(name=f"Board {n}", slug=f"board-{n}", organisation=partnership,
                                  kind="statutory_board", governed_by_partnership=True, acting_user=SYSTEM)
    body = actions.register_body(
        name=f"County Lines Strategic Group {n}", short_name=f"CLSG{n}", slug=slug or f"clsg-{n}",
        organisation=partnership, kind="delivery_group", parent=board, reports_every_months=3,
        governed_by_partnership=True, is_public=public, secretariat=partnership, secretariat_team="Community Safety",
        acting_user=SYSTEM,
    )
    actions.add_tor_version(
        body, version="2.0", in_force_from=D(2021, 7, 1), review_date=D(2022, 9, 30), cadence_months=3,
        chair_term_months=24, pre_agenda_days_before=14, papers_days_before=7, minutes_days_after=7,
        purpose="To provide leadership.", key_activities=["Map the problem"],
        required_members=[{"name": "Police", "organisation": police},
                          {"name": "District Councils", "organisation_kind": "district_council"},
                          {"name": "Fire", "organisation": fire}],
        acting_user=SYSTEM,
    )
    chair = person(f"Chair {n}", councillor=False, organisation=police)
    officer = person(f"District Officer {n}", councillor=False, organisation=district)
    actions.add_member(body, person=chair, start_date=D(2021, 7, 1), acting_user=SYSTEM)
    actions.add_member(body, person=officer, start_date=D(2021, 7, 1), acting_user=SYSTEM)
    return Group(board, body, partnership, police, district, fire, chair, officer)


def secretariat_user(group: Group, username: str = "secretariat"):
    u = user(username, Role.COMMITTEE_OFFICER, supports=group.body)
    from saferhub.governance import actions as gov_actions

    gov_actions.set_support_officers(group.board, users=[u], acting_user=SYSTEM)
    return u
