"""Erase the free text of community tension reports past the configured retention period."""

from django.core.management.base import BaseCommand

from saferhub.returns.tasks import run_tension_retention, schedule_tension_retention


class Command(BaseCommand):
    help = ("Erase the free text of tension reports submitted longer ago than the configured retention period; "
            "--schedule queues nightly runs.")

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Also queue the nightly background task.")

    def handle(self, *args, schedule=False, **options):
        erased = run_tension_retention()
        self.stdout.write(f"Tension log retention: {len(erased)} report(s) erased.")
        if schedule:
            result = schedule_tension_retention()
            self.stdout.write(f"Next run queued ({result.id}).")
