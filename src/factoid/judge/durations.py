"""How long a prison term or an exile lasted, as two sources tell it: "she did receive a year in
Blackwell Island Prison" against "in 1893 she was gaoled in New York ... Released 2 years later".
A length is told outright (a fact's note, "a year", "two years") or by a release the extraction
dated so many years after the imprisonment the same document gives (its note, "2 years later"). Two lengths of one term
(the same place, both named) a year or more and half again apart are a conflict; a person
imprisoned several times has other terms in other places, which are never compared."""
from __future__ import annotations

import re

from .values import places_agree

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_LENGTH = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\d{1,2})"
                     r"(\s+and\s+a\s+half)?\s+(year|month)s?\b", re.I)
_LATER = re.compile(r"^\s*(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(year|month)s?\s+later",
                    re.I)


def _years(number: str, half: str | None, unit: str) -> float | None:
    word = number.lower()
    n = float(word) if word.isdigit() else _NUMBERS.get(word)
    if n is None:
        return None
    n += 0.5 if half else 0
    return n / 12 if unit.lower().startswith("month") else n


def _told(facts: list[dict]) -> list[tuple[float, dict, dict]]:
    """(years, the fact with the place, the fact that tells the length) per term a source tells."""
    out = []
    for f in facts:
        m = _LENGTH.search(f.get("note") or "")
        if m and f.get("place") and (n := _years(m.group(1), m.group(2), m.group(3))):
            out.append((n, f, f))
    by_doc: dict[str, list[dict]] = {}
    for f in facts:
        by_doc.setdefault(f.get("document") or "?", []).append(f)
    for doc_facts in by_doc.values():
        for end in doc_facts:
            m = _LATER.match(end.get("note") or "") if end.get("end") else None
            if not m or not (n := _years(m.group(1), None, m.group(2))):
                continue
            # the release counts from the term the document dated before it, with its place
            began = [f for f in doc_facts if f is not end and f.get("place") and (f.get("start") or f.get("date"))
                     and str(f.get("start") or f.get("date"))[:4] <= str(end["end"])[:4]]
            if began:
                out.append((n, max(began, key=lambda f: str(f.get("start") or f.get("date"))), end))
    return out


def duration_conflicts(by_prop: dict[str, list[dict]]):
    out = []
    for prop in ("imprisonment", "exile"):
        told = _told(by_prop.get(prop, []))
        for i, (n, f, why_f) in enumerate(told):
            for m, g, why_g in told[i + 1:]:
                if f.get("document") == g.get("document") or not places_agree(f["place"], g["place"]):
                    continue
                if abs(n - m) >= 1 and max(n, m) >= 1.5 * min(n, m):
                    facts = tuple(dict.fromkeys(x["id"] for x in (f, why_f, g, why_g)))
                    out.append(("value", (prop,), tuple(x for x in (f, why_f, g, why_g) if x["id"] in facts),
                                f"The sources disagree on how long the {prop} lasted: {_say(n)} "
                                f"({f.get('source')}) against {_say(m)} ({g.get('source')})."))
                    return out
    return out


def _say(years: float) -> str:
    if years < 1:
        return f"{round(years * 12)} months"
    return f"{years:g} year{'s' if years != 1 else ''}"
