"""The first of a repeated event: two sources that both tell the years around it but date a
person's first arrest (or exile) differently disagree, though arrests are many.

One source: "In 1897 he was arrested and exiled"; another, which tells 1897 (his degree) and
1898 (joining the party), has him arrested first in 1899. Each source's earliest dated event is
compared with the other's; it is a disagreement only when

- the two are a few years apart (farther, a source more likely skipped an early arrest),
- neither source has an event of that kind in the other's year (then they agree on it), and
- the source with the later first event tells another event of the person's life in the years
  just before it (from a few years before the other's first): it narrates that time and still
  places no arrest there. A source that begins later is silent,
  not in disagreement.

Mirrors of one text (one family) are one source."""
from __future__ import annotations

from collections import defaultdict

from . import dates
from .values import source_key

REPEATED = ("arrest", "exile")
# first events this many years apart or more are more likely two arrests, one of them omitted
NEAR_YEARS = 5


def _year(f: dict) -> int | None:
    value = f.get("start") or f.get("date")
    span = dates.bounds(value) if value else None
    if not span or span[0].year != span[1].year:
        return None  # a decade or a range is no year to compare
    return span[0].year


# a birth says nothing of what a source tells of the years that follow it
NOT_NARRATIVE = frozenset({"birth", "death", "burial", "alias", "nationality"})


def _tells(facts: list[dict], since: int, until: int) -> bool:
    """Does a source tell a dated event of the person's life from a few years before `since`
    to before `until`?"""
    return any(since - NEAR_YEARS <= y < until for f in facts
               if f.get("property") not in NOT_NARRATIVE and (y := _year(f)) is not None)


def first_conflicts(by_prop: dict[str, list[dict]]):
    by_source: dict[str, list[dict]] = defaultdict(list)
    for facts in by_prop.values():
        for f in facts:
            by_source[source_key(f)].append(f)
    out = []
    for prop in REPEATED:
        events: dict[str, dict[int, dict]] = defaultdict(dict)
        for f in by_prop.get(prop, ()):
            if (year := _year(f)) is not None:
                events[source_key(f)].setdefault(year, f)
        keys = sorted(events)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if (found := _disagree(prop, events[a], events[b], by_source[a], by_source[b])):
                    out.append(found)
    return out


def _disagree(prop: str, a: dict[int, dict], b: dict[int, dict], told_a, told_b):
    first_a, first_b = min(a), min(b)
    if first_a == first_b or abs(first_a - first_b) >= NEAR_YEARS:
        return None
    if first_a in b or first_b in a:
        return None
    (early, early_told), (late, late_told) = sorted(((a, told_a), (b, told_b)), key=lambda x: min(x[0]))
    if not _tells(late_told, min(early), min(late)):
        return None
    f, g = early[min(early)], late[min(late)]
    return ("value", (prop,), (f, g),
            f"The sources disagree on the year of the first {prop}: {min(early)} ({_name(f)}) "
            f"against {min(late)} ({_name(g)}), which tells the years before without one.")


def _name(f: dict) -> str:
    return f.get("source") or f.get("document") or "?"
