"""Load a committee's papers data (Norfolk's by default) after its committee data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferhub.core.actors import SystemActor
from saferhub.governance.loader import DataFileError
from saferhub.papers.loader import DEFAULT_PATH, load_file


class Command(BaseCommand):
    help = "Load paper settings, the report template, work programme, future items and written questions from YAML."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path, **options):
        try:
            message = load_file(Path(path), actor=SystemActor(f"Data load from {Path(path).name}"))
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(message))
