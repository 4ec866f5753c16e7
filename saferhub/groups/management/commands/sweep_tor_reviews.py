"""Make and close the secretariat's Terms of Reference review tasks (a daily sweep for cron; running it again
changes nothing)."""

from django.core.management.base import BaseCommand

from saferhub.groups.tasks import sweep_tor_reviews


class Command(BaseCommand):
    help = "Make the Terms of Reference review tasks that are due and close those a new version has replaced."

    def handle(self, *args, **options):
        self.stdout.write(sweep_tor_reviews.call())
