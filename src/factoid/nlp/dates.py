"""Find English date expressions and normalise them to EDTF, with a small hand-written grammar.

The written forms of one date are in date_formats.py; here the text is scanned for them, with
what stands around a date (a qualifier, a season, an ISO copy of the same date) and ranges.
Precision follows what was written: a missing day, month or year is never filled in, and
"early/mid/late 1920s" stays the decade `192X` (EDTF has no part of a decade; a range such as
1920/1923 would read as a span of time, not as one uncertain point). Every point date contains
a four-digit year (1000-2099), so the full grammar only runs in windows around such years.
Old Style (Julian) dates keep their Julian reading in `Date.julian`; `edtf` is Gregorian. An
unmarked date is taken as written: no silent conversion.
"""
from __future__ import annotations

import re

from factoid import edtf as _edtf
from factoid.model import Date, Mention

from .date_formats import (DASH, GRAMMAR, MONTH, OCR, SIMPLE, UNITS, day, dim, dual, mnum,
                           month, ocr_digits, read, ymd)

__all__ = ["parse_date", "find_dates", "find_ranges", "find_ages"]

# Where a date can begin: a digit that starts a number, or a capital month initial that starts
# a word (a flattened infobox glues "Died11 September 1941", "1873August 17"). sre scans fast
# for a leading character class, so the grammar is only tried at these places.
_START = re.compile(r"[0-9ADFJMNOS](?<![0-9A-Za-z].)|[0-9](?<=[A-Za-z].)|[ADFJMNOS](?<=[0-9].)")
# Words before the core, matched backwards from its start: a qualifier, then a season.
_PREFIX = re.compile(
    r"(?:(?<![A-Za-z])(?:(?P<approx>[Aa]bout|[Cc]irca|[Cc]a\.?|[Cc]\.|c(?=\s?\Z)|[Aa]round|"
    r"[Aa]pprox(?:imately|\.))\s*|(?P<part>[Ee]arly|[Mm]id|[Ll]ate)(?:\s+|[%s])))?"
    r"(?:(?<![A-Za-z])(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?\s+)?"
    r"\Z" % DASH)
# "1756?" marks uncertainty only where the "?" cannot be ending a question.
_UNCERTAIN = re.compile(r"\?(?=\s*[%s)\],;:/]|\s+(?:to|and|until)\b|\Z)" % DASH)
_YEAR_HINT = re.compile(r"[12]\d{3}")
_BAD_BEFORE = re.compile(  # a bare year after these is a number, not a year
    r"(?:ISBN[%s\dX\s:]*|ISSN[%s\dX\s:]*|pp?\.\s*(?:\d+\s*[%s]\s*)?|pages?\s*|nos?\.\s*|"
    r"#\s*|tel\.?\s*|phone\s*|fax\s*|vol\.\s*|[$£€¥]\s*)\Z" % (DASH, DASH, DASH),
    re.IGNORECASE)
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
# "the winter of 1919-20": one winter named by both its years
_WINTER_NEXT = re.compile(r"\s*[%s/]\s*(?P<y>\d{4}|\d\d)(?![\d%s])" % (DASH, DASH))
_ISO_TEXT = re.compile(r"\d{4}-\d\d-\d\d")
_TWO_READINGS = ("dd", "dm", "dy", "um", "uy", "yu")
_LEFT, _RIGHT = 70, 50  # generous reach of a core date before and after its year


