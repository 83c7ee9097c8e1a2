"""Every export format, read back by a parser that is not ours: Python's csv and the Frictionless
validator, networkx's readers and lxml / ElementTree, and a QuickStatements grammar written
here from the tool's documented syntax. The knowledge base is examples/ plus three short
documents written for these tests (a father and son, two members of one board at overlapping
times, an Old Style birth date)."""
from __future__ import annotations

import csv
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from convertdate import julian as julian_calendar
from lxml import etree

from factoid import ingest, open_store
from factoid.cli import main
from factoid.exports import FORMATS
from factoid.model import PROPERTIES
from factoid.vocabulary import VOCABULARY

ROOT = Path(__file__).resolve().parents[1]
DOCS = {
    "orlov.txt": "Pavel Ivanovich Orlov (4 March 1881 – 9 May 1937) was a Russian engineer and teacher.\n\n"
                 "Orlov was born in Tula. He was a member of the Tula Zemstvo Board from 1910 to 1918. His father, "
                 "Ivan Petrovich Orlov (1850–1912), was a physician in Kaluga. In 1905 Orlov was arrested in Tula. "
                 "He married Maria Sergeyevna Orlova in 1909.\n",
    "ivan.txt": "Ivan Petrovich Orlov (12 January 1850 – 3 February 1912) was a Russian physician.\n\n"
                "Ivan Petrovich Orlov was born in Kaluga. His son was Pavel Ivanovich Orlov.\n",
    "lebedev.txt": "Nikolai Andreyevich Lebedev (born 2 (14) June 1875 in Ryazan; died 1 March 1930 in Moscow) was "
                   "a Russian agronomist.\n\nLebedev was a member of the Tula Zemstvo Board from 1912 to 1916. "
                   "He was arrested in 1921.\n",
}


class KB:
    def __init__(self, db: Path):
        self.db = db
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        self.factoids = {r["id"]: dict(r) for r in conn.execute(
            "SELECT f.*, dp.person_id FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person")}
        self.raw = dict(conn.execute("SELECT id, raw FROM documents").fetchall())
        self.persons = dict(conn.execute("SELECT id, name FROM persons").fetchall())
        self.conflicts = conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0]
        conn.close()

    def person(self, name: str) -> str:
        return next(pid for pid, n in self.persons.items() if n == name)

    def quote_ok(self, fid: str, quote: str) -> bool:
        f = self.factoids[fid]
        return f["quote"] == quote == self.raw[f["doc_id"]][f["span_start"]:f["span_end"]]


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KB:
    folder = tmp_path_factory.mktemp("docs")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("kb") / "kb.db"
    with open_store(db) as store:
        report = ingest([str(ROOT / "examples"), str(folder)], store)
    assert not report.failed
    return KB(db)


def _export(kb: KB, fmt: str, out: Path, *more) -> Path:
    result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", fmt, "--out", str(out), *more])
    assert result.exit_code == 0, result.output
    return out


# -- the vocabulary ----------------------------------------------------------------------------

def test_vocabulary_covers_every_property_once_with_well_formed_ids(kb):
    assert tuple(VOCABULARY) == PROPERTIES
    assert {f["property"] for f in kb.factoids.values()} <= set(VOCABULARY)
    for t in VOCABULARY.values():
        for pid in (t.wikidata, t.wikidata_place):
            assert pid is None or re.fullmatch(r"P\d+", pid), t
        assert t.crm is None or re.fullmatch(r"E\d+ [A-Z][a-z]+", t.crm), t
        assert t.inverse is None or VOCABULARY[t.inverse].inverse == t.name, t
        assert t.wikidata or t.note, f"{t.name}: no statement and no word on how to model it"
    assert VOCABULARY["birth"].wikidata == "P569" and VOCABULARY["birth"].crm == "E67 Birth"


