"""Pure helpers for reads: the calendar bounds of an EDTF value, as `factoid.edtf` reads it.

No SQL and no I/O here, so the API, the pages and the date filters in `queries` share one
meaning of "the range a date may mean". (The best-supported value is the judge's: views.py.)"""
from __future__ import annotations

from .. import edtf

YMD = tuple[int, int, int]


def bounds(value: str | None) -> tuple[YMD, YMD] | None:
    """The earliest and latest day an EDTF value may mean: a year spans the year, 1920/1924
    spans both years, 189X the decade; an open end ("1920/..") takes the other end's bounds,
    so a drawing stays finite. None when it is not a date we can place."""
    s = edtf.span(value, open_ends=False)
    return (edtf.from_day(s.lo), edtf.from_day(s.hi)) if s else None


def approximate(value: str | None) -> bool:
    return bool(value) and any(c in value for c in "~?%")


def fact_bounds(fact: dict) -> tuple[YMD, YMD] | None:
    """The time a factoid covers: its date, else from its start to its end."""
    if fact.get("date"):
        return bounds(fact["date"])
    start, end = bounds(fact.get("start")), bounds(fact.get("end"))
    if start and end:
        return start[0], end[1]
    return start or end
