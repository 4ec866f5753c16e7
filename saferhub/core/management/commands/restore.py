"""``manage.py restore ARCHIVE [--replace]``: put a backup back into an empty database and media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferhub.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into the configured database and MEDIA_ROOT, after "
            "checking every checksum; both must be empty unless --replace.")
    requires_system_checks: list = []  # the database may be empty: nothing to check yet

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar archive written by `manage.py backup`.")
        parser.add_argument("--replace", action="store_true",
                            help="Drop the tables already in the database and overwrite files of the same name.")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(Path(options["archive"]), replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored the backup of {manifest['created_at']}: {sum(manifest['row_counts'].values())} "
                          f"rows in {len(manifest['row_counts'])} tables and {len(manifest['files'])} files, "
                          "all checked against the manifest.")
