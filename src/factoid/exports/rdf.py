"""RDF: TriG and JSON-LD, written by rdflib; docs/EXPORT.md describes the model.

Each factoid is a named graph (its IRI is the factoid's) holding the claim and where it comes
from: the claim in CIDOC-CRM where vocabulary.py gives a class (an E67 Birth that brought the
person into life, with an E52 Time-Span whose begin and end are the first and last day the EDTF
value may mean), else a node of the small factoid vocabulary (FV); the factoid `prov:wasDerivedFrom`
its document; and a W3C Web Annotation whose target selects the quote in the document's raw
text twice, by position (`oa:TextPositionSelector`, [start, end)) and by its words
(`oa:TextQuoteSelector`). Dates are kept as EDTF literals (datatype EDTF), the Old Style reading
beside the Gregorian one, with the calendar the source wrote in as Wikidata's calendar model.
Persons, documents and conflicts are in the default graph.

IRIs are URNs made of factoid's own ids (`urn:factoid:person:ID`): an export mints no web
address it does not own. TriG is written in batches of factoids, each a TriG document of its
own (prefixes may be declared again), so a large corpus is never one graph in memory; JSON-LD is
one JSON document, built whole.
"""
from __future__ import annotations

import json
import re
from itertools import islice
from urllib.parse import quote as url_quote

from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from .. import edtf
from ..vocabulary import GREGORIAN, JULIAN, VOCABULARY
from . import Format

CRM = Namespace("http://www.cidoc-crm.org/cidoc-crm/")
OA = Namespace("http://www.w3.org/ns/oa#")
FV = Namespace("urn:factoid:vocab:")            # the factoid vocabulary: the terms CRM has none for
WD = Namespace("http://www.wikidata.org/entity/")
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")
BATCH = 500  # factoids per TriG document

PREFIXES = {"crm": CRM, "oa": OA, "prov": PROV, "fv": FV, "wd": WD, "dcterms": DCTERMS, "rdfs": RDFS,
            "xsd": XSD, "edtf": "http://id.loc.gov/datatypes/edtf/"}
# how the event of each CIDOC-CRM class points at the person and at what it names
_PERSON_LINK = {"E67 Birth": CRM["P98_brought_into_life"], "E69 Death": CRM["P100_was_death_of"],
                "E85 Joining": CRM["P143_joined"], "E9 Move": CRM["P25_moved"],
                "E66 Formation": CRM["P14_carried_out_by"], "E7 Activity": CRM["P11_had_participant"]}
_OBJECT_LINK = {"E85 Joining": (CRM["P144_joined_with"], CRM["E74_Group"]),
                "E66 Formation": (CRM["P95_has_formed"], CRM["E74_Group"])}
_CALENDAR = {"gregorian": WD[GREGORIAN], "julian": WD[JULIAN]}
# a lone surrogate has no UTF-8 form; every other character TriG and JSON-LD escape as needed
_SURROGATE = re.compile("[\ud800-\udfff]")


def iri(kind: str, ident: str) -> URIRef:
    return URIRef(f"urn:factoid:{kind}:{url_quote(ident, safe='')}")


def _text(value: str) -> Literal:
    return Literal(_SURROGATE.sub("\ufffd", value))


def _crm_class(crm: str) -> URIRef:
    """`E67 Birth` -> crm:E67_Birth."""
    return CRM[crm.replace(" ", "_")]


def _bound(day: str | None, end: bool) -> Literal | None:
    """The first or last day of a value as xsd:dateTime (CIDOC-CRM's P82a/P82b take a moment)."""
    if not day or day == "..":
        return None
    return Literal(day + ("T23:59:59" if end else "T00:00:00"), datatype=XSD.dateTime)


