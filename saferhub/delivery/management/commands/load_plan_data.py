from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferhub.delivery.loader import DATA_FILE, PlanDataError, load_plan


class Command(BaseCommand):
    help = "Load the Partnership's plan (themes, outcomes, measures) and delivery plan versions from a YAML file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DATA_FILE))

    def handle(self, *args, path, **options):
        try:
            report = load_plan(Path(path))
        except PlanDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
