"""Dates as source criticism needs them: the range of days an EDTF value may mean, whether
two written dates can be one date, and whether one is surely before another.

A less precise date contains the precise one (1924 contains 1924-03-05). One date written in
Old Style and in New Style is one date: the Julian calendar ran 10 days behind the Gregorian
from 1582, 11 from 1700, 12 from 1800 and 13 from 1900, so two full dates that far apart are
one day, whether or not the source marked its Julian reading."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

_POINT = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}  # spring .. winter (into the next year)
_LAST = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=50_000)
def bounds(edtf: str | None) -> tuple[date, date] | None:
    """The first and last day `edtf` may mean; an approximate value (1892~) widens by a year.
    None for what is not a date we can place (BCE, unknown digits)."""
    if not edtf:
        return None
    value = edtf.strip()
    fuzzy = value.endswith(("~", "%"))
    value = value.rstrip("~?%")
    if "/" in value:
        first, _, last = value.partition("/")
        lo, hi = bounds(first), bounds(last)
        lo, hi = lo or hi, hi or lo
        return (lo[0], hi[1]) if lo and hi else None
    m = _POINT.fullmatch(value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if month in _SEASONS:
            first, last = _SEASONS[month]
            end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
            lo, hi = date(year, first, 1), date(end_year, end_month, _LAST[end_month - 1] - (end_month == 2))
        elif day:
            lo = hi = date(year, month, day)
        elif month:
            lo, hi = date(year, month, 1), _month_end(year, month)
        else:
            lo, hi = date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    if fuzzy:
        lo = lo.replace(year=max(1, lo.year - 1), day=min(lo.day, 28))
        hi = hi.replace(year=hi.year + 1, day=min(hi.day, 28))
    return lo, hi


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


LAST_OLD_STYLE = 1923  # the last country to leave the Julian calendar (Greece, 1923)


def calendar_gap(year: int) -> int:
    """Days the Julian calendar ran behind the Gregorian in that year; 0 once no one used it."""
    if year > LAST_OLD_STYLE:
        return 0
    return 10 if year < 1700 else 11 if year < 1800 else 12 if year < 1900 else 13


def readings(fact: dict, field: str = "date") -> list[str]:
    """The values a factoid's date field was written as: the Gregorian, and the Julian one."""
    values = [fact.get(field)]
    if field == "date":
        values.append(fact.get("date_julian"))
    return [v for v in values if v]


def _overlap(x: tuple[date, date], y: tuple[date, date], shift: int = 0) -> bool:
    return x[0] + timedelta(days=shift) <= y[1] and y[0] <= x[1] + timedelta(days=shift)


def agree(a: str, b: str) -> bool:
    """Can two written dates be one date? Overlapping ranges (containment); or a day that,
    read as Old Style, falls in the other (a source may give the Julian day as a plain date)."""
    x, y = bounds(a), bounds(b)
    if x is None or y is None:
        return True  # what we cannot place, we cannot contradict
    if _overlap(x, y):
        return True
    gap = calendar_gap(min(x[0].year, y[0].year))
    if not gap:
        return False
    return (x[0] == x[1] and _overlap(x, y, gap)) or (y[0] == y[1] and _overlap(y, x, gap))


def facts_agree(f: dict, g: dict, field: str = "date") -> bool:
    return any(agree(a, b) for a in readings(f, field) for b in readings(g, field))


def before(a: str, b: str) -> bool:
    """Is `a` surely earlier than `b`: every day of a before every day of b, even if one of
    them was written in Old Style?"""
    x, y = bounds(a), bounds(b)
    if x is None or y is None:
        return False
    return (y[0] - x[1]).days > calendar_gap(min(x[0].year, y[0].year))


def years_between(a: str, b: str) -> float | None:
    """Years from the middle of a to the middle of b."""
    x, y = bounds(a), bounds(b)
    if x is None or y is None:
        return None
    mid = lambda r: r[0] + (r[1] - r[0]) / 2  # noqa: E731
    return (mid(y) - mid(x)).days / 365.25


def precision(edtf: str) -> int:
    """3 for a day, 2 a month, 1 a year, 0 a range or what cannot be placed."""
    b = bounds(edtf)
    if b is None or "/" in edtf:
        return 0
    return 3 if b[0] == b[1] else 2 if (b[1] - b[0]).days < 32 else 1
