"""Where a person worked or studied, when the place is written into the workplace itself:
"the Kondratov factory in Vacha", "the university of Toulouse", "the lycée of Albi", or right
after it: "in Sormovo factories in Nizhny Novgorod". The object keeps its words; the place is
also given its own field, so that a reader can ask where, not only what."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..model import Mention
from .grammar import Event

PROPERTIES = {"employment", "education"}
# the words that join a workplace to its town inside one noun phrase
_JOIN = re.compile(r"(?:\b(?:in|of|at|near)|,)\s*(?:the\s+)?$")
_AFTER = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:in|at|near)[ \t]+(?:the[ \t]+)?")


def locate_workplaces(events: list[Event], places: list[Mention], text: str) -> list[Event]:
    """Events of PROPERTIES with an object and no place get the place mention that ends their
    object's noun phrase or follows it at once."""
    starts = [p.start for p in places]
    out = []
    for e in events:
        if e.property in PROPERTIES and e.object and not e.places:
            place = _place_in(e.object, places, starts, text)
            if place is not None:
                e = replace(e, places=((place.start, place.end, place.text),), end=max(e.end, place.end))
        out.append(e)
    return out


def _place_in(obj: tuple[int, int, str], places: list[Mention], starts: list[int], text: str) -> Mention | None:
    o_start, o_end, _ = obj
    i = bisect_left(starts, o_start + 1)
    while i < len(places) and places[i].start <= o_end + 12:
        p = places[i]
        i += 1
        if p.text.lower().startswith("the "):
            continue  # "the Leipzig Conservatory": an institution NER took for a place
        if p.start < o_end:
            if p.end <= o_end + 1 and _JOIN.search(text, o_start, p.start):
                return p
        elif _AFTER.fullmatch(text, o_end, p.start):
            return p
    return None
