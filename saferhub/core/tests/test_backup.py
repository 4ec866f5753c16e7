"""Backup and restore (docs/deploy.md): an archive restores into an empty database and media folder with every
record and file, and a damaged archive restores nothing."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from saferhub.core import actions
from saferhub.core.actors import SYSTEM
from saferhub.core.backup import BackupError, create_backup, read_manifest, restore_backup
from saferhub.core.models import AuditEvent, Organisation

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def records(settings, tmp_path):
    """Records written through actions (with their audit rows) and two stored files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for n in range(3):
        actions.create_organisation(name=f"Fictional Council {n}", kind="district_council", acting_user=SYSTEM)
    files = {
        default_storage.save("documents/2026/03/agenda.pdf", ContentFile(b"%PDF-1.7 agenda")):
            b"%PDF-1.7 agenda",
        default_storage.save("asb/cases/1/letter.docx", ContentFile(b"PK\x03\x04 letter")): b"PK\x03\x04 letter",
    }
    return {"organisations": sorted(Organisation.objects.values_list("name", flat=True)),
            "audit": AuditEvent.objects.count(), "files": files}


def restore_in_a_new_process(archive: Path, *, database_url: str, media: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"SAFERHUB_ENV": "test", "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)})
    return subprocess.run([sys.executable, "manage.py", "restore", str(archive)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def assert_files(media: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        assert (media / name).read_bytes() == content


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pg_dump/pg_restore path needs PostgreSQL "
                    "(run with DATABASE_URL); the SQLite path is tested below")
@pytest.mark.skipif(shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
                    reason="pg_dump and pg_restore (PostgreSQL client tools) are not installed")
def test_postgresql_backup_restores_into_an_empty_database(records, tmp_path):
    import psycopg

    archive = create_backup(tmp_path / "backups")
    manifest = read_manifest(archive)
    assert manifest["engine"] == "postgresql" and len(manifest["files"]) == 2
    db = connection.settings_dict
    target = f"{db['NAME']}_restored"
    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None,
              "password": db["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        auth = f"{db['USER']}:{db['PASSWORD']}@" if db["PASSWORD"] else f"{db['USER']}@"
        url = f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{target}"
        result = restore_in_a_new_process(archive, database_url=url, media=tmp_path / "restored-media")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "all checked against the manifest" in result.stdout
        with psycopg.connect(dbname=target, **params) as restored:
            names = [row[0] for row in restored.execute("SELECT name FROM core_organisation ORDER BY name")]
            audit = restored.execute("SELECT COUNT(*) FROM core_auditevent").fetchone()[0]
            trigger = restored.execute("SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'core_auditevent_append_only'"
                                       ).fetchone()[0]
        assert names == records["organisations"] and audit == records["audit"]
        assert trigger == 1  # the restored audit trail is append-only too
        assert_files(tmp_path / "restored-media", records["files"])
        # A second restore into the now full database is refused.
        again = restore_in_a_new_process(archive, database_url=url, media=tmp_path / "other-media")
        assert again.returncode != 0 and "already has tables" in again.stderr
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


CREATE_RECORDS = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from saferhub.core import actions
from saferhub.core.actors import SYSTEM
for n in range(3):
    actions.create_organisation(name=f"Fictional Council {n}", kind="district_council", acting_user=SYSTEM)
default_storage.save("documents/2026/03/agenda.pdf", ContentFile(b"%PDF-1.7 agenda"))
default_storage.save("asb/cases/1/letter.docx", ContentFile(b"PK letter"))
"""


def test_sqlite_backup_and_restore_with_the_scripts(tmp_path):
    """End to end on SQLite files (the test database is in memory, which has no file to copy): migrate, write
    records and files, scripts/backup, scripts/restore into an empty file and folder, and compare."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")}
    source = {**env, "SAFERHUB_ENV": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
              "MEDIA_ROOT": str(tmp_path / "media")}
    target = {**source, "DATABASE_URL": f"sqlite:///{tmp_path / 'restored.sqlite3'}",
              "MEDIA_ROOT": str(tmp_path / "restored-media")}

    def run(command, environment):
        result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    run([sys.executable, "manage.py", "migrate", "-v0"], source)
    run([sys.executable, "manage.py", "shell", "-c", CREATE_RECORDS], source)
    run(["scripts/backup", "--output", str(tmp_path / "backups")], source)
    (archive,) = (tmp_path / "backups").glob("saferhub-backup-*.tar")
    assert "all checked against the manifest" in run(["scripts/restore", str(archive)], target).stdout
    query = "SELECT name FROM core_organisation ORDER BY name"
    with sqlite3.connect(tmp_path / "site.sqlite3") as before, sqlite3.connect(tmp_path / "restored.sqlite3") as after:
        assert after.execute(query).fetchall() == before.execute(query).fetchall()
        assert len(after.execute(query).fetchall()) == 3
        count = "SELECT COUNT(*) FROM core_auditevent"
        assert after.execute(count).fetchone() == before.execute(count).fetchone()
    assert_files(tmp_path / "restored-media", {"documents/2026/03/agenda.pdf": b"%PDF-1.7 agenda",
                                               "asb/cases/1/letter.docx": b"PK letter"})


def test_a_damaged_archive_restores_nothing(tmp_path):
    import hashlib
    import json

    manifest = {"format": 1, "engine": connection.vendor, "created_at": "2026-12-03T19:00:00+00:00",
                "database": {"member": "database.dump", "sha256": hashlib.sha256(b"db").hexdigest(), "size": 2},
                "row_counts": {}, "migrations": [],
                "files": [{"path": "documents/agenda.pdf", "sha256": hashlib.sha256(b"agenda").hexdigest(), "size": 6}]}
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(damaged, "w") as out:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), ("database.dump", b"db"),
                           ("media/documents/agenda.pdf", b"AGENDA")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="agenda.pdf does not match its checksum. Nothing was restored"):
        restore_backup(damaged, replace=True)
    with pytest.raises(BackupError, match="not a SaferHub backup"):
        restore_backup(tmp_path / "missing.tar")
