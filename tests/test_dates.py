"""The date grammar: point dates, Old Style dates, ranges, and what must not be a date."""
import pytest

from factoid.nlp.dates import find_dates, find_ranges, parse_date


def points(text):
    """(matched text, edtf) per point date, checking each mention's offsets on the way."""
    found = find_dates(text)
    for m in found:
        assert text[m.start:m.end] == m.text == m.date.text
        assert m.kind == "date"
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    return [(m.text, m.date.edtf) for m in found]


@pytest.mark.parametrize("text, edtf", [
    ("15 July 1870", "1870-07-15"),
    ("15th July 1870", "1870-07-15"),
    ("July 15, 1870", "1870-07-15"),
    ("July 15 1870", "1870-07-15"),
    ("Jul. 15, 1870", "1870-07-15"),
    ("15 Jul 1870", "1870-07-15"),
    ("July 21st, 1870", "1870-07-21"),
    ("SEPTEMBER 2, 1870", "1870-09-02"),
    ("1870-07-15", "1870-07-15"),
    ("July 1870", "1870-07"),
    ("Sept. 1870", "1870-09"),
    ("May 1890", "1890-05"),
    ("1870", "1870"),
    ("about 1756", "1756~"),
    ("c. 1756", "1756~"),
    ("ca. 1756", "1756~"),
    ("circa 1756", "1756~"),
    ("around 1756", "1756~"),
    ("approximately 1756", "1756~"),
    ("about July 1870", "1870-07~"),
    ("1756?", "1756?"),
    ("the 1890s", "189X"),
    ("1890s", "189X"),
    ("spring 1918", "1918-21"),
    ("summer of 1918", "1918-22"),
    ("autumn 1918", "1918-23"),
    ("fall 1918", "1918-23"),
    ("winter 1918", "1918-24"),
    ("early 1918", "1918"),
    ("late 1918", "1918"),
    ("mid-1918", "1918"),
    ("29 February 1904", "1904-02-29"),
])
def test_parse_point_dates(text, edtf):
    d = parse_date(text)
    assert d is not None and d.edtf == edtf
    assert d.calendar == "gregorian" and d.julian is None


@pytest.mark.parametrize("text, edtf, julian", [
    ("3 (15) April 1884", "1884-04-15", "1884-04-03"),
    ("3/15 April 1884", "1884-04-15", "1884-04-03"),
    ("27 September (9 October) 1888", "1888-10-09", "1888-09-27"),
    ("9 October [O.S. 27 September] 1888", "1888-10-09", "1888-09-27"),
    ("9 October (O.S. 27 September) 1888", "1888-10-09", "1888-09-27"),
    ("9 October 1888 [O.S. 27 September 1888]", "1888-10-09", "1888-09-27"),
    ("27 September [N.S. 9 October] 1888", "1888-10-09", "1888-09-27"),
    ("27 September [O.S.] 1888", "1888-10-09", "1888-09-27"),
    ("27 September 1888 (O.S.)", "1888-10-09", "1888-09-27"),
    ("27 September 1888 Old Style", "1888-10-09", "1888-09-27"),
    ("27 September] 1888", "1888-10-09", "1888-09-27"),
    ("29 December 1899 (10 January 1900)", "1900-01-10", "1899-12-29"),
    ("9 January 1900 [O.S. 28 December]", "1900-01-09", "1899-12-28"),
    # 1900 is a leap year in the Julian calendar only
    ("29 February 1900 (O.S.)", "1900-03-13", "1900-02-29"),
])
def test_old_style_dates(text, edtf, julian):
    d = parse_date(text)
    assert (d.edtf, d.calendar, d.julian, d.text) == (edtf, "julian", julian, text)


def test_dual_date_readings_are_kept_as_written():
    # 12 days in 1888, but a source that slips by a day is not "corrected"
    d = parse_date("27 September (10 October) 1888")
    assert (d.edtf, d.julian) == ("1888-10-10", "1888-09-27")


def test_old_style_date_inside_prose_keeps_offsets():
    text = "He was born on 9 October [O.S. 27 September] 1888 in Kiev."
    [m] = find_dates(text)
    assert text[m.start:m.end] == "9 October [O.S. 27 September] 1888"
    assert (m.date.edtf, m.date.julian) == ("1888-10-09", "1888-09-27")


def test_editorial_bracket_is_not_old_style():
    [m] = find_dates("dated [15 July] 1870")
    assert (m.date.edtf, m.date.calendar) == ("1870-07-15", "gregorian")


