"""The demo's applications: organisations of the State under Review, each on a topic that
suits its State, with speakers named as in its region and the languages its people use.

Written as rows (the application service accepts them only while the call is open, and
some of these calls closed long ago), dated within the call of their series."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from applications.enums import ApplicationStatus, Gender, Language, OrganisationType, Scope
from applications.models import Application
from applications.services import next_reference
from panels.management import sample_texts
from presessions.models import PreSession, Theme

# The language the organisations of a State write to us in, and speak.
_FRENCH = {"BF", "CD", "CF", "CG", "CI", "CM", "DJ", "DZ", "GN", "KM", "MA", "MC", "ML",
           "MU", "NE", "SN", "TD", "TG", "TN"}  # fmt: skip
_SPANISH = {"CL", "CO", "CU", "DO", "EC", "ES", "HN", "MX", "PA", "UY"}
_ARABIC = {"BH", "DJ", "DZ", "JO", "KW", "LY", "MA", "SA", "TN", "YE"}
_RUSSIAN = {"AM", "AZ", "BY", "KG", "RU", "TM", "UZ"}
_PORTUGUESE = {"BR", "CV", "GW"}
_CHINESE = {"CN"}

# Where the speakers' names come from, by State (ISO code); elsewhere, _EUROPE.
_REGIONS = {
    "africa": {"BW", "ER", "ET", "GH", "GM", "KE", "LR", "LS", "MW", "NA", "NG", "RW", "SL",
               "SS", "SZ", "TZ", "UG", "ZA", "ZM", "ZW"},
    "south_asia": {"AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"},
    "east_asia": {"BN", "CN", "ID", "JP", "KH", "KR", "LA", "MM", "MN", "MY", "PH", "SG",
                  "TH", "TL", "VN"},
    "pacific": {"FJ", "FM", "KI", "MH", "NR", "PG", "PW", "SB", "TO", "TV", "VU", "WS"},
    "caribbean": {"AG", "BB", "BS", "BZ", "DM", "GD", "GY", "JM", "KN", "LC", "TT", "VC"},
    "caucasus": {"AM", "GE"},
    "turkish": {"TR"},
}  # fmt: skip
_EUROPE = "europe"
# Per region: women's first names, men's, and family names (a woman's, a man's).
_NAMES: dict[str, tuple[list[str], list[str], list[tuple[str, str]]]] = {
    "es": (
        ["Lucía", "Camila", "María José", "Valentina", "Carmen", "Daniela"],
        ["José", "Carlos", "Rafael", "Andrés", "Diego", "Luis"],
        [(n, n) for n in ["García", "Torres", "Reyes", "Pérez", "Morales", "Castillo"]],
    ),
    "fr": (
        ["Aminata", "Fatou", "Mariam", "Claire", "Awa", "Brigitte"],
        ["Moussa", "Ibrahim", "Jean-Pierre", "Ousmane", "Serge", "Abdoulaye"],
        [(n, n) for n in ["Diallo", "Traoré", "Ouédraogo", "Ndiaye", "Kaboré", "Mbarga"]],
    ),
    "ar": (
        ["Amina", "Fatima", "Leila", "Salma", "Nour", "Rania"],
        ["Ahmed", "Youssef", "Omar", "Karim", "Mehdi", "Khaled"],
        [(n, n) for n in ["Haddad", "Mansour", "Benali", "Khalil", "Nasser", "Saleh"]],
    ),
    "pt": (
        ["Ana", "Maria", "Joana", "Filomena"],
        ["João", "Carlos", "Pedro", "Armando"],
        [(n, n) for n in ["Fernandes", "Tavares", "Lopes", "Gomes", "Monteiro"]],
    ),
    "ru": (
        ["Olga", "Aigerim", "Dilnoza", "Leyla", "Natalia", "Gulnara"],
        ["Rustam", "Timur", "Dmitri", "Farid", "Arman", "Sergei"],
        [("Ivanova", "Ivanov"), ("Karimova", "Karimov"), ("Aliyeva", "Aliyev"),
         ("Nazarova", "Nazarov"), ("Petrova", "Petrov")],
    ),
    "africa": (
        ["Grace", "Ruth", "Wanjiru", "Chipo", "Thandiwe", "Ngozi"],
        ["Sipho", "David", "Kofi", "Chinedu", "Tendai", "Joseph"],
        [(n, n) for n in ["Nkosi", "Otieno", "Banda", "Mwangi", "Okafor", "Phiri", "Mensah"]],
    ),
    "south_asia": (
        ["Priya", "Anjali", "Farzana", "Nusrat", "Aishath"],
        ["Rahul", "Arjun", "Imran", "Kamal", "Ibrahim"],
        [(n, n) for n in ["Rahman", "Iyer", "Sharma", "Hossain", "Chowdhury", "Das"]],
    ),
    "east_asia": (
        ["Siti", "Mei", "Linh", "Dara", "Maria"],
        ["Budi", "Wei", "Minh", "Sokha", "Jose"],
        [(n, n) for n in ["Wijaya", "Tan", "Nguyen", "Santos", "Lim", "Chen"]],
    ),
    "pacific": (
        ["Mele", "Losana", "Teretia", "Hilda"],
        ["Sione", "Tavita", "Tebaua", "Ralph"],
        [(n, n) for n in ["Tanielu", "Teiwaki", "Kabua", "Natapei"]],
    ),
    "caribbean": (
        ["Shanice", "Andrea", "Keisha", "Marcia"],
        ["Andre", "Marlon", "Kevin", "Devon"],
        [(n, n) for n in ["Campbell", "Williams", "Brown", "Persaud", "Joseph"]],
    ),
    "caucasus": (
        ["Anahit", "Lilit", "Armine", "Nino"],
        ["Armen", "Tigran", "Davit", "Levan"],
        [(n, n) for n in ["Grigoryan", "Hakobyan", "Sargsyan", "Petrosyan"]],
    ),
    "turkish": (
        ["Ayşe", "Elif", "Zeynep", "Deniz"],
        ["Mehmet", "Emre", "Can", "Murat"],
        [(n, n) for n in ["Demir", "Kaya", "Şahin", "Öztürk"]],
    ),
    _EUROPE: (
        ["Anna", "Sophie", "Elena", "Katarina", "Ivana", "Joanna"],
        ["Daniel", "Lukas", "Marco", "Tomasz", "Ivan", "Stefan"],
        [(n, n) for n in ["Jansen", "Novak", "Weber", "Horvat", "Borg", "Keller", "Lindberg"]],
    ),
}  # fmt: skip
_ANY_GENDER = ["Alex", "Sam", "Noor", "Kim", "Robin"]
_FUNDING_REASONS = [
    "Return flight to Geneva and four nights' accommodation.",
    "Travel and accommodation: our organisation has no budget for advocacy abroad.",
    "Visa fees, the flight and three nights in Geneva.",
]
_SAFETY_DETAILS = [
    "Our staff were questioned by the police after our last report; we ask that our "
    "name not be published.",
    "Members of our network were threatened online after the previous review.",
]
# What reviewers write beside their rating (0 to 3).
REVIEW_NOTES = {
    0: "Outside the review's scope as presented; suggest observer accreditation instead.",
    1: "Broad statement with few specifics on implementation.",
    2: "Clear focus; the recommendations need sharpening before the meeting.",
    3: "Well documented, first-hand work; the speaker took part in the national consultations.",
}


def _region(country: str) -> str:
    """Where the speakers' names come from."""
    for region, codes in (("es", _SPANISH), ("ar", _ARABIC), ("fr", _FRENCH),
                          ("pt", _PORTUGUESE), ("ru", _RUSSIAN)):  # fmt: skip
        if country in codes:
            return region
    return next((name for name, codes in _REGIONS.items() if country in codes), _EUROPE)


