"""A refused parameter (422) is said in the language of the answer, naming the parameter,
never in the validator's English."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from panels.api import problems

from .conftest import get_json

LONG = "a" * 201

# (address, the problems pydantic finds there, what it says of them in English, what the
# API says in English)
REFUSED = [
    (
        "/api/v1/statements?page=abc",
        [{"type": "int_parsing", "loc": ("query", "page")}],
        ["Input should be a valid integer"],
        "“page” must be a whole number.",
    ),
    (
        "/api/v1/statements?page=0",
        [{"type": "greater_than_equal", "loc": ("query", "page"), "ctx": {"ge": 1}}],
        ["Input should be greater than or equal to 1"],
        "“page” must be 1 or more.",
    ),
    (
        "/api/v1/statements?page_size=101",
        [{"type": "less_than_equal", "loc": ("query", "page_size"), "ctx": {"le": 100}}],
        ["Input should be less than or equal to 100"],
        "“page_size” must be 100 or less.",
    ),
    (
        f"/api/v1/statements?q={LONG}",
        [{"type": "string_too_long", "loc": ("query", "q"), "ctx": {"max_length": 200}}],
        ["String should have at most 200 characters"],
        "“q” must be at most 200 characters long.",
    ),
    (
        "/api/v1/record/recommendations?response=accepted",
        [
            {
                "type": "literal_error",
                "loc": ("query", "response"),
                "ctx": {"expected": "'supported' or 'noted'"},
            }
        ],
        ["Input should be 'supported' or 'noted'"],
        "“response” must be one of “supported” or “noted”.",
    ),
    (
        "/api/v1/record/approach?state=K",
        [
            {"type": "string_too_short", "loc": ("query", "state"), "ctx": {"min_length": 2}},
            {"type": "missing", "loc": ("query", "theme")},
        ],
        ["String should have at least 2 characters", "Field required"],
        "“state” must be at least 2 characters long. “theme” is required.",
    ),
    (
        "/api/v1/series/0/programme",
        [{"type": "greater_than_equal", "loc": ("path", "number"), "ctx": {"ge": 1}}],
        ["Input should be greater than or equal to 1"],
        "“number” must be 1 or more.",
    ),
    (
        "/api/v1/statements/48/kenya/1",
        [{"type": "string_too_long", "loc": ("path", "country"), "ctx": {"max_length": 3}}],
        ["String should have at most 3 characters"],
        "“country” must be at most 3 characters long.",
    ),
]


def refused(client, url, **headers) -> str:
    status, data, _text = get_json(client, url, **headers)
    assert status == 422, url
    return data["detail"]


def with_lang(url: str, language: str) -> str:
    return url + ("&" if "?" in url else "?") + f"lang={language}"


@pytest.mark.parametrize(("url", "errors", "pydantic", "said"), REFUSED)
def test_a_refused_parameter_is_named_and_explained_in_english(
    client, db, url, errors, pydantic, said
):
    detail = refused(client, url)

    assert detail == f"Some parameters are not valid: {said}"
    assert [text for text in pydantic if text in detail] == []


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize(("url", "errors", "pydantic", "said"), REFUSED)
def test_a_refused_parameter_is_explained_in_french_and_spanish_without_the_validator(
    client, db, url, errors, pydantic, said, language
):
    by_header = refused(client, url, **{"accept-language": language})
    by_parameter = refused(client, with_lang(url, language))

    with translation.override(language):
        sentences = [problems.describe(error) for error in errors]
        prefix = _("Some parameters are not valid: %(problems)s") % {"problems": ""}
    assert by_header == by_parameter == prefix + " ".join(sentences)
    assert prefix != "Some parameters are not valid: "
    assert [text for text in pydantic if text in by_header] == []


def test_an_unknown_language_is_refused_with_the_three_choices_in_the_clients_language(client, db):
    english = refused(client, "/api/v1/statements?lang=de")
    french = refused(client, "/api/v1/statements?lang=de", **{"accept-language": "fr"})

    assert english == ("Some parameters are not valid: “lang” must be one of “en”, “fr” or “es”.")
    assert french.startswith("Certains paramètres ne sont pas valides : ")
    assert " ou " in french
    assert "Input should be" not in french


@pytest.mark.parametrize(
    ("kind", "ctx", "said"),
    [
        ("bool_parsing", {}, "“x” must be true or false."),
        ("date_parsing", {}, "“x” must be a date, as YYYY-MM-DD."),
        ("datetime_parsing", {}, "“x” must be a date and time, as YYYY-MM-DDTHH:MM."),
        ("extra_forbidden", {}, "“x” is not a parameter of this endpoint."),
        ("value_error", {"error": "no"}, "“x” is not valid."),
        ("enum", {"expected": "'a' or 'b'"}, "“x” must be one of “a” or “b”."),
        ("less_than", {"lt": 5}, "“x” must be less than 5."),
        ("greater_than", {"gt": 0}, "“x” must be more than 0."),
        ("string_too_long", {"max_length": 1}, "“x” must be at most 1 character long."),
        ("a_new_kind", {}, "“x” is not valid."),
    ],
)
def test_each_kind_of_problem_has_its_sentence_and_an_unknown_kind_the_generic_one(kind, ctx, said):
    error = {"type": kind, "loc": ("query", "x"), "msg": "Some English", "ctx": ctx}

    with translation.override("en"):
        assert problems.describe(error) == said


def test_a_problem_without_a_parameter_is_said_generically():
    error = {"type": "int_parsing", "loc": ("query",), "msg": "Some English"}

    with translation.override("en"):
        assert problems.describe(error) == "This value is not valid."
