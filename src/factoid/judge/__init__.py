"""Source criticism: per person and property, the consensus value and the disputed ones; and
the conflicts a careful reader notices, each with a kind and one explanatory sentence.

    judge(factoids) -> [Conflict]        (every person)
    consensus(factoids) -> [{property, value, support, disputed, clusters: [{value, status, ...}]}]

Factoids are export-shaped dicts with `person` set to the resolved person id. Not conflicts:
one date in Old Style and New Style, a less precise date that contains a precise one, offices
held at different times (see values.py and dates.py)."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from ..model import Conflict
from .durations import duration_conflicts
from .firsts import first_conflicts
from .reported import reported_conflicts
from .rules import chronology_conflicts, infobox_conflicts, value_conflicts
from .terms import calendar_conflicts, once_conflicts, term_conflicts
from .whereabouts import whereabouts_conflicts
from .values import SINGLE_VALUED, Value, filled, group, source_key

__all__ = ["consensus", "judge"]


def judge(factoids: list[dict]) -> list[Conflict]:
    by_person: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for f in factoids:
        if f.get("person"):
            by_person[f["person"]][f["property"]].append(f)
    conflicts: dict[str, Conflict] = {}
    for person, by_prop in sorted(by_person.items()):
        best = {prop: groups[0] for prop in SINGLE_VALUED if (groups := group(by_prop.get(prop, [])))}
        found = [c for prop, facts in sorted(by_prop.items()) for c in value_conflicts(prop, facts)]
        found += chronology_conflicts(by_prop, best)
        found += infobox_conflicts(by_prop)
        found += calendar_conflicts(by_prop) + term_conflicts(by_prop) + once_conflicts(by_prop)
        found += whereabouts_conflicts(by_prop) + first_conflicts(by_prop) + reported_conflicts(by_prop)
        found += duration_conflicts(by_prop)
        for kind, props, facts, explanation in found:
            ids = tuple(dict.fromkeys(f["id"] for f in facts))
            cid = "c" + hashlib.sha1(f"{person}|{kind}|{'|'.join(sorted(ids))}".encode()).hexdigest()[:12]
            conflicts.setdefault(cid, Conflict(person, tuple(props), kind, ids, explanation, cid))
    return list(conflicts.values())


# a value of a property a person has once is the consensus only with at least twice the
# independent sources of the next: one source against one, or three against two, is undecided
MARGIN = 2


def decided(values: list[Value]) -> bool:
    """`values` ranked by independent sources (see consensus): has the first a clear margin?"""
    if len(values) < 2:
        return True
    return values[0].independent > 0 and values[0].independent >= MARGIN * values[1].independent


def _rank_single(values: list[Value]) -> list[Value]:
    """For a property a person has once: a source that gives two incompatible values supports
    neither, and the values are ranked by independent sources, then by support."""
    keys = [{source_key(f) for f in v.factoids} for v in values]
    split = frozenset(k for i, ks in enumerate(keys) for k in ks if any(k in other for j, other in enumerate(keys) if j != i))
    for v in values:
        v.split = split
    return sorted(values, key=lambda v: (-v.independent, -v.support))


def verdict(prop: str, values: list[Value], single: bool) -> str:
    """The state of a property in words."""
    def said(v: Value) -> str:
        n, copies = v.independent, len(v.sources)
        both = sorted({f.get("source") or "?" for f in v.factoids if source_key(f) in v.split})
        if copies == n:
            count = f"{n} source{'s' if n != 1 else ''}"
        elif not both:
            count = f"{copies} sources, {'copies of one text' if n == 1 else f'{n} independent'}"
        else:
            count = f"{copies} sources, {n} independent ({', '.join(both)} also giving another)"
        return f"{v.describe()} ({count}: {', '.join(v.sources)})"
    if not values:
        return "no value given"
    if len(values) == 1 or not single:
        return said(values[0])
    if decided(values):
        return f"{said(values[0])}, against {'; '.join(said(v) for v in values[1:])}"
    return f"undecided: {' or '.join(said(v) for v in values)}; no value has twice the independent sources of another"


def consensus(factoids: list[dict], in_conflict: set[str] = frozenset(), order=()) -> list[dict]:
    """For one person's factoids, per property (in `order`, then by name): the values that
    agree grouped as in judge() (see values.group), best-supported first, each with a status.
    For a property a person has once (birth, death, ...): "consensus" for the first value when
    it has at least twice the independent sources of the next, the others "disputed"; without
    that margin every value is "undecided" and the property has no consensus value (`value`
    is None). For others (offices, arrests) every value is a fact of its own: "consensus",
    unless a stored conflict (`in_conflict`: factoid ids) names it ("disputed"). Factoids
    with no value at all (an arrest, no date or place) come last, as "also": they neither
    support nor dispute a value. `verdict` says it in words."""
    by_prop: dict[str, list[dict]] = defaultdict(list)
    for f in factoids:
        by_prop[f["property"]].append(f)
    rank = {p: i for i, p in enumerate(order)}
    out = []
    for prop in sorted(by_prop, key=lambda p: (rank.get(p, len(rank)), p)):
        facts = by_prop[prop]
        single = prop in SINGLE_VALUED
        values = group(facts)
        if single:
            values = _rank_single(values)
        settled = not single or decided(values)
        clusters = []
        for i, value in enumerate(values):
            named = any(f["id"] in in_conflict for f in value.factoids)
            if single:
                status = "undecided" if not settled else "consensus" if i == 0 else "disputed"
            else:
                status = "disputed" if named else "consensus"
            clusters.append({**value.summary(), "status": status, "independent": value.independent})
        bare = [f for f in facts if not filled(f)]
        if bare:
            clusters.append({**Value(bare).summary(), "status": "also", "independent": Value(bare).independent})
        status = "undecided" if not settled else "disputed" if any(
            c["status"] == "disputed" for c in clusters) or any(f["id"] in in_conflict for f in facts) else "consensus"
        top = clusters[0] if settled and values else None
        out.append({"property": prop, "single_valued": single, "status": status,
                    "value": top["value"] if top else None, "support": top["support"] if top else 0,
                    "disputed": status != "consensus", "verdict": verdict(prop, values, single),
                    "clusters": clusters})
    return out
