"""Pure helpers for reads: the calendar bounds of an EDTF value.

No SQL and no I/O here, so the API, the pages and the date filters in `queries` share one
meaning of "the range a date may mean". (The best-supported value is the judge's: views.py.)"""
from __future__ import annotations

import re

# A year may be written with X for unknown digits (189X, 18XX); a season is month 21-24.
_POINT = re.compile(r"(-?)(\d{2}[\dX]{2})(?:-(\d\d))?(?:-(\d\d))?")
# spring, summer, autumn, winter: first and last month (winter runs into the next year)
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # a day-key only needs an upper bound

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
