"""How well a row of a user's table (a name, perhaps years and a place) fits a person of the
knowledge base: a score from 0 to 100 and the features behind it.

Names are compared part by part through resolve/names.py, so a spelling in another script or
under another romanisation (Краснощёков, Krasnoščëkov, Krasnoshchekov) keys as the name
itself, and a diminutive as its full name. The score is a weighted mean of the name's fit
and of each year or place the row gives: agreeing with the consensus counts fully, with a
reading some source gives (or a year off) three quarters, disagreeing nothing; a fact the
knowledge base does not know counts a little over even (UNKNOWN)."""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein

from ..resolve.names import Name, feminine_pair, fold, parse

# the parts' shares of a name's similarity, and what a part one side lacks is worth: a row
# "Krasin" fits Leonid Krasin well, but no better than it fits Boris Krasin
SURNAME, GIVEN, PATRONYMIC = 0.55, 0.3, 0.15
MISSING_GIVEN = 0.8
# two sound keys are one name spelled apart (Bucharin / Bukharin) when both their Jaro-Winkler
# similarity and their share of letters not edited reach these (a shared beginning alone,
# Krasin / Krasnoshchyokov, is not enough)
CLOSE, CLOSE_EDITS = 0.85, 0.7
PROPERTY_WEIGHT = 0.25  # a fact the row gives, beside the name's 1
UNKNOWN = 0.6           # the agreement of a fact the knowledge base does not know
# `match: true` only for a candidate this strong and this far ahead of the next
MATCH_SCORE, MATCH_MARGIN, MATCH_NAME = 85.0, 10.0, 0.8


@dataclass
class Row:
    """One query of the protocol, read: the name and the properties the user mapped."""
    name: str
    birth_years: list[int] = field(default_factory=list)
    death_years: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)


@dataclass
class Life:
    """What the knowledge base says of a candidate: every name it was seen under, the years
    of birth and death its sources give (the consensus first) and the places of both."""
    names: list[str]
    birth_years: list[int]
    death_years: list[int]
    places: list[str]


def _key_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if feminine_pair(a, b):
        return 0.0  # Krasin and Krasina are two people
    similarity, edits = JaroWinkler.similarity(a, b), Levenshtein.normalized_similarity(a, b)
    return (similarity + edits) / 2 if similarity >= CLOSE and edits >= CLOSE_EDITS else 0.0


def part_similarity(q: Name, a: Name) -> float:
    """0..1: how well two parsed names agree, part by part. A part only one side gives costs
    little; a part both give and that differs costs much (Boris Krasin is not Leonid Krasin)."""
    if not q.words or not a.words:
        return 0.0
    total, weight = 0.0, 0.0
    if q.surname and a.surname:
        s = _key_similarity(q.surname, a.surname)
        if not s and (q.surname in a.words or a.surname in q.words):
            s = 0.8  # the surname of one is another name of the other (order muddled)
        if not s:
            return 0.0
        total, weight = total + SURNAME * s, weight + SURNAME
    f, g = q.first, a.first
    if f and g:
        if len(f) == 1 or len(g) == 1:
            s = 0.9 if f[0] == g[0] else 0.0
        else:
            s = _key_similarity(f, g) or (0.7 if f in a.given or g in q.given else 0.0)
        if not s:
            return 0.25 * total / max(weight, SURNAME)  # another given name: another person
        total, weight = total + GIVEN * s, weight + GIVEN
    elif f or g:
        total, weight = total + GIVEN * MISSING_GIVEN, weight + GIVEN
    # further given names, or the first half of a double surname (Skvortsov-Stepanov): when
    # both give some, those of the query must be among the other's
    q_more, a_more = [k for k in q.given[1:] if len(k) > 1], [k for k in a.given[1:] if len(k) > 1]
    if q_more and a_more:
        s = sum(max(_key_similarity(k, m) for m in a_more) for k in q_more) / len(q_more)
        if not s:
            return 0.25 * total / max(weight, SURNAME)
        total, weight = total + GIVEN * s, weight + GIVEN
    elif q_more or a_more:
        total, weight = total + GIVEN * MISSING_GIVEN, weight + GIVEN
    if q.patronymic and a.patronymic:
        s = _key_similarity(q.patronymic, a.patronymic)
        if not s:
            return 0.25 * total / max(weight, SURNAME)  # children of different fathers
        total, weight = total + PATRONYMIC * s, weight + PATRONYMIC
    return total / weight if weight else 0.0


