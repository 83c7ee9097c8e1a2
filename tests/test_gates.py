"""The words a pattern cannot match without (extract/gates.py): a rule skips a pattern in a
document that has none of them, so a wrong word would lose facts silently."""
import random
import re
from pathlib import Path

import pytest

from factoid.extract import aliases, events, gates, kinship, life, roles
from factoid.extract.gates import may_match, needed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# every pattern a rule gates, and a few it does not, read like any other
PATTERNS = ([r.pattern for r in roles.ROLES] + [t.pattern for t in events.TRIGGERS]
            + [kinship._POSSESSED, kinship._IS_KIN, kinship._CHILD_OF, kinship._KIN_OF, kinship._MARRIED,
               kinship._LIST_HEAD, life._UNTIL_DEATH, life._NATIVE, life._POSSESSIVE_DEATH, life._BORN,
               life._DIED, aliases._NATIVE, aliases.STATED, re.compile(r"(?i:birth\s+name|kiss|ok)\b"),
               re.compile(r"\bborn\b|name", re.I)])


def words(pattern):
    return [set(w) for w in needed(pattern)]


def test_literals_classes_and_alternatives():
    assert words(re.compile(r"\bborn\b")) == [{"born"}]
    assert words(re.compile(r"[Bb]orn")) == [{"Born", "born"}]
    assert words(re.compile(r"\b(?:arrested|exiled)\s+in")) == [{"arrested", "exiled"}, {"in"}]
    # the longest shortest word first: the rarest to be absent
    assert words(re.compile(r"\bas\s+(?:wife|husband)"))[0] == {"wife", "husband"}


def test_case_ignored():
    spellings = {"".join(c) for c in __import__("itertools").product("Bb", "Oo", "Rr", "Nn")}
    assert words(re.compile(r"born", re.I)) == [spellings]
    assert words(re.compile(r"(?i:born)|died")) == [spellings | {"died"}]
    assert words(re.compile(r"(?i:born)(?-i:X)")) == [spellings, {"X"}]
    # "i", "k" and "s" also match other letters when case is ignored (the dotless i, the Kelvin
    # sign, the long s): a run stops at them
    assert words(re.compile(r"(?i:kin)")) == [{"n", "N"}]
    assert words(re.compile(r"(?i:ab)(?i:k)")) == [{"ab", "Ab", "aB", "AB"}]
    assert re.search(r"(?i:kin)", "\u212aIN") and re.search(r"(?i:kas)", "ka\u017f")


def test_what_promises_no_word():
    assert needed(re.compile(r"(?:elder\s+)?son")) == (frozenset({"son"}),)  # optional: not needed
    assert needed(re.compile(r"(?:wife|)x")) == (frozenset({"x"}),)  # an empty alternative
    assert needed(re.compile(r"(?:born)?", re.I)) == ()
    assert needed(re.compile(r"\w+\s+\d+")) == ()
    assert needed(re.compile(r"(?:son)+ of")) == (frozenset({"son"}), frozenset({" of"}))
    assert may_match(re.compile(r"\w+"), "")  # nothing known: never skipped


def test_may_match_says_no_only_where_nothing_matches():
    assert not may_match(re.compile(r"\bexiled\s+to"), "He was arrested in 1905.")
    assert may_match(re.compile(r"\bexiled\s+to"), "He was exiled to Siberia.")
    assert may_match(re.compile(r"\bexiled\s+to"), "exiled in 1905, he went to Paris")  # words only: a yes too many


def _texts():
    """The examples, and random texts made of the patterns' own words, their near misses and
    punctuation: many hold some of a pattern's words and not others."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*")) if p.suffix in (".txt", ".md")]
    vocabulary = sorted({w for p in PATTERNS for ws in needed(p) for w in ws})
    vocabulary += ["was", "his", "her", "Ivan Orlov", "Orlov's", "the", "of", "in", "1905", "(", ")", ",", ".",
                   "Орлов", "to", "a", "member", "Party", "University", "died", "born", "b.", "d.", "where he lived",
                   "until his death", "native of", "real name", "known as"]
    vocabulary += [w.upper() for w in vocabulary] + [w.title() for w in vocabulary]
    # the letters that ignoring case matches beyond ASCII: dotted and dotless i, Kelvin sign, long s
    odd = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
    rng = random.Random(7)
    for _ in range(4000):
        text = " ".join(w[:-1] if rng.random() < 0.1 else w for w in rng.choices(vocabulary, k=rng.randint(1, 12)))
        if rng.random() < 0.3:
            text = "".join(rng.choice(odd[c.lower()]) if c.lower() in odd and rng.random() < 0.5 else c for c in text)
        texts.append(text)
    return texts


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_no_match_is_ever_skipped(pattern):
    for text in _TEXTS:
        if may_match(pattern, text):
            continue
        assert pattern.search(text) is None, (pattern.pattern, text)
        for cut in range(0, len(text), 7):  # windows, as the rules scan sentences
            assert pattern.search(text, cut, min(len(text), cut + 40)) is None, (pattern.pattern, text)


def test_without_the_reader_nothing_is_skipped(monkeypatch):
    monkeypatch.setattr(gates, "_parser", None)
    gates.needed.cache_clear()
    try:
        assert needed(re.compile(r"\bexiled\s+to")) == ()
        assert may_match(re.compile(r"\bexiled\s+to"), "nothing here")
    finally:
        monkeypatch.undo()
        gates.needed.cache_clear()


_TEXTS = _texts()
