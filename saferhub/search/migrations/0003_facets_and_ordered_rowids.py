"""Index one list of tokens per entry on both engines (words, title words as "t_" tokens, and the
filters – published, committee, kind – as facet tokens), and on SQLite make the full-text rowid the
search order (date above id), so that a query reads only the page it needs whatever the size of the
match set. The index is rebuilt from the entries."""

from django.db import migrations


def forwards(apps, schema_editor):
    from saferhub.search.engine import rebuild_index

    rebuild_index()


def backwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS search_fts")
            cursor.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title_stems, body_stems, "
                           "tokenize='unicode61 remove_diacritics 2', detail=column)")
            cursor.execute("INSERT INTO search_fts(rowid, title_stems, body_stems) "
                           "SELECT id, title_stems, body_stems FROM search_searchentry")
        elif schema_editor.connection.vendor == "postgresql":
            cursor.execute("UPDATE search_searchentry SET tsv = setweight(to_tsvector('simple', title_stems), 'A') "
                           "|| setweight(to_tsvector('simple', body_stems), 'B')")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_weighted_tsv_and_order_index")]
    operations = [migrations.RunPython(forwards, backwards)]
