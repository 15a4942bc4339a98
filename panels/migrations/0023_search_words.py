"""Where each word of a searchable text is (PostgreSQL only), by the lexeme its search
vector holds for it: a result's passage is cut and marked from it in Python, instead of
PostgreSQL parsing the text of every result shown again (ts_headline), which was more
than half of a search's time in the database. The texts already published are filled
by migration 0024, once the words are kept as text."""

from django.db import migrations, models


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
    ]
