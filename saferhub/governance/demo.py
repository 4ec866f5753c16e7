"""Governance's demo accounts: an administrator, a committee officer supporting the Norfolk Sub
Panel, a councillor and a Partnership officer, linked to their people in the Norfolk data."""

from __future__ import annotations

from saferhub.core import actions as core_actions
from saferhub.core.actors import Actor
from saferhub.core.demo import demo_user
from saferhub.core.models import Person
from saferhub.core.permissions import Role
from saferhub.governance.actions import set_support_officers
from saferhub.governance.models import Committee

ACCOUNTS = [
    # username, full name, role, person linked (by name), committees supported (by slug)
    ("admin", "Demo Administrator", Role.ADMINISTRATOR, None, []),
    ("officer", "Nicola Ledain", Role.COMMITTEE_OFFICER, "Nicola Ledain", ["nccsp-scrutiny-sub-panel"]),
    ("councillor", "Cllr Mark Kiddle-Morris", Role.COUNCILLOR, "Mark Kiddle-Morris", []),
    ("partnership", "Amanda Murr", Role.PARTNERSHIP_OFFICER, "Amanda Murr", []),
    # Keeps the registers of interests (fictional: the documents do not name Norfolk's monitoring officer).
    ("monitoring-officer", "Demo Monitoring Officer", Role.MONITORING_OFFICER, None, []),
]


def create_demo_accounts(password: str, *, acting_user: Actor) -> list[str]:
    """Registered with ``core.demo`` from ``GovernanceConfig.ready()``."""
    for username, full_name, role, person_name, committees in ACCOUNTS:
        user = demo_user(username, full_name=full_name, password=password, is_staff=role == Role.ADMINISTRATOR)
        core_actions.set_user_roles(user, roles=[role], acting_user=acting_user)
        if person_name:
            person = Person.objects.filter(name=person_name).first()
            if person and person.user_id is None and not hasattr(user, "person"):
                core_actions.update_person(person, user=user, acting_user=acting_user)
        for slug in committees:
            committee = Committee.objects.filter(slug=slug).first()
            if committee and user not in committee.support_officers.all():
                set_support_officers(committee, users=[*committee.support_officers.all(), user], acting_user=acting_user)
    return [a[0] for a in ACCOUNTS]
