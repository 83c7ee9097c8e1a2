"""Dates a reader meets: a table of written forms with their EDTF and Julian readings, and
property tests (hypothesis) that every supported form reads back and nothing breaks the grammar."""
import string
import time
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factoid.nlp.dates import find_ages, find_dates, find_ranges, parse_date

# (text, the date mention's text, Gregorian EDTF, Julian EDTF or None). Old Style readings were
# worked out by hand: the Julian calendar ran 11 days behind in the 1700s, 12 in the 1800s and
# 13 from March 1900.
TABLE = [
    # Old Style and New Style in one expression
    ("September 23 [O.S. September 11] 1883", None, "1883-09-23", "1883-09-11"),
    ("August 13 (August 1, Old Style), 1873", None, "1873-08-13", "1873-08-01"),
    ("Oct. 16 (28), 1884", None, "1884-10-28", "1884-10-16"),
    ("September 11 (23), 1883", None, "1883-09-23", "1883-09-11"),
    ("born September 11 (23) 1883 in a town", "September 11 (23) 1883", "1883-09-23", "1883-09-11"),
    ("Jan. 30 (Feb. 11), 1882", None, "1882-02-11", "1882-01-30"),
    ("Oct. 31 (Nov. 12), 1876", None, "1876-11-12", "1876-10-31"),
    ("Oct. 31 (12), 1876", None, "1876-11-12", "1876-10-31"),
    ("December 25, 1899 (January 6, 1900)", None, "1900-01-06", "1899-12-25"),
    ("March 1 (13), 1881", None, "1881-03-13", "1881-03-01"),
    ("October 25 (November 7), 1917", None, "1917-11-07", "1917-10-25"),
    ("Feb. 23 (Mar. 8), 1917", None, "1917-03-08", "1917-02-23"),
    ("September 11/23, 1883", None, "1883-09-23", "1883-09-11"),
    ("12 (24) June 1812", None, "1812-06-24", "1812-06-12"),
    ("5/17 May 1880", None, "1880-05-17", "1880-05-05"),
    ("19 February (3 March) 1861", None, "1861-03-03", "1861-02-19"),
    ("6 January 1838 [O.S. 25 December 1837]", None, "1838-01-06", "1837-12-25"),
    ("1 February 1918 (O.S.)", None, "1918-02-14", "1918-02-01"),
    ("14 March 1879 Old Style", None, "1879-03-26", "1879-03-14"),
    ("October 30 [O.S.] 1890", None, "1890-11-11", "1890-10-30"),
    ("10 March 1750 (O.S.)", None, "1750-03-21", "1750-03-10"),
    ("August 13, 1873 (August 1, Old Style)", None, "1873-08-13", "1873-08-01"),
    ("13 August (1 August O.S.) 1873", None, "1873-08-13", "1873-08-01"),
    ("7 November [N.S.] 1917", None, "1917-11-07", None),  # marked New Style: as written
    ("29 February 1900 (O.S.)", None, "1900-03-13", "1900-02-29"),
    ("(1883-09-23)September 11, 1883", None, "1883-09-23", "1883-09-11"),
    # an unmarked date stays as written
    ("September 11, 1883", None, "1883-09-11", None),
    ("11 September 1883", None, "1883-09-11", None),
    # day, month and year, many spellings
    ("13th August, 1873", None, "1873-08-13", None),
    ("b 23 September 1883", "23 September 1883", "1883-09-23", None),
    ("b. 1883", "1883", "1883", None),
    ("Nov. 5, 1855", None, "1855-11-05", None),
    ("Nov. 5 1855", None, "1855-11-05", None),
    ("5 Nov. 1855", None, "1855-11-05", None),
    ("5th Nov., 1855", None, "1855-11-05", None),
    ("NOVEMBER 5, 1855", None, "1855-11-05", None),
    ("1st of May 1920", None, "1920-05-01", None),
    ("May 1st, 1920", None, "1920-05-01", None),
    ("the 3rd of March, 1861", "3rd of March, 1861", "1861-03-03", None),
    ("March 3rd, 1861", None, "1861-03-03", None),
    ("3rd March 1861", None, "1861-03-03", None),
    ("Mar 3 1861", None, "1861-03-03", None),
    ("Sept. 1, 1939", None, "1939-09-01", None),
    ("1 Sept 1939", None, "1939-09-01", None),
    ("d. Vienna 31 Oct. 1918", "31 Oct. 1918", "1918-10-31", None),
    ("15 July, 1870", None, "1870-07-15", None),
    # the European day-first order with dots (a month never first)
    ("03.07.1854", None, "1854-07-03", None),
    ("on 3.7.1854 in Brno", "3.7.1854", "1854-07-03", None),
    ("29 February 1904", None, "1904-02-29", None),
    ("died 1 January 2001", "1 January 2001", "2001-01-01", None),
    ("on 31 December 1999.", "31 December 1999", "1999-12-31", None),
    # broken over a line
    ("September 23,\n1883", None, "1883-09-23", None),
    ("23\nSeptember 1883", None, "1883-09-23", None),
    ("September\n23, 1883", None, "1883-09-23", None),
    # ISO dates, alone or glued to a written copy
    ("1884-10-16", None, "1884-10-16", None),
    ("(1855-11-05)November 5, 1855", None, "1855-11-05", None),
    ("(1861-03-03) 3 March 1861", None, "1861-03-03", None),
    ("March 3, 1861 (1861-03-03)", None, "1861-03-03", None),
    # month and year, year
    ("Sept 1939", None, "1939-09", None),
    ("September, 1939", None, "1939-09", None),
    ("July of 1870", None, "1870-07", None),
    ("JULY 1870", None, "1870-07", None),
    ("Jul. 1870", None, "1870-07", None),
    ("in 1905 he left", "1905", "1905", None),
    # approximate and uncertain
    ("c. 1756", None, "1756~", None),
    ("circa 1756", None, "1756~", None),
    ("c.1756", None, "1756~", None),
    ("ca. 1840", None, "1840~", None),
    ("about 1840", None, "1840~", None),
    ("approx. 1840", None, "1840~", None),
    ("around May 1840", None, "1840-05~", None),
    ("about 15 July 1870", None, "1870-07-15~", None),
    ("(1840?)", "1840?", "1840?", None),
    # decades: early/mid/late keep the decade
    ("early 1920s", None, "192X", None),
    ("mid-1860s", None, "186X", None),
    ("late 1860s", None, "186X", None),
    ("the 1860s", "1860s", "186X", None),
    ("1860's", None, "186X", None),
    # seasons; a winter named by both its years is one winter
    ("the winter of 1919–20", "winter of 1919–20", "1919-24", None),
    ("winter of 1916/17", None, "1916-24", None),
    ("winter 1916–1917", None, "1916-24", None),
    ("winter 1916", None, "1916-24", None),
    ("in the autumn of 1939", "autumn of 1939", "1939-23", None),
    ("spring 1905", None, "1905-21", None),
    # OCR letters for digits
    ("l3th July, 1881", None, "1881-07-13", None),
    ("born in 188o", "188o", "1880", None),
    ("born l883", "l883", "1883", None),
    ("I9th May 1920", None, "1920-05-19", None),
    ("1st May, l920", None, "1920-05-01", None),
]


