"""GEDCOM 7.0 for genealogists: an INDI per person, a FAM per family the kin factoids make, a
SOUR per document, and each factoid as a source citation where it belongs.

Individuals carry their names (NAME; every other name with TYPE AKA, those an alias factoid
gives with its citation), a REFN with factoid's id, and one event or attribute per factoid:
BIRT, DEAT (an execution is a DEAT with CAUS execution), BURI, EMIG, RESI, EDUC, NATI; FACT with
a TYPE for a party, a body, an office or an employer; EVEN with a TYPE for an arrest, an exile, a
trial and the other events GEDCOM has no tag for. Families come from parent, child, spouse and
sibling factoids whose relative is a person of the export: a child's known parents (one or two)
are the partners of its family, a couple is a family with a MARR event, siblings share their
parents' family or one of their own. GEDCOM 7 says HUSB and WIFE imply no sex, and factoid
knows none: the partner with the smaller id is HUSB. A relative the export has no person for is
an ASSO to @VOID@ with the name as PHRASE and a ROLE.

Dates: `DATE 15 AUG 1888`; an Old Style one as its Julian reading, `DATE JULIAN 3 AUG 1888`,
with the Gregorian day as SDATE; `ABT` for an approximate value, `BET .. AND ..`, `BEF`, `AFT`
for intervals and unspecified digits, `FROM .. TO ..` for a span of time; the date as written is
its PHRASE. Each citation points to the SOUR record with PAGE `characters START-END` (of the
document's raw text, END exclusive), the quote as DATA.TEXT (a line break in it is a CONT line:
"\\r\\n" comes back as "\\n") and a NOTE naming the factoid. Characters GEDCOM bans become U+FFFD.
"""
from __future__ import annotations

import re
from itertools import groupby

from .. import edtf
from ..vocabulary import KIN, VOCABULARY
from . import Format

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_PLAIN = re.compile(r"(-?)(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d\d))?)?")
_BANNED = re.compile("[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff\ufffe\uffff]")  # in a line, once line breaks are split
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# the tag each property becomes on an individual; EVEN (with TYPE) for the rest
_TAGS = {"birth": "BIRT", "death": "DEAT", "execution": "DEAT", "burial": "BURI", "emigration": "EMIG",
         "residence": "RESI", "education": "EDUC", "nationality": "NATI", "party": "FACT", "membership": "FACT",
         "position": "FACT", "employment": "FACT"}
_NEEDS_TEXT = {"RESI", "EDUC", "NATI", "FACT"}  # attributes whose payload is the value
_ROLE = {"parent": "PARENT", "child": "CHIL", "spouse": "SPOU", "sibling": "OTHER"}


def _clean(text: str) -> str:
    return _BANNED.sub("\ufffd", text)


def _payload(text: str) -> str:
    text = _clean(text)
    return "@" + text if text.startswith("@") else text  # a leading @ is written twice


def _lines(level: int, tag: str, text: str | None = None, xref: str | None = None) -> list[str]:
    """The line of a structure and the CONT lines of its text's further lines."""
    head = f"{level} {xref + ' ' if xref else ''}{tag}"
    if text is None:
        return [head]
    first, *more = _LINE_BREAK.split(text)
    return [f"{head} {_payload(first)}".rstrip(" ") if first else head] + \
        [f"{level + 1} CONT {_payload(line)}" if line else f"{level + 1} CONT" for line in more]


def _one_line(text: str) -> str:
    return " ".join(_LINE_BREAK.split(text))


def _day(value: str, calendar: str = "") -> str | None:
    """A plain EDTF day, month or year as a GEDCOM date; None for anything else."""
    m = _PLAIN.fullmatch(value)
    if not m:
        return None
    year = -int(m[2]) if m[1] else int(m[2])
    text = str(year) if year > 0 else f"{1 - year} BCE"  # astronomical year 0 is 1 BCE
    if m[3]:
        text = f"{MONTHS[int(m[3]) - 1]} {text}"
        if m[4]:
            text = f"{int(m[4])} {text}"
    return f"{calendar} {text}" if calendar else text


def _bounded(lo: str | None, hi: str | None) -> str | None:
    lo = _day(lo) if lo and lo != ".." else None
    hi = _day(hi) if hi and hi != ".." else None
    if lo and hi:
        return lo if lo == hi else f"BET {lo} AND {hi}"
    return f"AFT {lo}" if lo else f"BEF {hi}" if hi else None


def date_value(value: str | None) -> str | None:
    """An EDTF value as a GEDCOM 7 DateValue (Gregorian), or None when there is no date."""
    if not value:
        return None
    core = re.sub(r"[~?%]", "", value)
    if "/" in core:
        first, _, last = core.partition("/")
        return _bounded(edtf.lower(first) if first not in ("", "..") else None,
                        edtf.upper(last) if last not in ("", "..") else None)
    plain = _day(core)
    if plain:
        return f"ABT {plain}" if core != value else plain
    return _bounded(edtf.lower(core), edtf.upper(core))


