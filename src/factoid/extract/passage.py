"""What passage mode (`factoid extract`, the KnowledgeNet benchmark's contract) reports beside
what a knowledge base keeps: the same factoids, but an employer or a school is a named body
there. A document keeps "was a Norwegian chemist" as employment and "studied law" as
education (the web gold counts trades as employment); a passage's employer and school
properties name organisations, so a value written all in lower case ("chemist", "law")
is no answer to them, while a referring word ("where", "its") still stands for one.

A party is never a demonym alone ("British"). A value that ends in a preposition or a conjunction was cut off mid-phrase and is not reported.

The benchmark also states a fact once per name of its value: a name's short or original form
in parentheses right after it ("the Workers' Party (PT)", "Brigham Young University (BYU)") is
reported as a value of the same fact."""
from __future__ import annotations

import re

from .learned import REFERRING
from .nationality import DEMONYMS

NAMED_BODIES = frozenset({"employment", "membership", "education"})
# "(BJP)", "(PT – Partido dos Trabalhadores)", "(West Point)": one to three capitalised words
# that open the parenthesis and end at its close or at a separator inside it (a phrase such as
# "(President and CEO)" or "(now part of X)" is no name, nor a label before a colon:
# "(Danish: ...)", "(Nasdaq: ...)")
_BRACKETED = re.compile(r"[ \t]*\([ \t]*([A-Z][\w'’.&-]+(?:[ \t][A-Z][\w'’.&-]*){0,2})[ \t]*[),;–—]")


# a value that ends in one of these was cut off mid-phrase ("Professor of Latin at", "the
# University of Graz under"): it names nothing whole
_OPEN_ENDS = frozenset("of at in on under for from with by to and or the a an".split())


def reported(property: str, value: str) -> bool:
    """Whether passage mode reports a factoid's value for `property`."""
    words = value.split()
    if len(words) > 1 and words[-1] in _OPEN_ENDS:
        return False
    if property == "party":
        # "a British Labour Party politician": the demonym alone is the nationality, no party
        return not all(w.lower() in DEMONYMS for w in value.replace("-", " ").split())
    if property not in NAMED_BODIES:
        return True
    # a script without case (CJK, Arabic) is no trade word: lower() == upper() there
    return value != value.lower() or value == value.upper() or value.lower() in REFERRING | {"itself"}


def short_form(text: str, end: int) -> tuple[int, int] | None:
    """The span of the name in parentheses right after a value that ends at `end`, if any."""
    found = _BRACKETED.match(text, end)
    return found.span(1) if found else None
