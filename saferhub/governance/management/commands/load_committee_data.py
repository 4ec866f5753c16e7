"""Load committees, people and meeting history from a YAML data file (Norfolk's by default)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from saferhub.core.actors import SystemActor
from saferhub.governance.loader import DataFileError, load_committee_data, read_data_file


class Command(BaseCommand):
    help = "Load a partnership's committees, members and meetings from a YAML data file, through the actions."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.SAFERHUB_DEFAULT_DATA),
                            help="The data file (default: the Norfolk data).")

    def handle(self, *args, path, **options):
        try:
            data = read_data_file(Path(path))
            report = load_committee_data(data, actor=SystemActor(f"Data load from {Path(path).name}"))
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))
