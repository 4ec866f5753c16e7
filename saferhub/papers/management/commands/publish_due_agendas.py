"""Publish agendas whose scheduled publication time has passed (a sweep for cron, alongside the
django-tasks worker, in case a task was missed)."""

from django.core.management.base import BaseCommand

from saferhub.papers.tasks import publish_due_agendas


class Command(BaseCommand):
    help = "Publish every agenda whose scheduled publication time has passed."

    def handle(self, *args, **options):
        published = publish_due_agendas()
        self.stdout.write(f"Published {len(published)} agenda(s).")
