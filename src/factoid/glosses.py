"""Inline link glosses: where a link's text ends and the linked article's opening begins.

Some flattened pages put, after each link, the first lines of the linked article on the same
line, cut off with "...". The link text is part of the sentence around it; the gloss speaks
of someone or something else. `split_link` finds the boundary from the shape of the line
alone (no word lists of names): an article's opening usually repeats its title, starts with
"The"/"A", or names its subject before a bracket or a copula ("is", "was").
"""
from __future__ import annotations

import re
from itertools import islice

MAX_LINK_WORDS = 6          # link texts longer than this are not seen in practice
MIN_GLOSS_CHARS = 40        # a shorter line ending in "..." is prose, not an article opening

_WORD = re.compile(r"\S+")
_CORE = re.compile(r"\w[\w'’\-]*")
_ARTICLES = frozenset(("The", "A", "An"))
_COPULAS = frozenset(("is", "was", "are", "were", "refers", "refer"))
_QUOTES = "'\"‘“«"
_CUT_ENDS = ("...", "…", " .")   # " ." where the cut fell just before a full stop
_ABBREVIATION = re.compile(r"(?:\w{1,3}\.)+")   # "St.", "D.C.": a full stop a link may end in


def looks_cut(text: str) -> bool:
    """Does this line end the way a truncated article opening ends?"""
    text = text.rstrip()
    return len(text) >= MIN_GLOSS_CHARS and text.endswith(_CUT_ENDS)


def _norm(word: str) -> str:
    """The word's letters, lower case: quotes, brackets and trailing punctuation dropped."""
    m = _CORE.search(word)
    return m.group(0).rstrip("'’-").lower() if m else ""


def _ends_clause(word: str) -> bool:
    """A link text does not end a clause: in "He came. He ..." no link ends at "came."."""
    return word[-1] in "!?;:" or (word[-1] == "." and not _ABBREVIATION.fullmatch(word))


def _starts_upper(word: str) -> bool:
    """Capitalised or numeric, possibly after opening quotes: how an article title begins."""
    body = word.lstrip(_QUOTES)
    return bool(body) and (body[0].isupper() or body[0].isdigit())


def _same(a: str, b: str) -> bool:
    """Equal words, allowing a plural ("Bolshevik" / "Bolsheviks") of a word of 4+ letters."""
    if len(a) > len(b):
        a, b = b, a
    return a == b or (len(a) >= 4 and len(b) - len(a) <= 2 and b.startswith(a))


def _limit(words: list[str]) -> int:
    """The largest word index the gloss may start at: it must start before the first
    bracket, copula or bare punctuation token, since those follow the article's title."""
    for i, w in enumerate(words[1:], 1):
        if w[0] in "([{" or _norm(w) in _COPULAS or not _CORE.search(w):
            return min(i - 1, MAX_LINK_WORDS)
        if "(" in w:        # "Russian(s)": the title itself carries the bracket
            return min(i, MAX_LINK_WORDS)
    return min(len(words) - 1, MAX_LINK_WORDS)


def _strong_start(norms: list[str], words: list[str], hi: int) -> int:
    """The first k where the gloss visibly restarts: it repeats the link's first word
    (possibly after an article), echoes the link's last words, or opens with an article."""
    for k in range(1, hi + 1):
        if not _starts_upper(words[k]) or _ends_clause(words[k - 1]):
            continue
        g = norms[k:k + 2 * k + 1]
        if _same(g[0], norms[0]) or (words[k] in _ARTICLES and len(g) > 1 and _same(g[1], norms[0])):
            return k
        if any(norms[j:k] == g[:k - j] for j in range(1, k)):
            return k        # "Second World War World War II": the gloss repeats the tail
        if words[k] in _ARTICLES:
            return k
    return 0


def _weak_start(text: str, spans: list[tuple[int, int]], words: list[str], hi: int) -> int:
    """No visible restart: prefer the longest link that the gloss names again later, as
    written ("... better known as X"), else the shortest link whose last word the gloss
    mentions, as written and then in any case ("Foreign Trade" / "International trade"),
    else the first capitalised word."""
    candidates = [k for k in range(1, hi + 1)
                  if _starts_upper(words[k]) and not _ends_clause(words[k - 1])]
    cores = [m.group(0).rstrip("'’-") if (m := _CORE.search(w)) else "" for w in words[:hi]]

    def mentioned(link: list[str], k: int, flags: int = 0) -> bool:
        pattern = r"(?<!\w)" + r"\W+".join(map(re.escape, link))
        return re.compile(pattern, flags).search(text, spans[k][0]) is not None

    for k in reversed(candidates):
        if all(cores[:k]) and mentioned(cores[:k], k):
            return k
    for flags in (0, re.IGNORECASE):
        for k in candidates:
            if len(cores[k - 1]) >= 3 and mentioned(cores[k - 1:k], k, flags):
                return k
    return candidates[0] if candidates else 0


def split_link(text: str) -> tuple[int, bool] | None:
    """(offset in `text` where the gloss starts, strong?) or None when no boundary is found.
    Strong means the gloss visibly restarts; weak splits are trusted only on pages that
    show strong ones too (the caller decides)."""
    spans = [m.span() for m in islice(_WORD.finditer(text), 3 * MAX_LINK_WORDS + 2)]
    if len(spans) < 3:
        return None
    words = [text[a:b] for a, b in spans]
    norms = [_norm(w) for w in words]
    if not norms[0]:
        return None
    hi = _limit(words)
    if hi < 1:
        return None
    k = _strong_start(norms, words, hi)
    if k:
        return spans[k][0], True
    k = _weak_start(text, spans, words, hi)
    return (spans[k][0], False) if k else None
