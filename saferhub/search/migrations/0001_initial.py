from django.db import migrations, models
import django.db.models.deletion


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE search_fts USING fts5(title_stems, body_stems, "
                "tokenize='unicode61 remove_diacritics 2', detail=column)"
            )
        elif vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchentry ADD COLUMN tsv tsvector")
            cursor.execute("CREATE INDEX search_entry_tsv ON search_searchentry USING GIN (tsv)")


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
        elif vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS search_entry_tsv")
            cursor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv")


class Migration(migrations.Migration):
    initial = True
    dependencies = [("governance", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("document", "Document"), ("cover_report", "Cover report"), ("minutes", "Minutes"), ("decision", "Decision"), ("recommendation", "Recommendation"), ("minute_item", "Minute item"), ("work_programme", "Work programme item"), ("written_question", "Written question")], max_length=20)),
                ("record_type", models.CharField(max_length=60)),
                ("record_id", models.CharField(max_length=64)),
                ("title", models.CharField(max_length=300)),
                ("body", models.TextField()),
                ("title_stems", models.TextField()),
                ("body_stems", models.TextField()),
                ("url", models.CharField(max_length=300)),
                ("date", models.DateField(blank=True, null=True)),
                ("is_public", models.BooleanField(default=False)),
                ("committee", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="governance.committee")),
            ],
            options={
                "ordering": ["-date", "-id"],
                "indexes": [models.Index(fields=["date", "id"], name="search_entry_date")],
                "constraints": [models.UniqueConstraint(fields=("record_type", "record_id"), name="search_entry_unique_record")],
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
