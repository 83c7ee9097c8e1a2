"""Two places at once: one source has a person living in one country from one year to another
("from 1908 to 1916 he lived in Western Europe"), another puts them in another country inside
that span ("in 1914 he returned to Russia"). A visit is possible, but a reader of the two
sources should see that they tell the years differently. Only countries and large regions
are compared, where "in another place" is a fact and not a matter of precision."""
from __future__ import annotations

from . import dates
from .places import COUNTRIES, fold

# large regions and the countries in them (general knowledge): a country inside the region is
# no other place
REGIONS = {
    "western europe": {"france", "germany", "switzerland", "belgium", "netherlands", "holland", "luxembourg",
                       "england", "great britain", "britain", "united kingdom", "scotland", "wales", "ireland",
                       "austria", "italy", "spain", "portugal", "denmark", "norway", "sweden", "prussia"},
    "europe": {"france", "germany", "switzerland", "belgium", "netherlands", "holland", "luxembourg", "england",
               "great britain", "britain", "united kingdom", "scotland", "wales", "ireland", "austria", "italy",
               "spain", "portugal", "denmark", "norway", "sweden", "prussia", "poland", "hungary", "bohemia",
               "czechoslovakia", "romania", "bulgaria", "serbia", "greece", "finland", "russia"},
    "abroad": set(),
}
# names of one country at different times
_SAME = [{"russia", "russian empire", "soviet union", "ussr", "rsfsr"}, {"england", "britain", "great britain",
                                                                        "united kingdom"},
         {"holland", "netherlands"}, {"united states", "usa", "america"}]


def _key(place: str) -> str | None:
    name = fold(place)
    return name if name in COUNTRIES or name in REGIONS else None


def _apart(a: str, b: str) -> bool:
    """Two countries or regions neither of which holds the other."""
    x, y = _key(a), _key(b)
    if x is None or y is None or x == y or "abroad" in (x, y):
        return False
    if any(x in s and y in s for s in _SAME):
        return False
    return not (y in REGIONS.get(x, ()) or x in REGIONS.get(y, ()))


def whereabouts_conflicts(by_prop: dict[str, list[dict]]):
    facts = [f for f in by_prop.get("residence", ()) if f.get("place")]
    spans = [f for f in facts if f.get("start") and f.get("end") and dates.bounds(f["start"]) and dates.bounds(f["end"])]
    out = []
    for f in spans:
        lo, hi = dates.bounds(f["start"])[1], dates.bounds(f["end"])[0]
        for g in facts:
            when = g.get("date") or g.get("start")
            if g is f or not when or (g.get("document") or g.get("source")) == (f.get("document") or f.get("source")):
                continue
            b = dates.bounds(when)
            if b and lo < b[0] and b[1] < hi and _apart(f["place"], g["place"]):
                out.append(("value", ("residence",), (f, g),
                            f"The sources put the person in two places at once: {f['place']} from {f['start']} to "
                            f"{f['end']} ({f.get('source')}) against {g['place']} in {when} ({g.get('source')})."))
                return out
    return out
