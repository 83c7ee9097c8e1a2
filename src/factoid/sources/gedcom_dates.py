"""GEDCOM's date values (5.5.1 and 7.0) as our Date: EDTF, the calendar written, and for a
Julian date both readings. "3 APR 1884", "ABT 1850", "BEF 1900", "BET 1850 AND 1860",
"FROM 1900 TO 1910", "@#DJULIAN@ 3 APR 1884" (5.5.1) and "JULIAN 3 APR 1884" (7.0).
A calendar other than Gregorian or Julian, or text that is no date, gives None."""
from __future__ import annotations

import re

from convertdate import julian as julian_calendar

from factoid.model import Date

MONTHS = {m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                                      "OCT", "NOV", "DEC"), 1)}
_CALENDAR = re.compile(r"^(?:@#D(GREGORIAN|JULIAN)@|(GREGORIAN|JULIAN))\s+")
_POINT = re.compile(r"^(?:(\d{1,2})\s+)?(?:([A-Z]{3})\s+)?(\d{3,4})(?:/(\d{2}))?$")


def gedcom_date(value: str) -> Date | None:
    text = " ".join(value.upper().split())
    text = re.sub(r"\s*\(.*\)$", "", text)  # an INT date's phrase
    if text.startswith("INT "):
        text = text[4:]
    for prefix, fmt in (("ABT ", "{}~"), ("CAL ", "{}~"), ("EST ", "{}~"), ("BEF ", "/{}"), ("AFT ", "{}/"),
                        ("TO ", "/{}"), ("FROM ", "{}/")):
        if text.startswith(prefix) and not (prefix == "FROM " and " TO " in text):
            return _qualified(text[len(prefix):], fmt, value)
    m = re.match(r"^(?:BET|FROM)\s+(.+?)\s+(?:AND|TO)\s+(.+)$", text)
    if m:
        a, b = _point(m.group(1)), _point(m.group(2))
        if not (a and b):
            return None
        julian = f"{a[1]}/{b[1]}" if a[1] and b[1] else None
        return Date(f"{a[0]}/{b[0]}", value.strip(), "julian" if julian else "gregorian", julian)
    one = _point(text)
    if one is None:
        return None
    return Date(one[0], value.strip(), "julian" if one[1] else "gregorian", one[1])


def _qualified(text: str, fmt: str, value: str) -> Date | None:
    one = _point(text)
    if one is None:
        return None
    return Date(fmt.format(one[0]), value.strip(), "julian" if one[1] else "gregorian",
                fmt.format(one[1]) if one[1] else None)


def _point(text: str) -> tuple[str, str | None] | None:
    """(Gregorian EDTF, Julian EDTF or None) of one date, with its calendar escape."""
    calendar = "GREGORIAN"
    m = _CALENDAR.match(text)
    if m:
        calendar = m.group(1) or m.group(2)
        text = text[m.end():]
    elif text.startswith("@#D") or re.match(r"^(?:HEBREW|FRENCH_R|FRENCH R)\b", text):
        return None
    p = _POINT.match(text.strip())
    if not p:
        return None
    day, month, year, dual = p.groups()
    if month and month not in MONTHS or day and not month:
        return None
    y = int(year)
    if dual:  # "1750/51" is 1751 by today's reckoning, "1699/00" is 1700
        y = int(year[:-2] + dual) + (100 if int(dual) < int(year[-2:]) else 0)
    m_, d_ = MONTHS.get(month or ""), int(day) if day else None
    if d_ is not None and not 1 <= d_ <= 31:
        return None
    written = f"{y:04d}" + (f"-{m_:02d}" if m_ else "") + (f"-{d_:02d}" if d_ else "")
    if calendar != "JULIAN":
        return written, None
    if d_ is None:  # a Julian month or year: the Gregorian one is the same but for a few days
        return written, written
    try:
        gy, gm, gd = julian_calendar.to_gregorian(y, m_, d_)
    except ValueError:
        return None
    return f"{gy:04d}-{gm:02d}-{gd:02d}", written
