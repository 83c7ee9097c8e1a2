"""Find English date expressions and normalise them to EDTF, with a small hand-written grammar.

Precision follows what was written: a missing day, month or year is never filled in. Every
point date the grammar accepts contains a four-digit year (1000-2099), so `find_dates` only
runs the full grammar in windows around such years, which keeps it fast on long texts.
Old Style (Julian) dates keep their Julian reading in `Date.julian`; `edtf` is Gregorian.
"""
from __future__ import annotations

import re
from datetime import date as _pydate

from convertdate import julian as _julian

from factoid.model import Date, Mention

__all__ = ["parse_date", "find_dates", "find_ranges"]

_MONTH_NUMBERS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
                  "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")
_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
# Only Capitalised or UPPER-CASE forms: lower-case "may" and "march" are usually verbs.
_MONTH = "(?:%s|(?:%s)\\.?)(?![A-Za-z])" % (
    "|".join(w for n in _FULL for w in (n, n.upper())),
    "|".join(w for n in _ABBR for w in (n, n.upper())))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen-minus, hyphens, dashes, minus
_DASH = "\\" + _DASHES  # for use inside a [...] class
_MARK_DOTTED = r"(?:O\.\s?S\.|N\.\s?S\.|Old Style|New Style)"
_MARK = r"(?:%s|OS|NS)(?![A-Za-z])" % _MARK_DOTTED
# Words that make a bare four-digit number a quantity rather than a year.
_UNITS = (r"(?:%|(?:per\s?cent|percent|km|kilomet\w*|mi|miles?|metres?|meters?|m|ft|feet|"
          r"kg|lbs?|tons?|tonnes?|hectares?|ha|acres?|sq|square|people|persons|men|women|"
          r"children|soldiers|troops|workers|inhabitants|residents|members|votes|voters|"
          r"delegates|students|copies|pages|hours|hrs|dollars|roubles|rubles|pounds|francs|"
          r"marks|euros?|yen|USD)\b)")


def _day(g: str) -> str:
    return r"(?<!\d)(?P<%s>%s)(?!\d)(?:st|nd|rd|th)?" % (g, _DAY)


def _month(g: str) -> str:
    return r"(?<![A-Za-z])(?P<%s>%s)" % (g, _MONTH)


def _year(g: str) -> str:
    # Not followed by more digits, nor by ",000" / ".5" (a longer number).
    return r"(?P<%s>1\d{3}|20\d{2})(?!\d|[.,]\d)" % g


def _suffix(g: str) -> str:
    """An optional Old/New Style marker after a complete date."""
    return r"(?:\s*[\[(]\s*(?P<%s>%s)\s*[\])]|,?\s+(?P<%s2>%s))?" % (g, _MARK, g, _MARK_DOTTED)


def _bracket_dm(g: str) -> str:
    """A bracketed second reading: "(9 October)", "[O.S. 27 September 1888]"."""
    return (r"\s*[\[(]\s*(?:(?P<{g}k>{mark})[:,]?\s*)?{day}\s+(?:of\s+)?{month}"
            r"(?:,?\s+{year})?\s*[\])]").format(
        g=g, mark=_MARK, day=_day(g + "d"), month=_month(g + "m"), year=_year(g + "y"))


