"""A few thousand fuzzed inputs on every test run (`make fuzz` runs 10^6): no exception, no
offset-map violation in the cleaner, no text read back wrong. Time per input is a benchmark
figure (`make fuzz` counts inputs over 100 ms), not asserted here: a busy machine would fail it."""
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import fuzz  # noqa: E402


def test_fuzz_every_target():
    tally = fuzz.run(2000, seed=15)
    assert tally.inputs == 2000
    assert (tally.exceptions, tally.violations) == (0, 0), tally.examples


PIECES = st.sampled_from(fuzz.WORDS + fuzz.CYRILLIC + fuzz.GERMAN + fuzz.CHROME + fuzz.QUOTES
                         + fuzz.SEPARATORS + ("&amp;", "\ufffd", "Born | 3 March 1901", "[x](http://a.b/c)"))


@st.composite
def raw_texts(draw):
    parts = draw(st.lists(st.one_of(PIECES, st.text(max_size=8),
                                    st.builds(fuzz._mojibake, PIECES, st.sampled_from((1, 2)))), max_size=30))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_texts())
def test_clean_spans_map_back_to_their_raw_characters(raw):
    assert fuzz.offset_violations(raw) == []


def test_double_encoded_quotes_keep_the_words_in_place():
    raw = fuzz._mojibake("\u201cThe", 2) + " end" + fuzz._mojibake("\u201d", 2) + " was near.\n"
    doc = fuzz.clean(fuzz.Document(id="q", uri="q", raw=raw))
    t = doc.clean.index("The")
    assert raw[doc.offsets[t]:doc.offsets[t] + 3] == "The"
    assert fuzz.offset_violations(raw) == []
