"""Scoring candidate pairs, and blocking split into parts: pure functions over the profiles, so
a distributed engine (factoid.engines) can run them on workers and give clustering the same
lists as this process does (`Local`). Which pairs a block asks for is blocking.py's."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .blocking import _PairList, block_keys, candidate_pairs
from .blocking import block_pairs as _one_block
from .compare import FULL, PARTIAL, SURNAME
from .names import given_key
from .profile import Profile, Weights, compare

__all__ = ["NEAR_BITS", "Local", "Scoring", "block_keys", "block_pairs", "group_blocks", "score_pairs", "verdict"]

NEAR_BITS = 4.0  # a pair this close below the threshold is offered for review ("possible duplicates")


def group_blocks(keys_per_profile) -> dict[tuple, list[int]]:
    """Profile i's keys (the i-th set) -> each key's profiles, for keys two or more share."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, keys in enumerate(keys_per_profile):
        for key in keys:
            blocks[key].append(i)
    return {key: members for key, members in blocks.items() if len(members) >= 2}


def block_pairs(profiles: list[Profile], blocks) -> np.ndarray:
    """The pair codes i * n + j of (key, members) blocks, each pair once: np.unique of the
    union of any split of the blocks is the same, so a distributed engine splits them."""
    n = len(profiles)
    chunks, codes = [], []
    for key, members in blocks:
        codes.extend(i * n + j for i, j in _one_block(profiles, key, members))
        if len(codes) >= 1 << 20:
            chunks.append(np.unique(np.array(codes, dtype=np.int64)))
            codes = []
    chunks.append(np.array(codes, dtype=np.int64))
    return np.unique(np.concatenate(chunks))


def given_only(p: Profile, given_words: set[str]) -> bool:
    """"Liubov" alone is a given name, not a surname: never a reason to join anyone."""
    return not p.full and all(given_key(n.surname) in given_words for n in p.names)


def verdict(p: Profile, q: Profile, score: float, kind: str, conflict: str, w: Weights, need: float,
            given_words: set[str]) -> str:
    """What compare() says of two profiles comes to: "evidence" (join now), "bare" (one name is
    bare: decide later) or "" (never)."""
    if conflict:
        return ""
    if kind == FULL or kind == PARTIAL:
        return "evidence" if score >= need else ""
    if kind != SURNAME:
        return ""
    if p.full or q.full:
        return "bare"  # waits until every full name has found its person
    # two bare names: a shared given name alone is no evidence, the facts must carry it
    given = max((w[k] for r in (p, q) if given_only(r, given_words) for n in r.names for k in n.words), default=0.0)
    return "evidence" if score - given >= need else ""


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
        return verdict(self.profiles[i], self.profiles[j], score, kind, conflict, self.w, self.need, self.given_words)


def score_pairs(s: Scoring, active: list[int], pairs, cache: dict | None = None) -> tuple[list, list, list]:
    """Score candidate pairs (a, b), indexes into `active`: (scored, bare, near) with scored
    (-score, i, j) to join strongest first, bare (score, i, j) for the bare names and near
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

    def candidate_pairs(self, profiles: list[Profile], active: list[int]) -> _PairList:
        return candidate_pairs([profiles[k] for k in active])

    def score_pairs(self, s: Scoring, active: list[int], pairs, cache: dict | None = None) -> tuple[list, list, list]:
        return score_pairs(s, active, pairs, cache)
