"""Person resolution across documents: each document's persons -> one person per real person.

    result = resolve(doc_persons, factoids, decisions)
    result.persons, result.assignment (doc person -> person id), result.links (why joined)

Names are folded, transliterated and keyed (names.py); two records are weighed by the evidence
of their names and facts (compare.py, profile.py); blocking keeps the comparisons near-linear
and clusters join strongest evidence first, never across a contradiction (cluster.py). A
user's merge or split (decisions) is applied on every run, so it survives re-ingest."""
from __future__ import annotations

import gc
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Person
from .clustering import Link, cluster
from .incremental import region
from .names import fold, parse
from .profile import Profile, build_profiles, evidence, weights

__all__ = ["Link", "Resolution", "explain", "fold", "parse", "resolve"]


@dataclass
class Resolution:
    persons: list[Person]
    assignment: dict[str, str]  # doc person id -> person id
    links: list[Link]           # each join, with its score and reasons
    # pairs of doc persons that came close to a join and were left apart: (a, b, score), for
    # a person to review; only the best pair between two persons
    near: list = field(default_factory=list)
    # an incremental run: the doc persons re-clustered (the rest kept their persons); None
    # when every one was
    region: set[str] | None = None


def resolve(doc_persons: list[dict], factoids: list[dict] = (), decisions: list[dict] = (),
            previous: dict[str, str] | None = None, new: set[str] | None = None, engine=None) -> Resolution:
    """doc_persons: {id, doc_id, name, names, is_subject}; factoids: export-shaped dicts with
    `doc_person` (alias objects are names; dates and places are evidence); decisions: a
    user's {kind: "merge"|"split", a: [[doc_id, name], ...], b: [...]}, oldest first.
    Incremental (incremental.py): `previous`, each doc person's person as last resolved, and
    `new`, the doc persons of documents added since; only the region these can change is
    re-clustered, and the result is the one a full run gives. `engine`: where a full run's
    blocking and scoring run (pairs.Local, or a distributed engine's: factoid.engines)."""
    # resolution makes millions of small acyclic objects (profiles, pairs, sets): the cycle
    # collector's full passes over them cost a fifth of the run and find nothing to free
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _resolve(doc_persons, factoids, decisions, previous, new, engine)
    finally:
        if was_enabled:
            gc.enable()


def _resolve(doc_persons: list[dict], factoids, decisions, previous, new, engine=None) -> Resolution:
    profiles = build_profiles(doc_persons, factoids)
    del doc_persons, factoids  # a caller that passed them in place (rebuild does) frees them here
    forced, tags = _apply_decisions(profiles, decisions)
    known = [None] * len(profiles) if previous is None else [previous.get(p.id) for p in profiles]
    plan = None
    if previous is not None:
        fresh = {i for i, p in enumerate(profiles) if p.id in (new or ())}
        unknown = {i for i, pid in enumerate(known) if pid is None and i not in fresh}
        plan = region(profiles, fresh, unknown, known, forced, {i for pair in forced for i in pair} | set(tags))
    only = plan.members if plan else None
    while True:
        close: list = []
        clusters, links = cluster(profiles, forced, tags, close, plan, engine)
        # each profile's cluster: found now, or (outside an incremental run's region) as stored
        label = clusters.find if only is None else (lambda i: (0, clusters.find(i)) if i in only else (1, known[i]))
        members: dict = defaultdict(list)
        for i in range(len(profiles)):
            members[label(i)].append(i)
        persons, assignment, renamed = _persons(profiles, members)
        if not renamed:
            break
        # a person left as stored would take another id (a namesake in the region now comes
        # first): it is re-clustered too, so its links are written under its new id
        only = plan.grow({i for lab in renamed for i in members[lab]})
    best: dict[tuple, tuple] = {}
    for score, i, j in close:
        a, b = sorted((label(i), label(j)))
        if a != b and ((a, b) not in best or score > best[(a, b)][2]):
            best[(a, b)] = (profiles[i].id, profiles[j].id, round(score, 1))
    near = sorted(best.values(), key=lambda t: -t[2])
    redone = None if only is None else {profiles[i].id for i in only}
    return Resolution(sorted(persons, key=lambda p: p.id), assignment, links, near, redone)


