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
from itertools import combinations

import numpy as np

from .compare import FULL, PARTIAL, SURNAME, date_bits, similar
from .names import feminine, given_key
from .profile import Profile, compare, evidence, weights

BLOCK = 30    # a block up to this size is compared in full
WINDOW = 8    # a larger one: each profile with its next WINDOW neighbours in name order


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

    def __init__(self, profiles: list[Profile]):
        self.parent = list(range(len(profiles)))
        self.summary = [_summary(p) for p in profiles]

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


def block_keys(p: Profile) -> set[tuple]:
    """The keys under which p meets its candidates. A full name: two of its words, the surname
    with an initial (typos after the first letter), with the birth year or place, the given
    name with the birth date or place (a changed or mistyped surname), the birth year with the
    birth place (a name spelt two ways). A bare name meets full
    names through the same keys, and the bare-surname key they all carry."""
    keys: set[tuple] = set()
    years = {d.lstrip("-")[:4] for d in p.births}
    for n in p.names:
        if n.full:
            keys.update(combinations(sorted(n.words), 2))
            keys.add(("s", n.surname))
            keys.update((n.surname, g[0] + ".") for g in n.given)
            surnames, givens = (n.surname,), (n.first,) if len(n.first) > 1 else ()
        else:
            keys.update(("s", w) for w in n.words)
            surnames = givens = n.words
        keys.update((s, y) for s in surnames for y in years)
        keys.update((g, d) for g in givens for d in p.births)
        keys.update((x, place) for x in {*surnames, *givens} for place in p.birth_places)
    keys.update((d, place) for d in p.births if len(d) >= 10 for place in p.birth_places)
    # born in one year in one place: a name spelt with and without its diacritics still meets
    keys.update(("yp", y, place) for y in years for place in p.birth_places)
    return keys


