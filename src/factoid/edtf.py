"""One meaning of an EDTF value for the whole product: the span of days it may mean.

The grammar (nlp/dates.py), the judge (judge/dates.py), the store's summaries and the date
filters of the web pages and the API all ask this module, so "1924" contains "1924-03-05"
everywhere. Days are ordinal day numbers of the proleptic Gregorian calendar (day 1 is
0001-01-01, as `datetime.date.toordinal`), extended to year 0 and before, so they sort and
subtract as plain integers. What is read:

- a day, month or year: `1924-03-05`, `1924-03`, `1924`; a negative (astronomical) year `-0044`;
- unspecified digits: `192X` (the decade), `18XX`, `1924-XX`, `1924-03-1X`;
- a season (21-24, winter running into the next year) or a quarter (33-36): `1918-21`;
- qualifiers `~` (approximate), `?` (uncertain), `%` (both), anywhere in a value;
- an interval `1920/1924`, with open (`..`) or unknown (empty) ends: `1920/..`, `/1924`.

Sets (`[1667,1668]`) and exponent years are not read: `span` gives None, as for any text
that is no date.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Span", "span", "lower", "upper", "overlaps", "before", "precision", "day_number",
           "from_day", "iso", "OPEN_LO", "OPEN_HI"]

_POINT = re.compile(r"(-?)([\dX]{4})(?:-([\dX]{2})(?:-([\dX]{2}))?)?")
# first and last month of a season or a quarter (winter ends in the next year's February)
_PARTS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14),
          33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12)}


def day_number(y: int, m: int, d: int) -> int:
    """The ordinal of a proleptic Gregorian day; 0001-01-01 is 1, and years <= 0 continue it."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 305


def from_day(n: int) -> tuple[int, int, int]:
    """(year, month, day) of an ordinal day number; the inverse of `day_number`."""
    z = n + 305
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, doy - (153 * mp + 2) // 5 + 1


def iso(n: int) -> str:
    """An ordinal day as ISO 8601 text, `1924-03-05` (`-0044-03-15` before year 1)."""
    y, m, d = from_day(n)
    return "%s%04d-%02d-%02d" % ("-" if y < 0 else "", abs(y), m, d)


OPEN_LO, OPEN_HI = day_number(-9999, 1, 1), day_number(9999, 12, 31)  # an open end's bound


def _month_days(y: int, m: int) -> int:
    return day_number(y + m // 12, m % 12 + 1, 1) - day_number(y, m, 1)


class Span(NamedTuple):
    """The first and last day a value may mean, as ordinal day numbers (inclusive)."""
    lo: int
    hi: int

    @property
    def days(self) -> int:
        return self.hi - self.lo + 1


def _digits(text: str, least: int, most: int) -> tuple[int, int] | None:
    """The smallest and largest number a digit string with X for unknown digits may be."""
    lo, hi = max(int(text.replace("X", "0")), least), min(int(text.replace("X", "9")), most)
    return (lo, hi) if lo <= hi else None


def _point(text: str) -> Span | None:
    m = _POINT.fullmatch(text)
    if not m:
        return None
    years = _digits(m[2], 0, 9999)
    if m[1]:  # a negative year: its unknown digits widen it towards the past
        years = (-years[1], -years[0])
    if m[3] is None:
        return Span(day_number(years[0], 1, 1), day_number(years[1], 12, 31))
    if m[3] in ("21", "22", "23", "24", "33", "34", "35", "36") and m[4] is None:
        first, last = _PARTS[int(m[3])]
        y1, last = (years[1] + 1, last - 12) if last > 12 else (years[1], last)
        return Span(day_number(years[0], first, 1), day_number(y1, last, _month_days(y1, last)))
    months = _digits(m[3], 1, 12)
    if months is None:
        return None
    if m[4] is None:
        return Span(day_number(years[0], months[0], 1),
                    day_number(years[1], months[1], _month_days(years[1], months[1])))
    if "X" in m[3] and "X" not in m[4]:
        return None  # "1924-XX-05": a day of an unknown month is not one span
    lo_days = _digits(m[4], 1, _month_days(years[0], months[0]))
    hi_days = _digits(m[4], 1, _month_days(years[1], months[1]))
    if lo_days is None or hi_days is None:
        return None  # no such day: 1924-02-30
    return Span(day_number(years[0], months[0], lo_days[0]),
                day_number(years[1], months[1], hi_days[1]))


@lru_cache(maxsize=1 << 16)  # a pure function of short strings, asked again and again by the judge
def span(value: str | None, widen: int = 0, open_ends: bool = True) -> Span | None:
    """The days `value` may mean, or None when it is no date this module can place.

    `widen` years are added on each side of an approximate value (`~` or `%`), for readers
    that treat "about 1892" as 1891-1893. With `open_ends` False an open end takes the other
    end's bounds ("1920/.." spans 1920) instead of running to the end of time: what a drawing
    needs, where the unbounded meaning is what a filter or a comparison needs."""
    if not value:
        return None
    text = value.strip()
    fuzzy = "~" in text or "%" in text
    text = re.sub(r"[~?%]", "", text)
    if "/" in text:
        first, _, last = text.partition("/")
        a = None if first in ("", "..") else _point(first)
        b = None if last in ("", "..") else _point(last)
        if (a is None and first not in ("", "..")) or (b is None and last not in ("", "..")):
            return None
        if a is None and b is None:
            return None
        if not open_ends:
            a, b = a or b, b or a
        result = Span(a.lo if a else OPEN_LO, b.hi if b else OPEN_HI)
        if result.lo > result.hi:
            return None  # backwards
    else:
        result = _point(text)
        if result is None:
            return None
    if fuzzy and widen:
        lo = result.lo if result.lo == OPEN_LO else result.lo - round(365.25 * widen)
        hi = result.hi if result.hi == OPEN_HI else result.hi + round(365.25 * widen)
        result = Span(lo, hi)
    return result


def lower(value: str | None) -> str | None:
    """The first day `value` may mean, as ISO text (sortable for years 0-9999); '..' when open."""
    s = span(value)
    return None if s is None else ".." if s.lo == OPEN_LO else iso(s.lo)


def upper(value: str | None) -> str | None:
    s = span(value)
    return None if s is None else ".." if s.hi == OPEN_HI else iso(s.hi)


def overlaps(a: str | None, b: str | None, widen: int = 0, shift: int = 0) -> bool | None:
    """Can `a` and `b` be the same time, each at its own precision? (1924 and 1924-03-05 can,
    1924-03 and 1924-05 cannot.) `shift` days move `a` later first (an Old Style reading).
    None when either cannot be placed: a caller decides what an unknown means."""
    x, y = span(a, widen), span(b, widen)
    if x is None or y is None:
        return None
    return x.lo + shift <= y.hi and y.lo <= x.hi + shift


def before(a: str | None, b: str | None, margin: int = 0) -> bool:
    """Is every day `a` may mean more than `margin` days before every day `b` may mean?"""
    x, y = span(a), span(b)
    return x is not None and y is not None and y.lo - x.hi > margin


def precision(value: str | None) -> int:
    """3 for a day, 2 a month, 1 a year (or a season, a decade), 0 an interval or no date."""
    s = span(value)
    if s is None or "/" in (value or ""):
        return 0
    return 3 if s.days == 1 else 2 if s.days <= 31 else 1
