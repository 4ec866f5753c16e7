from django.core.management.base import BaseCommand
from django.db import transaction

from saferhub.search.engine import rebuild_index
from saferhub.search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the full-text index (SQLite FTS5 table or PostgreSQL tsvectors) from the search entries."

    def handle(self, *args, **options):
        with transaction.atomic():
            rebuild_index()
        self.stdout.write(f"Rebuilt the full-text index of {SearchEntry.objects.count()} entries.")
