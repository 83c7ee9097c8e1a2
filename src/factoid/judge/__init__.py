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
from .rules import chronology_conflicts, infobox_conflicts, value_conflicts
from .values import SINGLE_VALUED, Value, filled, group

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
        for kind, props, facts, explanation in found:
            ids = tuple(dict.fromkeys(f["id"] for f in facts))
            cid = "c" + hashlib.sha1(f"{person}|{kind}|{'|'.join(sorted(ids))}".encode()).hexdigest()[:12]
            conflicts.setdefault(cid, Conflict(person, tuple(props), kind, ids, explanation, cid))
    return list(conflicts.values())


def consensus(factoids: list[dict], in_conflict: set[str] = frozenset(), order=()) -> list[dict]:
    """For one person's factoids, per property (in `order`, then by name): the values that
    agree grouped as in judge() (see values.group), best-supported first, each with a status:
    "consensus" for the first; for a property a person has once (birth, death, ...) every
    other value is "disputed"; for others (offices, arrests) "also", unless a stored conflict
    (`in_conflict`: factoid ids) names it. Factoids with no value at all (an arrest, no date
    or place) come last, as "also": they neither support nor dispute a value."""
    by_prop: dict[str, list[dict]] = defaultdict(list)
    for f in factoids:
        by_prop[f["property"]].append(f)
    rank = {p: i for i, p in enumerate(order)}
    out = []
    for prop in sorted(by_prop, key=lambda p: (rank.get(p, len(rank)), p)):
        facts = by_prop[prop]
        values = group(facts)
        bare = [f for f in facts if not filled(f)]
        if bare:
            values.append(Value(bare))
        single = prop in SINGLE_VALUED
        clusters = []
        for i, value in enumerate(values):
            named = any(f["id"] in in_conflict for f in value.factoids)
            status = "consensus" if i == 0 else "disputed" if (single and value.factoids is not bare) or named \
                else "also"
            clusters.append({**value.summary(), "status": status})
        disputed = any(c["status"] == "disputed" for c in clusters) or any(f["id"] in in_conflict for f in facts)
        out.append({"property": prop, "single_valued": single, "value": clusters[0]["value"],
                    "support": clusters[0]["support"], "disputed": disputed, "clusters": clusters})
    return out
