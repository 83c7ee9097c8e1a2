"""A source that reports disagreement itself: "According to some sources he graduated as a
doctor, but other sources state that he qualified only as a medical orderly." Each fact read
inside such a passage keeps the hedge ("according to some sources", "other sources state") as
its note, so a reader sees it and the judge can show the two readings as a reported conflict.
The passage is the sentence with the hedge, and the sentence after it when that one opens the
other side ("Other accounts give 1885.")."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..model import Document
from .grammar import Event

_WHO = r"(?:sources|accounts|authors|historians|biographers|scholars|researchers|records|documents|reports)"
# "according to some sources", "some accounts say", "other sources state", "others claim"
HEDGE = re.compile(rf"\b(?:according\s+to\s+(?:some|other|several|certain|many|most|one|another)\s+{_WHO}"
                   rf"|(?:some|other|several|certain)\s+{_WHO}(?:\s+\w+){{0,2}}\s+(?:say|says|state|states|claim|"
                   rf"claims|give|gives|report|reports|suggest|suggests|characteri[sz]e|describe|have\s+(?:it|him|her))"
                   rf"|according\s+to\s+others|others\s+(?:say|state|claim|give))\b", re.I)
_OTHER_SIDE = re.compile(rf"\b(?:other|another)\s+{_WHO}\b|\bothers\b", re.I)


def hedged(events: list[Event], doc: Document) -> list[Event]:
    """The events inside a passage that reports what sources disagree on, with the hedge as note."""
    text, sentences = doc.clean, doc.sentences
    if not sentences or HEDGE.search(text) is None:
        return events
    passages: list[tuple[int, int, tuple[int, int, str]]] = []
    for k, sent in enumerate(sentences):
        m = HEDGE.search(text, sent.start, sent.end)
        if m is None:
            continue
        end = sent.end
        if k + 1 < len(sentences) and _OTHER_SIDE.search(text, sentences[k + 1].start, sentences[k + 1].end) \
                and not _OTHER_SIDE.search(text, m.end(), sent.end):
            end = sentences[k + 1].end  # "Some sources say X. Others give Y."
        # the other side's own words, where it has them ("but other sources state that ...")
        sides = [(m.start(), m.end(), m.group())] + [(o.start(), o.end(), o.group()) for o in
                                                    _OTHER_SIDE.finditer(text, m.end(), end)]
        passages.append((sent.start, end, sides))
    starts = [p[0] for p in passages]
    out = []
    for e in events:
        i = bisect_right(starts, e.start) - 1
        if i >= 0 and e.start < passages[i][1] and e.note is None:
            side = [s for s in passages[i][2] if s[0] <= e.start] or passages[i][2]
            e = replace(e, note=side[-1])
        out.append(e)
    return out
