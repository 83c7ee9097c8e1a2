"""Russian dates, by our own grammar: day, month word (any case, or an abbreviation) and year;
numeric dates (30.05.1888, 3.8.1896, two-digit years 05.04.20); a date written in both calendars
("12 марта (24 марта) 1890", "7 [19] апреля 1871", "12.03(24.03).1890", "7(19).4. 1871"), stored as
the Gregorian value with the Julian one kept; months ("в февр. 1912") and years ("в 1905 г.").
Ranges ("с 1905 по 1927", "1921-1925 гг.", "14.05.22-01.09.24") are read by the extractor from
these mentions. Both calendars are told apart by the same rule as the English grammar
(date_formats.dual: the earlier reading is the Julian one, about 12-13 days apart)."""
from __future__ import annotations

import re

from ..model import Date, Mention
from .date_formats import dual, ymd

# month names in every case, and the usual abbreviations (with or without the dot)
_FULL = {"январ": "ь|я|е|ю|ём", "феврал": "ь|я|е|ю|ём", "март": "а|е|у|ом|", "апрел": "ь|я|е|ю|ем",
         "ма": "й|я|е|ю|ем", "июн": "ь|я|е|ю|ем", "июл": "ь|я|е|ю|ем", "август": "а|е|у|ом|",
         "сентябр": "ь|я|е|ю|ём", "октябр": "ь|я|е|ю|ём", "ноябр": "ь|я|е|ю|ём", "декабр": "ь|я|е|ю|ём"}
_ABBREVIATIONS = {"янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
                  "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
_LETTER = "а-яёА-ЯЁa-zA-Z"
MONTH = (r"(?:(?:" + "|".join(f"{stem}(?:{ends})" for stem, ends in _FULL.items()) + "|"
         + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)) + rf")(?![{_LETTER}])\.?)")


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _ABBREVIATIONS:
        return _ABBREVIATIONS[w]
    for number, (stem, ends) in enumerate(_FULL.items(), 1):
        if re.fullmatch(f"{stem}(?:{ends})", w):
            return number
    return None


_YEAR = r"(?:1[6-9]\d\d|20[0-4]\d)"
_TAIL = r"(?:\s*(?:г\.|гг\.|года|году|год)(?![" + _LETTER + r"]))?"
_D = r"(?:[0-3]?\d)"
_OPEN, _CLOSE = r"\s*[(\[]\s*", r"\s*[)\]]\s*"

# the alternatives, longest first; named groups say what each one read
_GRAMMAR = re.compile(
    # 12 марта (24 марта) 1890; 7 [19] апреля 1871; 25 декабря 1890 (6 января 1891)
    rf"(?P<wd>(?P<wd1>{_D})\s+(?:(?P<wm1>{MONTH})\s+(?:(?P<wy1>{_YEAR})\s*)?)?{_OPEN}(?P<wd2>{_D})"
    rf"(?:\s+(?P<wm2>{MONTH}))?(?:\s+(?P<wy2>{_YEAR}))?{_CLOSE}(?:(?P<wm3>{MONTH})\s+)?(?P<wy>{_YEAR})?)"
    # 30.05(11.06).1888; 3(15).8. 1896
    rf"|(?P<nd>(?P<nd1>{_D})(?:\.(?P<nm1>[01]?\d))?\s*\((?P<nd2>{_D})(?:\.(?P<nm2>[01]?\d))?\)\s*"
    rf"\.(?:(?P<nm3>[01]?\d)\.)?\s*(?P<ny>{_YEAR}))"
    # 30.05.1888; 05.04.20 (a two-digit year)
    rf"|(?P<num>(?P<d>{_D})\.(?P<m>[01]?\d)\.\s?(?P<y>{_YEAR}|\d\d)(?!\d))"
    # 3 марта 1937; 5 мая; мая 1890; февр. 1912
    rf"|(?P<word>(?:(?P<dd>{_D})\s+)?(?P<mm>{MONTH})(?:\s+(?P<yy>{_YEAR}))?)"
    rf"|(?P<year>{_YEAR})",
    re.IGNORECASE)


def _two_digit(y: str) -> int:
    # a two-digit year in these sources is of the twentieth century (the archives' own usage)
    return int(y) if len(y) == 4 else 1900 + int(y)


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= 31