def _scan(text: str, scan: str, lo: int, hi: int, floor: int, out: list[Mention]) -> int:
    """Append the dates found in scan[lo:hi] to `out`; return where the last one ends. `scan`
    is `text` with OCR digits fixed; mentions quote `text`."""
    for c in _START.finditer(scan, lo, hi):
        p = c.start()
        if p < floor:
            continue
        m = GRAMMAR.match(scan, p, hi)
        core = read(m, scan) if m else None
        if core is None and m and m.lastgroup in _TWO_READINGS:
            m = SIMPLE.match(scan, p, hi)
            core = read(m, scan) if m else None
        if core is None:
            continue
        value, julian, end = core
        pre = _PREFIX.search(scan, max(floor, p - 24), p)
        start, approx = pre.start(), pre["approx"]
        if pre["season"]:
            if not m["bare"]:  # "summer of 15 July 1870" is no season: drop the prefix
                start, approx = p, None
            else:
                season = _SEASONS[pre["season"].lower()]
                nxt = _WINTER_NEXT.match(scan, end) if season == 24 else None
                if nxt and int(nxt["y"]) % 10 ** len(nxt["y"]) == (int(value) + 1) % 10 ** len(nxt["y"]):
                    end = nxt.end()
                value += "-%d" % season
        elif m["bare"] and not approx and _BAD_BEFORE.search(scan, max(0, p - 24), p):
            continue  # a page number, a price, a piece of an ISBN
        unc = end == m.end() and _UNCERTAIN.match(scan, end)
        if approx or unc:
            q = "%" if approx and unc else "~" if approx else "?"
            value, julian = value + q, julian and julian + q
            end += 1 if unc else 0
        floor = end
        out.append(Mention("date", start, end, text[start:end],
                           Date(value, text[start:end], "julian" if julian else "gregorian",
                                julian)))
    return floor


def _same_event(iso: Date, written: Date) -> Date | None:
    """One date written twice, as an ISO date (a Gregorian machine copy) and in words: the
    written reading, or both calendars where the words give the Julian day; else None."""
    if iso.edtf in (written.edtf, written.julian):
        return written
    w = _ISO_TEXT.fullmatch(written.edtf)
    if written.calendar != "gregorian" or not w:
        return None
    first, second = (tuple(int(x) for x in v.split("-")) for v in (written.edtf, iso.edtf))
    res = dual(first, second, "NS")
    return Date(ymd(res[0]), "", "julian", ymd(res[1])) if res else None