# The point-date grammar. At one start position the first alternative that matches wins,
# so longer forms come first. Each alternative is a named group; `_core` dispatches on it.
_CORE = "|".join([
    # 3 (15) April 1884 ; 3/15 April 1884
    r"(?P<dd>{a}(?:\s*\(\s*{b}\s*\)\s*|\s*/\s*{b2}\s+){m},?\s+{y})".format(
        a=_day("dda"), b=_day("ddb"), b2=_day("ddc"), m=_month("ddm"), y=_year("ddy")),
    # 27 September (9 October) 1888 ; 9 October [O.S. 27 September] 1888
    r"(?P<dm>{d}\s+(?:of\s+)?{m}{br}\s*,?\s*{y})".format(
        d=_day("dmd"), m=_month("dmm"), br=_bracket_dm("dmb"), y=_year("dmy")),
    # 29 December 1899 (10 January 1900) ; 9 October 1888 [O.S. 27 September]
    r"(?P<dy>{d}\s+(?:of\s+)?{m},?\s+{y}{br})".format(
        d=_day("dyd"), m=_month("dym"), y=_year("dyy"), br=_bracket_dm("dyb")),
    # 27 September [O.S.] 1888 ; the cut fragment 27 September] 1888 (tail of "[O.S. ...]")
    r"(?P<os>{d}\s+(?:of\s+)?{m}\s*(?:[\[(]\s*(?P<osk>{mark})\s*[\])]|(?P<osf>\]))\s*,?\s*{y})"
    .format(d=_day("osd"), m=_month("osm"), mark=_MARK, y=_year("osy")),
    # 15 July 1870 ; 15th of July, 1870 ; 27 September 1888 (O.S.)
    r"(?P<full>{d}\s+(?:of\s+)?{m},?\s+{y}{s})".format(
        d=_day("fulld"), m=_month("fullm"), y=_year("fully"), s=_suffix("fullk")),
    # July 15, 1870 ; Jul. 15 1870
    r"(?P<us>{m}\s*{d},?\s+{y}{s})".format(
        m=_month("usm"), d=_day("usd"), y=_year("usy"), s=_suffix("usk")),
    # July 1870 ; July, 1870 ; July of 1870
    r"(?P<my>{m},?\s+(?:of\s+)?{y})".format(m=_month("mym"), y=_year("myy")),
    # 1870-07-15
    r"(?P<iso>(?<!\d){y}-(?P<isom>0[1-9]|1[0-2])-(?P<isod>0[1-9]|[12]\d|3[01])(?!\d))".format(
        y=_year("isoy")),
    # 1890s ; 1890's
    r"(?P<dec>(?<!\d)(?P<decy>1\d\d0|20\d0)'?s(?![A-Za-z]))",
    # 1870 standing alone, not a quantity
    r"(?P<bare>(?<!\d)(?<!\d[.,]){y}(?!\s*{u}))".format(y=_year("barey"), u=_UNITS),
])
_GRAMMAR = re.compile(_CORE)
# Where a date can begin: a digit or a capital month initial that starts a word. sre scans
# fast for a leading character class, so the grammar is only tried at these places.
_START = re.compile(r"[0-9ADFJMNOS](?<![0-9A-Za-z].)")
# Words before the core, matched backwards from its start: a qualifier, then a season.
_PREFIX = re.compile(
    r"(?:(?<![A-Za-z])(?:(?P<approx>[Aa]bout|[Cc]irca|[Cc]a\.?|[Cc]\.|c(?=\s?\Z)|[Aa]round|"
    r"[Aa]pprox(?:imately|\.))\s*|(?P<part>[Ee]arly|[Mm]id|[Ll]ate)(?:\s+|[%s])))?"
    r"(?:(?<![A-Za-z])(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?\s+)?"
    r"\Z" % _DASH)
# "1756?" marks uncertainty only where the "?" cannot be ending a question.
_UNCERTAIN = re.compile(r"\?(?=\s*[%s)\],;:/]|\s+(?:to|and|until)\b|\Z)" % _DASH)
_YEAR_HINT = re.compile(r"[12]\d{3}")
_BAD_BEFORE = re.compile(  # a bare year after these is a number, not a year
    r"(?:ISBN[%s\dX\s:]*|ISSN[%s\dX\s:]*|pp?\.\s*(?:\d+\s*[%s]\s*)?|pages?\s*|nos?\.\s*|"
    r"#\s*|tel\.?\s*|phone\s*|fax\s*|vol\.\s*|[$£€¥]\s*)\Z" % (_DASH, _DASH, _DASH),
    re.IGNORECASE)
_DIGIT_DASH_AFTER = re.compile(r"[%s]\d" % _DASH)
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_LEFT, _RIGHT = 70, 50  # generous reach of a core date before and after its year


def _mnum(word: str) -> int:
    return _MONTH_NUMBERS[word[:3].lower()]


def _dim(y: int, m: int, julian: bool) -> int:
    """Days in a month, with the leap rule of the calendar the date was written in."""
    if m == 2:
        leap = y % 4 == 0 if julian else (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))
        return 29 if leap else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _ymd(t: tuple[int, int, int]) -> str:
    return "%04d-%02d-%02d" % t


def _dual(first: tuple, second: tuple, mark: str | None) -> tuple | None:
    """Pick the Old and New Style readings of a dual date; (ns, os) or None if implausible.

    `second` is the bracketed one; its year may be None (then borrowed from `first`, or one
    year either side when the pair straddles New Year). Both are kept as written."""
    d1, m1, y1 = first
    d2, m2, y2 = second
    for y2c in ((y2,) if y2 else (y1, y1 + 1, y1 - 1)):
        a, b = (y1, m1, d1), (y2c, m2, d2)
        if mark and mark[0] in "ON":  # O.S. / Old Style marks the bracketed reading
            os_, ns = (b, a) if mark[0] == "O" else (a, b)
        else:  # unmarked: the Julian label is the earlier one
            os_, ns = (a, b) if a < b else (b, a)
        if os_[2] > _dim(os_[0], os_[1], True) or ns[2] > _dim(ns[0], ns[1], False):
            continue
        converted = _pydate(*_julian.to_gregorian(*os_))
        if abs((_pydate(*ns) - converted).days) <= 3:  # a real dual date, allowing slips
            return ns, os_
    return None


