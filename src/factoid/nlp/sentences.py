"""Sentence boundaries by rule: fast, deterministic, and aware of the abbreviations of
biographical prose (initials, "St.", "Gen.", "c.", "O.S.") that a plain full-stop rule splits."""
from __future__ import annotations

import re

from ..model import Sentence

# words that end with a full stop without ending a sentence
ABBREVIATIONS = {
    "st", "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "maj", "sgt", "adm", "gov",
    "sen", "rep", "rev", "fr", "jr", "sr", "vs", "v", "c", "ca", "cf", "b", "d", "fl",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "os", "ns", "o.s", "n.s", "e.g", "i.e", "approx", "vol", "pp", "p", "ed", "eds", "univ", "dept",
    "mt", "ft", "inc", "ltd", "co", "corp", "u.s", "u.k", "ussr",
}
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n""")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` as clean-text offsets, stripped of surrounding whitespace."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n" and _is_abbreviation(text, match.start() + 1):
            continue
        _add(sentences, text, start, end)
        start = end
    _add(sentences, text, start, len(text))
    return sentences


def _is_abbreviation(text: str, dot_end: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, dot_end - 12), dot_end)
    if not word:
        return False
    token = word.group(1).lower()
    # a single capital letter is an initial ("V. I. Lenin"); a known abbreviation never ends a sentence
    return token in ABBREVIATIONS or (len(token) == 1 and text[dot_end - 2].isupper())


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))