def _glue_iso(text: str, found: list[Mention]) -> list[Mention]:
    """Join "(1855-11-05)November 5, 1855" and "November 5, 1855 (1855-11-05)" into one."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None:
            for iso, written, glued in ((prev, m, r"\s*\)\s*"), (m, prev, r"\s*\(\s*")):
                if not _ISO_TEXT.fullmatch(iso.text) or not re.fullmatch(glued, text[prev.end:m.start]):
                    continue
                if iso is prev:
                    o = text.rfind("(", max(0, prev.start - 3), prev.start)
                    start, end = (o if o >= 0 and not text[o + 1:prev.start].strip() else -1), m.end
                else:
                    c = re.compile(r"\s*\)").match(text, m.end)
                    start, end = prev.start, c.end() if c else -1
                one = _same_event(iso.date, written.date) if min(start, end) >= 0 else None
                if one:
                    whole = text[start:end]
                    out[-1] = Mention("date", start, end, whole,
                                      Date(one.edtf, whole, one.calendar, one.julian))
                    break
            else:
                out.append(m)
            continue
        out.append(m)
    return out


def find_dates(text: str) -> list[Mention]:
    """Every point date in `text`, left to right, non-overlapping, each the longest match."""
    scan = ocr_digits(text) if OCR.search(text) else text
    out: list[Mention] = []
    windows: list[list[int]] = []
    for h in _YEAR_HINT.finditer(scan):  # merge the neighbourhoods of candidate years
        lo, hi = h.start() - _LEFT, h.end() + _RIGHT
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([max(lo, 0), hi])
    floor = 0
    for lo, hi in windows:
        floor = _scan(text, scan, max(lo, floor), min(hi, len(text)), floor, out)
    return _glue_iso(text, out) if "-" in text else out


def parse_date(text: str) -> Date | None:
    """Parse a whole string as one date expression (a point date or a range), else None."""
    s = text.strip()
    if s[:4].lower() == "the ":
        s = s[4:].lstrip()
    found = find_dates(s)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s):
        return found[0].date
    ranges = find_ranges(s, found)
    if len(ranges) == 1 and ranges[0][0].start == 0 and ranges[0][0].end == len(s):
        return ranges[0][0].date
    return None


_AGE = re.compile(r"(?<![A-Za-z])[Aa]ged?\s+(?P<n>\d{1,3})(?!\d)(?:\s+years?)?")


def find_ages(text: str) -> list[tuple[int, int, int]]:
    """Ages written beside a date, "(aged 46)", "age 52": (start, end, years) each. An age
    is no date: it never becomes one, and a reader may check it against the life dates."""
    return [(m.start(), m.end(), int(m["n"])) for m in _AGE.finditer(text)]
# ---------------------------------------------------------------------------------- ranges

_JOIN = re.compile(r"\s*[%s]{1,2}\s*|\s+(?:to|until|till|through)\s+|\s+(?P<and>and)\s+" % DASH)
_OPENER = re.compile(r"(?<![A-Za-z])(?:(?P<from>[Ff]rom)|(?P<between>[Bb]etween))\s+\Z")
# "1920-24": the second year is two digits and inherits the century.
_COMPACT = re.compile(r"\s*[%s]{1,2}\s*(?P<yy>\d\d)(?![%s\d/]|[.,]\d|\s*%s|\s*%s)" % (
    DASH, DASH, MONTH, UNITS))
# A first element without a year, ending right where the second (dated) element starts.
_PARTIAL = re.compile(
    r"(?:(?<![A-Za-z])(?:(?P<from>[Ff]rom)|(?P<between>[Bb]etween))\s+)?"
    r"(?P<first>{d1}(?:\s+(?:of\s+)?{m1})?|{m2}(?:\s*{d2})?),?"
    r"(?:\s*[{dash}]\s*|\s+(?:to|until|till|through)\s+|\s+(?P<and>and)\s+)\Z".format(
        d1=day("d1"), m1=month("m1"), m2=month("m2"), d2=day("d2"), dash=DASH))
# "March 5-16, 1921": a day range written before a bare year.
_US_DAYS = re.compile(r"(?P<first>{m}\s*{d1})\s*[{dash}]\s*(?P<second>{d2},?\s+)\Z".format(
    m=month("m"), d1=day("d1"), d2=day("d2"), dash=DASH))
_PLAIN = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")
_YEAR_ONLY = re.compile(r"\d{4}[~?%]?")
# "(18801936)", "(1880 1936)": life years whose dash was lost, taken only where plausible
_PAIR = re.compile(r"\(\s*(?P<a>1\d{3}|20\d\d)\s?(?P<b>1\d{3}|20\d\d)\s*(?=[),;])")
_LIFE_YEARS = 110  # the most years a lost-dash pair may span


def _ordered(a: str, b: str) -> bool:
    """Two different values, `a` starting and ending no later than `b`."""
    x, y = _edtf.span(a), _edtf.span(b)
    return bool(x and y) and a != b and x.lo <= y.lo and x.hi <= y.hi


def _range(text: str, start: int, first: Mention, second: Mention) -> tuple:
    a, b = first.date, second.date
    both = a.calendar == b.calendar == "julian"
    whole = Date(edtf="%s/%s" % (a.edtf, b.edtf), text=text[start:second.end],
                 calendar="julian" if both else "gregorian",
                 julian="%s/%s" % (a.julian, b.julian) if both else None)
    return Mention("date", start, second.end, whole.text, whole), first, second


def _opener(text: str, m: Mention, floor: int) -> int:
    """Where a range starting with `m` begins: at a "from"/"between" just before it, if any."""
    o = _OPENER.search(text, max(floor, m.start - 16), m.start)
    return o.start() if o else m.start


def _point(text: str, start: int, end: int, edtf: str) -> Mention:
    return Mention("date", start, end, text[start:end], Date(edtf, text[start:end]))


def _compact(text: str, a: Mention, limit: int, floor: int) -> tuple | None:
    """ "1920-24" after a year mention `a`, not running into the next mention at `limit`."""
    y = a.date.year
    if a.date.calendar != "gregorian" or not _YEAR_ONLY.fullmatch(a.date.edtf):
        return None
    c = _COMPACT.match(text, a.end)
    y2 = y // 100 * 100 + int(c["yy"]) if c else 0
    if not c or c.end() > limit or y2 <= y:
        return None
    return _range(text, _opener(text, a, floor), a, _point(text, c.start("yy"), c.end(), str(y2)))


def _us_days(text: str, b: Mention, floor: int) -> tuple | None:
    """ "March 5-16, 1921", where `b` is the bare year at the end."""
    u = _US_DAYS.search(text, max(floor, b.start - 30), b.start)
    if not u or b.date.edtf != str(b.date.year):
        return None
    y, mo, d1, d2 = b.date.year, mnum(u["m"]), int(u["d1"]), int(u["d2"])
    if not d1 < d2 <= dim(y, mo, False):
        return None
    first = _point(text, u.start(), u.end("first"), ymd((y, mo, d1)))
    second = _point(text, u.start("second"), b.end, ymd((y, mo, d2)))
    return _range(text, u.start(), first, second)


def _partial(text: str, b: Mention, floor: int) -> tuple | None:
    """ "5-16 March 1921", "April to July 1921": the first element borrows the second's year
    (and month), only where that puts it before the second."""
    p = _PARTIAL.search(text, max(floor, b.start - 45), b.start)
    plain = _PLAIN.fullmatch(b.date.edtf)
    if not p or not plain or b.date.calendar != "gregorian" or (p["and"] and not p["between"]):
        return None
    y, mo, d = (int(x) if x else 0 for x in plain.groups())
    day, word = p["d1"] or p["d2"], p["m1"] or p["m2"]
    month = mnum(word) if word else mo
    if day and d and int(day) <= dim(y, month, False):
        edtf = ymd((y, month, int(day)))
    elif not day and not d and mo:
        edtf = "%04d-%02d" % (y, month)
    else:
        return None
    if not _ordered(edtf, b.date.edtf):
        return None
    first = _point(text, p.start("first"), p.end("first"), edtf)
    return _range(text, p.start(), first, b)


def _pairs(text: str, dates: list[Mention]) -> list[tuple]:
    """Ranges of two years with no dash between them in parentheses: "(18801936)"."""
    at = {m.start: m for m in dates}
    out = []
    for p in _PAIR.finditer(text):
        a, b = int(p["a"]), int(p["b"])
        if 0 < b - a < _LIFE_YEARS:
            first = at.get(p.start("a")) or _point(text, p.start("a"), p.end("a"), p["a"])
            second = at.get(p.start("b")) or _point(text, p.start("b"), p.end("b"), p["b"])
            out.append(_range(text, first.start, first, second))
    return out


def _glued(a: Mention, b: Mention) -> bool:
    """Two full dates with nothing between, "January 14, 1873August 17, 1918": a lost dash,
    where the two are days less than a life apart."""
    x, y = _edtf.span(a.date.edtf), _edtf.span(b.date.edtf)
    return bool(x and y) and x.days == y.days == 1 and 0 < y.lo - x.hi < _LIFE_YEARS * 365


def find_ranges(text: str, dates: list[Mention] | None = None
                ) -> list[tuple[Mention, Mention, Mention]]:
    """Date ranges as (whole, first, second); the whole mention's edtf is "A/B"."""
    if dates is None:
        dates = find_dates(text)
    else:  # only point dates, in order (a caller may pass a mixed list of mentions)
        dates = sorted((m for m in dates if m.date and "/" not in m.date.edtf),
                       key=lambda m: m.start)
    found: list[tuple] = []
    used: set[int] = set()
    for i in range(len(dates) - 1):  # two point dates joined by a dash, "to", "until", ...
        a, b = dates[i], dates[i + 1]
        j = _JOIN.fullmatch(text, a.end, b.start) or (a.end == b.start and _glued(a, b))
        if i in used or not j or not _ordered(a.date.edtf, b.date.edtf):
            continue
        o = _OPENER.search(text, max(dates[i - 1].end if i else 0, a.start - 16), a.start)
        if j is not True and j["and"] and not (o and o["between"]):
            continue
        found.append(_range(text, o.start() if o else a.start, a, b))
        used.update((i, i + 1))
    for i, m in enumerate(dates):  # ranges with an abbreviated element
        if i in used:
            continue
        floor = dates[i - 1].end if i else 0
        limit = dates[i + 1].start if i + 1 < len(dates) else len(text)
        r = (_compact(text, m, limit, floor) or _us_days(text, m, floor)
             or _partial(text, m, floor))
        if r:
            found.append(r)
    if "(" in text:
        found += _pairs(text, dates)
    found.sort(key=lambda r: r[0].start)
    out: list[tuple] = []
    for r in found:  # keep the earlier of two that overlap
        if not out or r[0].start >= out[-1][0].end:
            out.append(r)
    return out
