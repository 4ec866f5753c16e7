from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from saferhub.groups.demo import DemoError, load_demo


class Command(BaseCommand):
    help = "Load fictional demo members, meetings and actions for the County Lines Strategic Group."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Demo data is never loaded in production.")
        try:
            self.stdout.write(load_demo())
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
