"""Clustering profiles into persons: blocking, scoring candidate pairs, joining the best first.

Blocking: only profiles that share a key (two words of a name, a surname and a birth year, a
birth date and place, ...) are compared, so the cost grows with the corpus, not its square.
A block too large to compare in full (a common surname) is compared along a sorted window.
Joining: pairs are taken strongest first; two clusters join only when nothing in one
contradicts the other (birth and death dates, patronymics, surname forms, a user's split)."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from .blocking import blocks_of, candidate_pairs
from .compare import FULL, PARTIAL, Weights, coarse, date_bits, similar
from .names import feminine
from .pairs import NEAR_BITS, Local, Scoring, given_only
from .pairs import verdict as pair_verdict
from .profile import Profile, compare, evidence, key_counts, weights


@dataclass
class Link:
    """Why two profiles were joined: the edge of the person's spanning tree. The reasons are
    worded when first read (a large corpus makes many links that nobody reads)."""
    a: str
    b: str
    score: float
    kind: str = "evidence"  # "evidence", "surname" (a surname alone, the one candidate), "user"
    why: Callable[[], list[str]] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def reasons(self) -> list[str]:
        return self.why() if self.why else []


_EMPTY: frozenset = frozenset()
_FIELDS = ("births", "deaths", "birth_years", "death_years", "patronymics", "surnames", "feminines", "tags")


class _Summary:
    """What a cluster knows that another could contradict: `feminines` are the feminine forms
    of its masculine surnames, `tags` the (decision, side) of a user's splits. A profile's own
    sets are frozen (most are empty and shared); a cluster's root copies a set the first time
    it grows it."""
    __slots__ = (*_FIELDS, "full")

    def __init__(self, births=_EMPTY, deaths=_EMPTY, birth_years=_EMPTY, death_years=_EMPTY,
                 patronymics=_EMPTY, surnames=_EMPTY, feminines=_EMPTY, tags=_EMPTY, full=False):
        self.births, self.deaths, self.birth_years, self.death_years = births, deaths, birth_years, death_years
        self.patronymics, self.surnames, self.feminines, self.tags = patronymics, surnames, feminines, tags
        self.full = full

    def absorb(self, other: "_Summary") -> None:
        for name in _FIELDS:
            theirs = getattr(other, name)
            if theirs:
                mine = getattr(self, name)
                if type(mine) is set:
                    mine |= theirs
                else:
                    setattr(self, name, set(mine) | theirs)
        self.full |= other.full


def _years(dates) -> frozenset:
    return frozenset(int(d[:4]) for d in dates if d[:4].isdigit()) if dates else _EMPTY


def _frozen(items) -> frozenset:
    return frozenset(items) if items else _EMPTY


def _summary(p: Profile) -> _Summary:
    surnames = _frozen([n.surname for n in p.names if n.surname])
    return _Summary(_frozen(p.births), _frozen(p.deaths), _years(p.births), _years(p.deaths),
                    _frozen([n.patronymic for n in p.names if n.patronymic]), surnames,
                    _frozen([f for s in surnames if len(s) >= 3 and (f := feminine(s))]), _EMPTY, p.full)


def _dates_fit(dates: tuple[set, set], years: tuple[set, set]) -> bool:
    """Some date of one agrees with some date of the other (a cluster may hold a typo; it may
    not hold only strangers' dates). Years within one of each other always may."""
    (a, b), (ya, yb) = dates, years
    if not a or not b or a & b or any(y - 1 in yb or y in yb or y + 1 in yb for y in ya):
        return True
    return any(date_bits(d, e) is not None for d in a for e in b)


def contradiction(x: _Summary, y: _Summary) -> str:
    """Why two clusters cannot be one person, or ''."""
    misfit = [(label, dates) for label, dates, years in (
        ("birth", (x.births, y.births), (x.birth_years, y.birth_years)),
        ("death", (x.deaths, y.deaths), (x.death_years, y.death_years))) if not _dates_fit(dates, years)]
    # one life date disagreeing while the other is shared exactly, under one surname and one
    # patronymic: one person whose sources disagree (the judge says so), not two
    tolerated = (len(misfit) == 1 and x.patronymics & y.patronymics and x.surnames & y.surnames
                 and ((x.deaths & y.deaths) if misfit[0][0] == "birth" else (x.births & y.births)))
    if misfit and not tolerated:
        label, dates = misfit[0]
        return f"their {label} dates disagree ({', '.join(sorted(dates[0]))} / {', '.join(sorted(dates[1]))})"
    if x.patronymics and y.patronymics and not any(p == q or similar(p, q) for p in x.patronymics
                                                   for q in y.patronymics):
        return "their patronymics differ"
    if x.feminines & y.surnames or y.feminines & x.surnames:
        return "one bears the masculine, the other the feminine form of a surname"
    if x.tags and y.tags and any((d, 1 - side) in y.tags for d, side in x.tags):
        return "a user split them"
    return ""


class Clusters:
    """Union-find over profile indexes, each root holding its cluster's summary."""

    def __init__(self, profiles: list[Profile], only: set[int] | None = None):
        self.parent = list(range(len(profiles)))
        # an incremental run (`only`) clusters its region alone: the rest need no summary
        self.summary = [_summary(p) if only is None or i in only else None for i, p in enumerate(profiles)]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            if len(self.summary[ri].births) < len(self.summary[rj].births):
                ri, rj = rj, ri
            self.parent[rj] = ri
            self.summary[ri].absorb(self.summary[rj])


def threshold(n: int) -> float:
    """Bits of evidence a join needs: the odds that two random profiles of n are one person
    fall as n grows (about ten records a person assumed), so more evidence is needed."""
    return min(14.0, max(1.0, coarse(max(n, 2)) - 3.3))


@dataclass
class Context:
    """What the whole corpus tells the comparison of any two profiles: the rarity of keys, the
    bits a join needs, the words used as given names."""
    w: Weights
    need: float
    given_words: set[str]

    @classmethod
    def of(cls, profiles: list[Profile]) -> "Context":
        return cls(weights(profiles), threshold(len(profiles)), _given_words(profiles))

    @classmethod
    def tallied(cls, tally: tuple[Counter, Counter, Counter], n: int) -> "Context":
        """From tally() of n profiles (a tally less another is the corpus less those)."""
        keys, given, sur = tally
        return cls(Weights(keys, n), threshold(n), {g for g, c in given.items() if c > sur.get(g, 0)})


def tally(profiles: list[Profile]) -> tuple[Counter, Counter, Counter]:
    """What Context counts: each key's holders, each word's uses as a given name and as a surname."""
    given, sur = Counter(), Counter()
    for p in profiles:
        for n in p.names:
            if n.full:
                given.update(g for g in n.given if len(g) > 1)
                sur[n.surname] += 1
    return key_counts(profiles), given, sur


def verdict(p: Profile, q: Profile, score: float, kind: str, conflict: str, ctx: Context) -> str:
    """What compare() says of two profiles comes to (pairs.verdict), in the corpus `ctx`."""
    return pair_verdict(p, q, score, kind, conflict, ctx.w, ctx.need, ctx.given_words)


def twins(profiles: list[Profile], pinned: set[int], ctx: Context, cache: dict | None = None
          ) -> tuple[list[int], list[tuple[int, list[int], float]]]:
    """Records identical in every field are compared once, through one representative: the
    profiles compared (`active`), and (representative, twins, score) for each group joined
    whole. A profile a user's decision names is never folded into another."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        groups[("pinned", i) if i in pinned else _signature(p)].append(i)
    active, joined = [], []
    for rep, *others in groups.values():
        if others:
            score, kind, conflict = compare(profiles[rep], profiles[rep], ctx.w, cache=cache)
            if verdict(profiles[rep], profiles[rep], score, kind, conflict, ctx) == "evidence":
                joined.append((rep, others, score))
                active.append(rep)
                continue
        active += [rep, *others]
    return active, joined


def cluster(profiles: list[Profile], forced: list[tuple[int, int]] = (),
            tags: dict[int, set] | None = None, near: list | None = None, region=None,
            engine: Local | None = None) -> tuple[Clusters, list[Link]]:
    """Cluster profiles. `forced`: pairs a user merged; `tags`: profile -> {(decision, side)}
    of the user's splits. Returns the clusters and the links that joined them; `near`, when
    given, receives (score, i, j) for the pairs that came close to a join (a review queue).
    `region` (incremental.Region): cluster just its members (nothing outside can join or
    contradict them), weighed by the whole corpus, reusing what finding them computed (the
    context, twins, blocks, pairs weighed); the rest stay alone, and a pair across the
    region's edge is weighed for `near` only. `engine`: where a whole run's blocking and
    scoring run (pairs.Local, or a distributed engine's); the result is the same."""
    only, scores = (region.members, region.scores) if region else (None, {})
    clusters = Clusters(profiles, only)
    for i, marks in (tags or {}).items():
        clusters.summary[i].tags = set(marks)
    links: list[Link] = []
    for i, j in forced:
        if clusters.find(i) != clusters.find(j) and (only is None or i in only):
            clusters.union(i, j)
            links.append(Link(profiles[i].id, profiles[j].id, 0.0, "user", lambda: ["merged by a user"]))
    ctx = region.ctx if region else Context.of(profiles)
    w, need, given_words = ctx.w, ctx.need, ctx.given_words
    cache: dict = {}
    if region:
        active, joined = region.after.order, region.after.joined
    else:
        active, joined = twins(profiles, {i for pair in forced for i in pair} | set(tags or ()), ctx, cache)
    for rep, others, score in joined:
        if only is None or rep in only:
            for t in others:
                _join(clusters, profiles, rep, t, score, w, links, "evidence")
    scored, bare = [], []
    where = None if only is None else {k for k, i in enumerate(active) if i in only}
    chosen = [profiles[k] for k in active]
    blocks = blocks_of(chosen, [region.keys[k] for k in active]) if region else None
    if engine is not None and region is None:
        scoring = Scoring(profiles, w, need, given_words, near is not None)
        scored, bare, close = engine.score_pairs(scoring, active, engine.candidate_pairs(profiles, active), cache)
        if near is not None:
            near.extend(close)
    for a, b in (() if engine is not None and region is None else candidate_pairs(chosen, where, blocks)):
        i, j = active[a], active[b]
        got = scores.get((i, j))
        score, kind, conflict = got if got is not None else compare(profiles[i], profiles[j], w, None, cache)
        if only is not None and (i not in only or j not in only):
            if (kind == FULL or kind == PARTIAL) and not conflict and need - NEAR_BITS <= score < need:
                near.append((score, i, j))
            continue
        if (kind == FULL or kind == PARTIAL) and not conflict:  # most pairs: decided here
            if score >= need:
                scored.append((-score, i, j))
            elif near is not None and score >= need - NEAR_BITS:
                near.append((score, i, j))
            continue
        how = verdict(profiles[i], profiles[j], score, kind, conflict, ctx)
        if how == "evidence":
            scored.append((-score, i, j))
        elif how:
            bare.append((score, i, j))
    scored.sort()  # (-score, i, j): strongest first, ties in a fixed order
    # only a profile with nothing to tell two people apart weighs its rivals (see _torn)
    vague = [not (p.births or p.deaths or any(n.patronymic for n in p.names)) if only is None or i in only else False
             for i, p in enumerate(profiles)]
    rivals: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for negative, i, j in scored:
        if vague[i]:
            rivals[i].append((-negative, j))
        if vague[j]:
            rivals[j].append((-negative, i))
    find = clusters.find
    for negative, i, j in scored:
        if find(i) == find(j):
            continue
        score = -negative
        if not (vague[i] and _torn(clusters, rivals, i, j, score) or vague[j] and _torn(clusters, rivals, j, i, score)):
            _join(clusters, profiles, i, j, score, w, links, "evidence")
        elif near is not None:
            near.append((score, i, j))  # enough evidence, but as much for a rival: a person should look
    _attach_bare(clusters, profiles, bare, w, links, need, given_words)
    return clusters, links


def _torn(clusters: Clusters, rivals, i: int, j: int, score: float) -> bool:
    """Does i, which has no dates or patronymic to tell, fit another cluster about as well as
    j's, one that j's contradicts? Then i may be either of two different people (Boris Krasin,
    between Boris Ivanovich and Boris Borisovich): joining either would be a guess."""
    ri, rj = clusters.find(i), clusters.find(j)
    for other_score, k in rivals[i]:
        if other_score < score - MARGIN:
            break  # rivals are in descending order of score
        rk = clusters.find(k)
        if rk not in (ri, rj) and contradiction(clusters.summary[rk], clusters.summary[rj]):
            return True
    return False


def _signature(p: Profile) -> tuple:
    return (tuple(n.text for n in p.names), p.births, p.deaths, p.birth_places, p.death_places, p.occupations,
            tuple((kind, n.text) for kind, n in p.kin))


def _given_words(profiles: list[Profile]) -> set[str]:
    """Words the corpus uses as given names more often than as surnames."""
    _, given, sur = tally(profiles)
    return {g for g, c in given.items() if c > sur.get(g, 0)}




def _join(clusters: Clusters, profiles, i: int, j: int, score: float, w, links: list[Link], kind: str) -> bool:
    ri, rj = clusters.find(i), clusters.find(j)
    if ri == rj or contradiction(clusters.summary[ri], clusters.summary[rj]):
        return False
    clusters.union(ri, rj)
    p, q = profiles[i], profiles[j]
    links.append(Link(p.id, q.id, round(score, 2), kind, lambda: evidence(p, q, w).reasons))
    return True


MARGIN = 4.0  # bits by which the best candidate must beat the next to be chosen


def _attach_bare(clusters: Clusters, profiles, pairs, w, links, need: float, given_words: set[str]) -> None:
    """A person known by one name alone ("Bukharin") joins the one person with a full name it
    fits and does not contradict. Among several it stays apart, unless its facts single one
    out by a clear margin: no guessing. A bare given name ("Liubov") is no evidence by itself:
    it joins only when its facts alone would justify it."""
    options: dict[int, dict[int, tuple]] = defaultdict(dict)
    for score, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        short, full = (i, j) if not profiles[i].full else (j, i)
        rs, rf = clusters.find(short), clusters.find(full)
        if clusters.summary[rs].full or rs == rf or contradiction(clusters.summary[rs], clusters.summary[rf]):
            continue
        options[rs].setdefault(rf, (score, short, full))
    for rs, candidates in sorted(options.items()):
        ranked = sorted(candidates.values(), reverse=True)
        score, short, full = ranked[0]
        if len(ranked) > 1 and score - ranked[1][0] < MARGIN:
            continue
        if given_only(profiles[short], given_words) and score < need + max(w[k] for n in profiles[short].names
                                                                         for k in n.words):
            continue
        _join(clusters, profiles, short, full, score, w, links, "surname")
