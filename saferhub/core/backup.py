"""Back up and restore a SaferHub installation: the database and the stored files, in one archive.

An archive (``saferhub-backup-<UTC time>.tar``) holds

- ``database.dump``: ``pg_dump --format=custom`` of the PostgreSQL database, or ``database.sqlite3``: a
  consistent copy of the SQLite file made with SQLite's online backup API (safe while the site runs);
- ``media/…``: every file under ``MEDIA_ROOT`` (ASB documents, papers, pending uploads);
- ``manifest.json``: when and from what it was made, the applied migrations, the number of rows of every
  table, and the SHA-256 and size of every other member.

``restore`` checks every checksum before it changes anything, refuses a database that already has tables or
a media folder that already has files (unless ``replace``), loads the database (``pg_restore``, or the SQLite
copy), puts the files back and then counts the rows again against the manifest. See docs/deploy.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections

FORMAT = 1
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_environment(db: dict) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment, never argv."""
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed; install the PostgreSQL client tools (version 15 or later).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def row_counts() -> dict[str, int]:
    """Rows in every table Django manages (concrete models, including many-to-many tables)."""
    counts: dict[str, int] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def applied_migrations() -> list[str]:
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(directory: Path, *, now: dt.datetime | None = None) -> Path:
    """Write one archive into ``directory`` and return its path."""
    now = now or dt.datetime.now(dt.UTC)
    directory.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="saferhub-backup-") as work:
        work_path = Path(work)
        if connection.vendor == "postgresql":
            database_member = POSTGRES_DUMP
            args, env = _pg_environment(db)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
                  "--file", str(work_path / database_member), str(db["NAME"])], env)
        elif connection.vendor == "sqlite":
            if connection.is_in_memory_db():
                raise BackupError("The SQLite database is in memory (a test database): there is no file to back up.")
            database_member = SQLITE_COPY
            connection.ensure_connection()
            target = sqlite3.connect(work_path / database_member)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
        files = media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": connection.vendor,
            "database": {"member": database_member, "sha256": _sha256(work_path / database_member),
                         "size": (work_path / database_member).stat().st_size},
            "migrations": applied_migrations(),
            "row_counts": row_counts(),
            "files": [{"path": p.relative_to(media_root).as_posix(), "sha256": _sha256(p), "size": p.stat().st_size}
                      for p in files],
        }
        archive = directory / f"saferhub-backup-{now:%Y%m%dT%H%M%SZ}.tar"
        partial = archive.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(work_path / database_member, arcname=database_member)
            for path in files:
                tar.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        partial.rename(archive)  # an archive that exists is complete
    return archive


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            return json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive} is not a SaferHub backup ({exc}).") from None


def _unpack_and_verify(archive: Path, into: Path) -> dict:
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} has backup format {manifest.get('format')}; this version reads {FORMAT}.")
    with tarfile.open(archive, "r") as tar:
        tar.extractall(into, filter="data")  # the "data" filter refuses absolute paths, "..", links out of the tree
    expected = [(manifest["database"]["member"], manifest["database"]["sha256"])]
    expected += [(f"media/{f['path']}", f["sha256"]) for f in manifest["files"]]
    for member, checksum in expected:
        path = into / member
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {member} is missing. Nothing was restored.")
        if _sha256(path) != checksum:
            raise BackupError(f"The backup is damaged: {member} does not match its checksum. Nothing was restored.")
    return manifest


def _count_tables(tables: list[str]) -> dict[str, int]:
    existing = set(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a table name
                counts[table] = cursor.fetchone()[0]
    return counts


def _database_has_tables() -> bool:
    return bool(connection.introspection.table_names())


def restore_backup(archive: Path, *, replace: bool = False) -> dict:
    """Restore ``archive`` into the configured database and MEDIA_ROOT; return the manifest.

    Refuses (``BackupError``, nothing changed) a damaged archive, another engine's backup, a database that
    already has tables or a media folder with files in it, unless ``replace``.
    """
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="saferhub-restore-") as work:
        work_path = Path(work)
        manifest = _unpack_and_verify(archive, work_path)
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"This is a {manifest['engine']} backup; the configured database is "
                              f"{connection.vendor}. Restore it into a {manifest['engine']} database.")
        if not replace and _database_has_tables():
            raise BackupError("The database already has tables. Restore into an empty database, or pass --replace "
                              "to drop what is there first.")
        if not replace and media_files(media_root):
            raise BackupError(f"{media_root} already has files in it. Restore into an empty folder, or pass "
                              "--replace.")
        db = connection.settings_dict
        database_file = work_path / manifest["database"]["member"]
        if connection.vendor == "postgresql":
            args, env = _pg_environment(db)
            connections.close_all()
            clean = ["--clean", "--if-exists"] if replace else []
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                  *clean, *args, "--dbname", str(db["NAME"]), str(database_file)], env)
        else:
            connection.ensure_connection()
            source = sqlite3.connect(database_file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        connections.close_all()
        staged = work_path / "media"
        for entry in manifest["files"]:
            target = media_root / entry["path"]
            if not target.resolve().is_relative_to(media_root.resolve()):
                raise BackupError(f"The backup names a file outside the media folder ({entry['path']}).")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(staged / entry["path"], target)
    counts = _count_tables(list(manifest["row_counts"]))
    missing = {table: (n, counts.get(table)) for table, n in manifest["row_counts"].items() if counts.get(table) != n}
    if missing:
        raise BackupError(f"The restored database does not match the backup's row counts: {missing}.")
    return manifest
