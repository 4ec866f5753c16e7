"""Create demonstration accounts, one per role, for trying SaferHub locally."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from saferhub.core import actions
from saferhub.core.actors import SystemActor
from saferhub.core.models import Person
from saferhub.core.permissions import Role
from saferhub.governance.actions import set_support_officers

DEMO_PASSWORD = "saferhub-demo-password"

ACCOUNTS = [
    # username, full name, role, person linked (by name), committees supported (by slug)
    ("admin", "Demo Administrator", Role.ADMINISTRATOR, None, []),
    ("officer", "Nicola Ledain", Role.COMMITTEE_OFFICER, "Nicola Ledain", ["nccsp-scrutiny-sub-panel"]),
    ("councillor", "Cllr Mark Kiddle-Morris", Role.COUNCILLOR, "Mark Kiddle-Morris", []),
    ("partnership", "Amanda Murr", Role.PARTNERSHIP_OFFICER, "Amanda Murr", []),
]


class Command(BaseCommand):
    help = "Create demo accounts (admin, officer, councillor, partnership) with a shared demo password. Refused in production."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Demo accounts are never created in production.")
        from saferhub.governance.models import Committee

        actor = SystemActor("Demo set-up")
        User = get_user_model()
        with transaction.atomic():
            for username, full_name, role, person_name, committees in ACCOUNTS:
                user, created = User.objects.get_or_create(username=username)
                if created:
                    first, _, last = full_name.rpartition(" ")
                    user.first_name, user.last_name = first, last
                    user.set_password(DEMO_PASSWORD)
                    user.is_staff = role == Role.ADMINISTRATOR
                    user.save()
                actions.set_user_roles(user, roles=[role], acting_user=actor)
                if person_name:
                    person = Person.objects.filter(name=person_name).first()
                    if person and person.user_id is None and not hasattr(user, "person"):
                        actions.update_person(person, user=user, acting_user=actor)
                for slug in committees:
                    committee = Committee.objects.filter(slug=slug).first()
                    if committee and user not in committee.support_officers.all():
                        set_support_officers(committee, users=[*committee.support_officers.all(), user], acting_user=actor)
        usernames = [a[0] for a in ACCOUNTS]
        from django.apps import apps

        if apps.is_installed("saferhub.asb"):  # one account per ASB Case Review role
            from saferhub.asb.demo import create_demo_accounts

            usernames += create_demo_accounts(DEMO_PASSWORD, acting_user=actor)
        self.stdout.write(self.style.SUCCESS(
            f"Demo accounts: {', '.join(usernames)}; password: {DEMO_PASSWORD}"
        ))
