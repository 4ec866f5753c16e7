"""PostgreSQL: weigh title words A and body words B in ``tsv`` (so a query can ask for title
words alone), and an index in the search order (newest first, undated last) so that a query with
many matches walks it and stops at the page. SQLite needs neither: FTS5 filters by column, and the
date index already sorts NULL last when read backwards."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("UPDATE search_searchentry SET tsv = setweight(to_tsvector('simple', title_stems), 'A') || "
                       "setweight(to_tsvector('simple', body_stems), 'B')")
        cursor.execute("CREATE INDEX search_entry_order ON search_searchentry (date DESC NULLS LAST, id DESC)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_order")
        cursor.execute("UPDATE search_searchentry SET tsv = to_tsvector('simple', title_stems || ' ' || body_stems)")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
