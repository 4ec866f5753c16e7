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
