"""The candidate spans of the relation classifier (relation_features.py) that NER did not give:
a capitalised run it left out, a name in its own script, and whether a span NER gave another
kind is shaped like a person's name."""
from __future__ import annotations

import re
from dataclasses import dataclass

_PERSON_LIKE_ORG = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|do|dos|del|della|di|van|von|der|den|la|le|du|bin|al|y)\s+)?"
                              r"[A-Z][\w'’.-]*){0,3}")
_ORG_WORD = re.compile(r"\b(?:University|College|School|Institute|Company|Corporation|Inc|Ltd|LLC|Party|"
                       r"Committee|Council|Club|Association|Society|Bank|Church|Army|Navy|Ministry|"
                       r"Department|Group|Records|Press|Agency|Union|League|Academy|Museum|Foundation|"
                       r"Team|Hospital|Center|Centre|Court|House|Board|Office|Service|Services)\b")
# a capitalised run NER left out ("Jermaine is married to ...", "joined the Liberal Party"): a
# candidate of unknown kind, once the function words that open sentences are stripped from it
_CAP = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|da|del|della|di|van|von|der|den|la|le|du|bin|al|y|&)\s+)*"
                  r"[A-Z][\w'’.-]*)*")
_OPENERS = frozenset("""the a an in on at after before during from to with by for as of his her he she it its
their they them this that these those when while since until although though but and or i my we our you your
following born there then however also according later early while upon under over between among
within without because if although both each every all some many most no not one two three new afterwards
subsequently previously meanwhile thereafter today recently eventually finally currently prior""".split())


def person_like(text: str) -> bool:
    """A span shaped like a person's name: one to four capitalised words, not all capitals, no
    digits and no organisation word."""
    return (_PERSON_LIKE_ORG.fullmatch(text) is not None and not text.isupper()
            and not _ORG_WORD.search(text))


@dataclass(frozen=True)
class _Span:
    kind: str
    start: int
    end: int
    text: str


# "Ivan Petrov (Russian: Иван Петров; born ...)": the name in its own script, which the benchmark
# counts as one more mention of the subject: a run without Latin letters or digits after
# "(Language:" (or "; Language:"), or right after an opening parenthesis
_NATIVE = re.compile(r"(?:[(;,]\s*(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+\s*:\s*|\(\s*)"
                     r"([^\x00-\x40\x5b-\x60\x7b-\x7f;,()\[\]][^A-Za-z0-9;,()\[\]]*?)\s*(?=[;,)\[]|\s[A-Z][a-z]+\s*:)")


def native(text: str, start: int, end: int, mentions) -> list[_Span]:
    out = []
    for m in _NATIVE.finditer(text, start, end):
        s, e = m.span(1)
        if not any(x.start < e and s < x.end for x in mentions):
            out.append(_Span("native", s, e, m.group(1)))
    return out


def capitalised(text: str, start: int, end: int, mentions) -> list[_Span]:
    out = []
    for m in _CAP.finditer(text, start, end):
        s, e = m.span()
        if any(x.start < e and s < x.end for x in mentions):
            continue
        words = m.group().split()
        while words and words[0].lower().strip(".") in _OPENERS:
            s = text.index(words[0], s) + len(words[0])
            words.pop(0)
        if not words or (len(words) == 1 and s == start and words[0].endswith(("ing", "ly", "ed"))):
            continue   # "Having lived in ...", "Formerly a ...": an opening word, not a name
        s = text.index(words[0], s)
        out.append(_Span("cap", s, e, text[s:e]))
    return out
