from django.core.management.base import BaseCommand, CommandError

from saferhub.dhr import loader


class Command(BaseCommand):
    help = "Load Norfolk's Domestic Homicide Review settings and the seeds' facts (dhr/data/norfolk.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(loader.DATA_FILE))

    def handle(self, *args, **options):
        try:
            report = loader.load(options["file"])
        except loader.DhrDataError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report.summary())
