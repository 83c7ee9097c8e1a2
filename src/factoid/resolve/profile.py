"""A document person as resolution sees it: every name it was given (aliases stated in the
text included), and the facts that can tell two people apart (life dates, places, offices)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .compare import FULL, NONE, Weights, compare_dates, compare_names, compare_occupations, compare_places
from .kin import KIN_PROPERTIES, kin_bits, kin_conflict, relatives
from .names import Name, fold, parse

MAX_NAMES = 8  # a person's names compared pairwise: keep the product small


@dataclass(frozen=True)
class Profile:
    id: str
    doc_id: str
    labels: tuple[str, ...]  # the names as written, the document's own name first
    names: tuple[Name, ...]
    is_subject: bool = False
    births: tuple[str, ...] = ()
    deaths: tuple[str, ...] = ()
    birth_places: tuple[str, ...] = ()
    death_places: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    full: bool = False  # some name of it is a full name (a given name and a surname)
    kin: tuple = ()  # (kind, Name) of the relatives it names (kin.py)


def build_profiles(doc_persons: list[dict], factoids: list[dict] = ()) -> list[Profile]:
    """doc_persons: {id, doc_id, name, names, is_subject}; factoids: export-shaped dicts with
    `doc_person`. An `alias` factoid's object is another name of its person."""
    facts: dict[str, list[dict]] = defaultdict(list)
    for f in factoids:
        facts[f.get("doc_person") or f.get("person")].append(f)
    return [_profile(dp, facts.get(dp["id"], ())) for dp in doc_persons]


def _profile(dp: dict, facts) -> Profile:
    # written for speed: a corpus has a profile per doc person, most with one name, few facts
    labels = [dp["name"]]
    labels += dp.get("names") or ()
    labels += (f["object"] for f in facts if f["property"] == "alias" and f.get("object"))
    labels = _unique(labels)
    seen, names = set(), []
    for label in labels:
        name = parse(label)
        if name.words and (name.given, name.patronymic, name.surname) not in seen:
            seen.add((name.given, name.patronymic, name.surname))
            names.append(name)
    births, deaths, birth_places, death_places, occupations, kin = [], [], [], [], [], []
    for f in facts:
        prop = f["property"]
        if prop == "birth" or prop == "death":
            dates = births if prop == "birth" else deaths
            for value in (f.get("date"), f.get("date_julian")):
                if value:
                    dates.append(value)
            if f.get("place"):
                (birth_places if prop == "birth" else death_places).append(fold(f["place"]))
        elif (prop == "position" or prop == "employment") and f.get("object"):
            occupations.append(fold(f["object"]))
        elif prop in KIN_PROPERTIES:
            kin.append(f)
    names = names[:MAX_NAMES]
    return Profile(dp["id"], dp.get("doc_id", ""), labels, tuple(names), bool(dp.get("is_subject")),
                   _unique(births), _unique(deaths), _unique(birth_places), _unique(death_places),
                   _unique(occupations), any(n.full for n in names), relatives(kin) if kin else ())


def _unique(items: list) -> tuple:
    return tuple(items) if len(items) < 2 else tuple(dict.fromkeys(items))


def weights(profiles: list[Profile]) -> Weights:
    """Rarity of each name key, place and occupation over the corpus being resolved."""
    return Weights(key_counts(profiles), len(profiles))


def key_counts(profiles: list[Profile]) -> Counter:
    """How many profiles hold each key that weights() weighs."""
    keys: list[str] = []  # each profile's keys once, counted together at the end
    for p in profiles:
        mine = [k for n in p.names for k in n.words]
        mine += p.birth_places
        mine += p.occupations
        mine += p.births
        mine += p.deaths
        keys += set(mine) if len(mine) > 1 else mine
    return Counter(keys)


@dataclass
class Evidence:
    score: float
    kind: str       # what the names say: see compare.FULL, SURNAME, PARTIAL, NONE
    conflict: str   # why they cannot be one person, or ""
    reasons: list[str]


def compare(p: Profile, q: Profile, w: Weights, why: list | None = None, cache: dict | None = None
            ) -> tuple[float, str, str]:
    """(bits, kind, conflict) that p and q are one person: the best-agreeing pair of their
    names, then their facts. Any pair of names that cannot be one person's is a conflict.
    `cache` keeps name comparisons (a corpus repeats its names); `why` collects reasons."""
    best, kind, best_pair = None, NONE, None
    for a in p.names:
        for b in q.names:
            key = (a.text, b.text)
            got = cache.get(key) if cache is not None else None
            if got is None:
                got = compare_names(a, b, w)
                if cache is not None:
                    cache[key] = got
            if got[2]:
                if why is not None:
                    why.append((0.0, got[2]))
                return got[0], NONE, got[2]
            if best is None or got[0] > best:
                best, kind, best_pair = got[0], got[1], (a, b)
    score = best or 0.0
    if why is not None and best_pair:
        a, b = best_pair
        for r, n in ((p, a), (q, b)):
            if n.text != r.labels[0]:
                why.append((0.0, f"{r.labels[0]} is also called {n.text} in its document"))
        compare_names(a, b, w, why)
    if p.kin or q.kin:
        conflict = kin_conflict(p.names, p.kin, q.names, q.kin)
        if conflict:
            if why is not None:
                why.append((0.0, conflict))
            return score, kind, conflict
        if p.kin and q.kin:
            score += kin_bits(p.kin, q.kin, w, why)
    born = compare_dates("birth", p.births, q.births, w, why) if p.births and q.births else (0.0, "")
    died = compare_dates("death", p.deaths, q.deaths, w, why) if p.deaths and q.deaths else (0.0, "")
    for (bits, conflict), (other, other_conflict) in ((born, died), (died, born)):
        if conflict:
            # one life date against the other agreeing, under one full name with one patronymic
            # (a Russian source's 1888 against an English one's 1890): one person whose sources
            # disagree, which the judge reports; anything less keeps them apart
            same_patronymic = best_pair is not None and best_pair[0].patronymic and \
                best_pair[0].patronymic == best_pair[1].patronymic
            if not (same_patronymic and kind == FULL and other >= 3.0 and not other_conflict):
                return score, kind, conflict
            bits = DISAGREEING_DATE
            if why is not None:
                why.append((bits, "one life date disagrees, the other and the full name agree"))
        score += bits
    if p.birth_places and q.birth_places:
        score += compare_places("birthplace", p.birth_places, q.birth_places, w, why)
    if p.death_places and q.death_places:
        score += compare_places("place of death", p.death_places, q.death_places, w, why)
    if p.occupations and q.occupations:
        score += compare_occupations(p.occupations, q.occupations, w, why)
    return score, kind, ""


DISAGREEING_DATE = -2.0


def evidence(p: Profile, q: Profile, w: Weights) -> Evidence:
    """compare() with its reasons in words, for the pairs that are kept or explained."""
    why: list = []
    score, kind, conflict = compare(p, q, w, why)
    return Evidence(round(score, 2), kind, conflict, [f"{r} ({bits:+.1f})" if bits else r for bits, r in why])