def _period(start: str | None, end: str | None) -> str | None:
    lo = _day(start) or _day(edtf.lower(start) or "") if start else None
    hi = _day(end) or _day(edtf.upper(end) or "") if end else None
    if lo and hi:
        return f"FROM {lo} TO {hi}"
    return f"FROM {lo}" if lo else f"TO {hi}" if hi else None


def _date(level: int, f: dict) -> list[str]:
    julian = _day(f["date_julian"], "JULIAN") if f["calendar"] == "julian" and f["date_julian"] else None
    value = julian or date_value(f["date"]) if f["date"] else _period(f["start"], f["end"])
    if not value and not f["date_text"]:
        return []
    out = [f"{level} DATE {value}" if value else f"{level} DATE"]
    if f["date_text"]:
        out.append(f"{level + 1} PHRASE {_payload(_one_line(f['date_text']))}")
    if julian and date_value(f["date"]):
        out.append(f"{level} SDATE {date_value(f['date'])}")  # the Gregorian day, to sort by
    return out


def citation(level: int, f: dict, source: str) -> list[str]:
    """A factoid as a source citation: where in the document (PAGE), its words (TEXT), which factoid."""
    named = f", the source naming the person {f['person_name']}" if f["person_name"] else ""
    note = f"factoid {f['id']}: {f['property']}, confidence {f['confidence']}{named}"
    return [f"{level} SOUR {source}", f"{level + 1} PAGE characters {f['span'][0]}-{f['span'][1]}",
            f"{level + 1} DATA", *_lines(level + 2, "TEXT", f["quote"]),
            f"{level + 1} NOTE {_payload(_one_line(note))}"]


class Families:
    """The families the kin factoids between persons of the export make, keyed by their
    partners: a child's parents (one or two), a couple; siblings with no parents known share a
    family of their own. Each kin factoid cites its evidence on the family it made."""

    def __init__(self, kin: list[tuple[dict, str]]):
        self.partners: dict[tuple, tuple[str, ...]] = {}
        self.children: dict[tuple, list[str]] = {}
        self.evidence: dict[tuple, list[dict]] = {}
        self.marriages: dict[tuple, list[dict]] = {}
        parents: dict[str, set[str]] = {}
        for f, other in kin:
            if f["property"] in ("parent", "child"):
                parent, child = (other, f["person"]) if f["property"] == "parent" else (f["person"], other)
                parents.setdefault(child, set()).add(parent)
        child_of: dict[str, tuple] = {}
        for child, known in sorted(parents.items()):
            # sources that name three or more parents disagree: one family per parent then
            keys = [tuple(sorted(known))] if len(known) <= 2 else [(p,) for p in sorted(known)]
            for key in keys:
                self._family(key)
                self.children[key].append(child)
            child_of[child] = keys[0]
        for f, other in kin:
            prop = f["property"]
            if prop in ("parent", "child"):
                child = f["person"] if prop == "parent" else other
                parent = other if prop == "parent" else f["person"]
                key = next(k for k in self._keys_of(child, parents) if parent in k)
                self.evidence[key].append(f)
            elif prop == "spouse":
                key = tuple(sorted((f["person"], other)))
                self._family(key)
                self.marriages[key].append(f)
            else:  # sibling: into the family of whichever of the two has one
                home = child_of.get(f["person"]) or child_of.get(other) or ("siblings", min(f["person"], other))
                self._family(home)
                for who in (f["person"], other):
                    if who not in self.children[home]:
                        self.children[home].append(who)
                    child_of.setdefault(who, home)
                self.evidence[home].append(f)
        self.xref = {key: f"@F{n}@" for n, key in enumerate(self.partners, 1)}

    def _family(self, key: tuple) -> None:
        if key not in self.partners:
            self.partners[key] = () if key and key[0] == "siblings" else key
            self.children[key], self.evidence[key], self.marriages[key] = [], [], []

    @staticmethod
    def _keys_of(child: str, parents: dict[str, set[str]]) -> list[tuple]:
        known = parents[child]
        return [tuple(sorted(known))] if len(known) <= 2 else [(p,) for p in sorted(known)]

    def of(self, person: str) -> tuple[list[str], list[str]]:
        """The families a person is a partner of (FAMS) and a child of (FAMC)."""
        spouse = [x for key, x in self.xref.items() if person in self.partners[key]]
        child = [x for key, x in self.xref.items() if person in self.children[key]]
        return spouse, child


def _event(f: dict, source: str) -> list[str]:
    """A factoid of an individual as its event or attribute, at level 1."""
    prop = f["property"]
    tag = _TAGS.get(prop, "EVEN")
    if prop == "alias":
        return [*_lines(1, "NAME", _one_line(f["object"] or "").replace("/", "\u2215")), "2 TYPE AKA",
                *citation(2, f, source)]
    value = (f["object"] or f["place"] or VOCABULARY[prop].label) if tag in _NEEDS_TEXT else None
    out = _lines(1, tag, _one_line(value) if value else None)
    if tag in ("FACT", "EVEN"):
        out.append(f"2 TYPE {VOCABULARY[prop].label}")
    out += _date(2, f)
    if f["place"]:
        out.append(f"2 PLAC {_payload(_one_line(f['place']))}")
    if prop == "execution":
        out.append("2 CAUS execution")
    if f["object"] and tag == "EVEN":
        out.append(f"2 NOTE {_payload(_one_line(f['object']))}")
    if f["note"]:
        out.append(f"2 NOTE {_payload(_one_line(f['note']))}")
    return out + citation(2, f, source)


