"""The written forms of one point date, as one regular expression, and their EDTF values.

`GRAMMAR` is tried at a start position; `read(match, text)` turns its match into
(Gregorian EDTF, Julian EDTF or None, end). Scanning a text, qualifiers and ranges are in
dates.py. Forms read (day-month and month-day order alike, months written out, abbreviated
with or without a dot, or in capitals; ordinals "1st", "13th of"):

    15 July 1870 · July 15, 1870 · 15th of July, 1870 · July 1870 · 1870-07-15 · 03.07.1854 · 1890s · 1870
    Old Style:  3 (15) April 1884 · 3/15 April 1884 · Oct. 16 (28), 1884 · September 11/23, 1883
                1883, September 11 (23)
                27 September (9 October) 1888 · September 23 [O.S. September 11] 1883
                August 13 (August 1, Old Style), 1873 · 27 September [O.S.] 1888
                27 September 1888 (O.S.) · 29 December 1899 (10 January 1900)

A bracketed second reading is taken only when the two are 10-13 days apart as the two
calendars were in that century (a slip of up to 3 days kept as written); its marker, before
or after it, says which reading is Old Style, else the earlier one is.
"""
from __future__ import annotations

import re
from datetime import date as _pydate

from convertdate import julian as _julian

_MONTH_NUMBERS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7,
                  "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December")
_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
# Only Capitalised or UPPER-CASE forms: lower-case "may" and "march" are usually verbs.
MONTH = "(?:%s|(?:%s)\\.?)(?![A-Za-z])" % (
    "|".join(w for n in _FULL for w in (n, n.upper())),
    "|".join(w for n in _ABBR for w in (n, n.upper())))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# hyphen-minus, hyphens, figure dash, dashes, horizontal bar, minus, small and wide hyphens
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
DASH = "\\" + DASHES  # for use inside a [...] class
_MARK_DOTTED = r"(?:O\.\s?S\.|N\.\s?S\.|Old Style|New Style)"
_MARK = r"(?:%s|OS|NS)(?![A-Za-z])" % _MARK_DOTTED
# Words that make a bare four-digit number a quantity rather than a year.
UNITS = (r"(?:%|(?:per\s?cent|percent|km|kilomet\w*|mi|miles?|metres?|meters?|m|ft|feet|"
         r"kg|lbs?|tons?|tonnes?|hectares?|ha|acres?|sq|square|people|persons|men|women|"
         r"children|soldiers|troops|workers|inhabitants|residents|members|votes|voters|"
         r"delegates|students|copies|pages|hours|hrs|dollars|roubles|rubles|pounds|francs|"
         r"marks|euros?|yen|USD)\b)")


def day(g: str) -> str:
    return r"(?<!\d)(?P<%s>%s)(?!\d)(?:st|nd|rd|th)?" % (g, _DAY)


def month(g: str) -> str:
    return r"(?<![A-Za-z])(?P<%s>%s)" % (g, MONTH)


def year(g: str) -> str:
    # Not followed by more digits, nor by ",000" / ".5" (a longer number).
    return r"(?P<%s>1\d{3}|20\d{2})(?!\d|[.,]\d)" % g


def _suffix(g: str) -> str:
    """An optional Old/New Style marker after a complete date."""
    return r"(?:\s*[\[(]\s*(?P<%s>%s)\s*[\])]|,?\s+(?P<%s2>%s))?" % (g, _MARK, g, _MARK_DOTTED)


def _second(g: str) -> str:
    """A bracketed second reading, in either order, its month or year optional, marked before
    or after: "(9 October)", "[O.S. 27 September 1888]", "(August 1, Old Style)", "(28)"."""
    return (r"\s*[\[(]\s*(?:(?P<{g}k>{mark})[:,]?\s*)?"
            r"(?:{m1}\s*{d1}|{d2}(?:\s+(?:of\s+)?{m2})?)(?:,?\s+{y})?"
            r"(?:,?\s*(?P<{g}l>{mark}))?\s*[\])]").format(
        g=g, mark=_MARK, m1=month(g + "m"), d1=day(g + "d"), d2=day(g + "e"),
        m2=month(g + "n"), y=year(g + "y"))


