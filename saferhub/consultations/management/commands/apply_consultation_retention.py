"""Apply the consultations retention policy now; ``--schedule`` also queues the nightly task."""

from django.core.management.base import BaseCommand

from saferhub.consultations.tasks import run_retention, schedule_retention


class Command(BaseCommand):
    help = ("Anonymise consultation responses kept longer than their survey's retention period (audited); "
            "--schedule queues nightly runs.")

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Also queue the nightly background task.")

    def handle(self, *args, schedule=False, **options):
        done = run_retention()
        if not done:
            self.stdout.write("No responses are past their retention period.")
        for slug, count in done.items():
            self.stdout.write(f"{slug}: {count} responses anonymised.")
        if schedule:
            result = schedule_retention()
            self.stdout.write(f"Next run queued ({result.id}).")
