"""One parsed sentence as a tree the event frames walk: children, words, and where its date
and range mentions hang."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..model import Mention
from .frame_table import CLAUSE_LABELS


class ParseTree:
    """One parsed sentence: children, words and the date and range mentions on its tokens."""

    def __init__(self, text: str, sent, dates: list[Mention], ranges):
        self.text = text
        self.tokens = _verbs_unhung_from_years(text, sent.tokens)
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, t in enumerate(self.tokens):
            if t.head != i:
                self.children[t.head].append(i)
        self.starts = [t.start for t in self.tokens]
        self.dates = [d for d in dates if sent.start <= d.start < sent.end]
        self.ranges = [r for r in ranges if sent.start <= r[0].start < sent.end]
        # a chronology's line parsed after its date ("1914 – Arrested ...": nlp/syntax.py): that
        # date, or range, is the time of every event the line gives no time of its own
        first = self.tokens[0].start if self.tokens else sent.start
        self.head_time = next(((None, r[1], r[2]) for r in self.ranges if r[0].start == sent.start and r[0].end <= first),
                              None) if first > sent.start else None
        if first > sent.start and self.head_time is None:
            self.head_time = next(((d, None, None) for d in self.dates if d.start == sent.start and d.end <= first),
                                  None)
        self.dates = [d for d in self.dates if d.start >= first]
        self.ranges = [r for r in self.ranges if r[0].start >= first]

    def word(self, i: int) -> str:
        t = self.tokens[i]
        return self.text[t.start:t.end]

    def dep(self, i: int) -> str:
        return self.tokens[i].dep

    def kids(self, i: int, *labels: str) -> list[int]:
        return [c for c in self.children[i] if not labels or self.tokens[c].dep in labels]

    def span_tokens(self, start: int, end: int) -> list[int]:
        return list(range(bisect_right(self.starts, start - 1) - (1 if self._inside(start) else 0),
                          bisect_left(self.starts, end)))

    def _inside(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.tokens[i].start < pos < self.tokens[i].end

    def attachment(self, start: int, end: int) -> int | None:
        """The token of a mention whose head lies outside it: where it hangs in the tree."""
        inside = set(self.span_tokens(start, end))
        for i in inside:
            if self.tokens[i].head not in inside or self.tokens[i].head == i:
                return i
        return None

    def clause(self, root: int, stop: set[int]) -> set[int]:
        """The tokens of `root`'s own clause: its subtree less nested clauses, coordinated
        verbs and other triggers (`stop`), each of which speaks of its own event."""
        out, todo = {root}, [root]
        while todo:
            i = todo.pop()
            for c in self.children[i]:
                if c in stop or self.tokens[c].dep in CLAUSE_LABELS:
                    continue
                out.add(c)
                todo.append(c)
        return out

    def subtree(self, root: int) -> set[int]:
        out, todo = {root}, [root]
        while todo:
            for c in self.children[todo.pop()]:
                out.add(c)
                todo.append(c)
        return out


def _verbs_unhung_from_years(text: str, tokens):
    """"was arrested in 1906 and exiled to Arkhangelsk": the parser may coordinate the second
    participle with the year; a year coordinates with no verb, so it goes to the verb above."""
    out = None
    for i, t in enumerate(tokens):
        head = tokens[t.head]
        if t.dep != "conj" or not text[head.start:head.end].isdigit() or not participle_like(text[t.start:t.end]):
            continue
        up = head.head
        while tokens[up].dep not in ("ROOT", "conj", "advcl", "ccomp", "xcomp", "relcl") and tokens[up].head != up:
            up = tokens[up].head
        if participle_like(text[tokens[up].start:tokens[up].end]):
            out = out or list(tokens)
            out[i] = replace(t, head=up)
    return tuple(out) if out else tokens


_LEADING = ("the ", "a ", "an ", "his ", "her ", "their ")
_PHRASE_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "aux"}  # (aux: "[to] ambassador", misparsed)


def mention_over(tree: ParseTree, i: int, mentions: list[Mention]):
    t = tree.tokens[i]
    for m in mentions:
        if m.start <= t.start and t.end <= m.end:
            return (m.start, m.end, m.text)
    return None


def proper_span(tree: ParseTree, i: int):
    """A capitalised name on token `i` and its compound words ("Nerchinsk katorga" excluded)."""
    if not tree.word(i)[:1].isupper():
        return None
    parts = [i] + [c for c in tree.kids(i, "compound") if tree.word(c)[:1].isupper()]
    s, e = min(tree.tokens[p].start for p in parts), max(tree.tokens[p].end for p in parts)
    return (s, e, tree.text[s:e])


def with_conjuncts(tree: ParseTree, heads: list[int]) -> list[int]:
    """"in Berlin, Paris, and Stockholm": each coordinated object."""
    out, todo = [], list(heads)
    while todo:
        h = todo.pop(0)
        out.append(h)
        todo += tree.kids(h, "conj")
    return out


_TRAILING_ADVERBS = frozenset({"there", "here", "then", "again", "also", "too", "later", "already", "still"})
_ENVOYS = frozenset({"ambassador", "envoy", "minister", "representative", "plenipotentiary", "consul",
                     "attaché", "attache", "emissary", "commissioner", "nuncio", "legate", "adviser", "advisor"})
_LEADING_ADVERBS = frozenset({"later", "then", "subsequently", "afterwards", "eventually", "also"})


def _inner_hyphen(tree: ParseTree, c: int) -> bool:
    """A hyphen inside a word ("Polish-French"), which the tokenizer split off: part of the phrase."""
    toks = tree.tokens
    return tree.word(c) in ("-", "‐", "‑") and 0 < c < len(toks) - 1 and \
        toks[c - 1].end == toks[c].start and toks[c].end == toks[c + 1].start


def phrase_at(tree: ParseTree, h: int):
    """The noun phrase headed by token `h`, without relative clauses, appositions, a trailing
    date or place, and without its leading article."""
    keep, todo = {h}, [h]
    while todo:
        i = todo.pop()
        for c in tree.children[i]:
            if tree.dep(c) in _PHRASE_CUT and not _inner_hyphen(tree, c) and not (
                    tree.dep(c) in ("cc", "conj") and c < h and i != h):
                continue  # (a coordinated modifier stays: "the history and philology faculty")
            if tree.dep(c) == "prep" and tree.word(c).lower() not in ("of", "for", "on") and not (
                    tree.word(c).lower() == "to" and tree.word(i).lower() in _ENVOYS):
                continue  # (but "ambassador to Sweden" is one office)
            if tree.dep(c) == "advmod" and c > i and tree.word(c).lower() in _TRAILING_ADVERBS:
                continue  # "a teacher there", "a member again": the noun without the adverb
            if tree.dep(c) == "advmod" and c < i == h and tree.word(c).lower() in _LEADING_ADVERBS:
                continue  # "... and later the Moscow Military District": a conjunct's time word
            keep.add(c)
            todo.append(c)
    first, last = min(keep), max(keep)
    # a phrase is contiguous: stop at the first gap
    while any(k not in keep for k in range(first, last + 1)):
        last = max(k for k in keep if k < next(k2 for k2 in range(first, last + 1) if k2 not in keep))
        keep = {k for k in keep if k <= last}
    s, e = tree.tokens[first].start, tree.tokens[last].end
    if tree.text.count("(", s, e) > tree.text.count(")", s, e) and tree.text.startswith(")", e):
        e += 1  # "the RCP(b)": the parser hung the closing bracket elsewhere
    phrase = tree.text[s:e]
    for lead in _LEADING:
        if phrase.lower().startswith(lead):
            s += len(lead)
            phrase = phrase[len(lead):]
            break
    if not phrase or len(phrase.split()) > 12 or phrase.lower() in ("a", "an", "the"):
        return None
    return (s, e, phrase)


# past participles without -ed that open a terse line ("Shot on 29 November 1937", "Sent to Tomsk")
_IRREGULAR_PARTICIPLES = frozenset({"shot", "sent", "held", "taken", "given", "brought", "caught", "thrown",
                                    "kept", "hung", "chosen", "driven", "beaten", "made", "taught", "led",
                                    "spent", "fled", "left", "fought", "won", "written", "become"})


def participle_like(word: str) -> bool:
    """Could the word be a past participle? (-ed, or one of the common irregular ones)"""
    word = word.lower()
    return word.endswith("ed") or word in _IRREGULAR_PARTICIPLES