def _time_span(ds: Dataset, g: URIRef, event: URIRef, f: dict) -> None:
    first, last = f["date"] or f["start"] or f["end"], f["date"] or f["end"] or f["start"]
    if not first:
        return
    ts = BNode()
    add = lambda p, o: ds.add((ts, p, o, g))  # noqa: E731
    ds.add((event, CRM["P4_has_time-span"], ts, g))
    add(RDF.type, CRM["E52_Time-Span"])
    for prop, day, end in ((CRM["P82a_begin_of_the_begin"], edtf.lower(first), False),
                           (CRM["P82b_end_of_the_end"], edtf.upper(last), True)):
        bound = _bound(day, end)
        if bound is not None:
            add(prop, bound)
    for field, prop in (("date", FV.edtf), ("start", FV.start), ("end", FV.end), ("date_julian", FV.julian)):
        if f[field]:
            add(prop, Literal(f[field], datatype=EDTF))
    if f["calendar"] in _CALENDAR:
        add(FV.calendar, _CALENDAR[f["calendar"]])
    if f["date_text"]:
        add(FV.dateText, _text(f["date_text"]))


def _claim(ds: Dataset, g: URIRef, f: dict, person: URIRef | None, owners: dict[str, str]) -> URIRef:
    """The event or relation the factoid asserts, in CIDOC-CRM where a class fits."""
    term = VOCABULARY[f["property"]]
    event = URIRef(f"{g}:claim")
    add = lambda p, o: ds.add((event, p, o, g))  # noqa: E731
    if term.crm == "E41 Appellation":  # a name: the appellation itself, which identifies the person
        add(RDF.type, _crm_class(term.crm))
        add(CRM["P190_has_symbolic_content"], _text(f["object"] or ""))
        if person is not None:
            ds.add((person, CRM["P1_is_identified_by"], event, g))
    elif term.crm:
        add(RDF.type, _crm_class(term.crm))
        if person is not None:
            add(_PERSON_LINK[term.crm], person)
        if f["object"] and term.crm in _OBJECT_LINK:
            link, cls = _OBJECT_LINK[term.crm]
            group = BNode()
            add(link, group)
            ds.add((group, RDF.type, cls, g))
            ds.add((group, RDFS.label, _text(f["object"]), g))
    else:  # kin, citizenship: a relation of the factoid vocabulary
        add(RDF.type, FV.Relation)
        if person is not None:
            add(FV.subject, person)
    add(FV.property, Literal(f["property"]))
    if term.wikidata:
        add(FV.wikidataProperty, URIRef(f"http://www.wikidata.org/prop/direct/{term.wikidata}"))
    if f["object"]:
        add(FV.objectName, _text(f["object"]))
    if f["object_person"]:
        add(FV.objectPerson, iri("person", owners.get(f["object_person"], f["object_person"])))
    if f["note"]:
        add(FV.note, _text(f["note"]))
    if f["place"]:
        place = BNode()
        add(CRM["P7_took_place_at"], place)
        ds.add((place, RDF.type, CRM["E53_Place"], g))
        ds.add((place, RDFS.label, _text(f["place"]), g))
    _time_span(ds, g, event, f)
    return event


def _factoid(ds: Dataset, f: dict, owners: dict[str, str]) -> None:
    g = iri("factoid", f["id"])
    doc = iri("document", f["document"])
    person = iri("person", f["person"]) if f["person"] else None
    add = lambda s, p, o: ds.add((s, p, o, g))  # noqa: E731
    add(g, RDF.type, FV.Factoid)
    add(g, RDF.type, PROV.Entity)
    add(g, PROV.wasDerivedFrom, doc)
    if person is not None:
        add(g, FV.person, person)
    if f["person_name"]:
        add(g, FV.namedAs, _text(f["person_name"]))
    add(g, FV.asserts, _claim(ds, g, f, person, owners))
    add(g, FV.confidence, Literal(f["confidence"], datatype=XSD.decimal))
    add(g, FV.extractor, _text(f["extractor"] or ""))
    # the quote, selected in the raw text of the document by its offsets and by its words
    note, target = URIRef(f"{g}:annotation"), BNode()
    by_position, by_words = BNode(), BNode()
    add(note, RDF.type, OA.Annotation)
    add(note, OA.hasBody, g)
    add(note, OA.hasTarget, target)
    add(target, RDF.type, OA.SpecificResource)
    add(target, OA.hasSource, doc)
    add(target, OA.hasSelector, by_position)
    add(target, OA.hasSelector, by_words)
    add(by_position, RDF.type, OA.TextPositionSelector)
    add(by_position, OA.start, Literal(f["span"][0], datatype=XSD.nonNegativeInteger))
    add(by_position, OA.end, Literal(f["span"][1], datatype=XSD.nonNegativeInteger))
    add(by_words, RDF.type, OA.TextQuoteSelector)
    add(by_words, OA.exact, _text(f["quote"]))