def name_similarity(query: str, names: list[str]) -> float:
    """0..1: the best fit of the query to any of a person's names: by parts, or, for what
    the parts cannot read (a name in one word of several), by the folded letters."""
    q = parse(query)
    folded = fold(query)
    parsed = [parse(n) for n in names]
    # a row with a given name is read against the person's names that give one: "Boris Krasin"
    # must not fit Leonid Krasin through his bare "Krasin"
    with_given = q.first and any(n.first for n in parsed)
    best = 0.0
    for name, a in zip(names, parsed):
        other = fold(name)
        if other == folded and folded:
            return 1.0
        if with_given and not a.first:
            continue
        best = max(best, part_similarity(q, a), 0.9 * fuzz.ratio(folded, other) / 100)
    return best


def _years_agree(wanted: list[int], known: list[int]) -> float | None:
    """1 when the row's year is the consensus year, 0.75 when it is a reading some source gives
    or a year off one (Old Style, a year-end birth), 0 when none is near; None when either
    side says nothing."""
    if not wanted or not known:
        return None
    if known[0] in wanted:
        return 1.0
    if any(abs(w - k) <= 1 for w in wanted for k in known):
        return 0.75
    return 0.0


def _places_agree(wanted: list[str], known: list[str]) -> float | None:
    if not wanted or not known:
        return None
    keys = [fold(p) for p in known]
    for w in map(fold, wanted):
        if any(w == k or f" {w} " in f" {k} " or f" {k} " in f" {w} " or fuzz.ratio(w, k) >= 85 for k in keys):
            return 1.0
    return 0.0


def score(row: Row, life: Life) -> tuple[float, list[dict]]:
    """(0..100, features): the weighted mean of the name's fit and the agreement of each fact
    the row gives; a fact the knowledge base does not know counts as UNKNOWN, a little over
    even, so that a person who agrees on a fact outranks one of the same name who is silent on
    it. Features are the protocol's [{id, value}], one per fact both sides give."""
    name = name_similarity(row.name, life.names) if row.name else 0.0
    features = [{"id": "name", "value": round(name, 3)}] if row.name else []
    checks = []
    if row.birth_years:
        checks.append(("birth_year", _years_agree(row.birth_years, life.birth_years)))
    if row.death_years:
        checks.append(("death_year", _years_agree(row.death_years, life.death_years)))
    if row.places:
        checks.append(("place", _places_agree(row.places, life.places)))
    if row.other_names:
        checks.append(("other_name", max(name_similarity(n, life.names) for n in row.other_names)))
    total, weight = (name, 1.0) if row.name else (0.0, 0.0)
    for key, agreement in checks:
        if agreement is not None:
            features.append({"id": key, "value": round(agreement, 3)})
        total += PROPERTY_WEIGHT * (UNKNOWN if agreement is None else agreement)
        weight += PROPERTY_WEIGHT
    return round(100.0 * total / weight, 1) if weight else 0.0, features


def is_match(ranked: list[tuple[float, list[dict]]]) -> bool:
    """The best candidate is a match when strong, ahead of the next by a margin, its name
    close, and no fact the row gives disagrees with it."""
    if not ranked:
        return False
    best, features = ranked[0]
    if best < MATCH_SCORE or (len(ranked) > 1 and best - ranked[1][0] < MATCH_MARGIN):
        return False
    return all(f["value"] >= (MATCH_NAME if f["id"] == "name" else 0.5) for f in features)
