"""The default practical guide, from the organiser's FAQ, in English, French and Spanish
(staff edit it afterwards, and each series may have its own); Coordinators write the
guides, Reviewers read them."""

from django.db import migrations

from presessions.staff_groups import COORDINATORS, REVIEWERS, grant as grant_to

CONTACT = "presessions@upr-info.org"

DEFAULTS = {
    "stay": (
        "Based on the feedback of former participants, civil society organisations (CSOs) "
        "and national human rights institutions (NHRIs) should plan to stay in Geneva for "
        "approximately three to four nights, if their financial resources permit.\n\n"
        "The exact length of the stay should depend on the date of the country's "
        "Pre-session, and whether the organisation plans to participate in the training and "
        "the networking event held during the week of the Pre-sessions.\n\n"
        "The Pre-sessions usually take place over 4 days, in the morning, from Tuesday to "
        "Friday. Each Pre-session meeting lasts between 30 minutes and one hour, depending "
        "on the number of speakers."
    ),
    "stay_fr": (
        "D'après l'expérience des anciens participants, les organisations de la société "
        "civile (OSC) et les institutions nationales des droits de l'homme (INDH) devraient "
        "prévoir de rester à Genève environ trois à quatre nuits, si leurs ressources "
        "financières le permettent.\n\n"
        "La durée exacte du séjour dépend de la date de la pré-session du pays et de la "
        "participation de l'organisation à la formation et à l'événement de réseautage "
        "organisés pendant la semaine des pré-sessions.\n\n"
        "Les pré-sessions ont généralement lieu sur 4 jours, le matin, du mardi au vendredi. "
        "Chaque pré-session dure entre 30 minutes et une heure, selon le nombre "
        "d'intervenants."
    ),
    "stay_es": (
        "Según la experiencia de participantes anteriores, las organizaciones de la sociedad "
        "civil (OSC) y las instituciones nacionales de derechos humanos (INDH) deberían "
        "prever una estancia en Ginebra de unas tres o cuatro noches, si sus recursos "
        "financieros lo permiten.\n\n"
        "La duración exacta de la estancia depende de la fecha de la Pre-sesión del país y "
        "de si la organización tiene previsto participar en la formación y en el evento de "
        "networking que se celebran durante la semana de las Pre-sesiones.\n\n"
        "Las Pre-sesiones suelen celebrarse durante 4 días, por la mañana, de martes a "
        "viernes. Cada Pre-sesión dura entre 30 minutos y una hora, según el número de "
        "ponentes."
    ),
    "accommodation": (
        "The organiser of the Pre-sessions is unable to make hotel bookings or to arrange "
        "other travel-related logistics for Pre-session participants.\n\n"
        "Should they require assistance with securing accommodation for the Pre-sessions, "
        "participants are encouraged to contact the Geneva Welcome Centre (Le Centre "
        "d'Accueil - Genève Internationale, \"CAGI\"). CAGI's Delegates Welcome Service may "
        "be able to support CSO and NHRI delegates with many practical aspects of their stay "
        "in Geneva, including logistical support for planning accommodation, and may grant "
        "financial aid to reduce the cost. Requests for financial aid are examined on a "
        "case-by-case basis.\n\n"
        "The organiser has limited funds to support a small number of CSOs from select "
        f"countries. For more information on the availability of funds, please write to {CONTACT}."
    ),
    "accommodation_fr": (
        "L'organisateur des pré-sessions ne peut ni réserver d'hôtel ni organiser la "
        "logistique des voyages des participants aux pré-sessions.\n\n"
        "Les participants qui ont besoin d'aide pour trouver un logement pendant les "
        "pré-sessions sont invités à contacter le Centre d'Accueil - Genève Internationale "
        "(CAGI). Son Service d'accueil des délégués peut aider les délégués des OSC et des "
        "INDH pour de nombreux aspects pratiques de leur séjour à Genève, notamment pour "
        "trouver un logement, et peut accorder une aide financière pour en réduire le coût. "
        "Les demandes d'aide financière sont examinées au cas par cas.\n\n"
        "L'organisateur dispose de fonds limités pour soutenir un petit nombre d'OSC de "
        "certains pays. Pour savoir si des fonds sont disponibles, veuillez écrire à "
        f"{CONTACT}."
    ),
    "accommodation_es": (
        "El organizador de las Pre-sesiones no puede reservar hoteles ni organizar otros "
        "aspectos logísticos del viaje de los participantes en las Pre-sesiones.\n\n"
        "Si necesitan ayuda para encontrar alojamiento durante las Pre-sesiones, se invita a "
        "los participantes a ponerse en contacto con el Centro de Acogida de la Ginebra "
        'Internacional (Le Centre d\'Accueil - Genève Internationale, "CAGI"). Su Servicio '
        "de acogida de delegados puede ayudar a los delegados de las OSC y de las INDH en "
        "muchos aspectos prácticos de su estancia en Ginebra, incluida la búsqueda de "
        "alojamiento, y puede conceder una ayuda financiera para reducir su coste. Las "
        "solicitudes de ayuda financiera se examinan caso por caso.\n\n"
        "El organizador dispone de fondos limitados para apoyar a un pequeño número de OSC de "
        "algunos países. Para saber si hay fondos disponibles, escriba a "
        f"{CONTACT}."
    ),
    "grounds_pass": (
        "The Pre-sessions take place at the Palais des Nations, on the grounds of the United "
        "Nations. To enter, you need your UN grounds pass and your passport or identity "
        "card.\n\n"
        "Please arrive at least 45 minutes early: the entrance of the Palais des Nations has "
        "a security check.\n\n"
        f"If you have any question about your pass, please write to {CONTACT}."
    ),
    "grounds_pass_fr": (
        "Les pré-sessions ont lieu au Palais des Nations, dans l'enceinte des Nations Unies. "
        "Pour y entrer, vous devez présenter votre badge d'accès de l'ONU et votre passeport "
        "ou votre carte d'identité.\n\n"
        "Veuillez arriver au moins 45 minutes à l'avance : l'entrée du Palais des Nations "
        "comporte un contrôle de sécurité.\n\n"
        f"Pour toute question sur votre badge, veuillez écrire à {CONTACT}."
    ),
    "grounds_pass_es": (
        "Las Pre-sesiones se celebran en el Palacio de las Naciones, en el recinto de las "
        "Naciones Unidas. Para entrar necesita su pase de acceso de la ONU y su pasaporte o "
        "documento de identidad.\n\n"
        "Le rogamos que llegue con al menos 45 minutos de antelación: a la entrada del "
        "Palacio de las Naciones hay un control de seguridad.\n\n"
        f"Si tiene alguna pregunta sobre su pase, escriba a {CONTACT}."
    ),
    "room_rules": (
        "Recording and photography are not permitted during the Pre-sessions.\n\n"
        "The Pre-sessions are public events: States, CSOs, NHRIs, academics, media and UN "
        "agencies may attend.\n\n"
        "Each panelist has 5-7 minutes to deliver their presentation. After the "
        "presentations, the moderator opens the floor to questions from the Permanent "
        "Missions present in the room. The State under Review is invited to attend its own "
        "Pre-session, but cannot participate in the question-and-answer period."
    ),
    "room_rules_fr": (
        "Il n'est pas permis d'enregistrer ni de photographier pendant les pré-sessions.\n\n"
        "Les pré-sessions sont des événements publics : États, OSC, INDH, universitaires, "
        "médias et agences des Nations Unies peuvent y assister.\n\n"
        "Chaque intervenant dispose de 5 à 7 minutes pour sa présentation. Après les "
        "présentations, le modérateur donne la parole aux Missions permanentes présentes "
        "dans la salle pour leurs questions. L'État examiné est invité à assister à sa "
        "pré-session, mais ne peut pas participer à la séance de questions-réponses."
    ),
    "room_rules_es": (
        "No se permite grabar ni fotografiar durante las Pre-sesiones.\n\n"
        "Las Pre-sesiones son actos públicos: pueden asistir Estados, OSC, INDH, académicos, "
        "medios de comunicación y agencias de las Naciones Unidas.\n\n"
        "Cada ponente dispone de 5 a 7 minutos para su presentación. Después de las "
        "presentaciones, el moderador abre el turno de preguntas de las Misiones Permanentes "
        "presentes en la sala. El Estado examinado está invitado a asistir a su Pre-sesión, "
        "pero no puede participar en el turno de preguntas y respuestas."
    ),
    "reprisals": (
        "The Pre-sessions are a transparent, constructive and inclusive platform. As such, "
        "all States, including the State under Review, are invited to participate and to "
        "listen to the concerns expressed by CSOs.\n\n"
        "Although cases of intimidation have been rare in the past, there have been "
        "instances where CSOs have been prevented by their State authorities from travelling "
        "to Geneva to participate in the Pre-sessions. It is essential that each participant "
        "assess the potential risks and repercussions of participating in the "
        "Pre-sessions.\n\n"
        "If you have any questions or fear reprisals related to your participation in the "
        f"Pre-sessions, please contact the organiser ({CONTACT}) and the OHCHR Secretariat. "
        "For more information, please refer to the organiser's guidelines on reprisals."
    ),
    "reprisals_fr": (
        "Les pré-sessions sont une plateforme transparente, constructive et inclusive. À ce "
        "titre, tous les États, y compris l'État examiné, sont invités à y participer et à "
        "écouter les préoccupations exprimées par les OSC.\n\n"
        "Bien que les cas d'intimidation aient été rares par le passé, il est arrivé que des "
        "OSC soient empêchées par les autorités de leur État de se rendre à Genève pour "
        "participer aux pré-sessions. Il est essentiel que chaque participant évalue les "
        "risques et les conséquences possibles de sa participation aux pré-sessions.\n\n"
        "Si vous avez des questions ou craignez des représailles liées à votre participation "
        f"aux pré-sessions, veuillez contacter l'organisateur ({CONTACT}) et le secrétariat "
        "du HCDH. Pour en savoir plus, veuillez consulter les lignes directrices de "
        "l'organisateur sur les représailles."
    ),
    "reprisals_es": (
        "Las Pre-sesiones son una plataforma transparente, constructiva e inclusiva. Por "
        "ello, todos los Estados, incluido el Estado examinado, están invitados a participar "
        "y a escuchar las preocupaciones expresadas por las OSC.\n\n"
        "Aunque los casos de intimidación han sido poco frecuentes, ha ocurrido que las "
        "autoridades de su Estado impidieran a algunas OSC viajar a Ginebra para participar "
        "en las Pre-sesiones. Es esencial que cada participante evalúe los posibles riesgos "
        "y consecuencias de su participación en las Pre-sesiones.\n\n"
        "Si tiene preguntas o teme represalias relacionadas con su participación en las "
        f"Pre-sesiones, póngase en contacto con el organizador ({CONTACT}) y con la "
        "Secretaría del ACNUDH. Para más información, consulte las directrices del "
        "organizador sobre represalias."
    ),
}


def load_defaults(apps, schema_editor):
    PracticalGuide = apps.get_model("panels", "PracticalGuide")
    PracticalGuide.objects.update_or_create(is_default=True, series=None, defaults=DEFAULTS)


def unload_defaults(apps, schema_editor):
    apps.get_model("panels", "PracticalGuide").objects.filter(is_default=True).delete()


def grant(apps, schema_editor):
    actions = ("view", "add", "change", "delete")
    grant_to(apps, COORDINATORS, "panels", [f"{action}_practicalguide" for action in actions])
    grant_to(apps, REVIEWERS, "panels", ["view_practicalguide"])


class Migration(migrations.Migration):
    dependencies = [("panels", "0015_practical_guide")]

    operations = [
        migrations.RunPython(load_defaults, unload_defaults),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