def _languages(rng: random.Random, country: str) -> list[str]:
    """The languages of the speaker, the usual one of the State first."""
    if country in _SPANISH:
        return rng.choice([["es"], ["es", "en"]])
    if country in _ARABIC and country in _FRENCH:
        return rng.choice([["ar", "fr"], ["fr"], ["ar", "fr", "en"]])
    if country in _FRENCH:
        return rng.choice([["fr"], ["fr", "en"]])
    if country in _ARABIC:
        return rng.choice([["ar", "en"], ["ar"], ["en"]])
    if country in _RUSSIAN:
        return rng.choice([["ru", "en"], ["ru"]])
    if country in _PORTUGUESE:
        return rng.choice([["pt", "en"], ["pt", "fr"]])
    if country in _CHINESE:
        return ["zh", "en"]
    return rng.choice([["en"], ["en"], ["en", "fr"]])


def _speaker(rng: random.Random, gender: str, region: str) -> str:
    women, men, families = _NAMES[region]
    family = rng.choice(families)
    if gender == Gender.WOMAN:
        return f"{rng.choice(women)} {family[0]}"
    if gender == Gender.MAN:
        return f"{rng.choice(men)} {family[1]}"
    return f"{rng.choice(_ANY_GENDER)} {rng.choice(family)}"


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def organisation_names(
    rng: random.Random, country: str, count: int
) -> list[tuple[str, sample_texts.Topic]]:
    """`count` different organisations of the State, each with the topic it works on;
    now and then its national human rights institution."""
    topics = sample_texts.topics_for(country)
    chosen: dict[str, sample_texts.Topic] = {}
    while len(chosen) < count:
        topic = rng.choice(topics)
        if rng.random() < 0.06:
            chosen.setdefault("National Human Rights Commission", topic)
        else:
            chosen.setdefault(sample_texts.organisation_name(rng, topic), topic)
    return sorted(chosen.items())


