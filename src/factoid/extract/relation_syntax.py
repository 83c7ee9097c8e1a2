"""Dependency features of the relation classifier (relation_features.py): which word governs a
mention and how, and the syntactic path between a subject and a value. In a sentence that
names several people, the words between a pair say little about which person a value
belongs to; the parse does ("X, whose father Y was born in Z": Z hangs from Y's verb).

The nlp stage parses passages only (nlp/syntax.py); a sentence without a parse (a document's
lead) yields "no parse" features, and the model is trained on both (training/train_relations.py).
"""
from __future__ import annotations

from bisect import bisect_left

_DIGIT = str.maketrans("0123456789", "0000000000")
_MENTION = frozenset({"person", "org", "place", "group", "cap", "native", "date"})
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
_RELATIVE = frozenset({"who", "that", "which"})
MAX_PATH = 5   # longer paths are counted, not spelled out: they are rare and rarely relations


class Parse:
    """A parsed sentence seen through the classifier's units: each token's word (a mention's
    tokens stand as "<kind>", so that paths generalise over names), head and label, and the
    anchor token of each unit (the token of its span whose head lies outside the span)."""

    __slots__ = ("words", "heads", "deps", "anchor", "_chains", "_subject_of", "owner")

    def __init__(self, text: str, tokens, units) -> None:
        self.words = [text[t.start:t.end].lower().translate(_DIGIT) for t in tokens]
        self.heads = [t.head for t in tokens]
        self.deps = [t.dep for t in tokens]
        self.anchor: dict[int, int] = {}
        self._chains: dict[int, list[int]] = {}
        self.owner: dict[int, int] = {}   # token -> the unit it belongs to
        self._subject_of: dict[int, int] = {}   # head token -> its (first) subject token
        for k, (head, dep) in enumerate(zip(self.heads, self.deps)):
            if dep in _SUBJECT and head != k:
                self._subject_of.setdefault(head, k)
        starts = [t.start for t in tokens]
        for u in units:
            k = max(0, bisect_left(starts, u.start) - 1)
            inside = []
            while k < len(tokens) and tokens[k].start < u.end:
                if tokens[k].end > u.start:
                    inside.append(k)
                k += 1
            if not inside:
                continue
            self.anchor[u.index] = next((k for k in inside if self.heads[k] not in inside or self.heads[k] == k),
                                        inside[-1])
            for k in inside:
                self.owner[k] = u.index
                if u.kind in _MENTION:
                    self.words[k] = "<" + u.kind + ">"

    def chain(self, k: int) -> list[int]:
        """Token k and its heads up to the root."""
        found = self._chains.get(k)
        if found is None:
            found, seen = [k], {k}
            while self.heads[found[-1]] not in seen and len(found) < 60:
                found.append(self.heads[found[-1]])
                seen.add(found[-1])
            self._chains[k] = found
        return found

    def clause_subject(self, k: int) -> tuple[int, ...]:
        """The subject of the nearest clause above token k (k's own clause when k is not its
        subject): whom a value's clause speaks of. A relative clause's "who" also stands for
        the noun the clause hangs from ("X, who was born in Y": who and X)."""
        for t in self.chain(k)[1:]:
            found = self._subject_of.get(t)
            if found is not None and found != k:
                if self.words[found] in _RELATIVE and self.deps[t] == "relcl" and self.heads[t] != t:
                    return found, self.heads[t]
                return (found,)
        return ()

    def governor(self, k: int) -> tuple[str, str]:
        """(label, head word) of token k; the root governs itself."""
        head = self.heads[k]
        return self.deps[k], ("^" if head == k else self.words[head])


def unit_features(parse: Parse | None, unit, tag: str, kind: str) -> list[tuple]:
    """How a unit is governed, one and two steps up ("nsubj married", "pobj in prep born")."""
    if parse is None or unit.index not in parse.anchor:
        return [(tag + "gov", kind, "none")]
    k = parse.anchor[unit.index]
    dep, head = parse.governor(k)
    out = [(tag + "gov", kind, dep, head), (tag + "dep", kind, dep)]
    up = parse.heads[k]
    if up != k:
        dep2, head2 = parse.governor(up)
        out.append((tag + "gov2", kind, dep, head, dep2, head2))
    return out


def link_features(parse: Parse | None, subj, value, kind: str) -> list[tuple]:
    """The path from the subject up to the nearest common head and down to the value: its
    labels, its words, the common head itself and its length."""
    if parse is None or subj.index not in parse.anchor or value.index not in parse.anchor:
        return [("dp", kind, "none")]
    a, b = parse.anchor[subj.index], parse.anchor[value.index]
    if a == b:
        return [("dp", kind, "same")]   # one token holds both ("Smith-Jones" as two names)
    up_a, up_b = parse.chain(a), parse.chain(b)
    where = {t: i for i, t in enumerate(up_b)}
    ia = next((i for i, t in enumerate(up_a) if t in where), None)
    if ia is None:
        return [("dp", kind, "apart")]   # the parser split the sentence in two
    top = up_a[ia]
    ib = where[top]
    deps, words = parse.deps, parse.words
    labels = [deps[t] + "^" for t in up_a[:ia]] + [deps[t] + "v" for t in reversed(up_b[:ib])]
    top_word = "=s" if top == a else "=v" if top == b else words[top]
    # is the subject the one the value's clause speaks of, or someone else?
    c = parse.clause_subject(b)
    who = ("none" if not c else "self" if any(parse.owner.get(t) == subj.index for t in c)
           else "other" if any(t in parse.owner for t in c) else "word")
    out = [("dclause", kind, who), ("dclausep", kind, who, subj.kind),
           ("dlen", kind, str(min(len(labels), MAX_PATH + 1))), ("dtop", kind, top_word)]
    if len(labels) <= MAX_PATH:
        out.append(("dp", kind, " ".join(labels)))
        inner = [words[t] for t in up_a[1:ia]] + [top_word] + [words[t] for t in reversed(up_b[1:ib])]
        out.append(("dpw", kind, " ".join(labels), " ".join(inner)))
        out.append(("dtopl", kind, top_word, labels[0], labels[-1]))
    else:
        out.append(("dp", kind, "long"))
    return out
