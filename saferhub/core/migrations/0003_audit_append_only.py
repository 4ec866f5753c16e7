"""The audit trail is append-only on PostgreSQL: a trigger refuses UPDATE and DELETE of its rows.

Allowed: a foreign key set to NULL by Django's ON DELETE SET NULL (a deleted user or content type; the names
stay in actor_repr and target_repr), and a change of ``data`` alone while ``saferhub.audit_redaction`` is
'on', which only ``saferhub.core.audit.redact`` sets. SQLite has no such trigger (development and tests).
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION saferhub_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.id = OLD.id AND NEW.created_at = OLD.created_at AND NEW.code = OLD.code
       AND NEW.target_id = OLD.target_id AND NEW.target_repr = OLD.target_repr AND NEW.actor_repr = OLD.actor_repr
    THEN
        IF NEW.data = OLD.data
           AND (NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id OR NEW.actor_id IS NULL)
           AND (NEW.target_type_id IS NOT DISTINCT FROM OLD.target_type_id OR NEW.target_type_id IS NULL)
        THEN
            RETURN NEW;  -- ON DELETE SET NULL of the user or content type
        END IF;
        IF current_setting('saferhub.audit_redaction', true) = 'on'
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
           AND NEW.target_type_id IS NOT DISTINCT FROM OLD.target_type_id
        THEN
            RETURN NEW;  -- saferhub.core.audit.redact
        END IF;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % of audit rows is not allowed.', TG_OP
        USING HINT = 'Personal data in old rows is blanked through saferhub.core.audit.redact only.';
END;
$$;
"""
TRIGGER = """
CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION saferhub_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS saferhub_audit_append_only();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)
        schema_editor.execute(TRIGGER, params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_index_updated_at"),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
