"""What the API answers, as the OpenAPI schema describes it. Built from the frozen data
of the public doors (panels.statements.published, panels.programme.public,
panels.record.queries), never from model rows: a field that is not here cannot leave."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.conf import settings
from django_countries.fields import Country
from ninja import Schema
from pydantic import Field, RootModel


def absolute(path: str) -> str:
    """A link of the site as an absolute address (the same for every client, so that an
    answer can be cached whatever the Host it was asked under)."""
    return f"{settings.SITE_URL}{path}" if path else ""


class Message(Schema):
    """An error: why there is no answer."""

    detail: str


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2")
    alpha3: str = Field(description="ISO 3166-1 alpha-3")
    name: str = Field(description="In the language of the answer")

    @classmethod
    def of(cls, country: Country) -> CountryOut:
        return cls(code=country.code, alpha3=country.alpha3, name=str(country.name))


class PageInfo(Schema):
    count: int = Field(description="How many items match, on every page")
    page: int
    page_size: int
    pages: int
    next: int | None = Field(description="The next page's number, null on the last")
    previous: int | None = Field(description="The previous page's number, null on the first")


# Series and programme ----------------------------------------------------------------------


class SeriesOut(Schema):
    number: int = Field(description="The number of its UPR Working Group session")
    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str
    call_opens_at: dt.datetime
    call_closes_at: dt.datetime
    countries: list[CountryOut] = Field(description="The States under Review, in review order")
    url: str = Field(description="The series' page")
    programme: str = Field(description="The programme in this API")


class SeriesPage(PageInfo):
    items: list[SeriesOut]


class ProgrammeSeries(Schema):
    number: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str


class ObserverDocumentOut(Schema):
    title: str
    organisation: str = Field(description="As the observer consented to be named")
    file_name: str = Field(description="A neutral name, never the uploaded one")
    url: str


class MeetingOut(Schema):
    country: CountryOut
    start: dt.datetime = Field(description="Geneva time")
    end: dt.datetime
    room: str
    organisations: list[str] = Field(
        description="The confirmed speakers' organisations, as each consented to be named"
    )
    speakers_to_be_confirmed: bool
    interpretation_into_english: list[str]
    observer_documents: list[ObserverDocumentOut] = Field(
        description="The advocacy documents observers bring for the missions, once approved"
    )


class DayOut(Schema):
    date: dt.date
    meetings: list[MeetingOut]


class ProgrammeOut(Schema):
    series: ProgrammeSeries
    published: bool = Field(description="False until the organiser publishes it: no days")
    days: list[DayOut]
    url: str = Field(description="The programme's page")


# Statements and recommendations ------------------------------------------------------------


class FileOut(Schema):
    title: str
    file_name: str = Field(description="A neutral name, never the uploaded one")
    url: str


class StatementRecommendation(Schema):
    position: int
    text: str
    theme: str
    raised_at_review_by: list[CountryOut] = Field(
        default_factory=list,
        description="The States that made this recommendation at the review that followed, "
        "as the organiser confirmed it",
    )
    review_response: str = Field(
        "",
        description="The State under Review's response to them: supported, noted, mixed, or empty",
    )


class StatementSummary(Schema):
    series: int
    country: CountryOut = Field(description="The State under Review")
    position: int
    title: str
    organisation: str = Field(
        description="The organisation's name, or 'an organisation from' its country when "
        "it may not be named"
    )
    organisation_named: bool
    organisation_country: CountryOut
    theme: str
    language: str
    text: str = Field(description="Empty when only its recommendations or materials are public")
    file: FileOut | None
    published_at: dt.datetime
    recommendation_count: int
    url: str = Field(description="The statement's page")
    detail: str = Field(description="The statement in this API")


class StatementOut(StatementSummary):
    recommendations: list[StatementRecommendation]
    materials: list[FileOut]


class StatementPage(PageInfo):
    items: list[StatementSummary]


class RecommendationOut(Schema):
    position: int
    text: str
    theme: str
    organisation: str
    country: CountryOut = Field(description="The State under Review")
    series: int
    statement_url: str = Field(description="The page of its statement")


class RecommendationPage(PageInfo):
    items: list[RecommendationOut]


class ThemeOut(Schema):
    id: int = Field(description="For the theme filter of the statements and recommendations")
    name: str


class ThemeList(RootModel[list[ThemeOut]]):
    pass


# The UPR record -----------------------------------------------------------------------------


class RecordStateOut(Schema):
    state: CountryOut
    received: int = Field(description="Recommendations it received as State under Review")
    made: int = Field(description="Recommendations it made to other States")
    received_url: str | None = Field(description="The page of what it received; null if none")
    made_url: str | None = Field(description="The page of what it recommended; null if none")


class RecordStateList(RootModel[list[RecordStateOut]]):
    pass


class RecordRecommendationOut(Schema):
    text: str
    state_under_review: CountryOut
    recommending_state: CountryOut
    session: int = Field(description="The UPR Working Group session of the review")
    cycle: int = Field(description="The UPR cycle")
    response: Literal["supported", "noted"] | None = Field(
        description="The State under Review's response; null when the record does not say"
    )
    action_category: int | None = Field(
        description="From 1 (minimal action) to 5 (specific action), as UPR Info classifies "
        "them; null when the record does not say"
    )
    themes: list[ThemeOut]
    url: str = Field(description="The page where it appears")


class RecordRecommendationPage(PageInfo):
    items: list[RecordRecommendationOut]


class ApproachStateOut(Schema):
    state: CountryOut = Field(description="A recommending State")
    recommendations: int = Field(description="How many it made on the theme to the State")
    supported: int
    noted: int
    url: str = Field(description="The page of those recommendations")
    listing: str = Field(description="Those recommendations in this API")


class ApproachOut(Schema):
    state: CountryOut = Field(description="The State under Review")
    theme: ThemeOut
    count: int = Field(description="How many recommendations on the theme it received")
    states: list[ApproachStateOut] = Field(description="The recommending States, most first")
    url: str = Field(description="The page of who to approach")