def _dual_date(first: tuple, second: tuple, text: str) -> Date | None:
    both = dual(first, second, None)
    if both is None:
        return None
    ns, os_ = both
    return Date(ymd(ns), text, "julian", ymd(os_))


def _read(m: re.Match) -> Date | None:
    text = m.group(0)
    g = m.group
    if g("wd"):
        y = g("wy") or g("wy1") or g("wy2")
        month1 = g("wm1") or g("wm3") or g("wm2")  # "12 (24 марта) 1890": one month for both
        month2 = g("wm2") or month1
        if not (y and month1):
            return None
        m1, m2 = month_number(month1), month_number(month2)
        y1 = int(g("wy1") or y)
        y2 = int(g("wy2")) if g("wy2") else None
        if m1 is None or m2 is None:
            return None
        return _dual_date((y1, m1, int(g("wd1"))), (y2, m2, int(g("wd2"))), text)
    if g("nd"):
        y = int(g("ny"))
        m1 = g("nm1") or g("nm3")
        m2 = g("nm2") or m1
        if not m1:
            return None
        return _dual_date((y, int(m1), int(g("nd1"))), (None, int(m2), int(g("nd2"))), text)
    if g("num"):
        y, mo, d = _two_digit(g("y")), int(g("m")), int(g("d"))
        return Date(f"{y:04d}-{mo:02d}-{d:02d}", text) if _valid(y, mo, d) else None
    if g("word"):
        mo = month_number(g("mm"))
        if mo is None or not g("yy"):
            return None  # a day and month without a year is no date we can place
        if g("dd"):
            d = int(g("dd"))
            return Date(f"{int(g('yy')):04d}-{mo:02d}-{d:02d}", text) if _valid(0, mo, d) else None
        return Date(f"{int(g('yy')):04d}-{mo:02d}", text)
    return Date(g("year"), text)


# "в мае–окт. 1920", "янв.–апр. 1921": two months of one year, the first written without it
_MONTH_RANGE = re.compile(rf"(?<![{_LETTER}])(?P<m1>{MONTH})\s*[-–—]\s*(?P<m2>{MONTH})\s+(?P<y>{_YEAR})(?!\d)", re.I)


def _month_ranges(text: str) -> list[Mention]:
    out = []
    for m in _MONTH_RANGE.finditer(text):
        first, second = month_number(m.group("m1")), month_number(m.group("m2"))
        if first is None or second is None or first >= second:
            continue
        y = m.group("y")
        out.append(Mention("date", m.start("m1"), m.end("m1"), m.group("m1"), Date(f"{y}-{first:02d}", m.group("m1"))))
        out.append(Mention("date", m.start("m2"), m.end("y"), text[m.start("m2"):m.end("y")],
                           Date(f"{y}-{second:02d}", text[m.start("m2"):m.end("y")])))
    return out


def find_dates(text: str) -> list[Mention]:
    """Every date mention in `text`, left to right, none overlapping."""
    ranges = _month_ranges(text)
    taken = [(r.start, r.end) for r in ranges]
    return sorted(ranges + [m for m in _find(text) if not any(s < m.end and m.start < e for s, e in taken)],
                  key=lambda m: m.start)


def _find(text: str) -> list[Mention]:
    out: list[Mention] = []
    pos = 0
    while True:
        m = _GRAMMAR.search(text, pos)
        if m is None:
            return out
        start = m.start()
        if start and (text[start - 1].isdigit() or (text[start - 1].isalpha() and m.group("year"))):
            pos = start + 1  # inside a longer number or a word ("статья 58-10"): not a date
            continue
        if m.end() < len(text) and text[m.end()].isdigit():
            pos = m.end()
            continue
        date = _read(m)
        if date is None:
            # a failed dual or day reading: try what follows the first number on its own
            pos = start + 1
            if m.group("year") is None:
                sub = re.compile(rf"{_YEAR}").search(text, start, m.end())
                if sub:
                    out.append(Mention("date", sub.start(), sub.end(), sub.group(), Date(sub.group(), sub.group())))
                    pos = sub.end()
            continue
        end = m.end()
        tail = re.compile(_TAIL).match(text, end)
        if tail and tail.group(0):
            end = tail.end()
        out.append(Mention("date", start, end, text[start:end], Date(date.edtf, text[start:end], date.calendar,
                                                                      date.julian)))
        pos = end
