from django.core.management.base import BaseCommand

from saferhub.consultations.actions import apply_retention
from saferhub.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Anonymise consultation responses kept longer than their survey's retention period (audited)."

    def handle(self, *args, **options):
        done = apply_retention(acting_user=SYSTEM)
        if not done:
            self.stdout.write("No responses are past their retention period.")
        for slug, count in done.items():
            self.stdout.write(f"{slug}: {count} responses anonymised.")
