"""The words a pattern cannot match without. The rules scan every sentence with a dozen patterns
each, and most documents hold none of most patterns' words: a pattern with none of its words
anywhere in a document has no match in any of its sentences, so the rule skips it there
(roles.py, events.py, kinship.py, life.py). The words are read off the compiled
pattern itself, so they follow the pattern when it changes."""
from __future__ import annotations

import re
from functools import lru_cache

try:  # CPython's own reader of patterns, the one `re` compiles with
    from re import _constants as _op, _parser
except ImportError:  # another Python: no pattern is skipped
    _parser = None

_SPELLINGS = 32  # a run of letters with classes in it ("[Bb]orn"): at most this many spellings


def may_match(pattern: re.Pattern, text: str) -> bool:
    """False only when `pattern` can match nowhere in `text` (nor in any window of it)."""
    return has_words(needed(pattern), text)


def has_words(needs: tuple[frozenset[str], ...], text: str) -> bool:
    """Does `text` hold a word of each set? (needed()'s sets, kept by the caller: looking a
    pattern up hashes its whole compiled code, which cost more than the check)"""
    for words in needs:
        for word in words:
            if word in text:
                break
        else:
            return False
    return True


@lru_cache(maxsize=None)
def needed(pattern: re.Pattern) -> tuple[frozenset[str], ...]:
    """Sets of strings, every match of `pattern` containing one string of each set (the most
    telling sets, at most _KEPT); none where nothing can be said."""
    if _parser is None or not isinstance(pattern.pattern, str) or pattern.flags & re.LOCALE:
        return ()
    try:
        found = _sequence(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE))
    except Exception:  # a construct this Python's reader spells otherwise: no skipping
        return ()
    return tuple(sorted(found, key=_telling, reverse=True)[:_KEPT])


_KEPT = 3


def _sequence(items, fold: bool) -> list[frozenset[str]]:
    """Items matched one after another: each item's sets hold for the whole; a run of literal
    characters is one item (all its spellings, where it has classes: "[Bb]orn")."""
    found, run = [], {""}
    for op, av in items:
        chars = _one_of(op, av, fold)
        if chars is None:
            found += _words(run) + _item(op, av, fold)
            run = {""}
            continue
        if len(run) * len(chars) > _SPELLINGS:
            found += _words(run)
            run = {""}
        run = {s + c for s in run for c in chars}
    return found + _words(run)


# letters that `re` ignoring case matches with more than their two ASCII cases: "i" with the
# Turkish dotted and dotless i, "k" with the Kelvin sign, "s" with the long s
_FOLDS_WIDER = set("iksIKS")


def _one_of(op, av, fold: bool) -> tuple[str, ...] | None:
    """The characters a one-character item matches, where they are few; else None."""
    if op == _op.LITERAL:
        char = chr(av)
        if not fold or not char.isalpha() and char.isascii():
            return (char,)
        if char.isascii() and char not in _FOLDS_WIDER:
            return char.lower(), char.upper()
        return None
    if op == _op.IN and not fold and all(o == _op.LITERAL for o, _ in av):
        return tuple(chr(c) for _, c in av)
    return None


def _item(op, av, fold: bool) -> list[frozenset[str]]:
    if op == _op.SUBPATTERN:  # (group, flags added, flags removed, content)
        return _sequence(av[3], (fold or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE)
    if op == _op.ATOMIC_GROUP:
        return _sequence(av, fold)
    if op == _op.BRANCH:  # one alternative matched: the union of each one's most telling set
        best = [max(_sequence(alt, fold), key=_telling, default=None) for alt in av[1]]
        return [] if None in best else [frozenset().union(*best)]
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):  # (least, most, content)
        return _sequence(av[2], fold) if av[0] >= 1 else []
    return []  # boundaries, lookarounds, classes, any character: they promise no word


def _words(run: set[str]) -> list[frozenset[str]]:
    return [] if "" in run else [frozenset(run)]


def _telling(words: frozenset[str]) -> tuple[int, int]:
    """How rarely a set's words are all absent: the longer its shortest word, the fewer words."""
    return min(map(len, words)), -len(words)
