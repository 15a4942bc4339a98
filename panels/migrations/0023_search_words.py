"""Where each word of a searchable text is (PostgreSQL only), by the lexeme its search
vector holds for it: a result's passage is cut and marked from it in Python, instead of
PostgreSQL parsing the text of every result shown again (ts_headline), which was more
than half of a search's time in the database. Filled for the texts already published."""

from django.db import migrations, models

from panels import fulltext


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in ("Statement", "UPRRecommendation"):
            model = apps.get_model("panels", name)
            fulltext.refresh_vectors(model.objects.exclude(search_vector=None))


class Migration(migrations.Migration):
    dependencies = [("panels", "0022_search_indexes_without_pending_list")]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="search_words",
            field=models.JSONField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="uprrecommendation",
            name="search_words",
            field=models.JSONField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
