"""Blocking and scoring: which profiles are compared (candidate pairs), and what each pair's
evidence comes to. Pure functions over the profiles, so a distributed engine (factoid.engines)
can run them on workers and give clustering the same lists as this process does."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from .compare import FULL, PARTIAL, SURNAME
from .names import given_key
from .profile import Profile, Weights, compare

BLOCK = 30    # a block up to this size is compared in full
WINDOW = 8    # a larger one: each profile with its next WINDOW neighbours in name order


NEAR_BITS = 4.0  # a pair this close below the threshold is offered for review ("possible duplicates")


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
    blocks = group_blocks(block_keys(p) for p in profiles)
    return _PairList(block_pairs(profiles, blocks.items()), len(profiles))


def group_blocks(keys_per_profile) -> dict[tuple, list[int]]:
    """Profile i's keys (the i-th set) -> each key's profiles, for keys two or more share."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, keys in enumerate(keys_per_profile):
        for key in keys:
            blocks[key].append(i)
    return {key: members for key, members in blocks.items() if len(members) >= 2}


def block_pairs(profiles: list[Profile], blocks) -> np.ndarray:
    """The pair codes of (key, members) blocks, each pair once (np.unique of the union of any
    split of the blocks is the same: a distributed engine splits them)."""
    n = len(profiles)
    chunks, codes = [], []
    for key, members in blocks:
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
    return np.unique(np.concatenate(chunks))


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


def _given_only(p: Profile, given_words: set[str]) -> bool:
    """"Liubov" alone is a given name, not a surname: never a reason to join anyone."""
    return not p.full and all(given_key(n.surname) in given_words for n in p.names)


@dataclass
class Scoring:
    """What scoring a candidate pair weighs besides its two profiles, made once per run: a
    distributed engine ships it to each worker once."""
    profiles: list[Profile]
    w: Weights
    need: float               # bits a join needs (threshold)
    given_words: set[str]
    want_near: bool = False   # also keep the pairs that came close (a review queue)

    def verdict(self, i: int, j: int, score: float, kind: str, conflict: str) -> str:
        """What compare() says of profiles i and j comes to: "evidence" (join now), "bare" (one
        name is bare: decide later) or "" (never)."""
        if conflict:
            return ""
        if kind == FULL or kind == PARTIAL:
            return "evidence" if score >= self.need else ""
        if kind != SURNAME:
            return ""
        p, q = self.profiles[i], self.profiles[j]
        if p.full or q.full:
            return "bare"  # waits until every full name has found its person
        # two bare names: a shared given name alone is no evidence, the facts must carry it
        w, words = self.w, self.given_words
        given = max((w[k] for r in (p, q) if _given_only(r, words) for n in r.names for k in n.words), default=0.0)
        return "evidence" if score - given >= self.need else ""


def score_pairs(s: Scoring, active: list[int], pairs, cache: dict | None = None) -> tuple[list, list, list]:
    """Score candidate pairs (a, b), indexes into `active`: (scored, bare, near) with scored
    (-score, i, j) to join strongest first, bare (score, i, j) for _attach_bare and near
    (score, i, j), each in the pairs' order. Pure: a split of the pairs, scored apart and
    concatenated in order, gives the same lists."""
    cache = {} if cache is None else cache
    profiles, w, need = s.profiles, s.w, s.need
    scored, bare, near = [], [], []
    for a, b in pairs:
        i, j = active[a], active[b]
        score, kind, conflict = compare(profiles[i], profiles[j], w, None, cache)
        if (kind == FULL or kind == PARTIAL) and not conflict:  # most pairs: decided here
            if score >= need:
                scored.append((-score, i, j))
            elif s.want_near and score >= need - NEAR_BITS:
                near.append((score, i, j))
            continue
        how = s.verdict(i, j, score, kind, conflict)
        if how == "evidence":
            scored.append((-score, i, j))
        elif how:
            bare.append((score, i, j))
    return scored, bare, near


class Local:
    """Blocking and scoring in this process. A distributed engine (factoid.engines) offers the
    same two methods and runs them on workers; joining stays with the caller, in order."""

    def candidate_pairs(self, profiles: list[Profile], active: list[int]) -> "_PairList":
        return candidate_pairs([profiles[k] for k in active])

    def score_pairs(self, s: Scoring, active: list[int], pairs, cache: dict | None = None) -> tuple[list, list, list]:
        return score_pairs(s, active, pairs, cache)