def _default_graph(ds: Dataset, snap) -> None:
    for p in snap.persons:
        node = iri("person", p["id"])
        ds.add((node, RDF.type, CRM["E21_Person"]))
        ds.add((node, RDFS.label, _text(p["name"])))
        for alias in p["aliases"]:
            ds.add((node, FV.alias, _text(alias)))
        if p.get("wikidata"):
            ds.add((node, FV.wikidata, WD[p["wikidata"]]))
    for s in snap.sources:
        node = iri("document", s["id"])
        ds.add((node, RDF.type, PROV.Entity))
        ds.add((node, RDF.type, FV.Document))
        ds.add((node, FV.file, _text(s["source"])))
        for key, prop in (("title", DCTERMS.title), ("author", DCTERMS.creator), ("language", DCTERMS.language)):
            if s.get(key):
                ds.add((node, prop, _text(s[key])))
        if s.get("date"):
            ds.add((node, DCTERMS.date, Literal(s["date"], datatype=EDTF)))
        if s.get("url"):
            ds.add((node, FV.url, Literal(s["url"], datatype=XSD.anyURI)))
        if s.get("retrieved"):
            ds.add((node, FV.retrieved, Literal(s["retrieved"])))
        ds.add((node, FV.family, iri("document", s["family"])))
    for c in snap.conflicts:
        node = iri("conflict", c["id"])
        ds.add((node, RDF.type, FV.Conflict))
        ds.add((node, FV.kind, Literal(c["kind"])))
        ds.add((node, RDFS.comment, _text(c["explanation"])))
        if c["person"]:
            ds.add((node, FV.person, iri("person", c["person"])))
        for fid in c["factoids"]:
            ds.add((node, FV.factoid, iri("factoid", fid)))


def _dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def _owners(snap, facts: list[dict]) -> dict[str, str]:
    return snap.owners(sorted({f["object_person"] for f in facts if f["object_person"]}))


def trig(snap):
    def chunks():
        ds = _dataset()
        _default_graph(ds, snap)
        yield ds.serialize(format="trig")
        stream = snap.factoids()
        while batch := list(islice(stream, BATCH)):
            ds, owners = _dataset(), _owners(snap, batch)
            for f in batch:
                _factoid(ds, f, owners)
            yield ds.serialize(format="trig")
    yield "factoid.trig", chunks()


def jsonld(snap):
    def chunks():
        ds = _dataset()
        _default_graph(ds, snap)
        facts = list(snap.factoids())
        owners = _owners(snap, facts)
        for f in facts:
            _factoid(ds, f, owners)
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        doc = json.loads(ds.serialize(format="json-ld", context=context))
        # rdflib writes the default graph as a graph object without an @id, which a reader takes for
        # a graph named by a blank node: its nodes go to the top level instead
        top = []
        for node in doc["@graph"]:
            top.extend(node["@graph"] if "@graph" in node and "@id" not in node else [node])
        doc["@graph"] = top
        yield json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    yield "factoid.jsonld", chunks()


TRIG = Format("trig", "RDF TriG: a named graph per factoid (CIDOC-CRM event, PROV-O source, Web Annotation "
              "selectors for span and quote, EDTF dates in both calendars)", ".trig", "application/trig", trig)
JSONLD = Format("jsonld", "RDF JSON-LD: the same graphs as trig", ".jsonld", "application/ld+json", jsonld)
