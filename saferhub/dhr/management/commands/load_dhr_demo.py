"""Load fictional Domestic Homicide Review demo cases (every stage) through the actions."""

from django.core.management.base import BaseCommand

from saferhub.core.actors import SYSTEM
from saferhub.dhr.demo import load_demo


class Command(BaseCommand):
    help = "Load fictional Domestic Homicide Review demonstration cases (idempotent)."

    def handle(self, *args, **options):
        made = load_demo(acting_user=SYSTEM)
        self.stdout.write(f"Loaded {len(made)} fictional review case(s).")
