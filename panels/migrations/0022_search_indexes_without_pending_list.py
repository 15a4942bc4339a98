"""The full-text indexes updated at once (PostgreSQL only).

A GIN index keeps the entries of new and changed rows in a pending list by default,
merged into the index by the next vacuum, or once the list reaches 4 MB; every search
reads that whole list meanwhile, row by row. After a publication, 500 statements waiting
there made each search a third slower. Statements and the UPR record are written a few
at a time and searched all day: their indexes now take each change at once, and what was
waiting is merged into them."""

from django.db import migrations

INDEXES = ["panels_statement_search_gin", "panels_uprrecommendation_search_gin"]


def update_at_once(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
            schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def keep_a_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("panels", "0021_statement_search_vector_inline")]

    operations = [migrations.RunPython(update_at_once, keep_a_pending_list)]
