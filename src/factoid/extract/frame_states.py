"""What a prison term or an exile's clause says beside its place: the land an exile is named
by ("Siberian exile"), the term's own time set after it ("in Vyborg prison, 1908-1911"), how
long it lasted ("received a year in ...") and a release's distance from its start ("released
2 years later"), kept as the fact's note."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..model import Date, Mention
from .frame_table import Frame
from .parse_tree import ParseTree


def time_beside(tree: ParseTree, pos: int):
    """A date or span set right after `pos` by a comma ("in Schlusselburg prison, 1912-1915")."""
    for whole, first, second in tree.ranges:
        if pos <= whole.start and re.fullmatch(r"\s*,\s*", tree.text[pos:whole.start]):
            return None, first, second
    for d in tree.dates:
        if d.date is not None and pos <= d.start and re.fullmatch(r"\s*,\s*", tree.text[pos:d.start]):
            return d, None, None
    return None


def exile_region(obj: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """"Siberian exile" -> Siberia, "Narym exile" -> Narym: the land an exile is named by."""
    m = re.match(r"([A-Z][a-z]+)\s+exile\b", obj[2])
    if m is None:
        return None
    word = m.group(1)
    name = word[:-1] if word.endswith("ian") else word  # Siberian -> Siberia, Yakutian -> Yakutia
    return (obj[0], obj[0] + len(word), name)


_LENGTH = re.compile(r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                     r"\d{1,2})(?:\s+and\s+a\s+half)?\s+(?:years?|months?)$", re.I)


_LATER = re.compile(r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:years?|months?)\s+later",
                    re.I)


def term_of(tree: ParseTree, i: int, frame: Frame, until: Mention | None):
    """"received a year in Blackwell Island Prison": how long a prison or exile lasted; "released
    two years later": the release's distance from the term's start, kept as written."""
    if frame.property not in ("imprisonment", "exile"):
        return None
    if until is not None and _LATER.match(until.text):
        return (until.start, until.end, until.text)
    for d in tree.kids(i, "dobj"):
        span = tree.subtree(d)
        s, e = tree.tokens[min(span)].start, tree.tokens[max(span)].end
        if _LENGTH.fullmatch(tree.text[s:e]):
            return (s, e, tree.text[s:e])
    return None


_YEARS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def held_for(tree: ParseTree, i: int, time) -> tuple[Mention | None, Mention | None]:
    """(start, end) of an office opened at `time` (date, begin, until) and held "for 40 years":
    the end is the start's year plus the length, approximate ("1921~": a year's arithmetic)."""
    date, begin, _ = time
    start = begin or date
    if start is None or start.date is None or start.date.year is None:
        return None, None
    for p in tree.kids(i, "prep"):
        if tree.word(p).lower() != "for":
            continue
        for o in tree.kids(p, "pobj"):
            if tree.word(o).lower() not in ("years", "year"):
                continue
            counts = [k for k in tree.kids(o, "nummod")]
            word = tree.word(counts[0]).lower() if counts else ""
            n = int(word) if word.isdigit() else _YEARS.get(word)
            if n:
                s, e = tree.tokens[p].start, tree.tokens[o].end
                return start, Mention("date", s, e, tree.text[s:e], Date(f"{start.date.year + n}~", tree.text[s:e]))
    return start, None


# "..., a post he held until 1924", ", a position which she kept until her death"
_HELD_UNTIL = re.compile(r"[^.;]{0,40}?,\s+(?:a|the)\s+(?:post|position|office|role|job|seat|title)\s+"
                         r"(?:(?:that|which)\s+)?(?:he|she|they)\s+(?:held|kept|retained|occupied|filled)"
                         r"(?:\s+\w+){0,2}?\s+(?:until|till|through|to)\s+(?:(?P<death>(?:his|her)\s+death)|"
                         r"(?:his|her)\s+(?:retirement|resignation|dismissal|removal|arrest|exile|emigration)"
                         r"\s+(?:in|on)\s+)?")  # ("until her retirement in 1936": the date that follows)


def held_until(events: list, text: str, dates: list) -> list:
    """An office's end written after it as "a post he held until 1924" (or "until his death")."""
    if "held" not in text and "kept" not in text and "retained" not in text and "occupied" not in text:
        return events
    starts = [d.start for d in dates]
    out = []
    for e in events:
        if e.property == "position" and e.until is None and not e.until_death and e.object and \
                (m := _HELD_UNTIL.match(text, max(e.end, e.object[1]))):
            if m.group("death"):
                e = replace(e, until_death=True)
            else:
                i = bisect_left(starts, m.end())
                if i < len(dates) and dates[i].start == m.end() and dates[i].date:
                    e = replace(e, until=dates[i], end=max(e.end, dates[i].end))
        out.append(e)
    return out