@pytest.mark.parametrize("text, quoted, edtf, julian", TABLE)
def test_written_forms(text, quoted, edtf, julian):
    found = find_dates(text)
    assert found, text
    m = found[0]
    assert (m.text, m.date.edtf, m.date.julian) == (quoted or text, edtf, julian)
    assert m.date.calendar == ("julian" if julian else "gregorian")
    assert text[m.start:m.end] == m.text == m.date.text


def test_the_table_is_large_enough():
    assert len(TABLE) >= 80


@pytest.mark.parametrize("text, whole, edtf", [
    ("1873–1938", "1873–1938", "1873/1938"),
    ("(1873-1938)", "1873-1938", "1873/1938"),
    ("(1873--1938)", "1873--1938", "1873/1938"),
    ("(1873 — 1938)", "1873 — 1938", "1873/1938"),
    ("(1902―1977)", "1902―1977", "1902/1977"),     # a horizontal bar
    ("(18801936)", "18801936", "1880/1936"),       # the dash was lost
    ("(1880 1936)", "1880 1936", "1880/1936"),
    ("(18801936, Paris)", "18801936", "1880/1936"),
])
def test_life_years_with_any_dash_or_none(text, whole, edtf):
    [(w, a, b)] = find_ranges(text)
    assert (w.text, w.date.edtf) == (whole, edtf)
    assert text[a.start:a.end] == whole[:4] and text[b.start:b.end] == whole[-4:]