def _core(m: re.Match, text: str) -> tuple[str, str | None, int] | None:
    """(Gregorian EDTF, Julian EDTF or None, end) for a grammar match; None if not a date."""
    alt = m.lastgroup  # each alternative is one outermost group, so it closes last
    g = m.group
    if alt == "dd":
        y, mo = int(g("ddy")), _mnum(g("ddm"))
        res = _dual((int(g("dda")), mo, y), (int(g("ddb") or g("ddc")), mo, y), None)
        return (_ymd(res[0]), _ymd(res[1]), m.end()) if res else None
    if alt in ("dm", "dy"):
        inner = g(alt + "by")
        res = _dual((int(g(alt + "d")), _mnum(g(alt + "m")), int(g(alt + "y"))),
                    (int(g(alt + "bd")), _mnum(g(alt + "bm")), int(inner) if inner else None),
                    g(alt + "bk"))
        if res:
            return _ymd(res[0]), _ymd(res[1]), m.end()
        t = (int(g("dyy")), _mnum(g("dym")), int(g("dyd"))) if alt == "dy" else None
        if t and t[2] <= _dim(t[0], t[1], False):  # the bracket is no second reading:
            return _ymd(t), None, m.end("dyy")     # keep the plain date before it
        return None
    if alt in ("os", "full", "us"):
        t = (int(g(alt + "y")), _mnum(g(alt + "m")), int(g(alt + "d")))
        mark = g("osk") or g("osf") if alt == "os" else g(alt + "k") or g(alt + "k2")
        if mark == "]" and text[max(0, m.start() - 4):m.start()].rstrip().endswith("["):
            mark = None  # "[15 July] 1870" is an editor's insertion, not a cut "[O.S. ...]"
        if mark and mark[0] in "O]":  # Old Style marker, or the tail of a cut "[O.S. ...]"
            if t[2] > _dim(t[0], t[1], True):
                return None
            return _ymd(tuple(_julian.to_gregorian(*t))), _ymd(t), m.end()
        return (_ymd(t), None, m.end()) if t[2] <= _dim(t[0], t[1], False) else None
    if alt == "my":
        return "%s-%02d" % (g("myy"), _mnum(g("mym"))), None, m.end()
    if alt == "iso":
        t = (int(g("isoy")), int(g("isom")), int(g("isod")))
        return (_ymd(t), None, m.end()) if t[2] <= _dim(t[0], t[1], False) else None
    if alt == "dec":
        return g("decy")[:3] + "X", None, m.end()
    s, e = m.start("barey"), m.end("barey")  # a bare year, unless a piece of a longer number
    if s > 1 and text[s - 1] in _DASHES and text[s - 2].isdigit() \
            and _DIGIT_DASH_AFTER.match(text, e):
        return None
    return g("barey"), None, e


def _scan(text: str, lo: int, hi: int, floor: int, out: list[Mention]) -> int:
    """Append the dates found in text[lo:hi] to `out`; return where the last one ends."""
    for c in _START.finditer(text, lo, hi):
        p = c.start()
        if p < floor:
            continue
        m = _GRAMMAR.match(text, p, hi)
        core = _core(m, text) if m else None
        if core is None:
            continue
        edtf, julian, end = core
        pre = _PREFIX.search(text, max(floor, p - 24), p)
        start, approx = pre.start(), pre["approx"]
        if pre["season"]:
            if not m["bare"]:  # "summer of 15 July 1870" is no season: drop the prefix
                start, approx = p, None
            else:
                edtf += "-%d" % _SEASONS[pre["season"].lower()]
        elif m["bare"] and not approx and _BAD_BEFORE.search(text, max(0, p - 24), p):
            continue  # a page number, a price, a piece of an ISBN
        unc = end == m.end() and _UNCERTAIN.match(text, end)
        if approx or unc:
            q = "%" if approx and unc else "~" if approx else "?"
            edtf, julian = edtf + q, julian and julian + q
            end += 1 if unc else 0
        floor = end
        out.append(Mention("date", start, end, text[start:end],
                           Date(edtf, text[start:end], "julian" if julian else "gregorian",
                                julian)))
    return floor


