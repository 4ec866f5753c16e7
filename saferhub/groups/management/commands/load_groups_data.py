from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferhub.groups.loader import DATA_FILE, GroupsDataError, load_groups


class Command(BaseCommand):
    help = "Load the Partnership's bodies, Terms of Reference, members and chairs from a YAML file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DATA_FILE))

    def handle(self, *args, path, **options):
        try:
            report = load_groups(Path(path))
        except GroupsDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
