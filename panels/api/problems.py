"""Why a parameter was refused (a 422), said in the language of the answer.

Pydantic says what is wrong in English only (`msg`); the API reads the kind of problem
(`type`) and its figures (`ctx`) instead, and says it with gettext. A kind it does not
know is said as "not valid": never in the validator's English."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _whole_number(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be a whole number.") % {"name": name}


def _number(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be a number.") % {"name": name}


def _missing(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” is required.") % {"name": name}


def _at_least(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be %(limit)s or more.") % {"name": name, "limit": ctx.get("ge")}


def _more_than(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be more than %(limit)s.") % {"name": name, "limit": ctx.get("gt")}


def _at_most(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be %(limit)s or less.") % {"name": name, "limit": ctx.get("le")}


def _less_than(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be less than %(limit)s.") % {"name": name, "limit": ctx.get("lt")}


def _too_long(name: str, ctx: Mapping[str, Any]) -> str:
    count = int(ctx.get("max_length", 0))
    return ngettext(
        "“%(name)s” must be at most %(count)d character long.",
        "“%(name)s” must be at most %(count)d characters long.",
        count,
    ) % {"name": name, "count": count}


def _too_short(name: str, ctx: Mapping[str, Any]) -> str:
    count = int(ctx.get("min_length", 0))
    return ngettext(
        "“%(name)s” must be at least %(count)d character long.",
        "“%(name)s” must be at least %(count)d characters long.",
        count,
    ) % {"name": name, "count": count}


def _text(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be text.") % {"name": name}


def _pattern(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” is not in the expected form.") % {"name": name}


def _one_of(name: str, ctx: Mapping[str, Any]) -> str:
    # Pydantic gives the choices as English text ("'en', 'fr' or 'es'"): only the quoted
    # values are kept, quoted and joined in the answer's language.
    choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    if not choices:
        return _not_valid(name, ctx)
    return _("“%(name)s” must be one of %(choices)s.") % {
        "name": name,
        "choices": get_text_list([_("“%(choice)s”") % {"choice": choice} for choice in choices]),
    }


def _true_or_false(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be true or false.") % {"name": name}


def _date(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be a date, as YYYY-MM-DD.") % {"name": name}


def _date_and_time(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” must be a date and time, as YYYY-MM-DDTHH:MM.") % {"name": name}


def _unknown_parameter(name: str, ctx: Mapping[str, Any]) -> str:
    return _("“%(name)s” is not a parameter of this endpoint.") % {"name": name}


def _not_valid(name: str, ctx: Mapping[str, Any]) -> str:
    if not name:
        # Our parameters always have a name; said even so, never as the validator does.
        return _("This value is not valid.")
    return _("“%(name)s” is not valid.") % {"name": name}


# The kinds of problem (pydantic's error types) that the parameters of the API can meet.
_SAYINGS: dict[str, Callable[[str, Mapping[str, Any]], str]] = {
    "missing": _missing,
    "int_parsing": _whole_number,
    "int_type": _whole_number,
    "int_from_float": _whole_number,
    "int_parsing_size": _whole_number,
    "float_parsing": _number,
    "float_type": _number,
    "finite_number": _number,
    "greater_than_equal": _at_least,
    "greater_than": _more_than,
    "less_than_equal": _at_most,
    "less_than": _less_than,
    "string_too_long": _too_long,
    "string_too_short": _too_short,
    "string_type": _text,
    "string_pattern_mismatch": _pattern,
    "literal_error": _one_of,
    "enum": _one_of,
    "bool_parsing": _true_or_false,
    "bool_type": _true_or_false,
    "date_parsing": _date,
    "date_type": _date,
    "date_from_datetime_parsing": _date,
    "date_from_datetime_inexact": _date,
    "datetime_parsing": _date_and_time,
    "datetime_type": _date_and_time,
    "datetime_from_date_parsing": _date_and_time,
    "extra_forbidden": _unknown_parameter,
    "value_error": _not_valid,
}


def parameter(error: Mapping[str, Any]) -> str:
    """The parameter's name, without where it was read (query, path)."""
    return ".".join(str(part) for part in tuple(error.get("loc", ()))[1:])


def describe(error: Mapping[str, Any]) -> str:
    """One problem, as a sentence naming its parameter, in the current language."""
    name = parameter(error)
    saying = _SAYINGS.get(str(error.get("type", "")), _not_valid) if name else _not_valid
    return saying(name, error.get("ctx") or {})


def message(errors: list[dict[str, Any]]) -> str:
    """Every problem of a request, in one sentence for the answer's `detail`."""
    problems = " ".join(describe(error) for error in errors)
    return _("Some parameters are not valid: %(problems)s") % {"problems": problems}
