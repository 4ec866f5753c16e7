"""Create the fictional ASB Case Review demonstration cases (every area and outcome); safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from saferhub.asb.demo import load_demo
from saferhub.core.actors import SystemActor


class Command(BaseCommand):
    help = "Create fictional ASB Case Reviews across all OPT areas and outcomes (refused in production)."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Demonstration cases are never created in production.")
        try:
            counts = load_demo(acting_user=SystemActor("ASB demo data"))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"ASB demo cases: {counts['created']} created, {counts['total']} in total (all fictional)."))
