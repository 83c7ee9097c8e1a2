"""Incremental resolution: after new documents, re-cluster only the region they can change.

Clustering (clustering.py) joins along candidate pairs, strongest first, and never looks past
them: a set of profiles that no pair worth weighing links to the rest is clustered alone, as a
full run would. The region starts from the profiles a batch may have changed:

- the new profiles, and old ones whose person is not known (a forgotten person's members);
- the profiles whose pairs changed: a block's pairs depend on the whole block (a window over a
  large one, the count of full names under a bare surname), so each block a new profile enters
  is paired before and after, and the ends of every pair of old profiles that came or went
  are in (a pair with a new profile is found from the new one);
- the profiles holding a key whose weight moved (weights and the join threshold are on the
  coarse grid of compare.coarse, so most keys' weights move not at all), or a word that became
  or ceased to be a given name.

It then grows to close it under what can join profiles in either corpus, before and after:
every pair that could join (a score at the threshold, or a bare name's candidate), twins
(identical records), a user's merges, and the members of each person as last resolved. A
profile outside the region has the same pairs, scores and neighbours before and after (were
one to differ, a seed would hold it), so the persons stored there stand; inside, clustering
runs over the region alone with the corpus' weights, and weighs the pairs that cross its edge
only for the review queue (such a pair cannot join: it would have closed the region over it).
When the corpus size crosses a step of the grid (every weight moves) there is no region:
the caller runs in full."""
from __future__ import annotations

from collections import defaultdict

from .blocking import block_keys, block_pairs, blocks_of
from .clustering import Context, _signature, tally, twins, verdict
from .compare import coarse
from .profile import Profile, compare


class Region:
    """The profiles an incremental run re-clusters (`members`), the corpus context to weigh
    them by (`ctx`), and the pairs weighed while finding them (`scores`, for cluster())."""

    def __init__(self, profiles: list[Profile], new: set[int], unknown: set[int], previous: list[str | None],
                 forced: list[tuple[int, int]], pinned: set[int]):
        old = [i for i in range(len(profiles)) if i not in new]
        self.keys = keys = [block_keys(p) for p in profiles]
        counted, fresh = tally(profiles), tally([profiles[i] for i in new])
        after = Context.tallied(counted, len(profiles))
        before = Context.tallied(tuple(a - b for a, b in zip(counted, fresh)), len(old))
        self.after = _View(profiles, list(range(len(profiles))), keys, after, pinned)
        self.before = _View(profiles, old, keys, before, pinned)
        self.ctx, self.scores = self.after.ctx, self.after.scores
        self.profiles, self.forced, self.previous = profiles, forced, previous
        seeds = set(new) | unknown | _moved(profiles, self.before.ctx, self.ctx)
        touched = {k for i in new for k in keys[i]}
        touched |= {k for i in old if (i in self.before.active) != (i in self.after.active) for k in keys[i]}
        for key in touched:  # a pair with a new profile is found from it; one between two old ones came or went
            seeds |= {i for pair in self.before.pairs(key) ^ self.after.pairs(key) if not new.intersection(pair)
                      for i in pair}
        self.seeds = seeds
        self.members: set[int] = set()
        self.grow(seeds)

    def grow(self, more: set[int]) -> set[int]:
        """Add `more` (seeds, or profiles whose person must be written anew) and all that can
        join them; returns the members."""
        _closure(more, self)
        return self.members


def region(profiles: list[Profile], new: set[int], unknown: set[int], previous: list[str | None],
           forced: list[tuple[int, int]], pinned: set[int]) -> Region | None:
    """The region to re-cluster after documents were added, or None when all must be.
    `new`: profiles of documents added since the last resolution; `unknown`: old profiles
    without a person; `previous`: each profile's person as last resolved (None if new)."""
    if coarse(max(len(profiles) - len(new), 2)) != coarse(max(len(profiles), 2)) or \
            any(i in new for pair in forced for i in pair):
        return None
    return Region(profiles, new, unknown, previous, forced, pinned)


def _moved(profiles: list[Profile], before: Context, after: Context) -> set[int]:
    """The profiles that look up a key whose weight differs, or hold a word whose standing
    as a given name differs."""
    keys = {k for k in before.w.keys() | after.w.keys() if before.w.get(k) != after.w.get(k)}
    words = before.given_words ^ after.given_words
    if not keys and not words:
        return set()
    return {i for i, p in enumerate(profiles) if not keys.isdisjoint(_looked_up(p))
            or any(not words.isdisjoint(n.words) for n in p.names)}


