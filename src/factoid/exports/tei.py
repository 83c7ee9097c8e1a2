"""TEI P5: one document whose header lists the sources (`listBibl` in `sourceDesc`) and the two
calendars (`calendarDesc`), and whose `standOff` holds a `listPerson`; valid against tei_all.

Each person has its display name, then a `persName` for every other name a source gives it (its
`@source` the documents that give it), then one element per factoid: `birth`, `death` or an
`event` typed with the property. Each carries `@source` (the document), `@cert` (the factoid's
confidence, 0-1) and the date: `@when` for a day, month or year, else `@notBefore`/`@notAfter`
(the first and last day the EDTF value may mean); `@from`/`@to` for a span of time. A date the
source wrote Old Style keeps its Julian reading in `@when-custom` with `@datingMethod="#julian"`.
Inside, the date as written (`date`, with `@calendar`), the place, what the factoid names, and a
`cit`: the quote with a `bibl` pointing at the document and a `citedRange` of characters
([from, to) in its raw text). Sources that disagree are simply two elements, each with its own
`@source` and `@cert`. Written with lxml a person at a time; characters XML cannot hold become
U+FFFD (the CSV and JSON Lines exports keep the quote exact).
"""
from __future__ import annotations

import re
from itertools import groupby

from lxml import etree

from .. import edtf
from ..vocabulary import VOCABULARY
from . import Format

NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PLAIN = re.compile(r"-?\d{4}(?:-(0[1-9]|1[0-2])(?:-\d\d)?)?")  # what @when takes as it is
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAME_CHARS = re.compile(r"[^\w.-]")
# the element a property becomes inside person; everything else is an event of its type
_ELEMENT = {"birth": "birth", "death": "death"}


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _xml_id(prefix: str, ident: str) -> str:
    """An xml:id (an NCName) from one of factoid's ids."""
    return prefix + _NAME_CHARS.sub("_", ident)


