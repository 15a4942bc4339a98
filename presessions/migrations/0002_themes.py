"""Load the theme taxonomy: the 54 issues of the UPR Info database, translated.

Staff can rename, translate or retire themes afterwards in the admin.
"""

from django.db import migrations

THEMES = [
    ("Asylum-seekers - refugees", "Demandeurs d'asile - réfugiés", "Solicitantes de asilo - refugiados"),
    ("CP rights - general", "Droits civils et politiques - général", "Derechos civiles y políticos - general"),
    ("Civil society", "Société civile", "Sociedad civil"),
    ("Corruption", "Corruption", "Corrupción"),
    ("Counter-terrorism", "Lutte contre le terrorisme", "Lucha contra el terrorismo"),
    ("Death penalty", "Peine de mort", "Pena de muerte"),
    ("Detention", "Détention", "Detención"),
    ("Development", "Développement", "Desarrollo"),
    ("Disabilities", "Handicap", "Discapacidad"),
    ("ESC rights - general", "Droits économiques, sociaux et culturels - général", "Derechos económicos, sociales y culturales - general"),
    ("Elections", "Élections", "Elecciones"),
    ("Enforced disappearances", "Disparitions forcées", "Desapariciones forzadas"),
    ("Environment", "Environnement", "Medio ambiente"),
    ("Extrajudicial executions", "Exécutions extrajudiciaires", "Ejecuciones extrajudiciales"),
    ("Freedom of association and peaceful assembly", "Liberté d'association et de réunion pacifique", "Libertad de asociación y de reunión pacífica"),
    ("Freedom of movement", "Liberté de circulation", "Libertad de circulación"),
    ("Freedom of opinion and expression", "Liberté d'opinion et d'expression", "Libertad de opinión y de expresión"),
    ("Freedom of religion and belief", "Liberté de religion et de conviction", "Libertad de religión y de creencias"),
    ("Freedom of the press", "Liberté de la presse", "Libertad de prensa"),
    ("General", "Général", "General"),
    ("HIV - Aids", "VIH - sida", "VIH - sida"),
    ("Human rights defenders", "Défenseurs des droits humains", "Defensores de los derechos humanos"),
    ("Human rights education and training", "Éducation et formation aux droits humains", "Educación y formación en derechos humanos"),
    ("Human rights violations by state agents", "Violations des droits humains par des agents de l'État", "Violaciones de los derechos humanos por agentes del Estado"),
    ("Impunity", "Impunité", "Impunidad"),
    ("Indigenous peoples", "Peuples autochtones", "Pueblos indígenas"),
    ("Internally displaced persons", "Personnes déplacées internes", "Desplazados internos"),
    ("International humanitarian law", "Droit international humanitaire", "Derecho internacional humanitario"),
    ("International instruments", "Instruments internationaux", "Instrumentos internacionales"),
    ("Justice", "Justice", "Justicia"),
    ("Labour", "Travail", "Trabajo"),
    ("Migrants", "Migrants", "Migrantes"),
    ("Minorities", "Minorités", "Minorías"),
    ("NHRI", "INDH", "INDH"),
    ("National plan of action", "Plan d'action national", "Plan de acción nacional"),
    ("Other", "Autre", "Otro"),
    ("Poverty", "Pauvreté", "Pobreza"),
    ("Public security", "Sécurité publique", "Seguridad pública"),
    ("Racial discrimination", "Discrimination raciale", "Discriminación racial"),
    ("Right to education", "Droit à l'éducation", "Derecho a la educación"),
    ("Right to food", "Droit à l'alimentation", "Derecho a la alimentación"),
    ("Right to health", "Droit à la santé", "Derecho a la salud"),
    ("Right to housing", "Droit au logement", "Derecho a la vivienda"),
    ("Right to land", "Droit à la terre", "Derecho a la tierra"),
    ("Right to water", "Droit à l'eau", "Derecho al agua"),
    ("Rights of the Child", "Droits de l'enfant", "Derechos del niño"),
    ("Sexual Orientation and Gender Identity", "Orientation sexuelle et identité de genre", "Orientación sexual e identidad de género"),
    ("Special procedures", "Procédures spéciales", "Procedimientos especiales"),
    ("Technical assistance and cooperation", "Assistance technique et coopération", "Asistencia técnica y cooperación"),
    ("Torture and other CID treatment", "Torture et autres traitements cruels, inhumains ou dégradants", "Tortura y otros tratos crueles, inhumanos o degradantes"),
    ("Trafficking", "Traite des personnes", "Trata de personas"),
    ("Treaty bodies", "Organes de traités", "Órganos de tratados"),
    ("UPR process", "Processus de l'EPU", "Proceso del EPU"),
    ("Women's rights", "Droits des femmes", "Derechos de las mujeres"),
]


def load_themes(apps, schema_editor):
    Theme = apps.get_model("presessions", "Theme")
    for name, name_fr, name_es in THEMES:
        Theme.objects.update_or_create(name=name, defaults={"name_fr": name_fr, "name_es": name_es})


def unload_themes(apps, schema_editor):
    apps.get_model("presessions", "Theme").objects.filter(name__in=[t[0] for t in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("presessions", "0001_initial")]

    operations = [migrations.RunPython(load_themes, unload_themes)]
