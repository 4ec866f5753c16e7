from django.core.management.base import BaseCommand
from django.db import transaction

from saferhub.governance.models import Committee, Meeting
from saferhub.search.engine import rebuild_index
from saferhub.search.indexing import index_meetings, index_papers
from saferhub.search.models import SearchEntry


class Command(BaseCommand):
    help = ("Rebuild the full-text index (SQLite FTS5 table or PostgreSQL tsvectors) from the search entries; "
            "with --records, first index every meeting's record and every committee's papers (after loading data "
            "files, which do not pass through the importer).")

    def add_arguments(self, parser):
        parser.add_argument("--records", action="store_true",
                            help="Index every meeting's minutes and decisions and every committee's papers first.")

    def handle(self, *args, **options):
        with transaction.atomic():
            if options["records"]:
                index_meetings(list(Meeting.objects.values_list("pk", flat=True)))
                index_papers(list(Committee.objects.values_list("pk", flat=True)))
            rebuild_index()
        self.stdout.write(f"Rebuilt the full-text index of {SearchEntry.objects.count()} entries.")
