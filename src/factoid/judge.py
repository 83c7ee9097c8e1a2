"""Source criticism, first cut: for each person, dates of one life event that disagree.

Two dates of a birth or a death agree when one contains the other (1924 contains 1924-03-05)
or when they are one date in two calendars (an Old Style date and its New Style reading)."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from .model import Conflict

SINGLE = ("birth", "death")  # a person has one of each


def _readings(fact: dict) -> set[str]:
    return {v.rstrip("~?") for v in (fact.get("date"), fact.get("date_julian")) if v}


def dates_agree(a: dict, b: dict) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in _readings(a) for y in _readings(b))


def places_agree(a: str, b: str) -> bool:
    x, y = f" {a.casefold()} ", f" {b.casefold()} "
    return x.strip() in y or y.strip() in x


def _most_precise(group: list[dict]) -> str:
    best = max(group, key=lambda f: len(f["date"]))
    return best["date_text"] or best["date"]


def judge(factoids: list[dict]) -> list[Conflict]:
    """factoids: export-shaped dicts with `person` set to the resolved person id."""
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for fact in factoids:
        if fact["property"] in SINGLE and fact.get("person"):
            by_key[(fact["person"], fact["property"])].append(fact)
    conflicts = []
    for (person, prop), facts in sorted(by_key.items()):
        groups: list[list[dict]] = []
        for fact in (f for f in facts if f.get("date")):
            home = next((g for g in groups if all(dates_agree(fact, other) for other in g)), None)
            if home is None:
                groups.append([fact])
            else:
                home.append(fact)
        if len(groups) < 2:
            continue
        ids = tuple(f["id"] for g in groups for f in g)
        values = "; ".join(f"{_most_precise(g)} ({', '.join(sorted({f['source'] for f in g}))})" for g in groups)
        explanation = f"The sources disagree on the date of {prop}: {values}."
        conflicts.append(Conflict(person, (prop,), "value", ids, explanation,
                                  "c" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:12]))
    return conflicts
