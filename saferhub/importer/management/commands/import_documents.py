"""manage.py import_documents PATH... [--dry-run] [--json] [--private]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from saferhub.core.actors import SystemActor
from saferhub.core.exceptions import RuleViolation
from saferhub.importer import actions
from saferhub.importer.errors import ReadError
from saferhub.importer.knowledge import current_knowledge
from saferhub.importer.parsing.extract import public_json
from saferhub.importer.sandbox import extract_in_sandbox


class Command(BaseCommand):
    help = ("Import published agenda packs and minutes (text conversions or PDF) as structured records, with "
            "provenance and flags. One transaction per run. --dry-run reads and reports without writing.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files to import.")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the extraction in the documented JSON shape.")
        parser.add_argument("--private", action="store_true", help="Keep the imported documents out of public search.")

    def handle(self, *args, **options):
        files = []
        for raw in options["paths"]:
            path = Path(raw)
            try:
                files.append((path.name, path.read_bytes()))
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        names = [n for n, _ in files]
        if len(set(names)) != len(names):
            raise CommandError("Two files have the same name; rename one so that sources can be told apart.")
        actor = SystemActor("Import of " + ", ".join(names)[:150])
        if not options["dry_run"]:
            import hashlib

            from saferhub.importer.models import SourceFile

            digests = {hashlib.sha256(data).hexdigest() for _, data in files}
            done = set(SourceFile.objects.filter(sha256__in=digests, committed=True).values_list("sha256", flat=True))
            if done == digests:
                self.stdout.write("Already imported, nothing changed: " + ", ".join(names) + ".")
                return
        if options["dry_run"]:
            try:
                extraction = extract_in_sandbox(files, current_knowledge())
            except ReadError as exc:
                raise CommandError(str(exc)) from None
            if options["json"]:
                json.dump(public_json(extraction), sys.stdout, indent=2, ensure_ascii=False)
                sys.stdout.write("\n")
            else:
                self._report_extraction(extraction)
            return
        try:
            with transaction.atomic():
                batch = actions.read_files(files, acting_user=actor, publish=not options["private"])
                batch = actions.commit_batch(batch, acting_user=actor)
        except RuleViolation as exc:
            raise CommandError(exc.text) from None
        if options["json"]:
            json.dump(public_json(batch.extraction), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
            return
        s = batch.summary
        if s["files_unchanged"] and len(s["files_unchanged"]) == len(files):
            self.stdout.write("Already imported, nothing changed: " + ", ".join(s["files_unchanged"]) + ".")
            return
        self.stdout.write(
            f"Import {batch.pk} committed: {s['documents']} documents, {s['meetings_created']} meetings created, "
            f"{s['meetings_matched']} matched, {s['attendance']} attendance records, {s['decisions']} decisions, "
            f"{s['declarations']} declarations, {s['staged']} papers, {s['delivery_actions']} delivery actions; "
            f"{batch.flags.count()} flags ({s['differences']} differences from SaferHub, {s['not_recorded']} records "
            "not recorded)."
        )
        for doc in batch.extraction["files"]:
            self.stdout.write(f"  {doc['name']}: {len(doc['documents'])} documents")

    def _report_extraction(self, x):
        self.stdout.write(f"Read {len(x['files'])} files (nothing written):")
        for f in x["files"]:
            self.stdout.write(f"  {f['name']}: {len(f['documents'])} documents")
            for d in f["documents"]:
                self.stdout.write(f"    {d['label']} lines {d['lines'][0]}-{d['lines'][1]}: {d['title'][:70]}")
        self.stdout.write(f"{len(x['meetings'])} meetings, {len(x['work_programme'])} work programme rows, "
                          f"{len(x['written_questions'])} written questions, "
                          f"{sum(len(p['actions']) for p in x['delivery_plans'])} delivery actions, "
                          f"{len(x['flags'])} flags.")
        for flag in x["flags"]:
            self.stdout.write(f"  [{flag['kind']}] {flag['source']}: {flag['message']}")
