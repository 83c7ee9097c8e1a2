"""Elected seats: a lost election ends the seat a person held, a re-election opens it again.
"He lost the election of 1889", "defeated at the election of 1898", "a position that lost him
the election of 1898", "He was reelected in 1902": none of them names the seat, which is the
last elected seat the text gave the same person before ("elected to the Chamber of Deputies in
1885"). Without such a seat nothing is said."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Document, Mention
from .grammar import Event, Occurrence, holder_before, within

_ELECTION = r"(?:the\s+)?(?:(?:general|legislative|parliamentary|national)\s+)?elections?"
# the seat lost, and where the year is: "lost the election of 1889", "was defeated at the
# election of 1898", "lost him the election of 1898", "lost his seat in 1906"
_LOST = re.compile(rf"\b(?:lost(?:\s+(?:him|her))?\s+(?:{_ELECTION}|(?:his|her)\s+seat)|(?:was\s+)?(?:defeated|beaten)\s+"
                   rf"(?:at|in)\s+{_ELECTION})\s*(?:(?:of|in|at)\s+)?(?:{_ELECTION}\s+(?:of|in)\s+)?", re.I)
_WON_AGAIN = re.compile(r"\b(?:was\s+)?(?:re-?elected|returned\s+to\s+(?:office|the\s+(?:chamber|parliament|house|"
                        r"duma|assembly)))\b(?!\s+(?:as|to\s+the\s+[A-Z]))", re.I)
_SEAT = re.compile(r"\b(?:[Dd]eput(?:y|ies)|[Ss]enator|[Mm]ember\s+of\s+(?:the\s+)?[Pp]arliament|[Cc]hamber|[Dd]uma|"
                   r"[Pp]arliament|[Ss]enate|[Rr]eichstag|[Ss]ejm|[Aa]ssembly|[Cc]ongress(?:man|woman)?)\b")


def seat_events(doc: Document, occurrences: list[Occurrence], dates: list[Mention], events: list[Event]) -> list[Event]:
    text = doc.clean
    seats = sorted((e for e in events if e.property == "position" and e.object and _SEAT.search(e.object[2])),
                   key=lambda e: e.start)
    if not seats:
        return []
    starts = [d.start for d in dates]
    out = []
    for sent in doc.sentences:
        occ = within(occurrences, sent.start, sent.end)
        for pattern, timing in ((_LOST, "end"), (_WON_AGAIN, "start")):
            for m in pattern.finditer(text, sent.start, sent.end):
                holder = holder_before(occ, text, sent.start, m.start()) or next(
                    (o for o in occ if o.pronoun and m.start() <= o.start < m.end()), None)
                i = bisect_left(starts, m.end() if timing == "end" else m.start())
                date = dates[i] if i < len(dates) and dates[i].start < sent.end and dates[i].start - m.end() <= 12 \
                    else None
                if timing == "start" and date is None:
                    date = next((d for d in reversed(dates[:i]) if d.start >= sent.start), None)
                if holder is None or date is None or date.date is None:
                    continue
                seat = next((e for e in reversed(seats) if e.start < m.start() and _same(e.holder, holder)), None)
                if seat is None:
                    continue
                begin, until = (date, None) if timing == "start" else (None, date)
                out.append(Event("position", holder, None, (), min(m.start(), date.start), max(m.end(), date.end),
                                 "seat." + timing, 0.6, object=seat.object, begin=begin, until=until))
    return out


def _same(a: Occurrence | None, b: Occurrence) -> bool:
    return (a.key if a else "") == b.key
