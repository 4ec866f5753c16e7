"""Uploads from the public form wait in storage until the application is sent; this keeps that
store tidy (used by the form, and by the nightly retention run)."""

from __future__ import annotations

import datetime as dt
import os
import secrets

from django.core.files.storage import default_storage
from django.utils import timezone

#: Where an upload waits until its application is sent.
PENDING_DIR = "asb/pending"
#: An upload older than this belongs to an application that was never sent.
PENDING_MAX_AGE = dt.timedelta(days=1)


def purge_stale_uploads(now=None) -> int:
    """Delete pending uploads older than a day (applications that were never sent); returns how many."""
    now = now or timezone.now()
    removed = 0
    try:
        _, names = default_storage.listdir(PENDING_DIR)
    except (FileNotFoundError, NotImplementedError, OSError):
        return 0
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        try:
            if now - default_storage.get_modified_time(path) > PENDING_MAX_AGE:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError, OSError):
            continue
    return removed


def keep_upload(file, content_type: str) -> dict:
    """Keep a checked upload until its application is sent; returns what the session remembers of it (the
    online-application action attaches it to the case from here)."""
    purge_stale_uploads()
    extension = os.path.splitext(file.name)[1].lower()
    path = default_storage.save(f"{PENDING_DIR}/{secrets.token_hex(16)}{extension}", file)
    return {"path": path, "name": os.path.basename(file.name)[:150], "size": file.size, "content_type": content_type}


def discard_upload(upload: dict | None) -> None:
    """Delete a pending upload (the applicant removed or replaced it, or the application was sent)."""
    path = str((upload or {}).get("path") or "")
    if path.startswith(PENDING_DIR + "/"):
        try:
            default_storage.delete(path)
        except OSError:
            pass
