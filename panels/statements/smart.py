"""A quick "SMART" check of one UPR recommendation, in English, French or Spanish.

Advice for the writer, never a gate: the hints say what a recommendation *seems* to miss (an
action verb, an actor, a time frame, something measurable) from plain word matching, so they
can be wrong and must never block saving or submitting. Pure: no ORM, no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Hint:
    code: str  # "action", "actor", "time" or "measure"
    message: StrOrPromise  # a lazy translation, rendered in the reader's language


MESSAGES = {
    "action": _(
        "Start with an action verb that says what the State should do "
        "(for example adopt, ratify, repeal, investigate)."
    ),
    "actor": _(
        "Name who should act (for example the Ministry of Justice, the parliament or the police)."
    ),
    "time": _("Give a time frame (for example “by 2028” or “before the next review”)."),
    "measure": _("Make it measurable: a number, a budget, or a result that can be checked."),
}


def _normalise(text: str) -> str:
    # Accent-free lower-case words, one space apart and padded: punctuation and how accents
    # were typed no longer matter, and \b regexes can match phrases.
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def _words(text: str) -> list[str]:
    # Comma-separated prose keeps these long vocabularies readable and short in the source.
    return [word.strip() for word in text.split(",") if word.strip()]


def _en(text: str) -> set[str]:
    # "Adopt", "the State adopts", "adopting"; past forms are left out, since "the law adopted
    # in 2019" describes what was done rather than asking for something.
    forms = set(bases := _words(text))
    for b in bases:
        if b.endswith("y") and b[-2] not in "aeiou":
            forms |= {b[:-1] + "ies", b + "ing"}
        elif b.endswith("e") and not b.endswith("ee"):
            forms |= {b + "s", b[:-1] + "ing"}
        else:
            forms |= {b + ("es" if b.endswith(("sh", "ch", "s", "x")) else "s"), b + "ing"}
    return forms


def _fr(text: str) -> set[str]:
    # Infinitive, imperative and "que l'État + subjonctif": the only forms recommendations use,
    # so the other persons are left out rather than risk matching nouns.
    forms = set(infinitives := _words(text))
    for v in infinitives:
        stem = v[:-2]
        if v.endswith("er"):
            forms |= {stem + "e", stem + "ent", stem + "ez"}
        elif v.endswith("ir"):
            forms |= {stem + "isse", stem + "issent", stem + "issez"}
    return forms


def _es(text: str) -> set[str]:
    # Infinitive and subjunctive/usted imperative ("que el Estado adopte", "adopte"), with their
    # spelling changes (garantice, investigue, establezca, proteja). The indicative is left out:
    # it is not how recommendations are phrased, and "publica", "forma" are also adjectives/nouns.
    forms = set(infinitives := _words(text))
    for v in infinitives:
        stem, last = v[:-2], v[-3]
        if v.endswith("ar"):
            soft = stem[:-1] + {"c": "qu", "g": "gu", "z": "c"}.get(last, last)
            forms |= {soft + "e", soft + "en"}
        else:
            hard = stem[:-1] + {"c": "zc", "g": "j"}.get(last, last)
            forms |= {hard + "a", hard + "an"}
    return forms


# Forms the generators above cannot guess.
_IRREGULAR = _words("""ban, bans, banning, mettre, mette, mettent, mettez, prendre, prenne,
    prennent, prenez, poursuivre, poursuive, poursuivent, poursuivez, interdire, interdise,
    interdisent, interdisez, réduire, réduise, réduisent, réduisez, prévenir, prévienne,
    préviennent, prévenez, étendre, étende, étendent, étendez, reconnaître, reconnaisse, enmendar,
    enmiende, enmienden, extender, extienda, extiendan, prevenga, prevengan, ponga, pongan,
    adherirse, adhiera, adhieran""")

# Weak verbs ("consider", "continue", "study") are left out on purpose: the advice is to
# replace them with a verb that commits the State to something checkable.
_ACTION_WORDS = (
    _en("""adopt, ratify, repeal, amend, ensure, establish, guarantee, investigate, prosecute,
    allocate, implement, enact, abolish, criminalise, criminalize, decriminalise, decriminalize,
    end, withdraw, release, train, publish, create, strengthen, protect, provide, align, accede,
    extend, invite, take, increase, reduce, eliminate, prevent, combat, prohibit, revise, develop,
    raise, recognise, recognize, harmonise, harmonize, uphold, promote, conduct, cease, lift,
    accept, punish, sanction, integrate, incorporate, remove, put, bring, cut, stop""")
    | _fr("""adopter, ratifier, abroger, modifier, amender, garantir, veiller, enquêter, allouer,
    établir, renforcer, créer, protéger, assurer, élaborer, promulguer, publier, former, libérer,
    retirer, fournir, augmenter, éliminer, lutter, harmoniser, aligner, adhérer, inviter,
    criminaliser, dépénaliser, décriminaliser, abolir, accélérer, respecter, sanctionner,
    sensibiliser, intégrer, inscrire, affecter, consacrer, supprimer""")
    | _es("""adoptar, ratificar, derogar, modificar, garantizar, asegurar, velar, investigar,
    enjuiciar, sancionar, asignar, aplicar, implementar, establecer, fortalecer, crear, proteger,
    proporcionar, promulgar, abolir, eliminar, tipificar, despenalizar, penalizar, retirar, liberar,
    capacitar, formar, publicar, alinear, ampliar, invitar, tomar, aumentar, reducir, combatir,
    prohibir, revisar, armonizar, reconocer, acelerar, destinar, financiar, dotar, poner,
    respetar""")
    | set(_IRREGULAR)
)

_ACTOR_TERMS = _words("""government, ministry, ministries, minister, parliament, legislature,
    congress, senate, national assembly, police, authorities, authority, judiciary, courts, court,
    judges, prosecutor, prosecutors, attorney general, national human rights institution, NHRI,
    ombudsperson, ombudsman, state, states, municipalities, cabinet, president, gouvernement,
    ministère, ministre, parlement, assemblée nationale, sénat, autorités, police, gendarmerie,
    tribunaux, juges, procureur, parquet, État, institution nationale des droits de l'homme, INDH,
    communes, municipalités, collectivités, gobierno, ministerio, ministra, ministro, parlamento,
    congreso, asamblea nacional, senado, autoridades, policía, fiscalía, fiscal general, tribunales,
    jueces, poder judicial, Estado, institución nacional de derechos humanos, defensoría del pueblo,
    municipios, municipalidades""")

# "one", "un(e)" and "uno/una" are left out: in French and Spanish they are mostly articles,
# and would make almost every sentence look measurable.
_MEASURE_TERMS = _words("""all, every, each, budget, budgets, data, statistics, statistical,
    indicator, indicators, target, targets, number of, at least, per cent, percent, percentage,
    baseline, disaggregated, two, three, four, five, six, seven, eight, nine, ten, hundred,
    thousand, tous, toutes, chaque, budgétaire, données, statistiques, indicateur, indicateurs,
    cibles, nombre de, au moins, pour cent, pourcentage, deux, trois, quatre, cinq, sept, huit,
    neuf, dix, cent, mille, todos, todas, cada, presupuesto, presupuestaria, datos, estadísticas,
    indicador, indicadores, metas, número de, al menos, por ciento, porcentaje, dos, tres, cuatro,
    cinco, seis, siete, ocho, nueve, diez, cien, mil""")

_MONTHS = _words("""january, february, march, april, may, june, july, august, september, october,
    november, december, janvier, fevrier, mars, avril, mai, juin, juillet, aout, septembre, octobre,
    novembre, decembre, enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre,
    setiembre, octubre, noviembre, diciembre""")
_WHEN = rf"(?:(?:19|20)\d\d|{'|'.join(_MONTHS)})"
_UNIT = r"(?:(?:day|week|month|year|jour|semaine|an|annee|dia|semana|ano)s?|mois|meses)"
# A span, not a yes/no test: the matched words are removed before looking for actions and
# numbers, so "by the end of 2027" is neither the verb "end" nor a measurable figure.
_TIME = re.compile(
    r"\b(?:(?:19|20)\d\d|immediately|immediatement|inmediatamente|de inmediato"
    r"|without delay|sans delai|sin demora|sans tarder|d ici|au plus tard|a mas tardar"
    r"|(?:by|before) (?:the )?end of|avant la fin|antes de (?:finales|fin|final)"
    rf"|(?:by|before|avant|antes de|para) {_WHEN}"
    r"|(?:within|next|in the next|dans un delai de|dans les|en un plazo de|en los|dentro de)"
    rf" (?:the )?(?:prochain[es]* |proximos )?(?:\w+ ){{1,3}}{_UNIT}(?: prochains| suivants)?"
    r"|(?:before|avant|antes de|antes del) (?:the |its |le |la |son |el |su )?"
    rf"(?:next|prochain|proximo|proxima) (?:review|upr|cycle|universal|examen|epu|ciclo))\b"
)


def _terms(terms: Iterable[str]) -> re.Pattern[str]:
    # Terms go through the same normalisation as the text, so they can be written naturally.
    alternatives = sorted({_normalise(t).strip() for t in terms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b")


_ACTION = _terms(_ACTION_WORDS)
_ACTOR = _terms(_ACTOR_TERMS)
_MEASURE = _terms(_MEASURE_TERMS)


def check_recommendation(text: str) -> list[Hint]:
    """Return the hints for what the recommendation seems to miss, in the order action, actor,
    time, measure; [] when it looks SMART or the text is empty/blank."""
    words = _normalise(text or "")
    if not words.strip():
        return []
    rest = _TIME.sub(" ", words)
    missing = {
        "action": not _ACTION.search(rest),
        "actor": not _ACTOR.search(words),
        "time": rest == words,
        "measure": "%" not in text and not re.search(r"\d", rest) and not _MEASURE.search(rest),
    }
    return [Hint(code, MESSAGES[code]) for code, miss in missing.items() if miss]
