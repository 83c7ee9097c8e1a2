"""A life bounds its own events: a date a rule gave an event before the person's birth or after
the death the same document gives ("Bukharin became the editor of Pravda", dated 1989 by a
sentence about his rehabilitation) was borrowed from the wrong clause. The date is dropped and
the fact kept; what is told of a person after death (burial, rehabilitation) is left alone."""
from __future__ import annotations

from dataclasses import replace

from ..model import Factoid

# what a source may rightly date after a person's death
POSTHUMOUS = {"death", "execution", "burial", "rehabilitation", "alias"}
_FIELDS = ("date", "start", "end")


def within_life(factoids: list[Factoid]) -> list[Factoid]:
    born: dict[str, int] = {}
    died: dict[str, int] = {}
    for f in factoids:
        year = f.date.year if f.date else None
        if year is None:
            continue
        if f.property == "birth":
            born[f.person] = min(year, born.get(f.person, year))
        elif f.property in ("death", "execution"):
            died[f.person] = max(year, died.get(f.person, year))
    out = []
    for f in factoids:
        lo, hi = born.get(f.person), died.get(f.person)
        if f.property in POSTHUMOUS or f.property == "birth" or (lo is None and hi is None):
            out.append(f)
            continue
        wrong = [name for name in _FIELDS if getattr(f, name) is not None and getattr(f, name).year is not None
                 and (lo is not None and getattr(f, name).year < lo or hi is not None and getattr(f, name).year > hi)]
        if not wrong:
            out.append(f)
            continue
        f = replace(f, **{name: None for name in wrong},
                    evidence=tuple(e for e in f.evidence if e[0] not in wrong))
        if f.place or f.object or f.date or f.start or f.end or f.note:
            out.append(f)
    return out
