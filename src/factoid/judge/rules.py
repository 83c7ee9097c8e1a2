"""The contradictions a careful reader notices in one person's factoids, each a kind and one
sentence: values that disagree between sources, impossible chronology, implausible ages, and
a flattened infobox that disagrees with the text of its own document."""
from __future__ import annotations

from collections import defaultdict

from . import dates
from .values import SINGLE_VALUED, Value, agree, group, objects_agree

# events that may follow death: being rehabilitated, buried, commemorated
POSTHUMOUS = frozenset({"rehabilitation", "burial"})
# each event and the one it follows: a trial follows an arrest, a sentence a trial, ...
SEQUENCE = (("trial", "arrest"), ("sentence", "trial"), ("execution", "sentence"))
FOLLOWS_WITHIN = 3 * 365  # an arrest this long before a trial is the one it follows
# things a child does not do: hold office, join a party, stand trial, marry
ADULT = frozenset({"position", "party", "membership", "employment", "founded", "arrest", "trial", "sentence",
                   "execution", "spouse"})
# a relative's own dates may come before the birth or after the death (a father's birth)
RELATIVES = frozenset({"parent", "child", "sibling"})
ADULT_AGE, OLDEST = 12, 115
# properties whose values are comparable between an infobox row and the text
FAMILY = {"membership": "office", "position": "office", "party": "office"}


def is_infobox(fact: dict) -> bool:
    extractor = fact.get("extractor") or ""
    return extractor.startswith(("life.infobox", "infobox"))


def _day(fact: dict) -> str | None:
    """When an event happened, or began."""
    return fact.get("date") or fact.get("start")


def value_conflicts(prop: str, facts: list[dict]) -> list[tuple[str, tuple[str, ...], tuple[dict, ...], str]]:
    """Single-valued properties whose sources disagree. A disagreement within one document
    that an infobox is party to is left to `infobox_conflicts`."""
    if prop not in SINGLE_VALUED:
        return []
    groups = group(facts)
    if len(groups) < 2:
        return []
    docs = {f.get("document") or f.get("source") for g in groups for f in g.factoids}
    if len(docs) == 1 and any(is_infobox(f) for g in groups for f in g.factoids):
        return []
    said = "; ".join(f"{g.describe()} ({', '.join(g.sources)})" for g in groups)
    what = "The sources disagree" if len(docs) > 1 else "The document contradicts itself"
    return [("value", (prop,), tuple(f for g in groups for f in g.factoids),
             f"{what} on the {prop}: {said}.")]


def chronology_conflicts(by_prop: dict[str, list[dict]], consensus: dict[str, Value]):
    """Events before birth or after death (posthumous ones excepted), a trial before the
    arrest it follows (likewise sentence and trial, execution and sentence), an office that
    ends before it starts, and implausible ages."""
    out = []
    birth, death = consensus.get("birth"), consensus.get("death")
    born = birth.best("date") if birth else None
    died = death.best("date") if death else None
    for prop, facts in by_prop.items():
        for f in facts:
            when = _day(f)
            if not when or prop in RELATIVES:
                continue
            if born and prop != "birth" and dates.before(when, born):
                out.append(("chronology", (prop, "birth"), (f, *_support(birth, "date")),
                            f"The {prop} ({_text(f)}, {f.get('source')}) is dated before the birth ({born})."))
            elif died and prop not in POSTHUMOUS | {"death"} and dates.before(died, when):
                out.append(("chronology", (prop, "death"), (f, *_support(death, "date")),
                            f"The {prop} ({_text(f)}, {f.get('source')}) is dated after the death ({died})."))
            elif born and prop in ADULT:
                age = dates.years_between(born, when)
                if age is not None and 0 <= age < ADULT_AGE:
                    out.append(("age", (prop, "birth"), (f, *_support(birth, "date")),
                                f"The {prop} ({_text(f)}, {f.get('source')}) would be at the age of {int(age)}."))
            if f.get("start") and f.get("end") and dates.before(f["end"], f["start"]):
                out.append(("chronology", (prop,), (f,),
                            f"The {prop} ({_text(f)}, {f.get('source')}) ends ({f['end']}) before it starts "
                            f"({f['start']})."))
    if born and died:
        age = dates.years_between(born, died)
        if age is not None and age > OLDEST:
            out.append(("age", ("birth", "death"), (*_support(birth, "date"), *_support(death, "date")),
                        f"Born {born} and dead {died}: an age of {int(age)} years is implausible."))
    out += _sequence(by_prop)
    return out


def _sequence(by_prop: dict[str, list[dict]]):
    """An event dated before the one it follows, with none of that kind before it."""
    out = []
    for later, earlier in SEQUENCE:
        for f in by_prop.get(later, ()):
            when = _day(f)
            if not when:
                continue
            priors = [g for g in by_prop.get(earlier, ()) if _day(g)]
            covered = any(not dates.before(when, _day(g))
                          and (dates.years_between(_day(g), when) or 0) * 365.25 <= FOLLOWS_WITHIN for g in priors)
            after = [g for g in priors if dates.before(when, _day(g))
                     and (dates.years_between(when, _day(g)) or 0) <= 1.5 and _comparable(f, g)]
            if after and not covered:
                g = after[0]
                out.append(("chronology", (later, earlier), (f, g),
                            f"The {later} ({_text(f)}, {f.get('source')}) is dated before the {earlier} it "
                            f"follows ({_text(g)}, {g.get('source')})."))
    return out


def _comparable(f: dict, g: dict) -> bool:
    """Only months or days, within one document or across: "sentenced to 10 years in 1935" and
    a trial "on 25 August 1936" more often date two different trials than one misdated."""
    return min(dates.precision(_day(f)), dates.precision(_day(g))) >= 2


def infobox_conflicts(by_prop: dict[str, list[dict]]):
    """An infobox row that disagrees with the text of its own document about the same thing
    (the same life event; the same office or body), when no sentence of the text agrees."""
    out = []
    facts = [f for fs in by_prop.values() for f in fs]
    texts = defaultdict(list)
    for f in facts:
        if not is_infobox(f):
            texts[(f.get("document") or f.get("source"), FAMILY.get(f["property"], f["property"]))].append(f)
    for box in (f for f in facts if is_infobox(f)):
        doc = box.get("document") or box.get("source")
        same = [t for t in texts.get((doc, FAMILY.get(box["property"], box["property"])), ())
                if not (box.get("object") and t.get("object")) or objects_agree(box["object"], t["object"])]
        comparable = [t for t in same if _shares_a_field(box, t)]
        if comparable and not any(agree(box, t) for t in comparable):
            t = comparable[0]
            props = tuple(dict.fromkeys((box["property"], t["property"])))
            out.append(("infobox", props, (box, t),
                        f"The infobox of {box.get('source')} gives the {box['property']} as {_text(box)}, "
                        f"its text as {_text(t)}."))
    return out


def _shares_a_field(f: dict, g: dict) -> bool:
    return any(f.get(k) and g.get(k) for k in ("date", "start", "end", "place"))


def _support(value: Value | None, field: str) -> list[dict]:
    return [f for f in value.factoids if f.get(field)][:3] if value else []


def _text(f: dict) -> str:
    parts = [f.get("object"), f.get("date_text") or f.get("date"),
             f"from {f['start']}" if f.get("start") else None, f"until {f['end']}" if f.get("end") else None,
             f.get("place")]
    return " ".join(p for p in parts if p) or "undated"