def _child(parent, name: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, _tag(name), {k.replace("_", "-"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = _clean(text)
    return el


def _dates(f: dict) -> dict[str, str]:
    """The TEI dating attributes of a factoid: @when when the EDTF value is a plain day, month
    or year, else its bounds; @from/@to (or bounds) for a span; the Julian reading."""
    out = {}
    if f["date"]:
        if _PLAIN.fullmatch(f["date"]):
            out["when"] = f["date"]
        else:
            out.update(_bounds(f["date"], f["date"]))
        if f["date_julian"] and _PLAIN.fullmatch(f["date_julian"]):
            out.update({"when-custom": f["date_julian"], "datingMethod": "#julian"})
    else:
        for field, attr, bound in (("start", "from", "notBefore"), ("end", "to", "notAfter")):
            value = f[field]
            if value and _PLAIN.fullmatch(value):
                out[attr] = value
            elif value:
                day = (edtf.lower if attr == "from" else edtf.upper)(value)
                if day and day != "..":
                    out[bound] = day
    return out


def _bounds(first: str, last: str) -> dict[str, str]:
    out = {}
    lo, hi = edtf.lower(first), edtf.upper(last)
    if lo and lo != "..":
        out["notBefore"] = lo
    if hi and hi != "..":
        out["notAfter"] = hi
    return out


def _citation(parent, f: dict) -> None:
    cit = _child(parent, "cit")
    _child(cit, "quote", f["quote"])
    bibl = _child(cit, "bibl")
    _child(bibl, "ptr", target="#" + _xml_id("src-", f["document"]))
    _child(bibl, "citedRange", unit="char", **{"from": str(f["span"][0]), "to": str(f["span"][1])})


def _factoid(person, f: dict, owners: dict[str, str], known: set[str]) -> None:
    name = _ELEMENT.get(f["property"], "event")
    attrs = {XML_ID: _xml_id("fact-", f["id"]), "source": "#" + _xml_id("src-", f["document"]),
             "cert": str(f["confidence"]), **_dates(f)}
    if name == "event":
        attrs["type"] = f["property"]
    el = etree.SubElement(person, _tag(name), attrs)
    # an event holds paragraphs; birth and death hold phrases directly
    body = _child(el, "p") if name == "event" else el
    if name == "event":
        body.text = VOCABULARY[f["property"]].label + " "
    if f["date_text"]:
        _child(body, "date", f["date_text"], calendar="#julian" if f["calendar"] == "julian" else "#gregorian")
    if f["place"]:
        _child(body, "placeName", f["place"])
    if f["object"]:
        other = owners.get(f["object_person"], f["object_person"]) if f["object_person"] else None
        if VOCABULARY[f["property"]].kind in ("kin", "name"):
            ref = "#" + _xml_id("pers-", other) if other in known else None
            _child(body, "persName", f["object"], ref=ref)
        else:
            _child(body, "orgName" if VOCABULARY[f["property"]].kind == "role" else "name", f["object"])
    if f["note"]:
        _child(body, "note", f["note"])
    _citation(body, f)


def _person(p: dict, facts: list[dict], owners: dict[str, str], known: set[str]):
    person = etree.Element(_tag("person"), {XML_ID: _xml_id("pers-", p["id"])}, nsmap={None: NS})
    _child(person, "persName", p["name"], type="display")
    sources: dict[str, list[str]] = {}  # every name a source gives the person, with those sources
    for f in facts:
        for name in (f["person_name"], f["object"] if f["property"] == "alias" else None):
            if name:
                where = sources.setdefault(name, [])
                ref = "#" + _xml_id("src-", f["document"])
                if ref not in where:
                    where.append(ref)
    for alias in p["aliases"]:
        sources.setdefault(alias, [])
    for name, where in sources.items():
        _child(person, "persName", name, source=" ".join(where) or None)
    for f in facts:
        _factoid(person, f, owners, known)
    return person


def _header(snap):
    header = etree.Element(_tag("teiHeader"), nsmap={None: NS})
    file_desc = _child(header, "fileDesc")
    _child(_child(file_desc, "titleStmt"), "title", "Persons and their sources: a factoid export")
    _child(_child(file_desc, "publicationStmt"), "p", "Written by factoid from its knowledge base: every "
           "factoid with its source document, the characters it was read from and their words.")
    source_desc = _child(file_desc, "sourceDesc")
    if not snap.sources:
        _child(source_desc, "p", "No source is in this export.")
    bibls = _child(source_desc, "listBibl") if snap.sources else None
    for s in snap.sources:
        bibl = _child(bibls, "bibl", **{XML_ID: _xml_id("src-", s["id"])})
        _child(bibl, "title", s.get("title") or s["source"])
        if s.get("author"):
            _child(bibl, "author", s["author"])
        if s.get("date"):
            _child(bibl, "date", s["date"], **({"when": s["date"]} if _PLAIN.fullmatch(s["date"]) else {}))
        if s.get("url"):
            _child(bibl, "ptr", target=s["url"].replace(" ", "%20"))
        _child(bibl, "idno", s["id"], type="factoid")
        _child(bibl, "idno", s["source"], type="file")
        if s.get("language"):
            _child(bibl, "textLang", mainLang=s["language"])
    calendars = _child(_child(header, "profileDesc"), "calendarDesc")
    _child(_child(calendars, "calendar", **{XML_ID: "gregorian"}), "p",
           "Gregorian calendar: every @when, @from, @to, @notBefore and @notAfter.")
    _child(_child(calendars, "calendar", **{XML_ID: "julian"}), "p",
           "Julian calendar (Old Style), as a source wrote the date: the reading in @when-custom, with "
           "@datingMethod pointing here, beside its Gregorian equivalent in @when.")
    return header


def _text(el) -> str:
    """An element as text without the namespace declaration the document's root already makes."""
    return etree.tostring(el, encoding="unicode", pretty_print=True).replace(f' xmlns="{NS}"', "", 1)


def document(snap):
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{NS}">\n'
    yield _text(_header(snap))
    if not snap.persons:  # a filter that kept no one: listPerson may not be empty
        yield "<text><body><p>No person is in this export.</p></body></text>\n</TEI>\n"
        return
    yield "<standOff>\n<listPerson>\n"
    known = {p["id"] for p in snap.persons}
    # persons and factoids both come ordered by person id: walk them side by side
    facts = groupby(snap.factoids(), key=lambda f: f["person"])
    pending = next(facts, None)
    for p in snap.persons:
        while pending is not None and (pending[0] is None or pending[0] < p["id"]):
            pending = next(facts, None)  # a document person not yet resolved: no person to stand in
        mine = list(pending[1]) if pending is not None and pending[0] == p["id"] else []
        if mine:
            pending = next(facts, None)
        owners = snap.owners(sorted({f["object_person"] for f in mine if f["object_person"]}))
        yield _text(_person(p, mine, owners, known))
    yield "</listPerson>\n</standOff>\n</TEI>\n"


def files(snap):
    yield "factoid.tei.xml", document(snap)


FORMAT = Format("tei", "TEI P5: listPerson (names, birth, death and events with @source, @cert and both "
                "calendars, each with its quote and character range) and listBibl of the sources",
                ".tei.xml", "application/tei+xml", files)
