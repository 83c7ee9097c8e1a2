"""Relative time: "a year later", "two weeks later", "the following March", "the same year",
resolved against the last date the narrative anchored. The result is exact only when the
arithmetic is safe at the anchor's precision; otherwise it is marked approximate ("~")."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import Date, Mention

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_LATER = re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                    r"(?P<unit>year|month|week|day)s?\s+(?:later|afterwards|after\s+that)\b", re.I)
_FOLLOWING = re.compile(rf"\b(?:the\s+)?(?:following|next)\s+(?P<what>year|month|day|{'|'.join(_MONTHS)})\b", re.I)
_SAME = re.compile(r"\b(?:(?:in\s+)?the\s+same\s+year|(?:later\s+)?that\s+year)\b", re.I)
# "he was shot the same day", "in the same month": the anchor's own day or month
_SAME_DAY = re.compile(r"\b(?:(?:on\s+)?(?:the|that)\s+(?:very\s+)?same\s+(?P<a>day|month)|that\s+(?:very\s+)?(?P<b>day))\b",
                       re.I)


def relative_dates(text: str, start: int, end: int, anchor: Mention | None) -> list[Mention]:
    """Relative time expressions in text[start:end], resolved against `anchor`."""
    if anchor is None or anchor.date is None or anchor.date.year is None:
        return []
    base = anchor.date.edtf.rstrip("~?%").split("/")[0]
    out = []
    for m in _LATER.finditer(text, start, end):
        n = int(m.group("n")) if m.group("n").isdigit() else _NUMBERS.get(m.group("n").lower())
        value = _shift(base, n, m.group("unit").lower()) if n else None
        if value:
            out.append(Mention("date", m.start(), m.end(), m.group(), Date(value, m.group())))
    for m in _FOLLOWING.finditer(text, start, end):
        value = _following(base, m.group("what").capitalize())
        if value:
            out.append(Mention("date", m.start(), m.end(), m.group(), Date(value, m.group())))
    for m in _SAME.finditer(text, start, end):
        out.append(Mention("date", m.start(), m.end(), m.group(), Date(base[:4], m.group())))
    for m in _SAME_DAY.finditer(text, start, end):
        unit = (m.group("a") or m.group("b")).lower()
        value = base if unit == "day" else base[:7]  # (at the anchor's own precision, if coarser)
        out.append(Mention("date", m.start(), m.end(), m.group(), Date(value, m.group())))
    return sorted(out, key=lambda d: d.start)


def _parts(base: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in base.split("-") if p.isdigit()]
    year = pieces[0]
    month = pieces[1] if len(pieces) > 1 and pieces[1] <= 12 else None  # 21-24 are seasons
    day = pieces[2] if len(pieces) > 2 else None
    return year, month, day


def _shift(base: str, n: int, unit: str) -> str | None:
    year, month, day = _parts(base)
    if unit == "year":
        return f"{year + n}"
    if unit == "month":
        if month is None:
            return f"{year}~" if n < 12 else None
        total = year * 12 + month - 1 + n
        return f"{total // 12}-{total % 12 + 1:02d}"
    days = n * (7 if unit == "week" else 1)
    if day is not None:
        return (date(year, month, day) + timedelta(days=days)).isoformat()
    if month is not None:
        return f"{year}-{month:02d}~"  # a few weeks after a month: near it, not exact
    return f"{year}~"


def _following(base: str, what: str) -> str | None:
    year, month, _ = _parts(base)
    if what == "Year":
        return f"{year + 1}"
    if what == "Month":
        return _shift(base, 1, "month")
    if what == "Day":  # "shot the following day": exact only after a day
        return _shift(base, 1, "day")
    target = _MONTHS.index(what) + 1
    if month is None:
        return None  # "the following March" after a bare year: which year is unsafe
    return f"{year + (1 if target <= month else 0)}-{target:02d}"


_YEARLESS = re.compile(rf"\b(?:on|by)\s+(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{'|'.join(_MONTHS)})|(?P<m2>{'|'.join(_MONTHS)})\s+(?P<d2>\d{{1,2}}))"
                       r"\b(?!,?\s*\d{3,4})")


def yearless_date(text: str, start: int, end: int, anchor: Mention | None) -> Mention | None:
    """"sentenced to death on 25 November" after "in July 1937": the day and month written, the
    year the narrative's, never later than a year after the anchor."""
    m = _YEARLESS.search(text, start, end)
    if m is None or anchor is None or anchor.date is None or anchor.date.year is None:
        return None
    month = _MONTHS.index(m.group("m1") or m.group("m2")) + 1
    day = int(m.group("d1") or m.group("d2"))
    year, anchor_month, _ = _parts(anchor.date.edtf.rstrip("~?%").split("/")[0])
    if anchor_month and month < anchor_month:
        year += 1  # the story moves forward: "in July ... on 25 March" is the next March
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    return Mention("date", m.start(), m.end(), m.group(), Date(value, m.group()))
