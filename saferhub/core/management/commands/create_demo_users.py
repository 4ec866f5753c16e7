"""Create demonstration accounts, one per role, for trying SaferHub locally (each app contributes its own)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from saferhub.core import demo
from saferhub.core.actors import SystemActor


class Command(BaseCommand):
    help = ("Create demo accounts, one per role of each installed app, with a shared demo password. "
            "Refused in production.")

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Demo accounts are never created in production.")
        actor = SystemActor("Demo set-up")
        usernames: list[str] = []
        with transaction.atomic():
            for contribute in demo.contributors():
                usernames += contribute(demo.DEMO_PASSWORD, acting_user=actor)
        self.stdout.write(self.style.SUCCESS(
            f"Demo accounts: {', '.join(usernames)}; password: {demo.DEMO_PASSWORD}"
        ))