def _association(f: dict, source: str) -> list[str]:
    """A relative the export has no person for: an ASSO to nobody (@VOID@), named by PHRASE."""
    out = ["1 ASSO @VOID@", f"2 PHRASE {_payload(_one_line(f['object'] or f['property']))}",
           f"2 ROLE {_ROLE[f['property']]}"]
    if f["property"] == "sibling":
        out.append("3 PHRASE sibling")
    return out + citation(2, f, source)


def _records(snap):
    persons = {p["id"]: f"@I{n}@" for n, p in enumerate(snap.persons, 1)}
    sources = {s["id"]: f"@S{n}@" for n, s in enumerate(snap.sources, 1)}
    # first pass: the kin factoids between persons of the export make the families
    kin = [f for f in snap.factoids() if f["property"] in KIN and f["object_person"] and f["person"] in persons]
    owners = snap.owners(sorted({f["object_person"] for f in kin}))
    related = {f["id"]: owners.get(f["object_person"], f["object_person"]) for f in kin}
    related = {fid: other for fid, other in related.items() if other in persons}
    families = Families([(f, related[f["id"]]) for f in kin if f["id"] in related and related[f["id"]] != f["person"]])
    yield "\n".join(["0 HEAD", "1 GEDC", "2 VERS 7.0", "1 SOUR factoid", "2 NAME factoid",
                     "1 NOTE Exported by factoid: every fact is a source citation with the characters of the "
                     "document it was read from (PAGE) and their words (TEXT)."]) + "\n"
    facts = groupby(snap.factoids(), key=lambda f: f["person"])
    pending = next(facts, None)
    for p in snap.persons:
        lines = [f"0 {persons[p['id']]} INDI", *_lines(1, "NAME", _one_line(p["name"]).replace("/", "\u2215"))]
        for alias in p["aliases"]:
            if alias != p["name"]:
                lines += [*_lines(1, "NAME", _one_line(alias).replace("/", "\u2215")), "2 TYPE AKA"]
        lines += [f"1 REFN {_payload(p['id'])}", "2 TYPE factoid person"]
        while pending is not None and (pending[0] is None or pending[0] < p["id"]):
            pending = next(facts, None)  # a document person not yet resolved: no individual to stand in
        if pending is not None and pending[0] == p["id"]:
            for f in pending[1]:
                source = sources[f["document"]]
                if f["property"] not in KIN:
                    lines += _event(f, source)
                elif f["id"] not in related or related[f["id"]] == f["person"]:
                    lines += _association(f, source)
            pending = next(facts, None)
        spouse_of, child_of = families.of(p["id"])
        lines += [f"1 FAMS {x}" for x in spouse_of] + [f"1 FAMC {x}" for x in child_of]
        yield "\n".join(lines) + "\n"
    for key, xref in families.xref.items():
        lines = [f"0 {xref} FAM"]
        for role, who in zip(("HUSB", "WIFE"), families.partners[key]):
            lines.append(f"1 {role} {persons[who]}")
        lines += [f"1 CHIL {persons[c]}" for c in families.children[key]]
        for f in families.marriages[key]:
            lines += ["1 MARR", *_date(2, f)]
            if f["place"]:
                lines.append(f"2 PLAC {_payload(_one_line(f['place']))}")
            lines += citation(2, f, sources[f["document"]])
        for f in families.evidence[key]:
            lines += citation(1, f, sources[f["document"]])
        yield "\n".join(lines) + "\n"
    for s in snap.sources:
        lines = [f"0 {sources[s['id']]} SOUR", f"1 TITL {_payload(_one_line(s.get('title') or s['source']))}"]
        if s.get("author"):
            lines.append(f"1 AUTH {_payload(_one_line(s['author']))}")
        lines += [f"1 REFN {_payload(s['id'])}", "2 TYPE factoid document",
                  f"1 NOTE {_payload(_one_line('file: ' + s['source']))}"]
        for label in ("url", "language", "date", "retrieved"):
            if s.get(label):
                lines.append(f"2 CONT {_payload(_one_line(f'{label}: {s[label]}'))}")
        yield "\n".join(lines) + "\n"
    yield "0 TRLR\n"


def files(snap):
    yield "factoid.ged", _records(snap)


FORMAT = Format("gedcom", "GEDCOM 7.0 for genealogists: individuals, families from kin factoids, events with "
                "dates (Julian marked), sources, and each factoid as a citation with PAGE and TEXT",
                ".ged", "text/vnd.familysearch.gedcom", files)