def test_the_judge_reads_single_valued_properties_from_the_vocabulary():
    """Two sources giving two years is a dispute for a property the table says a person has
    once (and for a rehabilitation, which the judge takes as mostly once), two facts for any other."""
    from factoid.judge import judge
    from factoid.judge.terms import MOSTLY_ONCE
    from factoid.vocabulary import SINGLE_VALUED, VOCABULARY

    def two_years(prop):
        return [{"id": f"{prop}{i}", "person": "p", "property": prop, "document": doc, "source": f"{doc}.txt",
                 "date": year, "confidence": 0.8} for i, (doc, year) in enumerate((("a", "1900"), ("b", "1930")))]
    for prop in VOCABULARY:
        disputed = [c for c in judge(two_years(prop)) if c.kind == "value"]
        assert bool(disputed) == (prop in SINGLE_VALUED or prop in MOSTLY_ONCE), prop


def test_every_registered_format_is_offered_and_described_by_the_command():
    result = CliRunner().invoke(main, ["export", "--help"])
    for name in FORMATS:
        assert name in result.output
    choices = next(p for p in main.commands["export"].params if p.name == "fmt").type.choices
    assert set(choices) == set(FORMATS)


# -- csv ---------------------------------------------------------------------------------------

def _table(folder: Path, name: str) -> list[dict]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_tables_hold_every_factoid_source_and_both_calendars(kb, tmp_path):
    folder = _export(kb, "csv", tmp_path / "tables")
    factoids, sources = _table(folder, "factoids"), _table(folder, "sources")
    persons, conflicts = _table(folder, "persons"), _table(folder, "conflicts")
    assert len(factoids) == len(kb.factoids) and {r["id"] for r in factoids} == set(kb.factoids)
    assert {r["id"] for r in sources} == set(kb.raw)
    assert len(persons) == len(kb.persons) and len(conflicts) == kb.conflicts
    for row in factoids:
        assert kb.quote_ok(row["id"], row["quote"])
        stored = kb.factoids[row["id"]]
        assert (row["date"] or None, row["date_julian"] or None) == (stored["date"], stored["date_julian"])
        if row["time_begin"]:
            assert row["time_begin"] <= row["time_end"]
    old_style = [r for r in factoids if r["date_julian"]]
    assert len(old_style) >= 5  # Sokolnikov, Krestinsky, Chicherin, Kollontai, Lebedev
    for row in old_style:
        y, m, d = map(int, row["date_julian"].split("-"))
        assert "%04d-%02d-%02d" % julian_calendar.to_gregorian(y, m, d) == row["date"]
    lebedev = next(p for p in persons if p["name"] == "Nikolai Andreyevich Lebedev")
    assert (lebedev["birth"], lebedev["birth_julian"], lebedev["birth_begin"]) == ("1875-06-14", "1875-06-02",
                                                                                   "1875-06-14")


