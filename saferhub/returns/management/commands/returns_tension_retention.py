"""Erase the free text of community tension reports past the configured retention period."""

from django.core.management.base import BaseCommand

from saferhub.core.actors import SYSTEM
from saferhub.returns.actions import erase_expired_tensions


class Command(BaseCommand):
    help = "Erase the free text of tension reports submitted longer ago than the configured retention period."

    def handle(self, *args, **options):
        erased = erase_expired_tensions(acting_user=SYSTEM)
        self.stdout.write(f"Tension log retention: {len(erased)} report(s) erased.")
