"""factoid.edtf: the span of days an EDTF value may mean, and comparisons at precision."""
from datetime import date

import pytest

from factoid import edtf
from factoid.edtf import before, lower, overlaps, precision, span, upper


@pytest.mark.parametrize("value, lo, hi", [
    ("1924-03-05", "1924-03-05", "1924-03-05"),
    ("1924-03", "1924-03-01", "1924-03-31"),
    ("1924-02", "1924-02-01", "1924-02-29"),        # a leap year
    ("1900-02", "1900-02-01", "1900-02-28"),        # not a Gregorian leap year
    ("1924", "1924-01-01", "1924-12-31"),
    ("192X", "1920-01-01", "1929-12-31"),
    ("18XX", "1800-01-01", "1899-12-31"),
    ("1924-XX", "1924-01-01", "1924-12-31"),
    ("1924-03-1X", "1924-03-10", "1924-03-19"),
    ("1892~", "1892-01-01", "1892-12-31"),          # not widened unless asked
    ("1892?", "1892-01-01", "1892-12-31"),
    ("1892-05%", "1892-05-01", "1892-05-31"),
    ("1918-21", "1918-03-01", "1918-05-31"),        # spring
    ("1918-24", "1918-12-01", "1919-02-28"),        # winter runs into the next year
    ("1918-34", "1918-04-01", "1918-06-30"),        # second quarter
    ("1920/1924", "1920-01-01", "1924-12-31"),
    ("1920-03/1924-05-02", "1920-03-01", "1924-05-02"),
    ("1920~/1924", "1920-01-01", "1924-12-31"),
    ("1920/..", "1920-01-01", ".."),
    ("../1924", "..", "1924-12-31"),
    ("/1924", "..", "1924-12-31"),                  # an unknown start is unbounded too
    ("-0044-03-15", "-0044-03-15", "-0044-03-15"),
    (" 1924 ", "1924-01-01", "1924-12-31"),
])
def test_bounds_as_iso_text(value, lo, hi):
    assert (lower(value), upper(value)) == (lo, hi)


@pytest.mark.parametrize("value", [
    None, "", "soon", "1924-13", "1924-02-30", "1900-02-29", "1924-00", "24", "1924/1920",
    "..", "/", "1924-XX-05", "[1667,1668]", "1924-2X", "July 1924",
])
def test_what_is_no_date(value):
    assert span(value) is None and lower(value) is None and precision(value) == 0


def test_day_numbers_are_the_ordinals_of_datetime():
    for d in (date(1, 1, 1), date(1582, 10, 15), date(1900, 2, 28), date(1900, 3, 1),
              date(2000, 2, 29), date(9999, 12, 31)):
        n = edtf.day_number(d.year, d.month, d.day)
        assert n == d.toordinal() and edtf.from_day(n) == (d.year, d.month, d.day)
    assert edtf.from_day(0) == (0, 12, 31)  # year 0 continues the count backwards
    assert edtf.iso(edtf.day_number(-44, 3, 15)) == "-0044-03-15"


def test_spans_sort_as_numbers():
    values = ["1924-03-05", "1924-03", "1923", "192X", "1924-03-06"]
    by_start = sorted(values, key=lambda v: span(v).lo)
    assert by_start == ["192X", "1923", "1924-03", "1924-03-05", "1924-03-06"]


def test_widen_approximate_values_only():
    assert span("1892~", widen=1).lo < span("1892").lo - 360
    assert span("1892~", widen=1).hi > span("1892").hi + 360
    assert span("1892?", widen=1) == span("1892")  # uncertain is not approximate
    assert span("1920/..", widen=1).hi == edtf.OPEN_HI


def test_open_ends_can_collapse_for_drawing():
    assert span("1920/..", open_ends=False) == span("1920")
    assert span("../1924-03", open_ends=False) == span("1924-03")


@pytest.mark.parametrize("a, b, expected", [
    ("1924", "1924-03-05", True),          # the less precise contains the precise
    ("1924-03", "1924-05", False),
    ("192X", "1925-06", True),
    ("1920/1924", "1923", True),
    ("1920/1924", "1925", False),
    ("1920/..", "1990-01-01", True),
    ("1918-24", "1919-01-15", True),       # winter 1918 reaches into January 1919
    ("1918-24", "1918-06", False),
    ("1892~", "1893", False),
    ("soon", "1893", None),                # unknown: the caller decides
])
def test_overlaps(a, b, expected):
    assert overlaps(a, b) is expected and overlaps(b, a) is expected


def test_overlaps_with_widening_and_a_shift():
    assert overlaps("1892~", "1893", widen=1)
    assert not overlaps("1888-09-27", "1888-10-09")
    assert overlaps("1888-09-27", "1888-10-09", shift=12)  # the Old Style day, read 12 days on


def test_before_and_precision():
    assert before("1920", "1921-01-01") and not before("1920", "1920-12-31")
    assert not before("1920-03-01", "1920-03-10", margin=12)
    assert not before("soon", "1920")
    assert [precision(v) for v in ("1924-03-05", "1924-03", "1924", "192X", "1918-22",
                                   "1920/1924", "1924-03~")] == [3, 2, 1, 1, 1, 0, 2]
