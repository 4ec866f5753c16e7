"""The staff upload and review pages, and public document pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from saferhub.core import actions as core_actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, ensure_role_groups
from saferhub.importer import actions
from saferhub.importer.models import ImportBatch, SourceDocument

pytestmark = pytest.mark.django_db


def _client(role: str | None):
    ensure_role_groups()
    user = get_user_model().objects.create_user(f"user-{role}", password="a-long-password-1")
    if role:
        core_actions.set_user_roles(user, roles=[role], acting_user=SYSTEM)
    client = Client()
    client.force_login(user)
    return client


def test_only_staff_can_upload(seeds):
    assert Client().get("/import/").status_code == 302
    assert _client(Role.COUNCILLOR).get("/import/").status_code == 403
    assert _client(Role.COMMITTEE_OFFICER).get("/import/").status_code == 200


def test_upload_review_resolve_and_commit(seeds):
    client = _client(Role.COMMITTEE_OFFICER)
    files = [SimpleUploadedFile(name, data, content_type="text/plain") for name, data in seeds]
    response = client.post("/import/", {"files": files, "publish": "on"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/import/{batch.pk}/"
    page = client.get(f"/import/{batch.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "16 September 2022" in body and "002_b6fab41057f40705.txt:144" in body
    assert "Penny Carpenter is listed against Norfolk County Council" in body
    flag = batch.flags.get(kind="minutes_date_after_meeting", source__startswith="002")
    client.post(f"/import/{batch.pk}/flags/", {f"flag-{flag.pk}": "2021-09-16"})
    flag.refresh_from_db()
    assert flag.status == "resolved" and flag.resolution == "2021-09-16"
    assert client.post(f"/import/{batch.pk}/commit/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    doc = SourceDocument.objects.filter(kind="minutes").first()
    public = Client().get(doc.get_absolute_url())
    assert public.status_code == 200 and f'id="L{doc.line_start}"'.encode() in public.content


def test_an_unreadable_upload_shows_an_error_not_a_trace():
    client = _client(Role.ADMINISTRATOR)
    bad = SimpleUploadedFile("bad.pdf", b"not really a pdf", content_type="application/pdf")
    response = client.post("/import/", {"files": [bad]})
    assert response.status_code == 200
    assert "Error: " in response.content.decode() and "not one" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_private_documents_are_hidden_from_the_public(seeds):
    batch = actions.read_files(seeds[:1], acting_user=SYSTEM, publish=False)
    actions.commit_batch(batch, acting_user=SYSTEM)
    doc = SourceDocument.objects.first()
    assert Client().get(doc.get_absolute_url()).status_code == 404
    assert _client(Role.COMMITTEE_OFFICER).get(doc.get_absolute_url()).status_code == 200


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_large_batch_is_read_in_the_background_with_progress(seeds, settings, monkeypatch, django_capture_on_commit_callbacks):
    """Issue 15: more files than BACKGROUND_FROM are kept and read by a task; the review page shows the progress
    (without JavaScript: a meta refresh and a link) and then the review; a hostile file among good ones is
    recorded on its own and the others are read."""
    from saferhub.importer import views
    from saferhub.importer.models import FileOutcome

    monkeypatch.setattr(views, "BACKGROUND_FROM", 2)
    client = _client(Role.COMMITTEE_OFFICER)
    hostile = ("hostile.pdf", b"%PDF-1.7\n" + b"\x00" * 5000)
    files = [SimpleUploadedFile(n, d) for n, d in [*seeds[:2], hostile, seeds[2]]]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = client.post("/import/", {"files": files, "publish": "on"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == ImportBatch.Status.READING
    page = client.get(f"/import/{batch.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page and "0 of 4 files read" in page
    assert "Check progress now" in page and 'max="4" value="0"' in page
    assert client.get(f"/import/{batch.pk}/progress/").json() == {
        "status": "reading", "files_done": 0, "total_files": 4, "stage": "Waiting to start"}
    actions.read_batch_files(batch, acting_user=SYSTEM)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REVIEW and batch.files_done == 4
    outcomes = {o.name: o for o in batch.outcomes.all()}
    assert outcomes["hostile.pdf"].status == FileOutcome.Status.UNREADABLE
    assert "cannot be read" in outcomes["hostile.pdf"].message
    assert [o.status for n, o in outcomes.items() if n != "hostile.pdf"] == ["read"] * 3
    assert batch.files.count() == 3 and not any(o.content for o in batch.outcomes.all())
    assert batch.flags.get(kind="file_unreadable").source == "hostile.pdf"
    page = client.get(f"/import/{batch.pk}/").content.decode()
    assert "What could not be read" in page and "Check what was read" in page and "hostile.pdf" in page
    assert client.post(f"/import/{batch.pk}/commit/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED


def test_the_background_task_reads_the_batch(settings):
    from saferhub.importer.tasks import read_batch

    settings.TASKS = IMMEDIATE_TASKS
    minutes = (b"Westvale Panel\n\nMinutes of the meeting held at the Civic Centre on Tuesday 5 March 2024 at 10 am\n\n"
               b"Present:\n\nCllr Ann Lee\tWestvale Borough Council\n\n1. Apologies\n\n1.1 None.\n")
    batch = actions.start_batch([("a.txt", minutes), ("junk.txt", bytes(range(256)) * 10)], acting_user=SYSTEM)
    assert read_batch.call(batch.pk) == "1 read, 1 unreadable"
    batch.refresh_from_db()
    assert batch.status == "review" and [m["date"] for m in batch.extraction["meetings"]] == ["2024-03-05"]
    assert read_batch.call(batch.pk) == "nothing to read"


def test_a_small_upload_with_one_unreadable_file_reads_the_others():
    """Issue 15: an upload of 10 files or fewer (read at once) behaves like a batch: the readable files are read,
    the bad one is recorded as unreadable with the reason, and the review page says so."""
    from saferhub.importer.models import FileOutcome

    client = _client(Role.COMMITTEE_OFFICER)
    minutes = (b"Westvale Panel\n\nMinutes of the meeting held at the Civic Centre on Tuesday 5 March 2024 at 10 am\n\n"
               b"Present:\n\nCllr Ann Lee\tWestvale Borough Council\n\n1. Apologies\n\n1.1 None.\n")
    files = [SimpleUploadedFile("a.txt", minutes), SimpleUploadedFile("hostile.pdf", b"%PDF-1.7\n" + b"\x00" * 5000)]
    response = client.post("/import/", {"files": files, "publish": "on"})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == ImportBatch.Status.REVIEW
    assert [m["date"] for m in batch.extraction["meetings"]] == ["2024-03-05"]
    assert list(batch.files.values_list("name", flat=True)) == ["a.txt"]
    outcomes = {o.name: o for o in batch.outcomes.all()}
    assert outcomes["a.txt"].status == FileOutcome.Status.READ
    assert outcomes["hostile.pdf"].status == FileOutcome.Status.UNREADABLE
    assert "cannot be read" in outcomes["hostile.pdf"].message
    flag = batch.flags.get(kind="file_unreadable")
    assert flag.source == "hostile.pdf" and flag.message == outcomes["hostile.pdf"].message
    page = client.get(f"/import/{batch.pk}/").content.decode()
    assert "What could not be read" in page and "hostile.pdf" in page
    # Only one file, and it cannot be read: nothing to review, the upload is refused as before.
    assert client.post("/import/", {"files": [SimpleUploadedFile("bad.pdf", b"not a pdf")]}).status_code == 200
    assert ImportBatch.objects.count() == 1
