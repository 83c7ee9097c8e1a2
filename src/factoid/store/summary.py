"""Pure helpers for reads: the calendar bounds of an EDTF value, and the consensus per property.

No SQL and no I/O here, so the API, the pages and the date filters in `queries` share one
meaning of "the range a date may mean" and of "the best-supported value"."""
from __future__ import annotations

import re

# A year may be written with X for unknown digits (189X, 18XX); a season is month 21-24.
_POINT = re.compile(r"(-?)(\d{2}[\dX]{2})(?:-(\d\d))?(?:-(\d\d))?")
# spring, summer, autumn, winter: first and last month (winter runs into the next year)
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # a day-key only needs an upper bound

# a person has one of each: several values are a dispute, not several facts
SINGLE_VALUED = frozenset({"birth", "death", "burial", "execution"})

YMD = tuple[int, int, int]


def _point_bounds(text: str) -> tuple[YMD, YMD] | None:
    m = _POINT.fullmatch(text.strip().rstrip("~?%"))
    if not m:
        return None
    sign = -1 if m[1] else 1
    lo_y, hi_y = sign * int(m[2].replace("X", "0")), sign * int(m[2].replace("X", "9"))
    if sign < 0:
        lo_y, hi_y = hi_y, lo_y
    month, day = int(m[3] or 0), int(m[4] or 0)
    if month in _SEASONS:
        first, last = _SEASONS[month]
        end_y, end_m = (hi_y + 1, last - 12) if last > 12 else (hi_y, last)
        return (lo_y, first, 1), (end_y, end_m, _DAYS[end_m - 1])
    if not 0 <= month <= 12 or (day and not month):
        return None
    if day:
        return (lo_y, month, day), (hi_y, month, day)
    if month:
        return (lo_y, month, 1), (hi_y, month, _DAYS[month - 1])
    return (lo_y, 1, 1), (hi_y, 12, 31)


def bounds(edtf: str | None) -> tuple[YMD, YMD] | None:
    """The earliest and latest day an EDTF value may mean: a year spans the year, 1920/1924
    spans both years, 189X the decade. None when it is not a date we can place."""
    if not edtf:
        return None
    if "/" in edtf:
        first, _, last = edtf.partition("/")
        lo, hi = _point_bounds(first), _point_bounds(last)
        lo, hi = lo or hi, hi or lo  # an open end ("1920/..") collapses to the other
        return (lo[0], hi[1]) if lo and hi else None
    return _point_bounds(edtf)


def day_key(ymd: YMD) -> int:
    """An integer that orders days (year 1917 month 3 day 8 -> 19170308)."""
    y, m, d = ymd
    return y * 10000 + m * 100 + d  # also orders negative (astronomical) years


def approximate(edtf: str | None) -> bool:
    return bool(edtf) and any(c in edtf for c in "~?%")


def fact_bounds(fact: dict) -> tuple[YMD, YMD] | None:
    """The time a factoid covers: its date, else from its start to its end."""
    if fact.get("date"):
        return bounds(fact["date"])
    start, end = bounds(fact.get("start")), bounds(fact.get("end"))
    if start and end:
        return start[0], end[1]
    return start or end


# -- consensus ---------------------------------------------------------------------------------

def _readings(fact: dict) -> set[str]:
    return {v.rstrip("~?%") for v in (fact.get("date"), fact.get("date_julian")) if v}


def _compatible(a: str | None, b: str | None, same) -> bool:
    return not a or not b or same(a, b)


def _nested(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _dates_agree(a: dict, b: dict) -> bool:
    """One date contains the other (1924 contains 1924-03-05), in either calendar's reading."""
    ra, rb = _readings(a), _readings(b)
    return not ra or not rb or any(_nested(x, y) for x in ra for y in rb)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def agree(a: dict, b: dict) -> bool:
    """Two factoids of one property say the same thing: no field that both fill disagrees."""
    return (_dates_agree(a, b)
            and _compatible(a.get("start"), b.get("start"), _nested)
            and _compatible(a.get("end"), b.get("end"), _nested)
            and _compatible(a.get("place"), b.get("place"), lambda x, y: _fold(x) in _fold(y) or _fold(y) in _fold(x))
            and _compatible(a.get("object"), b.get("object"), lambda x, y: _fold(x) == _fold(y))
            and _compatible(a.get("object_person"), b.get("object_person"), str.__eq__))


def _precision(fact: dict) -> tuple:
    filled = sum(1 for k in ("date", "start", "end", "place", "object") if fact.get(k))
    return len(fact.get("date") or fact.get("start") or ""), filled, fact["confidence"]


_VALUE_FIELDS = ("date", "date_text", "calendar", "date_julian", "start", "end", "place", "object", "object_person")


def _cluster(facts: list[dict]) -> dict:
    rep = max(facts, key=_precision)  # the most precise statement of what the group says
    sources = sorted({f["source"] for f in facts})
    return {"value": {k: rep.get(k) for k in _VALUE_FIELDS},
            "support": len({f["document"] for f in facts}), "sources": sources,
            "confidence": round(max(f["confidence"] for f in facts), 3),
            "factoids": [f["id"] for f in sorted(facts, key=lambda f: -f["confidence"])]}


def consensus(facts: list[dict], in_conflict: set[str] = frozenset(), order=()) -> list[dict]:
    """Per property: the factoids grouped by what they say, best-supported group first (most
    documents, then summed confidence). For a property a person has once (birth, death),
    every other group is a dispute; for others (party, position) they are further values,
    disputed only when a stored conflict names them."""
    by_prop: dict[str, list[dict]] = {}
    for fact in facts:
        by_prop.setdefault(fact["property"], []).append(fact)
    rank = {p: i for i, p in enumerate(order)}
    out = []
    for prop in sorted(by_prop, key=lambda p: (rank.get(p, len(rank)), p)):
        groups: list[list[dict]] = []
        for fact in sorted(by_prop[prop], key=lambda f: (-f["confidence"], f["id"])):
            home = next((g for g in groups if all(agree(fact, other) for other in g)), None)
            if home is None:
                groups.append([fact])
            else:
                home.append(fact)
        groups.sort(key=lambda g: (-len({f["document"] for f in g}), -sum(f["confidence"] for f in g),
                                   -max(_precision(f)[0] for f in g)))
        clusters = [_cluster(g) for g in groups]
        single = prop in SINGLE_VALUED
        for i, cluster in enumerate(clusters):
            conflicted = any(fid in in_conflict for fid in cluster["factoids"])
            cluster["status"] = ("consensus" if i == 0 else "disputed" if single or conflicted else "also")
        disputed = (single and len(clusters) > 1) or any(f["id"] in in_conflict for f in by_prop[prop])
        out.append({"property": prop, "single_valued": single, "value": clusters[0]["value"],
                    "support": clusters[0]["support"], "disputed": disputed, "clusters": clusters})
    return out