def _persons(profiles: list[Profile], members: dict) -> tuple[list, dict, list]:
    """Persons and the assignment from clusters of profile indexes; and the clusters kept as
    stored (labels (1, id)) that would now take another id."""
    persons, assignment, taken, renamed = [], {}, Counter(), []
    groups = sorted(((min(profiles[i].id for i in g), lab, [profiles[i] for i in g]) for lab, g in members.items()),
                    key=lambda t: t[0])
    for first, lab, group in groups:
        display = _display(group)
        key = fold(display)
        taken[key] += 1
        # same name, different people (a father and his son): the first doc person tells apart
        seed = key if taken[key] == 1 else f"{key}|{first}"
        pid = "p" + hashlib.sha1(seed.encode()).hexdigest()[:10]
        if isinstance(lab, tuple) and lab[0] == 1 and lab[1] != pid:
            renamed.append(lab)
        names = list(dict.fromkeys(label for p in group for label in p.labels))
        persons.append(Person(pid, display, tuple(names)))
        assignment.update((p.id, pid) for p in group)
    return persons, assignment, renamed


def _display(group: list[Profile]) -> str:
    """The name most documents give as their own, preferring a full name in Latin letters;
    else the fullest of the other names they give."""
    own = Counter(p.labels[0] for p in group)
    if not any(parse(n).full for n in own):
        own.update({label: 0 for p in group for label in p.labels[1:] if parse(label).full})
    return max(own, key=lambda n: (parse(n).full, n.isascii(), own[n], len(n.split()), n))


def explain(doc_persons: list[dict], factoids: list[dict], left: set[str], right: set[str],
            sources: dict[str, str] | None = None) -> list[str]:
    """The evidence between the best-agreeing doc persons of two groups, as sentences: why
    two persons were not joined (or what joins them). `sources` names documents by id."""
    profiles = build_profiles(doc_persons, factoids)
    w = weights(profiles)
    best = None
    for p in (p for p in profiles if p.id in left):
        for q in (q for q in profiles if q.id in right):
            ev = evidence(p, q, w)
            if best is None or (not ev.conflict, ev.score) > (not best[2].conflict, best[2].score):
                best = (p, q, ev)
    if best is None:
        return []
    p, q, ev = best
    doc = (sources or {}).get
    lines = [f"{p.labels[0]} ({doc(p.doc_id, p.doc_id)}) and {q.labels[0]} ({doc(q.doc_id, q.doc_id)}): "
             f"{ev.score:+.1f} bits"]
    lines += [f"  {r}" for r in ev.reasons]
    if ev.conflict:
        lines.append(f"  cannot be one person: {ev.conflict}")
    return lines


def _apply_decisions(profiles: list[Profile], decisions) -> tuple[list[tuple[int, int]], dict[int, set]]:
    """Latest first: a decision that an later one contradicts is void (the user changed their
    mind). A side is [[doc_id, name], ...]; a profile matches when it is of that document and
    was given that name."""
    if not decisions:
        return [], {}
    index = defaultdict(list)
    for i, p in enumerate(profiles):
        for label in p.labels:
            index[(p.doc_id, fold(label))].append(i)
    side = lambda pairs: {i for doc, name in pairs for i in index.get((doc, fold(name)), ())}  # noqa: E731
    group = list(range(len(profiles)))

    def root(i):
        while group[i] != i:
            i = group[i]
        return i

    forced, splits, tags = [], [], defaultdict(set)
    for number, d in reversed(list(enumerate(decisions))):
        a, b = side(d["a"]), side(d["b"]) - side(d["a"])
        if not a or not b:
            continue
        if d["kind"] == "merge":
            joined = {root(i) for i in a | b}
            if any({root(i) for i in sa} & joined and {root(i) for i in sb} & joined for sa, sb in splits):
                continue
            first = next(iter(a))
            for i in a | b:
                if root(i) != root(first):
                    forced.append((first, i))
                    group[root(i)] = root(first)
        elif not {root(i) for i in a} & {root(i) for i in b}:
            splits.append((a, b))
            for i in a:
                tags[i].add((number, 0))
            for i in b:
                tags[i].add((number, 1))
    return forced, tags
