"""Demo meetings, members and actions for the groups (``load_groups_demo``), and the groups' demo
accounts (registered with ``core.demo``). The people are fictional, marked "(demo)"; the bodies and
their Terms of Reference are Norfolk's, loaded first by ``load_groups_data``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM, Actor
from saferhub.core.demo import demo_user
from saferhub.core.models import Organisation, Person
from saferhub.core.permissions import Role
from saferhub.delivery.models import DeliveryAction
from saferhub.governance import actions as gov_actions
from saferhub.governance.models import Committee
from saferhub.groups import actions
from saferhub.groups.models import GroupAction

D = dt.date
DEMO_MEMBERS = [
    ("Priya Shah (demo)", "Norfolk Youth Offending Team"),
    ("Tom Reeve (demo)", "Norfolk County Council Public Health"),
    ("Alex Moore (demo)", "Norfolk Children's Services"),
    ("Jo Kent (demo)", "Breckland District Council"),
    ("Sam Ellis (demo)", "Probation Service"),
    ("Kim Bright (demo)", "Norfolk Fire and Rescue Service"),
]


class DemoError(Exception):
    pass


@transaction.atomic
def load_demo() -> str:
    clsg = Committee.objects.filter(slug="clsg").first()
    nccsp = Committee.objects.filter(slug="nccsp").first()
    if clsg is None or nccsp is None:
        raise DemoError("Load the bodies first: python manage.py load_groups_data.")
    if clsg.meetings.exists():
        return "The groups' demo meetings are already loaded; nothing changed."
    people = []
    for name, org_name in DEMO_MEMBERS:
        org = Organisation.objects.get(name=org_name)
        person = Person.objects.filter(name=name).first() or core_actions.create_person(
            name=name, organisation=org, job_title="Demo representative", acting_user=SYSTEM)
        actions.add_member(clsg, person=person, start_date=D(2021, 7, 1), acting_user=SYSTEM)
        people.append(person)
    chair = Person.objects.get(name="Sonia Humphreys")
    first = actions.schedule_group_meeting(clsg, date=D(2022, 6, 9), venue="Virtual (Teams)", acting_user=SYSTEM)
    for person in [chair, *people[:4]]:
        gov_actions.record_attendance(first, person=person, status="present", acting_user=SYSTEM)
    gov_actions.record_attendance(first, person=people[4], status="apologies", acting_user=SYSTEM)
    for task in first.secretariat_tasks.all():
        actions.complete_task(task, done_on=task.due, acting_user=SYSTEM)
    dp22 = DeliveryAction.objects.filter(number="2.2").first()
    a1 = actions.add_action(clsg, text="Circulate the County Lines data product to district leads.", owner_person=chair,
                            target_date=D(2022, 8, 31), source_meeting=first, acting_user=SYSTEM)
    actions.add_action(clsg, text="Confirm the multi-agency training offer for frontline staff.",
                       owner_person=people[1], target_date=D(2022, 9, 1), source_meeting=first, delivery_action=dp22,
                       acting_user=SYSTEM)
    a3 = actions.add_action(clsg, text="Draft the engagement strategy for consultation with stakeholders.",
                            owner_organisation=Organisation.objects.get(name="Norfolk County Council"),
                            target_date=D(2022, 9, 1), source_meeting=first, acting_user=SYSTEM)
    actions.update_action(a1, text="Shared with all seven districts.", status="complete", date=D(2022, 8, 20),
                          acting_user=SYSTEM)
    actions.update_action(a3, text="Draft under review with key stakeholders.", status="in_progress",
                          date=D(2022, 8, 25), acting_user=SYSTEM)
    second = actions.schedule_group_meeting(clsg, date=D(2022, 9, 15), venue="Virtual (Teams)", acting_user=SYSTEM)
    for person in [chair, *people[:2]]:
        gov_actions.record_attendance(second, person=person, status="present", acting_user=SYSTEM)
    gov_actions.schedule_meeting(nccsp, date=D(2022, 10, 20), acting_user=SYSTEM)
    actions.schedule_group_meeting(clsg, date=D(2022, 12, 15), acting_user=SYSTEM)
    return (f"Loaded {len(people)} demo members, 3 CLSG meetings, {GroupAction.objects.filter(body=clsg).count()} "
            "actions and an NCCSP meeting for the quarterly report.")


ACCOUNTS = [
    ("secretariat", "Casey Secretariat", Role.COMMITTEE_OFFICER, "", ["clsg", "nccsp"]),
    ("group-member", "Priya Shah", "", "Priya Shah (demo)", []),
]


def create_demo_accounts(password: str, *, acting_user: Actor) -> list[str]:
    """The groups' secretariat (supports CLSG and the NCCSP board) and a CLSG member (sees the private group)."""
    for username, full_name, role, person_name, slugs in ACCOUNTS:
        user = demo_user(username, full_name=full_name, password=password)
        core_actions.set_user_roles(user, roles=[role] if role else [], acting_user=acting_user)
        person = Person.objects.filter(name=person_name).first() if person_name else None
        if person and person.user_id is None and not hasattr(user, "person"):
            core_actions.update_person(person, user=user, acting_user=acting_user)
        for slug in slugs:
            body = Committee.objects.filter(slug=slug).first()
            if body and user not in body.support_officers.all():
                gov_actions.set_support_officers(body, users=[*body.support_officers.all(), user],
                                                 acting_user=acting_user)
    return [a[0] for a in ACCOUNTS]
