"""The 193 UN Member States, the only countries a State under Review can be, and the
two observer States, which may also recommend at a review.

The list of codes ships with the project (data/un-member-states.tsv); names and
their translations come from django-countries.
"""

import csv
from functools import cache
from pathlib import Path

from django_countries import Countries

DATA_FILE = Path(__file__).resolve().parent / "data" / "un-member-states.tsv"


@cache
def un_member_codes() -> tuple[str, ...]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return tuple(row["ISO2"] for row in rows)


class UNMemberStates(Countries):
    """The countries of django-countries, limited to the UN Member States."""

    @property
    def only(self) -> tuple[str, ...]:
        return un_member_codes()


# The non-member observer States of the General Assembly: the Holy See, the State of Palestine.
UN_OBSERVER_STATES = ("VA", "PS")


class UNMemberAndObserverStates(Countries):
    """The UN Member States and the observer States: those who may recommend at the UPR."""

    @property
    def only(self) -> tuple[str, ...]:
        return un_member_codes() + UN_OBSERVER_STATES