def find_dates(text: str) -> list[Mention]:
    """Every point date in `text`, left to right, non-overlapping, each the longest match."""
    out: list[Mention] = []
    windows: list[list[int]] = []
    for h in _YEAR_HINT.finditer(text):  # merge the neighbourhoods of candidate years
        lo, hi = h.start() - _LEFT, h.end() + _RIGHT
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([max(lo, 0), hi])
    floor = 0
    for lo, hi in windows:
        floor = _scan(text, max(lo, floor), min(hi, len(text)), floor, out)
    return out


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


# ---------------------------------------------------------------------------------- ranges

_JOIN = re.compile(r"\s*[%s]\s*|\s+(?:to|until|till|through)\s+|\s+(?P<and>and)\s+" % _DASH)
_OPENER = re.compile(r"(?<![A-Za-z])(?:(?P<from>[Ff]rom)|(?P<between>[Bb]etween))\s+\Z")
# "1920-24": the second year is two digits and inherits the century.
_COMPACT = re.compile(r"\s*[%s]\s*(?P<yy>\d\d)(?![%s\d/]|[.,]\d|\s*%s|\s*%s)" % (
    _DASH, _DASH, _MONTH, _UNITS))
# A first element without a year, ending right where the second (dated) element starts.
_PARTIAL = re.compile(
    r"(?:(?<![A-Za-z])(?:(?P<from>[Ff]rom)|(?P<between>[Bb]etween))\s+)?"
    r"(?P<first>{d1}(?:\s+(?:of\s+)?{m1})?|{m2}(?:\s*{d2})?),?"
    r"(?:\s*[{dash}]\s*|\s+(?:to|until|till|through)\s+|\s+(?P<and>and)\s+)\Z".format(
        d1=_day("d1"), m1=_month("m1"), m2=_month("m2"), d2=_day("d2"), dash=_DASH))
# "March 5-16, 1921": a day range written before a bare year.
_US_DAYS = re.compile(r"(?P<first>{m}\s*{d1})\s*[{dash}]\s*(?P<second>{d2},?\s+)\Z".format(
    m=_month("m"), d1=_day("d1"), d2=_day("d2"), dash=_DASH))
_PLAIN = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?")
_YEAR_ONLY = re.compile(r"\d{4}[~?%]?")


def _bounds(edtf: str) -> tuple | None:
    """Earliest and latest (y, m, d) an EDTF point may mean, for ordering checks."""
    if "X" in edtf:
        y = int(edtf[:3] + "0")
        return (y, 1, 1), (y + 9, 12, 31)
    p = _PLAIN.match(edtf)
    if not p:
        return None
    y, mo, d = int(p[1]), int(p[2] or 0), int(p[3] or 0)
    if d:
        return (y, mo, d), (y, mo, d)
    if 0 < mo <= 12:
        return (y, mo, 1), (y, mo, 31)
    return (y, 1, 1), (y, 12, 31)  # a year, or a season (21-24)


def _ordered(a: str, b: str) -> bool:
    ba, bb = _bounds(a), _bounds(b)
    return bool(ba and bb) and a != b and ba[0] <= bb[0] and ba[1] <= bb[1]


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
    y, mo, d1, d2 = b.date.year, _mnum(u["m"]), int(u["d1"]), int(u["d2"])
    if not d1 < d2 <= _dim(y, mo, False):
        return None
    first = _point(text, u.start(), u.end("first"), _ymd((y, mo, d1)))
    second = _point(text, u.start("second"), b.end, _ymd((y, mo, d2)))
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
    month = _mnum(word) if word else mo
    if day and d and int(day) <= _dim(y, month, False):
        edtf = _ymd((y, month, int(day)))
    elif not day and not d and mo:
        edtf = "%04d-%02d" % (y, month)
    else:
        return None
    if not _ordered(edtf, b.date.edtf):
        return None
    first = _point(text, p.start("first"), p.end("first"), edtf)
    return _range(text, p.start(), first, b)


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
        j = _JOIN.fullmatch(text, a.end, b.start)
        if i in used or not j or not _ordered(a.date.edtf, b.date.edtf):
            continue
        o = _OPENER.search(text, max(dates[i - 1].end if i else 0, a.start - 16), a.start)
        if j["and"] and not (o and o["between"]):
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
    found.sort(key=lambda r: r[0].start)
    out: list[tuple] = []
    for r in found:  # keep the earlier of two that overlap
        if not out or r[0].start >= out[-1][0].end:
            out.append(r)
    return out
