"""States and themes by the names the published files give them.

The UN writes "Iran (Islamic Republic of)", UPR Info "Iran", django-countries "Iran":
each is matched without case, accents, punctuation or a leading "the", by its English
name, its ISO codes or one of the UN's official names below."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from django_countries import countries

from presessions.countries import UN_OBSERVER_STATES, un_member_codes

# The UN's official short names (and a few older ones) where django-countries says otherwise.
_OFFICIAL_NAMES = {
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United States": "US",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Bolivia (Plurinational State of)": "BO",
    "Iran (Islamic Republic of)": "IR",
    "Republic of Korea": "KR",
    "Democratic People's Republic of Korea": "KP",
    "DPR Korea": "KP",
    "Turkey": "TR",
    "Turkiye": "TR",
    "Holy See": "VA",
    "State of Palestine": "PS",
    "Lao People's Democratic Republic": "LA",
    "Lao PDR": "LA",
    "Republic of Moldova": "MD",
    "Russian Federation": "RU",
    "Syrian Arab Republic": "SY",
    "United Republic of Tanzania": "TZ",
    "Viet Nam": "VN",
    "Micronesia (Federated States of)": "FM",
    "DR Congo": "CD",
    "Czech Republic": "CZ",
    "Swaziland": "SZ",
    "The former Yugoslav Republic of Macedonia": "MK",
    "Netherlands (Kingdom of the)": "NL",
    "Cape Verde": "CV",
    "Brunei Darussalam": "BN",
    "Gambia (Republic of The)": "GM",
    "Ivory Coast": "CI",
}


def normalise(name: str) -> str:
    """Lower case, no accents, no punctuation, no leading "the", single spaces."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^a-z0-9]+", " ", plain.casefold().replace("&", " and ")).strip()
    return plain.removeprefix("the ")


def _without_brackets(name: str) -> str:
    return re.sub(r"\(.*?\)", " ", name)


@cache
def _states() -> dict[str, str]:
    codes = (*un_member_codes(), *UN_OBSERVER_STATES)
    found: dict[str, str] = {}
    for code in codes:
        name = str(countries.name(code))
        for spelling in (name, _without_brackets(name), code, countries.alpha3(code)):
            found.setdefault(normalise(spelling), code)
    for spelling, code in _OFFICIAL_NAMES.items():
        found[normalise(spelling)] = code
        found.setdefault(normalise(_without_brackets(spelling)), code)
    return found


def state_code(name: str) -> str | None:
    """The ISO code of a UN Member or observer State by one of its names, or None."""
    key = normalise(name)
    return _states().get(key) or _states().get(normalise(_without_brackets(name)))


def is_member_state(code: str) -> bool:
    return code in un_member_codes()


def theme_index(themes: list[tuple[int, str, str, str]]) -> dict[str, int]:
    """Theme ids by each of their names (English, French, Spanish), normalised."""
    index: dict[str, int] = {}
    for pk, *names in themes:
        for name in names:
            if name:
                index.setdefault(normalise(name), pk)
    return index
