"""A read compiled once gives what its queryset gives, with any values; a read whose
values are not its parameters only is refused."""

import datetime as dt

import pytest
from django.utils import timezone

from presessions.compiled_reads import CompiledRead
from presessions.models import Series
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def _series_from(number):
    return (
        Series.objects.filter(session__number__gte=number)
        .order_by("session__number")
        .values_list("session__number", "call_opens_at", "starts_on", "venue")
    )


def test_a_compiled_read_gives_the_querysets_rows_for_each_value():
    opens = timezone.now().replace(microsecond=0) - dt.timedelta(days=3, minutes=7)
    for number in (45, 46, 47):
        SeriesFactory(session__number=number, call_opens_at=opens)
    read = CompiledRead(_series_from)

    for number in (44, 46, 47, 48):
        rows = read.rows(number)

        assert rows == list(_series_from(number))
    # Converted as the queryset converts them: an aware datetime, a date.
    assert isinstance(read.rows(45)[0][1], dt.datetime)
    assert read.rows(45)[0][1] == opens


def test_a_compiled_read_runs_one_query(django_assert_num_queries):
    SeriesFactory(session__number=45)
    read = CompiledRead(_series_from)
    read.rows(1)

    with django_assert_num_queries(1):
        read.rows(2)


def test_a_value_written_into_the_sql_is_refused():
    read = CompiledRead(lambda number: Series.objects.values_list("pk")[:number])

    with pytest.raises(ValueError, match="parameters only"):
        read.rows(3)


def test_a_value_not_read_is_refused():
    read = CompiledRead(lambda number: Series.objects.values_list("pk"))

    with pytest.raises(ValueError, match="parameters only"):
        read.rows(3)


def test_a_read_that_changes_with_its_value_is_refused():
    def build(number):
        rows = Series.objects.filter(session__number=number)
        return rows.values_list("pk") if number % 2 else rows.values_list("pk", "venue")

    with pytest.raises(ValueError, match="parameters only"):
        CompiledRead(build).rows(3)


def test_the_stand_ins_must_differ():
    with pytest.raises(ValueError, match="two different"):
        CompiledRead(_series_from, (7,), (7,))
