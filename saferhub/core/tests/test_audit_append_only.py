"""The audit trail is append-only on PostgreSQL; ``audit.redact`` is the one audited way to blank old rows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from saferhub.core import audit
from saferhub.core.actors import SYSTEM
from saferhub.core.models import AuditEvent, Organisation

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger exists on PostgreSQL only (migration core 0003); run with DATABASE_URL")


def event(**data) -> AuditEvent:
    organisation = Organisation.objects.create(name="Fictional Council")
    with transaction.atomic():
        return audit.record("core.organisation.created", actor=SYSTEM, target=organisation, data=data)


@postgresql_only
@pytest.mark.parametrize("change", [
    lambda row: AuditEvent.objects.filter(pk=row.pk).update(data={}),
    lambda row: AuditEvent.objects.filter(pk=row.pk).update(code="core.person.created"),
    lambda row: AuditEvent.objects.filter(pk=row.pk).delete(),
    lambda row: row.delete(),
])
def test_update_and_delete_are_refused(change):
    row = event(name="Fictional Council")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change(row)
    assert AuditEvent.objects.get(pk=row.pk).data == {"name": "Fictional Council"}


@postgresql_only
def test_the_redaction_setting_alone_does_not_open_other_columns_or_deletes():
    row = event(name="Fictional Council")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        audit._redaction(True)
        AuditEvent.objects.filter(pk=row.pk).update(code="core.person.created")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        audit._redaction(True)
        AuditEvent.objects.filter(pk=row.pk).delete()


@postgresql_only
def test_redact_changes_data_and_is_audited_then_the_trail_is_closed_again():
    row = event(name="Fictional victim", status="open")
    with transaction.atomic():
        changed = audit.redact(AuditEvent.objects.filter(pk=row.pk), actor=SYSTEM, reason="retention",
                               scrub=lambda data: {**data, "name": ""})
        # Still inside the same transaction, a plain update is refused again.
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=row.pk).update(data={})
    assert changed == [row.pk]
    assert AuditEvent.objects.get(pk=row.pk).data == {"name": "", "status": "open"}
    note = AuditEvent.objects.filter(code="core.audit.redacted").get()
    assert note.data == {"events": [row.pk], "reason": "retention"}


@postgresql_only
def test_deleting_a_user_keeps_their_audit_rows_with_the_name():
    user = get_user_model().objects.create_user(username="leaver", password="x")  # noqa: S106
    organisation = Organisation.objects.create(name="Fictional Council")
    with transaction.atomic():
        row = audit.record("core.organisation.created", actor=user, target=organisation)
    user.delete()
    row.refresh_from_db()
    assert row.actor_id is None and row.actor_repr == "leaver"


def test_redact_works_on_every_engine():
    row = event(name="Fictional victim")
    with transaction.atomic():
        assert audit.redact(AuditEvent.objects.filter(pk=row.pk), actor=SYSTEM, reason="x",
                            scrub=lambda data: {}) == [row.pk]
    assert AuditEvent.objects.get(pk=row.pk).data == {}