def test_csv_package_is_valid_for_frictionless_and_the_zip_holds_the_same_tables(kb, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = _export(kb, "csv", tmp_path / "tables")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:  # the descriptor names each column the table has, in order
        with open(folder / resource["path"], encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == [c["name"] for c in resource["schema"]["fields"]]
    archive = _export(kb, "csv", tmp_path / "tables.zip")
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(p.name for p in folder.iterdir())
        for name in z.namelist():
            assert z.read(name) == (folder / name).read_bytes()


def test_csv_replaces_an_earlier_export_but_never_a_folder_of_other_files(kb, tmp_path):
    folder = _export(kb, "csv", tmp_path / "tables")
    _export(kb, "csv", folder)  # an earlier export: replaced whole
    assert sorted(p.name for p in folder.iterdir()) == ["conflicts.csv", "datapackage.json", "factoids.csv",
                                                         "persons.csv", "sources.csv"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", "csv", "--out", str(mine)])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", "csv"])
    assert result.exit_code == 1 and "--out" in result.output and "Traceback" not in result.output


# -- graphml and gexf --------------------------------------------------------------------------

def _check_edges(kb: KB, edges) -> dict[str, dict]:
    """Every edge's factoids exist and its quotes are the documents' words; edges by relation."""
    found = {}
    for a, b, data in edges:
        ids = data["factoids"].split()
        assert ids and all(i in kb.factoids for i in ids)
        assert data["quotes"].split(" | ") == [kb.factoids[i]["quote"] for i in ids]
        assert all(kb.quote_ok(i, kb.factoids[i]["quote"]) for i in ids)
        assert {kb.factoids[i]["person_id"] for i in ids} <= {a, b}
        found[data["relation"]] = {"a": a, "b": b, **data}
    return found


def test_graphml_read_back_by_networkx_and_lxml(kb, tmp_path):
    path = _export(kb, "graphml", tmp_path / "kb.graphml")
    g = nx.read_graphml(path)
    assert set(g.nodes) == set(kb.persons)
    pavel, ivan = kb.person("Pavel Ivanovich Orlov"), kb.person("Ivan Petrovich Orlov")
    lebedev = kb.person("Nikolai Andreyevich Lebedev")
    sokolnikov = g.nodes[kb.person("Grigory Sokolnikov")]
    assert (sokolnikov["birth"], sokolnikov["birth_julian"]) == ("1888-08-15", "1888-08-03")
    edges = _check_edges(kb, g.edges(data=True))
    assert (edges["parent"]["a"], edges["parent"]["b"]) == (pavel, ivan)
    board = edges["membership"]
    assert {board["a"], board["b"]} == {pavel, lebedev}
    assert (board["start"], board["end"]) == ("1912-01-01", "1916-12-31")  # the years both sat on the board
    # the same file by a plain XML parser: every key declared, every data element refers to one
    tree = etree.parse(str(path))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): k.get("attr.name") for k in tree.iterfind(".//g:key", ns)}
    assert {"label", "birth", "death", "factoids", "quotes", "start", "end"} <= set(keys.values())
    assert all(d.get("key") in keys for d in tree.iterfind(".//g:data", ns))
    assert len(tree.findall(".//g:node", ns)) == len(kb.persons)


def test_gexf_is_dynamic_for_gephi_and_read_back_by_networkx_and_elementtree(kb, tmp_path):
    path = _export(kb, "gexf", tmp_path / "kb.gexf")
    root = ET.parse(path).getroot()
    ns = {"x": root.tag[1:].split("}")[0]}
    graph = root.find("x:graph", ns)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    nodes = graph.findall("x:nodes/x:node", ns)
    assert {n.get("id") for n in nodes} == set(kb.persons)
    pavel = next(n for n in nodes if n.get("label") == "Pavel Ivanovich Orlov")
    assert (pavel.get("start"), pavel.get("end")) == ("1881-03-04", "1937-05-09")
    edges = graph.findall("x:edges/x:edge", ns)
    assert edges and all(re.fullmatch(r"\d{4}-\d\d-\d\d", e.get("start")) for e in edges if e.get("start"))
    g = nx.read_gexf(path)
    assert set(g.nodes) == set(kb.persons)
    # ("His son was Pavel Ivanovich Orlov": the father's page gives the child edge too; "she left
    # her husband for his younger brother Vladimir": the husband's brother)
    assert set(_check_edges(kb, g.edges(data=True))) == {"parent", "child", "membership", "spouse", "sibling"}


# -- quickstatements ---------------------------------------------------------------------------
# The v1 syntax: one command per line, columns separated by tabs. CREATE makes an item and LAST
# names it; `ITEM  Lxx|Dxx|Axx  "text"` sets a label, description or alias; `ITEM  Pn  value` adds
# a statement, followed by (Pn value) qualifier and (Sn value) reference pairs. Values: an item
# Qn, somevalue, novalue, "string", lang:"text", or a time +YYYY-MM-DDT00:00:00Z/precision with
# /J for the Julian calendar model.

QS_STRING = r'"[^"\t\n]*(?:"[^"\t\n]*)*"'
QS_VALUE = re.compile(rf"Q\d+|somevalue|novalue|{QS_STRING}|[a-z]{{2,3}}(?:-[a-z]+)?:{QS_STRING}"
                      r"|(?P<time>[+-]\d{4,}-\d\d-\d\dT00:00:00Z/(?:[0-9]|1[0-4])(?:/J)?)")


