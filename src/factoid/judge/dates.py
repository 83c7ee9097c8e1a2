"""Dates as source criticism needs them: whether two written dates can be one date, and
whether one is surely before another. The span of days a value may mean is `factoid.edtf`'s.

A less precise date contains the precise one (1924 contains 1924-03-05). One date written in
Old Style and in New Style is one date: the Julian calendar ran 10 days behind the Gregorian
from 1582, 11 from 1700, 12 from 1800 and 13 from 1900, so two full dates that far apart are
one day, whether or not the source marked its Julian reading."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from .. import edtf

APPROXIMATE_YEARS = 1  # "about 1892" may be 1891-1893


@lru_cache(maxsize=50_000)
def _span(value: str | None) -> edtf.Span | None:
    return edtf.span(value, widen=APPROXIMATE_YEARS)


def bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day `value` may mean; an approximate value (1892~) widens by a year.
    None for what is not a date we can place (or lies outside years 1-9999)."""
    s = _span(value)
    if s is None or s.lo < 1 or s.hi > edtf.OPEN_HI:
        return None
    return date.fromordinal(s.lo), date.fromordinal(s.hi)


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


def _year(day: int) -> int:
    return edtf.from_day(day)[0]


def agree(a: str, b: str) -> bool:
    """Can two written dates be one date? Overlapping spans (containment); or a day that,
    read as Old Style, falls in the other (a source may give the Julian day as a plain date)."""
    x, y = _span(a), _span(b)
    if x is None or y is None:
        return True  # what we cannot place, we cannot contradict
    if x.lo <= y.hi and y.lo <= x.hi:
        return True
    gap = calendar_gap(_year(min(x.lo, y.lo)))
    if not gap:
        return False
    return any(p.days == 1 and p.lo + gap <= q.hi and q.lo <= p.hi + gap for p, q in ((x, y), (y, x)))


def facts_agree(f: dict, g: dict, field: str = "date") -> bool:
    return any(agree(a, b) for a in readings(f, field) for b in readings(g, field))


def before(a: str, b: str) -> bool:
    """Is `a` surely earlier than `b`: every day of a before every day of b, even if one of
    them was written in Old Style?"""
    x, y = _span(a), _span(b)
    if x is None or y is None:
        return False
    return y.lo - x.hi > calendar_gap(_year(min(x.lo, y.lo)))


def years_between(a: str, b: str) -> float | None:
    """Years from the middle of a to the middle of b."""
    x, y = _span(a), _span(b)
    if x is None or y is None:
        return None
    return ((y.lo + y.hi) - (x.lo + x.hi)) / 2 / 365.25


def precision(value: str) -> int:
    """3 for a day, 2 a month, 1 a year, 0 a range or what cannot be placed (`edtf.precision`)."""
    return edtf.precision(value)