def test_two_full_dates_glued_are_a_range():
    [(w, a, b)] = find_ranges("list: January 14, 1873August 17, 1918; next")
    assert (w.text, w.date.edtf) == ("January 14, 1873August 17, 1918", "1873-01-14/1918-08-17")
    assert find_ranges("January 14, 1873August 17, 1999") == []  # more than a life apart


@pytest.mark.parametrize("text, expected", [
    ("Died11 September 1941(1941-09-11) (aged 45)", [("11 September 1941(1941-09-11)", "1941-09-11")]),
    ("Born(1884-10-16)16 October 1884", [("(1884-10-16)16 October 1884", "1884-10-16")]),
    # the ISO copy disagrees with the words and is no calendar pair: both are kept
    ("(1884-10-20)16 October 1884", [("1884-10-20", "1884-10-20"), ("16 October 1884", "1884-10-16")]),
    # a failed second reading leaves the plainer forms to read
    ("in 1883, September 11 (3), the", [("1883", "1883")]),
    ("Oct. 16 (12), 1884", [("1884", "1884")]),
])
def test_infobox_glue_and_fallbacks(text, expected):
    assert [(m.text, m.date.edtf) for m in find_dates(text)] == expected


@pytest.mark.parametrize("text", [
    "(18801999)",        # 119 years: no one life
    "(19361880)",        # backwards
    "tel 18801936",      # no parentheses: a number
    "(1880 1880)",
])
def test_dashless_pairs_only_when_plausible(text):
    assert find_ranges(text) == []


def test_an_age_is_no_date():
    text = "died 25 August 1936 (aged 52) in the city"
    assert [(m.text, m.date.edtf) for m in find_dates(text)] == [("25 August 1936", "1936-08-25")]
    assert find_ages(text) == [(text.index("aged"), text.index("aged") + 7, 52)]
    assert find_dates("(aged 46)") == [] and find_ages("at age 7") == [(3, 8, 7)]


@pytest.mark.parametrize("text, expected", [
    ("loth May 1920", ["May 1920"]),     # a word, not "10th"
    ("IOth May 1920", ["May 1920"]),     # no real digit: not read as a day
    ("Iowa 1920", ["1920"]),
    ("1o0s", []),
])
def test_ocr_reading_stays_narrow(text, expected):
    assert [m.text for m in find_dates(text)] == expected


# ---------------------------------------------------------------------- property-based tests

FULL = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December")
ABBR = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}


def _ordinal(d):
    return "%d%s" % (d, "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"))


