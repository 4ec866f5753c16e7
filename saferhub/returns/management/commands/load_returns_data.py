from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferhub.returns.loader import DATA_FILE, ReturnsDataError, load_returns


class Command(BaseCommand):
    help = "Define the Partnership's data returns and load their first figures from a YAML file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DATA_FILE))

    def handle(self, *args, path, **options):
        try:
            report = load_returns(Path(path))
        except ReturnsDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