# The point-date grammar. At one start position the first alternative that matches wins,
# so longer forms come first. Each alternative is a named group; `read` dispatches on it.
# The first six forms carry a second reading.
_FORMS = ([
    # 3 (15) April 1884 ; 3/15 April 1884
    r"(?P<dd>{a}(?:\s*\(\s*{b}\s*\)\s*|\s*/\s*{b2}\s+){m},?\s+{y})".format(
        a=day("dda"), b=day("ddb"), b2=day("ddc"), m=month("ddm"), y=year("ddy")),
    # 27 September (9 October) 1888 ; 9 October [O.S. 27 September] 1888
    r"(?P<dm>{d}\s+(?:of\s+)?{m}{br}\s*,?\s*{y})".format(
        d=day("dmd"), m=month("dmm"), br=_second("dmb"), y=year("dmy")),
    # 29 December 1899 (10 January 1900) ; 9 October 1888 [O.S. 27 September]
    r"(?P<dy>{d}\s+(?:of\s+)?{m},?\s+{y}{br})".format(
        d=day("dyd"), m=month("dym"), y=year("dyy"), br=_second("dyb")),
    # September 23 [O.S. September 11] 1883 ; Oct. 16 (28), 1884 ; September 11/23, 1883
    r"(?P<um>{m}\s*{d}(?:{br}|\s*/\s*{d2})\s*,?\s*{y})".format(
        m=month("umm"), d=day("umd"), br=_second("umb"), d2=day("ums"), y=year("umy")),
    # August 13, 1873 (August 1, Old Style)
    r"(?P<uy>{m}\s*{d},?\s+{y}{br})".format(
        m=month("uym"), d=day("uyd"), y=year("uyy"), br=_second("uyb")),
    # 1883, September 11 (23): the year first, only with a second reading
    r"(?P<yu>{y},\s+{m}\s*{d}(?:{br}|\s*/\s*{d2}))".format(
        y=year("yuy"), m=month("yum"), d=day("yud"), br=_second("yub"), d2=day("yus")),
    # 27 September [O.S.] 1888 ; September 27 (O.S.) 1888 ; the cut fragment 27 September] 1888
    r"(?P<os>(?:{d}\s+(?:of\s+)?{m}|{m2}\s*{d2})\s*(?:[\[(]\s*(?P<osk>{mark})\s*[\])]|"
    r"(?P<osf>\]))\s*,?\s*{y})".format(d=day("osd"), m=month("osm"), m2=month("osn"),
                                      d2=day("ose"), mark=_MARK, y=year("osy")),
    # 15 July 1870 ; 15th of July, 1870 ; 27 September 1888 (O.S.)
    r"(?P<full>{d}\s+(?:of\s+)?{m},?\s+{y}{s})".format(
        d=day("fulld"), m=month("fullm"), y=year("fully"), s=_suffix("fullk")),
    # July 15, 1870 ; Jul. 15 1870
    r"(?P<us>{m}\s*{d},?\s+{y}{s})".format(
        m=month("usm"), d=day("usd"), y=year("usy"), s=_suffix("usk")),
    # July 1870 ; July, 1870 ; July of 1870
    r"(?P<my>{m},?\s+(?:of\s+)?{y})".format(m=month("mym"), y=year("myy")),
    # 1870-07-15
    r"(?P<iso>(?<!\d){y}-(?P<isom>0[1-9]|1[0-2])-(?P<isod>0[1-9]|[12]\d|3[01])(?!\d))".format(
        y=year("isoy")),
    # 03.07.1854: a day, a month and a year with dots, the European order (never month first)
    r"(?P<dot>(?<![\d.]){d}\.(?P<dotm>0?[1-9]|1[0-2])\.{y}(?!\.\d))".format(d=day("dotd"), y=year("doty")),
    # 1890s ; 1890's
    r"(?P<dec>(?<!\d)(?P<decy>1\d\d0|20\d0)'?s(?![A-Za-z]))",
    # 1870 standing alone, not a quantity
    r"(?P<bare>(?<!\d)(?<!\d[.,]){y}(?!\s*{u}))".format(y=year("barey"), u=UNITS),
])
GRAMMAR = re.compile("|".join(_FORMS))
# Where a two-reading form matches but its readings are no calendar pair, the simple forms
# are tried at the same place ("1883, September 11 (3)" still has the year 1883).
SIMPLE = re.compile("|".join(_FORMS[6:]))
_DIGIT_DASH_AFTER = re.compile(r"[%s]\d" % DASH)
# OCR's letters for digits inside a number: "l3th" (13th), "188o" (1880). Only a four-character
# year starting 1/l/I with two real digits, or a day with an ordinal ending, is read this way.
OCR = re.compile(r"(?<![A-Za-z0-9])(?:(?=[1lI][0-9lIoO]{3}(?![A-Za-z0-9]))(?=[0-9]*[lIoO])"
                 r"(?=.(?:[lIoO]*[0-9]){2})[1lI][0-9lIoO]{3}"
                 r"|(?:[lI][0-9]|[0-9][lIoO])(?=(?:st|nd|rd|th)\b))")