def candidate_pairs(profiles: list[Profile]) -> "_PairList":
    """Every pair (i < j) that shares a block, once, in order. A large corpus has millions:
    they are kept as int64 codes i * n + j, not as a set of tuples (about 20x smaller)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in block_keys(p):
            blocks[key].append(i)
    n = len(profiles)
    chunks, codes = [], []
    for key, members in blocks.items():
        if len(members) < 2:
            continue  # most keys: nobody else has it
        if key[0] == "s":
            pairs = _bare_pairs(profiles, members)
        elif len(members) <= BLOCK:
            pairs = combinations(members, 2)
        else:
            pairs = _window(profiles, members)
        codes.extend(i * n + j for i, j in pairs)
        if len(codes) >= 1 << 20:
            chunks.append(np.unique(np.array(codes, dtype=np.int64)))
            codes = []
    chunks.append(np.array(codes, dtype=np.int64))
    del blocks
    unique = np.unique(np.concatenate(chunks))
    return _PairList(unique, n)


class _PairList:
    """The pairs over their sorted codes, read a slice at a time (no tuple built until read)."""

    def __init__(self, codes, n: int):
        self.codes, self.n = codes, n

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self):
        n, step = self.n, 1 << 16
        for start in range(0, len(self.codes), step):
            for code in self.codes[start:start + step].tolist():
                yield divmod(code, n)


def _window(profiles: list[Profile], members: list[int]):
    members = sorted(members, key=lambda i: (profiles[i].labels[0].casefold(), profiles[i].births))
    for k, i in enumerate(members):
        for j in members[k + 1:k + 1 + WINDOW]:
            yield (i, j) if i < j else (j, i)


def _bare_pairs(profiles: list[Profile], members: list[int]):
    """The bare-name key serves bare names ("Rakov"), and only where the birth keys cannot
    (two records with a birth date or place meet through those). A bare name meets every
    full name of its surname, to see whether exactly one fits; when there are more than a
    block of different full names, it fits several and will not be joined: no pairs."""
    bare = [i for i in members if not profiles[i].full]
    full = {profiles[i].labels[0].casefold(): i for i in members if profiles[i].full}
    if not bare or len(full) > BLOCK:
        return
    for i in bare:
        for j in members:
            if profiles[j].full and not (_born(profiles[i]) and _born(profiles[j])):
                yield (i, j) if i < j else (j, i)
    if len(bare) <= BLOCK:
        yield from (p for p in combinations(bare, 2) if not (_born(profiles[p[0]]) and _born(profiles[p[1]])))
    else:
        yield from _window(profiles, bare)


def _born(p: Profile) -> bool:
    return bool(p.births or p.birth_places)


NEAR_BITS = 4.0  # a pair this close below the threshold is offered for review ("possible duplicates")


def threshold(n: int) -> float:
    """Bits of evidence a join needs: the odds that two random profiles of n are one person
    fall as n grows (about ten records a person assumed), so more evidence is needed."""
    return min(14.0, max(1.0, math.log2(max(n, 2)) - 3.3))


def cluster(profiles: list[Profile], forced: list[tuple[int, int]] = (),
            tags: dict[int, set] | None = None, near: list | None = None) -> tuple[Clusters, list[Link]]:
    """Cluster profiles. `forced`: pairs a user merged; `tags`: profile -> {(decision, side)}
    of the user's splits. Returns the clusters and the links that joined them; `near`, when
    given, receives (score, i, j) for the pairs that came close to a join (a review queue)."""
    clusters = Clusters(profiles)
    for i, marks in (tags or {}).items():
        clusters.summary[i].tags = set(marks)
    links: list[Link] = []
    for i, j in forced:
        if clusters.find(i) != clusters.find(j):
            clusters.union(i, j)
            links.append(Link(profiles[i].id, profiles[j].id, 0.0, "user", lambda: ["merged by a user"]))
    w = weights(profiles)
    need = threshold(len(profiles))
    given_words = _given_words(profiles)
    cache: dict = {}

    def verdict(i: int, j: int, score: float, kind: str, conflict: str) -> str:
        """What compare() says of profiles i and j comes to: "evidence" (join now), "bare" (one
        name is bare: decide later) or "" (never)."""
        if conflict:
            return ""
        if kind == FULL or kind == PARTIAL:
            return "evidence" if score >= need else ""
        if kind != SURNAME:
            return ""
        p, q = profiles[i], profiles[j]
        if p.full or q.full:
            return "bare"  # waits until every full name has found its person
        # two bare names: a shared given name alone is no evidence, the facts must carry it
        given = max((w[k] for r in (p, q) if _given_only(r, given_words) for n in r.names for k in n.words),
                    default=0.0)
        return "evidence" if score - given >= need else ""

    # records identical in every field are compared once, through one representative
    pinned = {i for pair in forced for i in pair} | set(tags or ())
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        groups[("pinned", i) if i in pinned else _signature(p)].append(i)
    active = []
    for rep, *twins in groups.values():
        if twins:
            score, kind, conflict = compare(profiles[rep], profiles[rep], w, cache=cache)
        if twins and verdict(rep, rep, score, kind, conflict) == "evidence":
            for t in twins:
                _join(clusters, profiles, rep, t, score, w, links, "evidence")
            active.append(rep)
        else:
            active += [rep, *twins]
    scored, bare = [], []
    for a, b in candidate_pairs([profiles[k] for k in active]):
        i, j = active[a], active[b]
        score, kind, conflict = compare(profiles[i], profiles[j], w, None, cache)
        if (kind == FULL or kind == PARTIAL) and not conflict:  # most pairs: decided here
            if score >= need:
                scored.append((-score, i, j))
            elif near is not None and score >= need - NEAR_BITS:
                near.append((score, i, j))
            continue
        how = verdict(i, j, score, kind, conflict)
        if how == "evidence":
            scored.append((-score, i, j))
        elif how:
            bare.append((score, i, j))
    scored.sort()  # (-score, i, j): strongest first, ties in a fixed order
    # only a profile with nothing to tell two people apart weighs its rivals (see _torn)
    vague = [not (p.births or p.deaths or any(n.patronymic for n in p.names)) for p in profiles]
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
    given, sur = Counter(), Counter()
    for p in profiles:
        for n in p.names:
            if n.full:
                given.update(g for g in n.given if len(g) > 1)
                sur[n.surname] += 1
    return {g for g, c in given.items() if c > sur.get(g, 0)}


def _given_only(p: Profile, given_words: set[str]) -> bool:
    """"Liubov" alone is a given name, not a surname: never a reason to join anyone."""
    return not p.full and all(given_key(n.surname) in given_words for n in p.names)


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
        if _given_only(profiles[short], given_words) and score < need + max(w[k] for n in profiles[short].names
                                                                         for k in n.words):
            continue
        _join(clusters, profiles, short, full, score, w, links, "surname")