def parse_qs(text: str) -> list[dict]:
    """The commands of a QuickStatements v1 batch; an AssertionError on any line off the grammar."""
    commands, created = [], False
    for n, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        cols = line.split("\t")
        if cols == ["CREATE"]:
            created = True
            commands.append({"create": True})
            continue
        assert cols[0] == "LAST" and created or re.fullmatch(r"Q\d+", cols[0]), (n, line)
        if re.fullmatch(r"[LDA][a-z]{2,3}", cols[1]):
            assert len(cols) == 3 and re.fullmatch(QS_STRING, cols[2]), (n, line)
            commands.append({"term": cols[1], "text": cols[2][1:-1]})
            continue
        assert re.fullmatch(r"P\d+", cols[1]) and len(cols) % 2 == 1, (n, line)
        pairs = list(zip(cols[1::2], cols[2::2]))
        for prop, value in pairs:
            assert re.fullmatch(r"[PS]\d+", prop) and QS_VALUE.fullmatch(value), (n, prop, value)
        kinds = [p[0] for p, _ in pairs[1:]]
        assert kinds == sorted(kinds), (n, "references come after the qualifiers")
        commands.append({"property": cols[1], "value": cols[2],
                         "qualifiers": [(p, v) for p, v in pairs[1:] if p[0] == "P"],
                         "reference": dict((p, v) for p, v in pairs[1:] if p[0] == "S")})
    return commands


def _gregorian(time: str) -> tuple[str, int]:
    """A QuickStatements time as a Gregorian EDTF value at its precision."""
    m = re.fullmatch(r"\+(\d{4})-(\d\d)-(\d\d)T00:00:00Z/(\d+)(/J)?", time)
    y, mo, d, precision = int(m[1]), int(m[2]), int(m[3]), int(m[4])
    if m[5]:
        y, mo, d = julian_calendar.to_gregorian(y, mo, d)
    return ("%04d-%02d-%02d" % (y, mo, d))[:{11: 10, 10: 7, 9: 4}[precision]], precision


def test_quickstatements_follow_the_grammar_with_a_reference_per_statement(kb, tmp_path):
    path = _export(kb, "quickstatements", tmp_path / "kb.qs.txt")
    commands = parse_qs(path.read_text(encoding="utf-8"))
    assert sum(1 for c in commands if c.get("create")) == len(kb.persons)
    humans = [c for c in commands if c.get("property") == "P31"]
    assert len(humans) == len(kb.persons) and all(c["value"] == "Q5" for c in humans)
    statements = [c for c in commands if "property" in c and c["property"] != "P31"]
    quotes = {}
    for s in statements:
        ref = s["reference"]
        assert {"S1683", "S813", "S1810"} <= set(ref), s
        lang, _, quote = ref["S1683"].partition(":")
        quotes.setdefault(quote[1:-1], []).append(s)
    def has_statement(f):  # a date or place for birth, death, burial; a thing named for the others
        t = VOCABULARY[f["property"]]
        if t.wikidata is None:
            return False
        return bool(f["date"] or f["place"]) if t.kind == "life" else bool(t.wikidata_value or f["object"] or f["place"])
    mapped = [f for f in kb.factoids.values() if has_statement(f)]
    assert len(mapped) > 60
    for f in mapped:  # each factoid with a Wikidata statement is there, its quote with it
        assert re.sub(r"[\t\n\r\v\f]", " ", f["quote"]) in quotes, f
    # the JSONL record's web address is the reference URL
    kamenev = [s for s in statements if "S854" in s["reference"]]
    assert kamenev and all(s["reference"]["S854"].startswith('"https://example.org/bios/') for s in kamenev)


