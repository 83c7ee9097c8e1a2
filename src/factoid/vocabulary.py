"""The property vocabulary as data: one row per property the extractors assert.

Each export reads its mapping from here instead of keeping its own list; `model.PROPERTIES`
stays the order of the names (tests/test_exports.py checks the two agree). Wikidata ids name
the statement a property becomes (`wikidata`) and the statement its place becomes
(`wikidata_place`); where Wikidata has no statement for an event (an arrest, a trial) the row
says so and gives the nearest modelling in `note`, so an export never invents an item id.
CIDOC-CRM classes are given only where one fits the event itself (E67 Birth, E69 Death, E85
Joining, ...); `inverse` is the property the other person holds (a parent's child).
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import PROPERTIES


@dataclass(frozen=True)
class Term:
    name: str
    label: str                      # words for column headers and edge labels
    kind: str                       # "life" event, "event", "kin", "role" (a body or office), "name"
    single_valued: bool             # one true value per person: a second one is a conflict
    wikidata: str | None = None     # the statement's property (its value: the date, the object or the name)
    wikidata_place: str | None = None  # the statement a place becomes, beside the date's
    wikidata_value: str | None = None  # a fixed item value where the property needs one (execution)
    crm: str | None = None          # the CIDOC-CRM class of the event
    inverse: str | None = None      # the property of the object person, seen from the other side
    shared: bool = False            # members of the same body at overlapping times are related
    note: str = ""                  # the closest modelling where there is no direct statement


_TERMS = (
    Term("birth", "birth", "life", True, "P569", "P19", crm="E67 Birth"),
    Term("death", "death", "life", True, "P570", "P20", crm="E69 Death"),
    Term("alias", "name", "name", False, "P1449", crm="E41 Appellation",
         note="P1449 nickname as monolingual text; P742 pseudonym and P1477 birth name when the kind is known"),
    Term("parent", "parent", "kin", False, "P8810", inverse="child",
         note="P22 father or P25 mother when the sex is known; P8810 parent otherwise"),
    Term("child", "child", "kin", False, "P40", inverse="parent"),
    Term("sibling", "sibling", "kin", False, "P3373", inverse="sibling"),
    Term("spouse", "spouse", "kin", False, "P26", inverse="spouse"),
    Term("education", "educated at", "role", False, "P69", crm="E7 Activity", shared=True),
    Term("party", "party", "role", False, "P102", crm="E85 Joining", shared=True),
    Term("membership", "member of", "role", False, "P463", crm="E85 Joining", shared=True),
    Term("position", "position held", "role", False, "P39", crm="E7 Activity", shared=True),
    Term("employment", "employer", "role", False, "P108", crm="E7 Activity", shared=True),
    Term("residence", "residence", "event", False, "P551", crm="E9 Move"),
    Term("nationality", "citizenship", "role", False, "P27"),
    Term("founded", "founded", "event", False, crm="E66 Formation",
         note="P112 founded by, stated on the organisation's item"),
    Term("arrest", "arrest", "event", False, crm="E7 Activity",
         note="no statement; P793 significant event with an arrest item and P585 point in time"),
    Term("imprisonment", "imprisonment", "event", False, "P2632", crm="E7 Activity",
         note="P2632 place of detention, with P580/P582 start and end", shared=True),
    Term("exile", "exile", "event", False, crm="E9 Move",
         note="no statement; P793 significant event (exile) with P276 location", shared=True),
    Term("emigration", "emigration", "event", False, crm="E9 Move",
         note="no statement; P551 residence abroad with P580 start time is the nearest"),
    Term("trial", "trial", "event", False, crm="E7 Activity",
         note="no statement; the trial's own item with P1591 defendant"),
    Term("sentence", "sentence", "event", False, crm="E7 Activity",
         note="no statement; P1399 convicted of with the qualifier P1596 penalty"),
    Term("execution", "execution", "life", True, "P1196", wikidata_value="Q8454", crm="E69 Death",
         note="P1196 manner of death: capital punishment (Q8454), dated by P585"),
    Term("rehabilitation", "rehabilitation", "event", False, crm="E7 Activity",
         note="no statement; P793 significant event with P585 point in time"),
    Term("burial", "burial", "life", True, "P4602", "P119", crm="E7 Activity",
         note="P4602 date of burial or cremation; P119 place of burial"),
)

VOCABULARY: dict[str, Term] = {t.name: t for t in _TERMS}
assert tuple(VOCABULARY) == PROPERTIES, "vocabulary.py and model.PROPERTIES list different properties"

SINGLE_VALUED = frozenset(t.name for t in _TERMS if t.single_valued)
KIN = tuple(t.name for t in _TERMS if t.kind == "kin")
# bodies whose members at overlapping times are related (the same office, party, school)
BODIES = tuple(t.name for t in _TERMS if t.shared)

# the qualifiers every dated Wikidata statement takes, and those of its references
WIKIDATA_QUALIFIERS = {"point in time": "P585", "start time": "P580", "end time": "P582",
                       "object named as": "P1932", "location": "P276"}
WIKIDATA_REFERENCES = {"reference URL": "S854", "quotation": "S1683", "retrieved": "S813",
                       "subject named as": "S1810", "title": "S1476"}
# the calendar models of a Wikidata time value
GREGORIAN, JULIAN = "Q1985727", "Q1985786"


def term(prop: str) -> Term:
    """The row of `prop`; a KeyError names what is known."""
    try:
        return VOCABULARY[prop]
    except KeyError:
        raise KeyError(f"unknown property {prop!r}; known: {', '.join(VOCABULARY)}") from None
