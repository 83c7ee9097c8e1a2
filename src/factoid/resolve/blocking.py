"""Blocking: which profiles are compared at all. Only profiles that share a key (two words of a
name, a surname and a birth year, a birth date and place, ...) are compared, so the cost grows
with the corpus, not its square. A block too large to compare in full (a common surname) is
compared along a sorted window. The pairs of a block depend on the whole block (its size, its
order), so an incremental run (incremental.py) asks for them block by block."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Iterable, Iterator

import numpy as np

from .profile import Profile

BLOCK = 30    # a block up to this size is compared in full
WINDOW = 8    # a larger one: each profile with its next WINDOW neighbours in name order


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


def blocks_of(profiles: list[Profile], keys: Iterable[set[tuple]] | None = None) -> dict[tuple, list[int]]:
    """Key -> the indexes of the profiles under it, in index order. `keys`: each profile's
    block_keys when already computed."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, mine in enumerate(keys if keys is not None else map(block_keys, profiles)):
        for key in mine:
            blocks[key].append(i)
    return blocks


def block_pairs(profiles: list[Profile], key: tuple, members: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) one block asks to compare, by its kind and size."""
    if len(members) < 2:
        return iter(())  # most keys: nobody else has it
    if key[0] == "s":
        return _bare_pairs(profiles, members)
    if len(members) <= BLOCK:
        return combinations(members, 2)
    return _window(profiles, members)


def candidate_pairs(profiles: list[Profile], only: set[int] | None = None,
                    blocks: dict[tuple, list[int]] | None = None) -> "_PairList":
    """Every pair (i < j) that shares a block, once, in order. A large corpus has millions:
    they are kept as int64 codes i * n + j, not as a set of tuples (about 20x smaller).
    `only`: the pairs with an end among these indexes (a region: incremental.py), each block
    still taken whole, so its pairs are those of the whole corpus."""
    if blocks is None:
        blocks = blocks_of(profiles)
    n = len(profiles)
    chunks, codes = [], []
    for key, members in blocks.items():
        if len(members) < 2 or (only is not None and not any(i in only for i in members)):
            continue
        pairs = block_pairs(profiles, key, members)
        if only is not None:
            pairs = [(i, j) for i, j in pairs if i in only or j in only]
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


