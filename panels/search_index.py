"""A search's matches found and ranked in this process, exactly as PostgreSQL finds and
ranks them (`ts_rank`), from the vectors of every listed row held here.

Ranking in the database reads and ranks every row that a search matches to show the
first twenty: for a common word, thousands, most of what a search costs. An `Index`
holds instead, for each lexeme of the rows' vectors, the rows where it is and what it
adds to their rank (an inverted index), read once for each version of the lists. A
search's query is still written by PostgreSQL (its parser and stemmers): its text is
read here (`parse`), its matches found and ranked with the index.

The rank is the same to the bit: `ts_rank(vector, query)` without weights or
normalisation, for a query that is not an AND at its top (ours or each language's
query: `fulltext._query_sql`), is PostgreSQL's `calc_rank_or` (tsrank.c), a sum over the
query's distinct lexemes, in their order, of what each adds for the row's positions of
the lexemes it matches, in their order, divided by the number of distinct lexemes; each
step rounded as PostgreSQL rounds it (in float, the sum in double). The order is then
the list's, for rows of the same rank.

A query is left to PostgreSQL (`Index.find` answers None) when its rank or its matches
take more than that: a phrase (quoted words, "state-owned"), a negation, a weight, an
AND at its top, or one lexeme both whole and as a prefix (which of the two ranks depends
on PostgreSQL's sort).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

# Operators and operands of a query as PostgreSQL writes it (tsqueryout): a lexeme quoted,
# with its quotes and backslashes doubled, and its flags (":*" a prefix, A-D weights).
_TOKEN = re.compile(r"\s*(?:([()&|!])|<(-|\d+)>|'((?:[^'\\]|''|\\\\)*)'(?::([*A-D]+))?)")
_ESCAPED = re.compile(r"''|\\\\")
# What each position of a lexeme weighs (D, C, B, A), as float: tsrank.c's `weights`.
_WEIGHTS = {
    letter: np.float32(value) for letter, value in zip("DCBA", (0.1, 0.2, 0.4, 1.0), strict=True)
}
_SUM_OF_INVERSE_SQUARES = 1.64493406685  # pi^2 / 6, a double in tsrank.c
# Past every lexeme starting with a given one: UTF-8 never holds this byte.
_PAST = b"\xff"


class UnrankableError(ValueError):
    """A query whose rank or matches need PostgreSQL."""


@dataclass(frozen=True)
class Operand:
    lexeme: bytes  # UTF-8, compared as PostgreSQL compares lexemes (bytes, then length)
    prefix: bool


@dataclass(frozen=True)
class Operator:
    name: str  # "&" or "|"
    left: Operand | Operator
    right: Operand | Operator


def parse(text: str) -> Operand | Operator | None:
    """A query as PostgreSQL writes it out, or None for the empty query (it matches
    nothing). Raises UnrankableError for what `Index` cannot rank: a phrase, a negation, a
    weight."""
    tokens: list[tuple[str, Any]] = []
    at = 0
    text = text.rstrip()
    while at < len(text):
        found = _TOKEN.match(text, at)
        if found is None:
            raise UnrankableError(f"not a query: {text!r}")
        operator, distance, quoted, flags = found.groups()
        if distance is not None or operator == "!":
            raise UnrankableError("a phrase or a negation")
        if operator:
            tokens.append((operator, None))
        else:
            if flags and flags.strip("*"):
                raise UnrankableError("a weight")
            lexeme = _ESCAPED.sub(lambda doubled: doubled.group()[0], quoted)
            tokens.append(("operand", Operand(lexeme.encode(), bool(flags))))
        at = found.end()
    if not tokens:
        return None
    parsed, end = _either(tokens, 0)
    if end != len(tokens):
        raise UnrankableError(f"not a query: {text!r}")
    return parsed


_Tokens = list[tuple[str, Any]]
_Parsed = tuple[Operand | Operator, int]


def _either(tokens: _Tokens, at: int) -> _Parsed:
    return _joined(tokens, at, "|", _both)


def _both(tokens: _Tokens, at: int) -> _Parsed:
    return _joined(tokens, at, "&", _one)


def _joined(
    tokens: _Tokens, at: int, operator: str, part: Callable[[_Tokens, int], _Parsed]
) -> _Parsed:
    """Parts joined by an operator, from the left (an OR of ANDs: `_either` of `_both`)."""
    left, at = part(tokens, at)
    while at < len(tokens) and tokens[at][0] == operator:
        right, at = part(tokens, at + 1)
        left = Operator(operator, left, right)
    return left, at


def _one(tokens: _Tokens, at: int) -> _Parsed:
    if at >= len(tokens):
        raise UnrankableError("a query cut short")
    kind, value = tokens[at]
    if kind == "operand":
        return value, at + 1
    if kind == "(":
        inner, at = _either(tokens, at + 1)
        if at >= len(tokens) or tokens[at][0] != ")":
            raise UnrankableError("unbalanced parentheses")
        return inner, at + 1
    raise UnrankableError(f"unexpected {kind!r}")


def operands(query: Operand | Operator) -> list[Operand]:
    if isinstance(query, Operand):
        return [query]
    return [*operands(query.left), *operands(query.right)]


@lru_cache(maxsize=1024)
def score(weights: str) -> float:
    """What a lexeme adds to a rank for its positions in a row, weighed by their letters
    in order (D unless the vector was weighed): `calc_rank_or`'s step, in float, then the
    division in double."""
    resj = np.float32(0.0)
    wjm = np.float32(-1.0)
    jm = 0
    for j, letter in enumerate(weights or "D"):
        weight = _WEIGHTS[letter]
        resj = np.float32(resj + weight / np.float32((j + 1) * (j + 1)))
        if weight > wjm:
            wjm, jm = weight, j
    step = np.float32(np.float32(wjm + resj) - wjm / np.float32((jm + 1) * (jm + 1)))
    return float(step) / _SUM_OF_INVERSE_SQUARES


@dataclass(frozen=True)
class Found:
    """The rows a query matches (their places in the list, in order) and their ranks."""

    rows: np.ndarray  # int64, ascending
    ranks: np.ndarray  # float32, of those rows

    @property
    def count(self) -> int:
        return len(self.rows)

    def best(self, offset: int, limit: int) -> list[int]:
        """The places of the rows from `offset` to `offset + limit` in the order of the
        search: the highest rank first, then the list's order."""
        wanted = min(offset + limit, self.count)
        if wanted <= offset:
            return []
        rows, ranks = self.rows, self.ranks
        if wanted < self.count:
            # Only the rows at least as high as the last one wanted need sorting.
            lowest = np.partition(ranks, self.count - wanted)[self.count - wanted]
            kept = ranks >= lowest
            rows, ranks = rows[kept], ranks[kept]
        order = np.argsort(-ranks, kind="stable")  # rows ascending: ties in list order
        return [int(row) for row in rows[order[offset:wanted]]]


