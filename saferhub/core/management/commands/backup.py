"""``manage.py backup [--output DIR]``: one archive of the database and the stored files (docs/deploy.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferhub.core.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Back up the database and every file under MEDIA_ROOT into one timestamped archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="Folder for the archive (default: backups).")

    def handle(self, *args, **options):
        try:
            archive = create_backup(Path(options["output"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = read_manifest(archive)
        self.stdout.write(f"{archive} ({manifest['engine']}; {sum(manifest['row_counts'].values())} rows in "
                          f"{len(manifest['row_counts'])} tables; {len(manifest['files'])} files)")