_OCR_DIGITS = str.maketrans("lIoO", "1100")


def ocr_digits(text: str) -> str:
    """`text` with OCR's letters-for-digits fixed inside numbers; same length, same offsets."""
    return OCR.sub(lambda m: m.group().translate(_OCR_DIGITS), text)


def mnum(word: str) -> int:
    return _MONTH_NUMBERS[word[:3].lower()]


def dim(y: int, m: int, julian: bool) -> int:
    """Days in a month, with the leap rule of the calendar the date was written in."""
    if m == 2:
        leap = y % 4 == 0 if julian else (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))
        return 29 if leap else 28
    return 30 if m in (4, 6, 9, 11) else 31


def ymd(t: tuple[int, int, int]) -> str:
    return "%04d-%02d-%02d" % t


def _candidates(y1: int, m1: int, m2: int | None, y2: int | None):
    """(year, month) choices for a second reading: as written, else borrowed from the first
    reading (its month, or the next or previous one for "Oct. 31 (12)"; its year or a
    neighbour when the pair straddles New Year)."""
    if m2 is None:
        for step in (0, 1, -1):
            k = y1 * 12 + m1 - 1 + step
            yield (y2 or k // 12), k % 12 + 1
        return
    for yc in ((y2,) if y2 else (y1, y1 + 1, y1 - 1)):
        yield yc, m2


def dual(first: tuple, second: tuple, mark: str | None) -> tuple | None:
    """The New and Old Style readings (ns, os) of a written pair, or None if implausible.

    `first` is (y, m, d); `second` (y or None, m or None, d) is the bracketed one, whose marker
    `mark` (O.S./N.S.) names its calendar; unmarked, the Julian one is the earlier."""
    y1, m1, d1 = first
    y2, m2, d2 = second
    best = None
    for yc, mc in _candidates(y1, m1, m2, y2):
        a, b = (y1, m1, d1), (yc, mc, d2)
        if mark and mark[0] in "ON":
            os_, ns = (b, a) if mark[0] == "O" else (a, b)
        else:
            os_, ns = (a, b) if a < b else (b, a)
        if os_[2] > dim(os_[0], os_[1], True) or ns[2] > dim(ns[0], ns[1], False):
            continue
        slip = abs((_pydate(*ns) - _pydate(*_julian.to_gregorian(*os_))).days)
        if slip <= 3 and (best is None or slip < best[0]):  # a real dual date, allowing slips
            best = slip, ns, os_
    return best[1:] if best else None


def _second_reading(g, alt: str) -> tuple:
    """(y, m, d) of the bracketed reading of alternative `alt` (None where not written)."""
    b = alt + "b"
    if g(alt + "s"):  # "September 11/23": a day only
        return None, None, int(g(alt + "s"))
    word = g(b + "m") or g(b + "n")
    y = g(b + "y")
    return (int(y) if y else None, mnum(word) if word else None, int(g(b + "d") or g(b + "e")))


def _old_style(t: tuple, end: int):
    if t[2] > dim(t[0], t[1], True):
        return None
    return ymd(tuple(_julian.to_gregorian(*t))), ymd(t), end


def read(m: re.Match, text: str) -> tuple[str, str | None, int] | None:
    """(Gregorian EDTF, Julian EDTF or None, end) for a grammar match; None if not a date."""
    alt = m.lastgroup  # each alternative is one outermost group, so it closes last
    g = m.group
    if alt == "dd":
        y, mo = int(g("ddy")), mnum(g("ddm"))
        res = dual((y, mo, int(g("dda"))), (y, mo, int(g("ddb") or g("ddc"))), None)
        return (ymd(res[0]), ymd(res[1]), m.end()) if res else None
    if alt in ("dm", "dy", "um", "uy", "yu"):
        first = (int(g(alt + "y")), mnum(g(alt + "m")), int(g(alt + "d")))
        second = _second_reading(lambda n: m.groupdict().get(n), alt)
        # a day alone in brackets is a second reading only before the year: "Oct. 16 (28),
        # 1884"; after a full date "(3)" is as likely a footnote
        ok = second[1] is not None or alt in ("um", "yu")
        mark = g(alt + "bk") or g(alt + "bl") or ("NS" if second[1] is None else None)
        res = dual(first, second, mark) if ok else None  # a bare day is the New Style one
        if res:
            return ymd(res[0]), ymd(res[1]), m.end()
        if alt in ("dy", "uy") and first[2] <= dim(first[0], first[1], False):
            return ymd(first), None, m.end(alt + "y")  # the bracket is no second reading
        return None
    if alt in ("os", "full", "us"):
        if alt == "os":
            t = (int(g("osy")), mnum(g("osm") or g("osn")), int(g("osd") or g("ose")))
            mark = g("osk") or g("osf")
        else:
            t = (int(g(alt + "y")), mnum(g(alt + "m")), int(g(alt + "d")))
            mark = g(alt + "k") or g(alt + "k2")
        if mark == "]" and text[max(0, m.start() - 4):m.start()].rstrip().endswith("["):
            mark = None  # "[15 July] 1870" is an editor's insertion, not a cut "[O.S. ...]"
        if mark and mark[0] in "O]":  # Old Style marker, or the tail of a cut "[O.S. ...]"
            return _old_style(t, m.end())
        return (ymd(t), None, m.end()) if t[2] <= dim(t[0], t[1], False) else None
    if alt == "my":
        return "%s-%02d" % (g("myy"), mnum(g("mym"))), None, m.end()
    if alt == "iso":
        t = (int(g("isoy")), int(g("isom")), int(g("isod")))
        return (ymd(t), None, m.end()) if t[2] <= dim(t[0], t[1], False) else None
    if alt == "dot":
        t = (int(g("doty")), int(g("dotm")), int(g("dotd")))
        return (ymd(t), None, m.end()) if t[2] <= dim(t[0], t[1], False) else None
    if alt == "dec":
        return g("decy")[:3] + "X", None, m.end()
    s, e = m.start("barey"), m.end("barey")  # a bare year, unless a piece of a longer number
    if s > 1 and text[s - 1] in DASHES and text[s - 2].isdigit() \
            and _DIGIT_DASH_AFTER.match(text, e):
        return None
    return g("barey"), None, e
