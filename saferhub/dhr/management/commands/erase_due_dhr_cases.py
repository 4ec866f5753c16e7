"""The retention sweep: erase the personal data of every closed review past its partnership's retention period."""

from django.core.management.base import BaseCommand

from saferhub.core.actors import SystemActor
from saferhub.dhr.actions import erase_due_cases


class Command(BaseCommand):
    help = "Erase the personal data of closed Domestic Homicide Reviews past the retention period (audited)."

    def handle(self, *args, **options):
        erased = erase_due_cases(acting_user=SystemActor("Review retention sweep"))
        self.stdout.write(f"Erased the personal data of {len(erased)} case(s): {', '.join(erased) or 'none'}.")