def new_application(
    rng: random.Random,
    presession: PreSession,
    *,
    name: str,
    topic: sample_texts.Topic,
    themes: Sequence[Theme],
    submitted: dt.datetime,
    rated: float,
) -> Application:
    """One submitted application; `rated` is the share of them the reviewers rated."""
    country = presession.country.code
    region = _region(country)
    gender = rng.choices(list(Gender), weights=[50, 42, 4, 4])[0]
    speaker = _speaker(rng, gender, region)
    is_nhri = name == "National Human Rights Commission"
    scope = Scope.NATIONAL if is_nhri else rng.choices(list(Scope), weights=[30, 45, 15, 10])[0]
    languages = _languages(rng, country)
    by_name = {theme.name: theme for theme in themes}
    main_theme = by_name.get(topic.theme) or rng.choice(list(themes))
    related = rng.sample([theme for theme in themes if theme != main_theme], 2)
    domain = "".join(c for c in name.lower() if c.isalnum())[:20] + f"-{country.lower()}"
    needs_funding = rng.random() < 0.35
    fears_reprisals = rng.random() < 0.15
    rating = rng.choice([0, 1, 2, 2, 3, 3]) if rng.random() < rated else None
    sequence, reference = next_reference(presession)
    application = Application.objects.create(
        presession=presession,
        sequence=sequence,
        reference=reference,
        language=region if region in ("es", "fr") else "en",
        organisation_name=name,
        organisation_country=country,
        organisation_website=f"https://{domain}.example.org",
        organisation_type=OrganisationType.NHRI if is_nhri else OrganisationType.CSO,
        scope=scope,
        is_national_coalition=not is_nhri and rng.random() < 0.3,
        contact_email=f"contact@{domain}.example.org",
        submitted_upr_report=rng.random() < 0.6,
        main_theme=main_theme,
        summary=sample_texts.summary(rng, topic, presession.country.name),
        speaker_name=speaker,
        speaker_email=f"{ascii_text(speaker.split()[0]).lower()}@{domain}.example.org",
        speaker_gender=gender,
        speaker_languages=languages,
        needs_interpretation="en" not in languages,
        interpretation_details=", ".join(
            str(Language(code).label) for code in languages if code != "en"
        )
        if "en" not in languages
        else "",
        needs_funding=needs_funding,
        funding_amount=Decimal(rng.choice([800, 1200, 1500, 2000])) if needs_funding else None,
        funding_reason=rng.choice(_FUNDING_REASONS) if needs_funding else "",
        has_safety_concerns=fears_reprisals,
        safety_details=rng.choice(_SAFETY_DETAILS) if fears_reprisals else "",
        rating=rating,
        review_notes=REVIEW_NOTES[rating] if rating is not None else "",
        consent_given_at=submitted,
        status=ApplicationStatus.SUBMITTED,
    )
    application.related_themes.set(related[: rng.randint(0, 2)])
    Application.objects.filter(pk=application.pk).update(submitted_at=submitted)
    application.submitted_at = submitted
    return application


def apply_to_series(
    rng: random.Random,
    presessions: Sequence[PreSession],
    counts: Sequence[int],
    *,
    first: dt.datetime,
    last: dt.datetime,
    rated: float,
) -> list[Application]:
    """`counts[n]` applications to `presessions[n]`, submitted between first and last,
    in the order they arrived."""
    themes = list(Theme.objects.filter(is_active=True))
    wanted = [
        (presession, name, topic)
        for presession, count in zip(presessions, counts, strict=True)
        for name, topic in organisation_names(rng, presession.country.code, count)
    ]
    span = (last - first).total_seconds()
    moments = sorted(first + dt.timedelta(seconds=rng.uniform(0, span)) for _ in wanted)
    rng.shuffle(wanted)
    return [
        new_application(
            rng, presession, name=name, topic=topic, themes=themes, submitted=at, rated=rated
        )
        for (presession, name, topic), at in zip(wanted, moments, strict=True)
    ]
