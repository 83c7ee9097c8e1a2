"""Kin in Russian text: a kin word and the name right after it ("жена — Анна Ларина", "с
годовалой дочкой Тамарой", "сын – Юрий Николаевич Ларин"), and the parents of "родился в семье
провизора Менделя Якира и его жены Хаи Меерзон". The kinsman is named in the dictionary form
the NLP stage gave (`Mention.normal`); `others` are the names that are not the subject's, so
the subject's own name after a kin word ("сын Якира": whose son) is never taken for the kinsman."""
from __future__ import annotations

import re

from ..model import Mention

# every case of the kin words (nominative, genitive, dative, accusative, instrumental)
KIN = {
    **dict.fromkeys("сын сына сыну сыном дочь дочери дочерью дочка дочки дочкой дочку".split(), "child"),
    **dict.fromkeys("жена жены жене жену женой муж мужа мужу мужем супруга супруги супругой супруг "
                    "супругом".split(), "spouse"),
    **dict.fromkeys("отец отца отцу отцом мать матери матерью".split(), "parent"),
    **dict.fromkeys("брат брата брату братом сестра сестры сестре сестру сестрой".split(), "sibling"),
}
_KIN_WORD = re.compile(r"(?<![а-яёА-ЯЁ])(?P<kin>" + "|".join(sorted(KIN, key=len, reverse=True)) + r")(?![а-яё])",
                       re.I)
# between the kin word and the name: a dash or colon, and at most two lower-case words ("годовалой")
_GAP = re.compile(r"\s*[—–:-]?\s*(?:[а-яё]+\s+){0,2}")
# "в семье провизора Менделя Якира": the family one was born into, named by the father
_FAMILY = re.compile(r"(?<![а-яё])в\s+семье\s+(?:[а-яё]+\s+){0,3}")
_AND_WIFE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*)?и\s+(?:его\s+)?(?:жены|матери|супруги)\s+")
# "как к сыну", "называл сыном": a likeness, not kin
_LIKENESS = re.compile(r"(?:как|словно|будто)\s+(?:к\s+)?$|называл\w*\s+(?:[А-ЯЁ][а-яё]+\s+)?$")


def kin_facts(text: str, start: int, end: int, others: list[Mention]):
    """(property, start, end, (object start, object end, name)) for one sentence."""
    out, family = [], []
    for m in _FAMILY.finditer(text, start, end):
        father = _mention_at(others, m.end())
        if father is None:
            continue
        named = _with_surname(text, father, end)
        out.append(("parent", m.start(), named[1], named))
        family.append((m.start(), named[1]))
        wife = _AND_WIFE.match(text, named[1], end)
        mother = _mention_at(others, wife.end()) if wife else None
        if mother is not None:
            out.append(("parent", m.start(), mother.end, _named(mother)))
            family[-1] = (m.start(), mother.end)  # "и его жены X": the father's wife, not the subject's
    for m in _KIN_WORD.finditer(text, start, end):
        if _LIKENESS.search(text, max(start, m.start() - 25), m.start()) or any(a <= m.start() < b for a, b in family):
            continue
        gap = _GAP.match(text, m.end(), end)
        name = _mention_at(others, gap.end())
        if name is None:
            continue
        out.append((KIN[m.group("kin").lower()], m.start(), name.end, _named(name)))
    return out


# "Менделя (Эммануила) Якира": a given name NER found, another in brackets, the surname after
_SURNAME_AFTER = re.compile(r"(?:\s*\([^()]{1,40}\))?\s+(?P<sur>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![а-яё])")


def _with_surname(text: str, m: Mention, end: int) -> tuple[int, int, str]:
    """The whole name; where NER found only its first word, as written (a general morphology
    takes "Менделя" for a verb: the case ending of a rare given name is better left alone)."""
    name = m.normal or m.text
    after = _SURNAME_AFTER.match(text, m.end, end)
    if " " in name.strip() or after is None:
        return (m.start, m.end, name)
    return (m.start, after.end(), text[m.start:after.end()])


def _mention_at(mentions: list[Mention], pos: int) -> Mention | None:
    return next((p for p in mentions if p.start == pos), None)


def _named(m: Mention) -> tuple[int, int, str]:
    return (m.start, m.end, m.normal or m.text)