class Index:
    """The vectors of a list's rows, by lexeme: for the i-th lexeme (in PostgreSQL's order
    of lexemes), `places[starts[i]:starts[i + 1]]` are the rows holding it (their places
    in the list, ascending) and `scores[...]` what it adds to their ranks."""

    def __init__(self, size: int, postings: Sequence[tuple[str, Sequence[int], Sequence[str]]]):
        """`postings`: each lexeme, the places of the rows holding it and, for each, the
        weights of its positions (letters, "" for a vector without positions)."""
        self.size = size
        ordered = sorted((lexeme.encode(), places, weights) for lexeme, places, weights in postings)
        self.lexemes = [lexeme for lexeme, _places, _weights in ordered]
        counts = [len(places) for _lexeme, places, _weights in ordered]
        self.starts = np.zeros(len(ordered) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.starts[1:])
        places = np.empty(int(self.starts[-1]), dtype=np.int64)
        scores = np.empty(int(self.starts[-1]), dtype=np.float64)
        for index, (_lexeme, held, weights) in enumerate(ordered):
            start, end = self.starts[index], self.starts[index + 1]
            rows = np.asarray(held, dtype=np.int64)
            order = np.argsort(rows, kind="stable")
            places[start:end] = rows[order]
            scores[start:end] = np.asarray([score(w) for w in weights], dtype=np.float64)[order]
        self.places, self.scores = places, scores

    def entries(self, operand: Operand) -> range:
        """The lexemes an operand matches: itself, or every lexeme it starts."""
        first = bisect.bisect_left(self.lexemes, operand.lexeme)
        if operand.prefix:
            return range(first, bisect.bisect_left(self.lexemes, operand.lexeme + _PAST))
        found = first < len(self.lexemes) and self.lexemes[first] == operand.lexeme
        return range(first, first + 1 if found else first)

    def find(self, text: str, among: np.ndarray | None = None) -> Found | None:
        """The rows a query matches (as PostgreSQL writes it out) and their ranks, among
        the rows `among` is true of (all, if None); None when PostgreSQL must find them."""
        try:
            query = parse(text)
        except UnrankableError:
            return None
        if query is None:
            return Found(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))
        if isinstance(query, Operator) and query.name == "&":
            return None  # calc_rank_and: the distances between the words
        distinct: dict[bytes, Operand] = {}
        for operand in operands(query):
            if distinct.setdefault(operand.lexeme, operand) != operand:
                return None  # whole and a prefix: PostgreSQL's sort chooses which ranks
        matched = self._matched(query, {})
        if among is not None:
            matched = matched & among
        rows = np.flatnonzero(matched)
        total = np.zeros(self.size, dtype=np.float32)
        for lexeme in sorted(distinct):
            for entry in self.entries(distinct[lexeme]):
                start, end = self.starts[entry], self.starts[entry + 1]
                places = self.places[start:end]
                added = total[places].astype(np.float64) + self.scores[start:end]
                total[places] = added.astype(np.float32)
        ranks = total[rows] / np.float32(len(distinct))
        return Found(rows, ranks)

    def _matched(
        self, query: Operand | Operator, operands: dict[Operand, np.ndarray]
    ) -> np.ndarray:
        """The rows a query matches; `operands`, those of each operand found so far (the
        languages' queries often share one)."""
        if isinstance(query, Operator):
            left = self._matched(query.left, operands)
            right = self._matched(query.right, operands)
            return left & right if query.name == "&" else left | right
        if query not in operands:
            matched = np.zeros(self.size, dtype=bool)
            for entry in self.entries(query):
                matched[self.places[self.starts[entry] : self.starts[entry + 1]]] = True
            operands[query] = matched
        return operands[query]