def _looked_up(p: Profile) -> set[str]:
    """Every key the comparison of p with anyone may weigh (compare.py, kin.py)."""
    out = {k for n in p.names for k in n.words}
    out.update(p.birth_places, p.death_places, p.occupations)
    for d in (*p.births, *p.deaths):
        out.update((d, d.rstrip("~?%")))
    for _, n in p.kin:
        out.update((n.surname, n.first))
    return out


class _View:
    """The corpus as one run of clustering sees it: its active profiles (twins folded), its
    blocks, and the pairs each block asks for, all in indexes of the whole profile list."""

    def __init__(self, profiles: list[Profile], members: list[int], keys: list[set], ctx: Context,
                 pinned: set[int]):
        self.profiles, self.ctx = profiles, ctx
        local = [profiles[i] for i in members]
        where = {g: k for k, g in enumerate(members)}
        active, joined = twins(local, {where[i] for i in pinned if i in where}, ctx)
        self.active = {members[k] for k in active}
        self.order = order = [members[k] for k in active]  # the order clustering pairs them in
        self.joined = [(members[rep], [members[t] for t in others], score) for rep, others, score in joined]
        self.position = {i: k for k, i in enumerate(order)}
        self.blocks = {key: [order[k] for k in ks] for key, ks in blocks_of(order, [keys[i] for i in order]).items()}
        self.twins: dict[tuple, list[int]] = defaultdict(list)
        for i in members:
            if i not in pinned:
                self.twins[_signature(profiles[i])].append(i)
        self.scores: dict[tuple[int, int], tuple] = {}  # compare() of the pairs weighed, for cluster()
        self._pairs: dict[tuple, set] = {}
        self._adjacent: dict[tuple, dict[int, list[int]]] = {}
        self._names: dict = {}  # compare()'s cache of name comparisons

    def pairs(self, key: tuple) -> set[tuple[int, int]]:
        if key not in self._pairs:
            members = self.blocks.get(key, [])
            self._pairs[key] = {(i, j) if i < j else (j, i) for i, j in block_pairs(self.profiles, key, members)}
        return self._pairs[key]

    def linked(self, u: int, keys: set) -> set[int]:
        """The profiles that u's pairs could join to u."""
        if u not in self.active:
            return set()
        out = set()
        for key in keys:
            if key not in self.blocks:
                continue
            if key not in self._adjacent:
                adjacent = defaultdict(list)
                for i, j in self.pairs(key):
                    adjacent[i].append(j)
                    adjacent[j].append(i)
                self._adjacent[key] = adjacent
            for v in self._adjacent[key].get(u, ()):
                if v not in out and self._weighed(u, v):
                    out.add(v)
        return out

    def _weighed(self, u: int, v: int) -> bool:
        if self.position[u] > self.position[v]:
            u, v = v, u  # compare() weighs a pair in the order clustering takes it
        a, b = self.profiles[u], self.profiles[v]
        got = self.scores.get((u, v))
        if got is None:
            got = self.scores[(u, v)] = compare(a, b, self.ctx.w, None, self._names)
        return bool(verdict(a, b, *got, self.ctx))


def _closure(more: set[int], region: Region) -> None:
    """Add `more` and all that can join it, after or (for a seed: elsewhere nothing moved)
    before, to region.members."""
    profiles, previous, keys, seeds = region.profiles, region.previous, region.keys, region.seeds
    partners: dict[int, list[int]] = defaultdict(list)
    for i, j in region.forced:
        partners[i].append(j)
        partners[j].append(i)
    members: dict[str, list[int]] = defaultdict(list)
    for i, pid in enumerate(previous):
        if pid is not None:
            members[pid].append(i)
    out = region.members
    queue = [i for i in more if i not in out]
    out.update(queue)
    while queue:
        u = queue.pop()
        found = set(partners.get(u, ()))
        if previous[u] is not None:
            found.update(members[previous[u]])
        signature = _signature(profiles[u])
        for view in (region.after, region.before) if u in seeds else (region.after,):
            found.update(view.twins.get(signature, ()))
            found |= view.linked(u, keys[u])
        for v in found - out:
            out.add(v)
            queue.append(v)
