"""Noun phrases after a verb: the office in "served as People's Commissar of Foreign Trade",
the body in "joined the underground Russian Social Democratic Labour Party (RSDLP)", the school
in "educated at a technical school in Tyumen"."""
from __future__ import annotations

import re

# words that end a noun phrase: the clause goes on after them
_STOP = {"and", "but", "from", "until", "till", "where", "which", "who", "whom", "whose", "when", "after",
         "before", "because", "while", "during", "between", "since", "with", "by", "although", "though",
         "as", "that", "then", "so", "if", "or", "to", "for", "in", "on", "at", "under", "into", "was",
         "were", "is", "had", "has", "he", "she", "they", "his", "her", "their", "its", "being", "also",
         "until", "whereupon", "following", "founded", "led", "organised", "organized", "based", "known",
         "called", "named", "headed", "run", "created", "formed", "located", "situated", "established",
         "twice", "thrice", "again", "once"}  # ("elected to the Duma twice": how often, not the body)
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"}
# ... except these, which go on inside a name when a capitalised word follows
_JOINERS = {"of", "to", "for", "and", "in", "on", "at", "de"}
_DETERMINERS = re.compile(r"(?:the|a|an|its|his|her|their)\s+", re.I)
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]\"“”]+|[,.;:!?()\[\]\"“”]")
_YEAR = re.compile(r"\d{3,4}s?$")
_NAME_ABBREVIATIONS = {"St", "Ste", "Mt", "Ft", "Sv"}


def noun_phrase(text: str, pos: int, limit: int, max_words: int = 10) -> tuple[int, int, str] | None:
    """The phrase starting at `pos` (after optional determiners), up to a clause boundary."""
    while pos < limit and text[pos].isspace():
        pos += 1
    det = _DETERMINERS.match(text, pos, limit)
    if det:
        pos = det.end()
    tokens = list(_TOKEN.finditer(text, pos, limit))
    words: list[re.Match] = []
    for i, tok in enumerate(tokens[: max_words * 2]):
        word = tok.group()
        nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if word == "." and words and words[-1].group() in _NAME_ABBREVIATIONS and nxt[:1].isupper():
            words.append(tok)  # "St. Petersburg", "Mt. Athos": the dot of a name goes on
            continue
        if not word[0].isalnum() and word not in "'’":
            if word == "(" and words:
                break  # a parenthesis after a name is an aside ("Party (RSDLP)")
            break
        low = word.lower()
        if low in _JOINERS and words and nxt[:1].isupper() and not _YEAR.match(nxt) and nxt not in _MONTHS:
            words.append(tok)
            continue
        if (low in _STOP or _YEAR.match(word)) and words:
            break
        if low in _STOP:
            return None
        words.append(tok)
        if len(words) >= max_words:
            break
    while words and (words[-1].group().lower() in _JOINERS | _STOP | {"the", "a", "an"}):
        words.pop()
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    return start, end, text[start:end]


def capitalised(phrase: str) -> bool:
    return any(w[:1].isupper() for w in phrase.split())
