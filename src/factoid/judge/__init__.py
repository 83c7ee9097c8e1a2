"""Source criticism: per person and property, the consensus value and the disputed ones; and
the conflicts a careful reader notices, each with a kind and one explanatory sentence.

    judge(factoids) -> [Conflict]        (every person)
    consensus(factoids) -> {property: {"value": {...}, "disputed": [...], "values": [...]}}

Factoids are export-shaped dicts with `person` set to the resolved person id. Not conflicts:
one date in Old Style and New Style, a less precise date that contains a precise one, offices
held at different times (see values.py and dates.py)."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from ..model import Conflict
from .rules import chronology_conflicts, infobox_conflicts, value_conflicts
from .values import SINGLE_VALUED, Value, group

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


def consensus(factoids: list[dict]) -> dict[str, dict]:
    """For one person's factoids: per property, the best-supported value with its support
    (confidence from independent sources, the sources, the factoids) and, for a property a
    person has once (birth, death, ...), the disputed alternatives. A property a person may
    have many times (offices, arrests) lists its values, none disputed by another."""
    by_prop: dict[str, list[dict]] = defaultdict(list)
    for f in factoids:
        by_prop[f["property"]].append(f)
    out = {}
    for prop, facts in sorted(by_prop.items()):
        groups: list[Value] = group(facts)
        if not groups:
            continue
        if prop in SINGLE_VALUED:
            out[prop] = {"value": groups[0].as_dict(), "disputed": [g.as_dict() for g in groups[1:]],
                         "values": [groups[0].as_dict()]}
        else:
            out[prop] = {"value": groups[0].as_dict(), "disputed": [], "values": [g.as_dict() for g in groups]}
    return out
