"""A statement's row is kept whole in the table, uncompressed, up to 8 kB (PostgreSQL's
default compresses or moves its texts out once a row passes 2 kB): a page of search
results reads each row's document and the places of its words, which were compressed,
often moved to the TOAST table, for some 0.15 ms a page. The rows are written again for
their texts to be stored so. Longer rows are compressed and moved as before."""

from django.db import migrations

TABLE = "panels_statement"


def keep_whole(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")
        # A text written again, not carried over from the old row as it was stored.
        cursor.execute(
            f"UPDATE {TABLE} SET search_document = search_document || '',"
            " search_words = search_words || '' WHERE search_words IS NOT NULL"
        )


def as_before(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("panels", "0024_search_words_as_text")]

    operations = [migrations.RunPython(keep_whole, as_before, elidable=True)]
