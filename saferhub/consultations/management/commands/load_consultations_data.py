from django.core.management.base import BaseCommand, CommandError

from saferhub.consultations.loader import ConsultationDataError, load_norfolk


class Command(BaseCommand):
    help = ("Load Norfolk's 2021 Safer Norfolk Plan consultation, the population baselines and (unless "
            "--no-demo) fictional demonstration responses with coded themes.")

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Load the survey and baselines only")

    def handle(self, *args, no_demo, **options):
        try:
            report = load_norfolk(demo=not no_demo)
        except ConsultationDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