def test_mentions_in_prose_have_exact_offsets():
    text = ("Born on 15 July 1870 in Tver, he moved in July of 1870 (or c. 1871) and "
            "returned in the 1890s; in spring 1918 he left.")
    assert points(text) == [("15 July 1870", "1870-07-15"), ("July of 1870", "1870-07"),
                            ("c. 1871", "1871~"), ("1890s", "189X"),
                            ("spring 1918", "1918-21")]


@pytest.mark.parametrize("text", [
    "15 July",                      # no year: never guessed
    "in July",
    "31 April 1870",                # no such day
    "29 February 1900",             # not a Gregorian leap year
    "may 1890",                     # lower-case "may" is the verb
    "ISBN 9780300178425",
    "population of 617,473",
    "10,000",
    "1,200 troops",
    "34 very emotional letters",
    "1870 km",
    "some 1890 people",
    "£1870",
])
def test_not_a_whole_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text, expected", [
    ("31 April 1870", [("April 1870", "1870-04")]),    # the day is dropped, not repaired
    ("They may have left in 1890.", [("1890", "1890")]),
    ("On 15 July he left; in 1870 he came back.", [("1870", "1870")]),
    ("ISBN 9780300178425, pp. 112-140", []),
    ("a population of 617,473 and 10,000 troops", []),
    ("See ISBN 978-0-300-1870-5.", []),
    ("Did he die in 1801? Nobody knows.", [("1801", "1801")]),  # a question, not "1801?"
    ("(c. 1756 – 1801?)", [("c. 1756", "1756~"), ("1801?", "1801?")]),
])
def test_find_dates_precision_and_negatives(text, expected):
    assert points(text) == expected


@pytest.mark.parametrize("text, whole, edtf, first, second", [
    ("from 1920 to 1924", "from 1920 to 1924", "1920/1924", "1920", "1924"),
    ("1920 to 1924", "1920 to 1924", "1920/1924", "1920", "1924"),
    ("in 1920–1924", "1920–1924", "1920/1924", "1920", "1924"),
    ("1926-1928", "1926-1928", "1926/1928", "1926", "1928"),
    ("1914 — 1918", "1914 — 1918", "1914/1918", "1914", "1918"),
    ("between 1920 and 1924", "between 1920 and 1924", "1920/1924", "1920", "1924"),
    ("March 1917 until 1921", "March 1917 until 1921", "1917-03/1921", "March 1917", "1921"),
    ("April 1920 to July 1921", "April 1920 to July 1921", "1920-04/1921-07",
     "April 1920", "July 1921"),
    ("Smirnov (15 July 1870 – 24 November 1926) was", "15 July 1870 – 24 November 1926",
     "1870-07-15/1926-11-24", "15 July 1870", "24 November 1926"),
    ("the 1920–24 term", "1920–24", "1920/1924", "1920", "24"),
    ("5–16 March 1921", "5–16 March 1921", "1921-03-05/1921-03-16", "5", "16 March 1921"),
    ("April to July 1921", "April to July 1921", "1921-04/1921-07", "April", "July 1921"),
    ("March 5–16, 1921", "March 5–16, 1921", "1921-03-05/1921-03-16", "March 5", "16, 1921"),
])
def test_ranges(text, whole, edtf, first, second):
    [(w, a, b)] = find_ranges(text)
    assert (w.text, w.date.edtf, a.text, b.text) == (whole, edtf, first, second)
    for m in (w, a, b):
        assert text[m.start:m.end] == m.text


def test_a_range_is_two_point_dates_in_find_dates():
    assert points("from 1920 to 1924") == [("1920", "1920"), ("1924", "1924")]


def test_range_of_old_style_dates_keeps_both_calendars():
    [(w, a, b)] = find_ranges("3 (15) April 1884 – 9 October [O.S. 27 September] 1938")
    assert w.date.edtf == "1884-04-15/1938-10-09"
    assert (w.date.calendar, w.date.julian) == ("julian", "1884-04-03/1938-09-27")


@pytest.mark.parametrize("text", [
    "5 April – 16 March 1921",   # borrowing the year would put the start after the end
    "1924 to 1920",              # backwards
    "1920 and 1924",             # "and" needs "between"
    "1870-07",                   # not a two-digit year range (1807 is before 1870)
])
def test_not_a_range(text):
    assert find_ranges(text) == []


def test_parse_date_accepts_a_whole_range():
    assert parse_date("1920–24").edtf == "1920/1924"


def test_find_ranges_reuses_given_dates():
    text = "from 1920 to 1924"
    dates = find_dates(text)
    [(w, a, b)] = find_ranges(text, dates)
    assert a is dates[0] and b is dates[1]
