"""Our full-text query syntax, one for both backends, translated to SQLite FTS5 and to a
PostgreSQL tsquery.

    Kazan exile          both words (AND is accepted and means the same)
    "Old Style"          the words in this order
    Sokol*               a word starting so
    Kazan OR Tver        either side; OR binds looser than the words around it

A term is split into words at anything that is not a letter or digit, the way both engines
tokenise the indexed text, so "Sokol'nikov" is the phrase "sokol nikov" and no apostrophe,
colon or bracket ever reaches the engine's own syntax. The only malformed queries are an
unclosed quote and an OR with nothing on one side; they raise ValueError saying so."""
from __future__ import annotations

import re
from typing import NamedTuple

# a query matching more documents than this ranks only the most recently stored RANKED of them:
# ranking (bm25, ts_rank) reads every match it orders, so its cost would grow with the store
RANKED = 1000

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'"([^"]*)("?)|(\S+?)(?=\s|"|$)')


class Term(NamedTuple):
    words: tuple[str, ...]  # lower-cased letters and digits only; several: a phrase
    prefix: bool = False


Query = list[list[Term]]  # alternatives (OR) of conjunctions (AND) of terms


def parse(text: str) -> Query:
    """The query as alternatives of terms; an empty list when it holds no word at all."""
    alternatives: Query = [[]]
    pending_or = False
    for m in _TOKEN.finditer(text):
        quoted, closed, bare = m.groups()
        if quoted is not None:
            if not closed:
                raise ValueError('a phrase\'s closing quote (") is missing')
            words = tuple(w.casefold() for w in _WORD.findall(quoted))
            if words:
                alternatives[-1].append(Term(words))
                pending_or = False
            continue
        if bare == "OR":
            if not alternatives[-1] or pending_or:
                raise ValueError("OR needs words on both sides")
            alternatives.append([])
            pending_or = True
            continue
        if bare == "AND":
            continue
        prefix = bare.endswith("*")
        words = tuple(w.casefold() for w in _WORD.findall(bare))
        if words:
            alternatives[-1].append(Term(words, prefix))
            pending_or = False
    if pending_or:
        raise ValueError("OR needs words on both sides")
    return [alt for alt in alternatives if alt]


def to_fts5(query: Query) -> str:
    """FTS5 MATCH text: every term a quoted phrase (letters and digits only inside)."""
    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")
    return " OR ".join("(" + " AND ".join(term(t) for t in alt) + ")" for alt in query)


def to_tsquery(query: Query) -> str:
    """tsquery text for to_tsquery('simple', ...): a phrase's words joined by <->, a prefix
    as :*; the lexemes hold letters and digits only, so they need no escaping."""
    def term(t: Term) -> str:
        words = [f"'{w}'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"
    return " | ".join("(" + " & ".join(term(t) for t in alt) + ")" for alt in query)
