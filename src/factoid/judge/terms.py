"""Two disagreements the value groups cannot see, because the values agree or are many:

- calendar: one source gives a day without saying which calendar and another gives the day
  the Julian-Gregorian gap away (12 days in the 19th century, 13 in the 20th). Probably the
  same date in two calendars, but a historian wants to see it; a source that marks both
  readings ("16 (28) October 1884") raises none by itself.
- terms: offices, memberships and the like are held many times, so two values are not a
  dispute; but where two sources date the beginning (or the end) of the same office a year or
  two apart, they most likely date one event differently ("joined in 1901" against "in
  1902"). Each document's earliest beginning and latest end of an office is compared, so a
  later term a source mentions alone is not taken for the first."""
from __future__ import annotations

import re
from collections import defaultdict

from . import dates
from .values import objects_agree

# a beginning this far from another source's beginning of the same office is a second term,
# not the same one dated differently
SAME_EVENT_YEARS = 3
RELATIVES = frozenset({"parent", "child", "sibling", "spouse"})


def _marked(f: dict) -> bool:
    return bool(f.get("date_julian")) or (f.get("calendar") or "") == "julian"


def _source(f: dict) -> str:
    return f.get("source") or f.get("document") or "?"


def calendar_conflicts(by_prop: dict[str, list[dict]]):
    out = []
    for prop, facts in sorted(by_prop.items()):
        if prop in RELATIVES:
            continue
        days = [f for f in facts if f.get("date") and dates.precision(f["date"]) == 3]
        marked_in = defaultdict(set)  # documents that give a day's Julian reading themselves
        for f in days:
            if f.get("date_julian"):
                marked_in[f["date_julian"]].add(f.get("document"))
        plain: dict[str, list[dict]] = defaultdict(list)
        for f in days:
            if not _marked(f):
                plain[f["date"]].append(f)
        for day, unmarked in sorted(plain.items()):
            later = [g for g in days if g["date"] != day and _gap_apart(day, g["date"])
                     and g.get("document") not in {f.get("document") for f in unmarked}]
            unmarked = [f for f in unmarked if f.get("document") not in marked_in[day]]
            if not later or not unmarked:
                continue
            other = later[0]
            other_text = other.get("date_text") or other["date"]
            gives_both = any(mark in other_text for mark in ("O.S", "Old Style", "(", "["))
            if other.get("date_julian") == day and not gives_both:
                other_text += f" (Old Style {day})"
            plain_by, gap_by = sorted({_source(f) for f in unmarked}), sorted({_source(g) for g in later})
            out.append(("calendar", (prop,), (*unmarked, *later),
                        f"{', '.join(plain_by)} give{'s' if len(plain_by) == 1 else ''} "
                        f"the {prop} as {unmarked[0].get('date_text') or day} without saying which calendar; "
                        f"{', '.join(gap_by)} give{'s' if len(gap_by) == 1 else ''} {other_text}: probably the "
                        f"same date in the Julian and Gregorian calendars."))
    return out


def _gap_apart(julian: str, gregorian: str) -> bool:
    """Is `gregorian` the Gregorian reading of the day `julian` written in Old Style?"""
    x, y = dates.bounds(julian), dates.bounds(gregorian)
    if x is None or y is None:
        return False
    gap = dates.calendar_gap(x[0].year)
    return bool(gap) and (y[0] - x[0]).days == gap


def _start(f: dict) -> str | None:
    return f.get("start") or f.get("date")


# a seat in a body is told both ways: "Member of the 10th Secretariat" in an infobox's office
# rows, "became a member of the Secretariat" in the text; one pool, so the two meet
POOLS = (("position", "membership"), ("party",), ("employment",), ("education",))


def term_conflicts(by_prop: dict[str, list[dict]]):
    out = []
    for pool in POOLS:
        for office in _offices([f for prop in pool for f in by_prop.get(prop, ())]):
            for field, pick, word in (("start", min, "began"), ("end", max, "ended")):
                edge = _edges(office, field, pick)
                found = _disagreeing(edge, field)
                if found:
                    f, g = found
                    name = max((h["object"] for h in office), key=len)
                    props = {h["property"] for h in office if h.get("property")} or {pool[0]}
                    if _SEAT.search(name):
                        props |= set(pool)
                    kind = "office" if len(props) > 1 else next(iter(props))
                    out.append(("value", tuple(sorted(props)), (f, g),
                                f"The sources disagree on when the {kind} \"{name}\" {word}: "
                                f"{_when(f, field)} ({_source(f)}) against {_when(g, field)} ({_source(g)})."))
    return out


_SEAT = re.compile(r"\bmember\s+of\b", re.I)
# what tells two seats of one body apart: "the 14th Politburo" and "the 16th", a candidate and a full member
_QUALIFIER = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|candidate|full|deputy|assistant|acting|alternate|first|second|"
                        r"third)\b", re.I)


def _same_office(a: str, b: str) -> bool:
    qa, qb = ({q.lower() for q in _QUALIFIER.findall(x)} for x in (a, b))
    return objects_agree(a, b) and (not qa or not qb or qa == qb)


def _offices(facts) -> list[list[dict]]:
    """The facts of one office or body together (by their objects alone, whatever the dates)."""
    groups: list[list[dict]] = []
    for f in sorted((f for f in facts if f.get("object")), key=lambda f: f["id"]):
        home = next((g for g in groups if all(_same_office(f["object"], h["object"]) for h in g)), None)
        home.append(f) if home is not None else groups.append([f])
    return groups


def _edges(office: list[dict], field: str, pick) -> dict[str, dict]:
    """Per document, the fact with the earliest beginning (or the latest end) of the office."""
    value = _start if field == "start" else (lambda f: f.get("end"))
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for f in office:
        if value(f) and dates.bounds(value(f)):
            by_doc[f.get("document") or _source(f)].append(f)
    return {doc: pick(fs, key=lambda f: dates.bounds(value(f))[0 if pick is min else 1])
            for doc, fs in by_doc.items()}


def _disagreeing(edge: dict[str, dict], field: str) -> tuple[dict, dict] | None:
    """Two documents whose beginnings (or ends) of one office are near but incompatible."""
    value = _start if field == "start" else (lambda f: f.get("end"))
    docs = sorted(edge)
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            f, g = edge[a], edge[b]
            x, y = value(f), value(g)
            apart = dates.years_between(x, y)
            if not dates.agree(x, y) and apart is not None and abs(apart) <= SAME_EVENT_YEARS:
                return f, g
    return None


def _when(f: dict, field: str) -> str:
    return (f.get("start") or f.get("date_text") or f.get("date")) if field == "start" else f.get("end")


# events a life usually has once but that are not single-valued facts (a second
# rehabilitation by the party is possible): two sources whose dates never meet disagree
MOSTLY_ONCE = ("rehabilitation",)


def once_conflicts(by_prop: dict[str, list[dict]]):
    out = []
    for prop in MOSTLY_ONCE:
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for f in by_prop.get(prop, ()):
            if _start(f) and dates.bounds(_start(f)):
                by_doc[f.get("document") or _source(f)].append(f)
        docs = sorted(by_doc)
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                if any(dates.agree(_start(f), _start(g)) for f in by_doc[a] for g in by_doc[b]):
                    continue
                f, g = by_doc[a][0], by_doc[b][0]
                out.append(("value", (prop,), (f, g),
                            f"The sources disagree on when the {prop} took place: {_when(f, 'start')} "
                            f"({_source(f)}) against {_when(g, 'start')} ({_source(g)})."))
                break
            else:
                continue
            break
    return out
