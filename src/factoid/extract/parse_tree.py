"""One parsed sentence as a tree the event frames walk: children, words, and where its date
and range mentions hang."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..model import Mention
from .frame_table import CLAUSE_LABELS


class ParseTree:
    """One parsed sentence: children, words and the date and range mentions on its tokens."""

    def __init__(self, text: str, sent, dates: list[Mention], ranges):
        self.text = text
        self.tokens = sent.tokens
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, t in enumerate(self.tokens):
            if t.head != i:
                self.children[t.head].append(i)
        self.starts = [t.start for t in self.tokens]
        self.dates = [d for d in dates if sent.start <= d.start < sent.end]
        self.ranges = [r for r in ranges if sent.start <= r[0].start < sent.end]

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