@st.composite
def written_days(draw):
    """(text, edtf) for a Gregorian day, month or year in one of the supported forms."""
    day = draw(st.dates(date(1000, 1, 1), date(2099, 12, 31)))
    y, m, d = day.year, day.month, day.day
    name = draw(st.sampled_from([FULL[m - 1], ABBR[m - 1], FULL[m - 1].upper()]))
    iso = day.isoformat()
    forms = [
        ("%d %s %d" % (d, name, y), iso), ("%s %s, %d" % (_ordinal(d), name, y), iso),
        ("%s of %s, %d" % (_ordinal(d), name, y), iso), ("%s %d, %d" % (name, d, y), iso),
        ("%s %s %d" % (name, _ordinal(d), y), iso), ("%s %d,\n%d" % (name, d, y), iso),
        (iso, iso), ("(%s)%s %d, %d" % (iso, name, d, y), iso),
        ("%s %d" % (name, y), iso[:7]), ("%s of %d" % (FULL[m - 1], y), iso[:7]),
        ("%d" % y, iso[:4]), ("c. %d" % y, "%d~" % y), ("about %s %d" % (name, y), iso[:7] + "~"),
        ("%d0s" % (y // 10), "%dX" % (y // 10)), ("early %d0s" % (y // 10), "%dX" % (y // 10)),
    ]
    season = draw(st.sampled_from(sorted(SEASONS)))
    forms.append(("%s %d" % (season, y), "%d-%d" % (y, SEASONS[season])))
    if y < 2099:
        forms.append(("winter of %d–%02d" % (y, (y + 1) % 100), "%d-24" % y))
    return draw(st.sampled_from(forms))


@st.composite
def old_style_days(draw):
    """(text, Gregorian, Julian) for a day written in both calendars, in the 1800s or 1900s."""
    jul = draw(st.dates(date(1801, 1, 1), date(1923, 12, 31)).filter(lambda t: t.year != 1900))
    greg = jul + timedelta(days=12 if jul.year < 1900 else 13)
    jd, jm, jy = jul.day, FULL[jul.month - 1], jul.year
    gd, gm, gy = greg.day, FULL[greg.month - 1], greg.year
    year_in = "" if jy == gy else " %d" % jy
    forms = [
        "%d %s [O.S. %d %s%s] %d" % (gd, gm, jd, jm, year_in, gy),
        "%s %d [O.S. %s %d%s] %d" % (gm, gd, jm, jd, year_in, gy),
        "%s %d (%s %d, Old Style), %d" % (gm, gd, jm, jd, gy) if jy == gy else None,
        "%d %s %d (O.S.)" % (jd, jm, jy),
        "%s %d, %d (%s %d, %d)" % (jm, jd, jy, gm, gd, gy),
        "%s %d (%d), %d" % (jm, jd, gd, jy) if jy == gy else None,
        "%d (%d) %s %d" % (jd, gd, jm, jy) if (jy, jul.month) == (gy, greg.month) else None,
        "(%s)%s %d, %d" % (greg.isoformat(), jm, jd, jy),
    ]
    text = draw(st.sampled_from([f for f in forms if f]))
    return text, greg.isoformat(), jul.isoformat()


@settings(max_examples=300, deadline=None)
@given(written_days())
def test_every_form_reads_back(case):
    text, edtf = case
    d = parse_date(text)
    assert d is not None, text
    assert (d.edtf, d.calendar, d.julian, d.text) == (edtf, "gregorian", None, text)


@settings(max_examples=300, deadline=None)
@given(old_style_days())
def test_every_old_style_form_reads_back(case):
    text, greg, jul = case
    d = parse_date(text)
    assert d is not None, text
    assert (d.edtf, d.julian, d.calendar, d.text) == (greg, jul, "julian", text)


@settings(max_examples=200, deadline=None)
@given(written_days(), st.text(max_size=40), st.text(max_size=40))
def test_a_date_inside_prose_keeps_its_offsets(case, before, after):
    text = "%s %s %s" % (before, case[0], after)
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text


PIECES = st.sampled_from(["May", "Sept.", "O.S.", "Old Style", "(", ")", "[", "]", "–", "-", "/", ",",
                          " ", "\n", "1883", "18801936", "188o", "l3th", "12", "31", "c.", "about",
                          "winter of", "1920s", "aged", "?", "the", "0", "-09-", "ISBN"])


def _no_crash_in_time(text):
    began = time.perf_counter()
    for m in find_dates(text):
        assert text[m.start:m.end] == m.text
    find_ranges(text)
    parse_date(text)
    find_ages(text)
    assert time.perf_counter() - began < 0.05, repr(text[:80])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60).map("".join))
def test_date_like_noise_never_crashes_nor_stalls(text):
    _no_crash_in_time(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(string.printable + "–—‒―[]()"), max_size=400) | st.text(max_size=400))
def test_random_text_never_crashes_nor_stalls(text):
    _no_crash_in_time(text)
