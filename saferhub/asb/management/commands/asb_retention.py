"""Apply the ASB retention policy now (anonymise closed cases past the retention period; skip legal holds)."""

from django.core.management.base import BaseCommand

from saferhub.asb.tasks import run_retention, schedule_retention


class Command(BaseCommand):
    help = "Anonymise closed ASB cases past the retention period, log what was done; --schedule queues nightly runs."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Also queue the nightly background task.")

    def handle(self, *args, schedule=False, **options):
        counts = run_retention()
        if not counts:
            self.stdout.write("Retention: nothing to do.")
        for outcome, n in sorted(counts.items()):
            self.stdout.write(f"Retention: {outcome.replace('_', ' ')}: {n}")
        if schedule:
            result = schedule_retention()
            self.stdout.write(f"Next run queued ({result.id}).")