def test_quickstatements_keep_both_calendars_and_both_sides_of_a_disagreement(kb, tmp_path):
    path = _export(kb, "quickstatements", tmp_path / "kb.qs.txt", "--person", "Sokolnikov")
    commands = parse_qs(path.read_text(encoding="utf-8"))
    assert sum(1 for c in commands if c.get("create")) == 1
    births = [c for c in commands if c.get("property") == "P569"]
    julian = [b for b in births if b["value"].endswith("/J")]
    assert julian and all(_gregorian(b["value"]) == ("1888-08-15", 11) for b in julian)
    assert julian[0]["value"] == "+1888-08-03T00:00:00Z/11/J"
    deaths = [c for c in commands if c.get("property") == "P570"]
    years = {_gregorian(d["value"])[0][:4]: d["reference"]["S1476"] for d in deaths}
    assert set(years) == {"1939", "1940"} and years["1939"] != years["1940"]  # each with its own source
    # a year-only date keeps its precision
    lebedev = parse_qs(_export(kb, "quickstatements", tmp_path / "l.qs.txt", "--person", "Lebedev")
                       .read_text(encoding="utf-8"))
    birth = next(c for c in lebedev if c.get("property") == "P569")
    assert birth["value"] == "+1875-06-02T00:00:00Z/11/J" and _gregorian(birth["value"]) == ("1875-06-14", 11)
    board = next(c for c in lebedev if c.get("property") == "P463")
    assert ("P580", "+1912-00-00T00:00:00Z/9") in board["qualifiers"]


# -- filters and failures ----------------------------------------------------------------------

def test_person_and_min_confidence_filter_every_format(kb, tmp_path):
    folder = _export(kb, "csv", tmp_path / "one", "--person", "Pavel Ivanovich Orlov", "--min-confidence", "0.8")
    pavel = kb.person("Pavel Ivanovich Orlov")
    rows = _table(folder, "factoids")
    expected = {i for i, f in kb.factoids.items() if f["person_id"] == pavel and round(f["confidence"], 3) >= 0.8}
    assert rows and {r["id"] for r in rows} == expected
    assert [p["id"] for p in _table(folder, "persons")] == [pavel]
    g = nx.read_graphml(_export(kb, "graphml", tmp_path / "one.graphml", "--person", pavel))
    assert list(g.nodes) == [pavel] and g.number_of_edges() == 0


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_unwritable_output_is_one_line_and_leaves_nothing(kb, tmp_path, fmt):
    out = tmp_path / "missing" / ("x.zip" if fmt == "csv" else "x")
    result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 1 and "cannot write" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not out.parent.exists()


@pytest.mark.parametrize("fmt,name", [("graphml", "x.graphml"), ("csv", "tables"), ("csv", "t.zip")])
def test_a_failure_while_writing_leaves_no_half_written_output(kb, tmp_path, monkeypatch, fmt, name):
    import dataclasses

    from factoid import exports

    def broken(snap):
        def chunks():
            yield "a,b\r\n"
            raise OSError(28, "No space left on device")
        yield "a.csv", chunks()
    monkeypatch.setitem(exports.FORMATS, fmt, dataclasses.replace(FORMATS[fmt], files=broken))
    result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", fmt, "--out", str(tmp_path / name)])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "No space left" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_database_is_never_the_output(kb, tmp_path):
    before = kb.db.read_bytes()
    for fmt in FORMATS:
        result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", fmt, "--out", str(kb.db)])
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, result.output
    assert kb.db.read_bytes() == before


def test_jsonl_is_the_contract_that_queries_export_rows_gives(kb, tmp_path):
    """The evaluation contract's lines (persons, factoids, conflicts) exactly as the store
    gives them; besides them, one source line per document cited and consensus lines whose
    factoids are exported."""
    from factoid.store import Store, queries
    path = _export(kb, "jsonl", tmp_path / "kb.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with Store(str(kb.db), readonly=True) as store:
        expected = list(queries.export_rows(store))
        documents = {r[0] for r in store.db.execute("SELECT DISTINCT doc_id FROM factoids")}
    assert [r for r in rows if r["type"] in ("person", "factoid", "conflict")] == expected
    sources = [r for r in rows if r["type"] == "source"]
    assert {s["id"] for s in sources} == documents and all(s["family"] for s in sources)
    factoids = {r["id"] for r in rows if r["type"] == "factoid"}
    consensus = [r for r in rows if r["type"] == "consensus"]
    assert consensus and all(set(r["factoids"]) <= factoids and r["status"] in ("consensus", "disputed", "undecided")
                             for r in consensus)


def test_a_body_too_large_for_pairs_becomes_a_node_with_an_edge_per_member(kb, tmp_path, monkeypatch):
    from factoid.exports import graph
    monkeypatch.setattr(graph, "MAX_PAIRWISE", 1)
    g = nx.read_graphml(_export(kb, "graphml", tmp_path / "kb.graphml"))
    board = next(n for n, d in g.nodes(data=True) if d.get("kind") == "body" and d["label"] == "Tula Zemstvo Board")
    members = {a: d for a, b, d in g.in_edges(board, data=True)}
    assert set(members) == {kb.person("Pavel Ivanovich Orlov"), kb.person("Nikolai Andreyevich Lebedev")}
    assert all(d["kind"] == "member" and kb.quote_ok(d["factoids"], d["quotes"]) for d in members.values())
    assert (members[kb.person("Pavel Ivanovich Orlov")]["start"], members[kb.person("Pavel Ivanovich Orlov")]["end"]) \
        == ("1910-01-01", "1918-12-31")
    assert not [d for _, _, d in g.edges(data=True) if d["kind"] == "same body"]


def test_a_control_character_in_a_quote_leaves_the_graph_files_readable():
    from types import SimpleNamespace

    from factoid.exports import graph

    def fact(fid, person):
        return {"id": fid, "person": person, "person_name": "", "property": "membership", "date": None,
                "date_julian": None, "calendar": None, "start": "1910", "end": "1912", "place": None,
                "object": "Board", "object_person": None, "source": "a.txt", "quote": "page\x0cbreak\x01 here"}
    snap = SimpleNamespace(persons=[{"id": p, "name": f"Name\x0b{p}", "aliases": []} for p in ("a", "b")],
                           factoids=lambda: iter([fact("f1", "a"), fact("f2", "b")]), owners=lambda ids: {})
    for writer, reader in ((graph.graphml, nx.parse_graphml), (graph.gexf, None)):
        text = "".join(chunk for _, chunks in writer(snap) for chunk in chunks)
        root = etree.fromstring(text.encode("utf-8"))  # a strict XML parser: it refuses control characters
        assert "page\ufffdbreak\ufffd here" in etree.tostring(root, encoding="unicode")
        if reader:
            assert reader(text).number_of_edges() == 1


def test_reconciled_persons_get_statements_on_their_own_item(kb, tmp_path):
    folder = _export(kb, "csv", tmp_path / "tables")
    rows = _table(folder, "persons")
    sokolnikov = kb.person("Grigory Sokolnikov")
    for row in rows:  # as a user would after reconciling persons.csv (Q4115189: the Wikidata sandbox)
        row["wikidata"] = "http://www.wikidata.org/entity/Q4115189" if row["id"] == sokolnikov else ""
    mapping = tmp_path / "reconciled.csv"
    with open(mapping, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    qs = _export(kb, "quickstatements", tmp_path / "kb.qs.txt", "--wikidata", mapping).read_text(encoding="utf-8")
    commands = parse_qs(qs)
    assert sum(1 for c in commands if c.get("create")) == len(kb.persons) - 1
    own = [line for line in qs.splitlines() if line.startswith("Q4115189\t")]
    assert own and all(line.split("\t")[1].startswith("P") for line in own)  # statements only: no label, no class
    assert any(line.split("\t")[1] == "P570" for line in own)
    reread = _table(_export(kb, "csv", tmp_path / "again", "--wikidata", mapping), "persons")
    assert {r["id"]: r["wikidata"] for r in reread if r["wikidata"]} == {sokolnikov: "Q4115189"}
    bad = tmp_path / "bad.csv"
    for content, words in (("id,qid\np1,Q1\n", "needs the columns id and wikidata"),
                           ("id,wikidata\np1,Q1\np2,Sokolnikov\n", "line 3")):
        bad.write_text(content, encoding="utf-8")
        result = CliRunner().invoke(main, ["export", "--db", str(kb.db), "--format", "quickstatements",
                                           "--wikidata", str(bad)])
        assert result.exit_code == 1 and words in result.output and result.output.count("\n") == 1
