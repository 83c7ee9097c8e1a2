"""Imports through the registry of readers: registers (CSV, XLSX) with a column mapping and
GEDCOM family trees, ingested into a temporary database; every fact is found with its span
into the raw input. The inputs are in tests/data/imports, written for these tests."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factoid.cli import main
from factoid.errors import FactoidError, SourceError
from factoid.model import Document
from factoid.sources import ReadOptions, read_sources
from factoid.sources.mapping import load_mapping
from factoid.sources.registers import split_rows

DATA = Path(__file__).parent / "data" / "imports"
CSV, MAPPING, GEDCOM = DATA / "memorial.csv", DATA / "memorial.mapping.json", DATA / "family.ged"


def _ingest(tmp_path, *args):
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["ingest", *map(str, args), "--db", str(db), "-q"])
    return result, db


def _facts(db) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT f.*, d.raw, d.uri, d.metadata, d.title, p.name AS person FROM factoids f "
                        "JOIN documents d ON d.id = f.doc_id JOIN doc_persons p ON p.id = f.doc_person").fetchall()
    return [dict(r) for r in rows]


def _provenance_holds(fact: dict) -> None:
    raw = fact["raw"]
    assert raw[fact["span_start"]:fact["span_end"]] == fact["quote"]
    for role, start, end in json.loads(fact["evidence"]):
        assert 0 <= start < end <= len(raw), (role, start, end)


# -- registers ---------------------------------------------------------------------------------

def test_register_rows_become_structured_facts_with_cell_spans(tmp_path):
    result, db = _ingest(tmp_path, CSV, "--mapping", MAPPING)
    assert result.exit_code == 3, result.output  # the row without a name is reported
    assert "memorial.csv:4: line 4: no name in the mapped name columns" in result.output
    facts = _facts(db)
    file_text = CSV.read_text(encoding="utf-8")
    for f in facts:
        _provenance_holds(f)
        assert f["extractor"].startswith("record.csv@")
        # each cell's span, moved by the row's offset, is the same quote in the file itself
        offset = json.loads(f["metadata"])["offset"]
        for role, start, end in json.loads(f["evidence"]):
            assert file_text[offset + start:offset + end] == f["raw"][start:end]
    by = {(f["person"], f["property"]): f for f in facts}
    zavarzin = "Пётр Лукич Заварзин"
    assert by[(zavarzin, "birth")]["date"] == "1889"
    assert by[(zavarzin, "birth")]["place"] == "Тверская губ., с. Кушалино"
    assert by[(zavarzin, "arrest")]["date"] == "1937-08-12"
    assert by[(zavarzin, "execution")]["date"] == "1937-11-02"
    assert by[(zavarzin, "execution")]["quote"] == "02.11.1937"  # the quoted cell, without its quotes
    assert by[(zavarzin, "rehabilitation")]["date"] == "1958-05-14"
    assert by[(zavarzin, "sentence")]["note"] == "ВМН"
    sentence = by[("Анна Семёновна Кондырева", "sentence")]
    assert sentence["note"] == '10 лет ИТЛ; "без права переписки"'  # a doubled quote is one quote
    assert sentence["quote"] == '10 лет ИТЛ; ""без права переписки""'  # the raw, as written
    assert ("Осип Лемехов", "execution") not in by  # an empty cell states nothing
    conn = sqlite3.connect(db)
    names = {json.loads(n)[1] for (n,) in conn.execute("SELECT names FROM doc_persons")}
    assert "Заварзин Пётр Лукич" in names  # the register's own order is a name too
    meta = json.loads(conn.execute("SELECT metadata FROM documents LIMIT 1").fetchone()[0])
    assert meta["kind"] == "memorial database"


def test_register_missing_mapped_column_says_so_and_keeps_the_rest(tmp_path):
    mapping = tmp_path / "m.json"
    spec = json.loads(MAPPING.read_text(encoding="utf-8"))
    spec["columns"]["burial_place"] = "Место захоронения"
    mapping.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    items = list(read_sources([CSV], ReadOptions(mapping=load_mapping(str(mapping)))))
    errors = [str(e) for e in items if isinstance(e, SourceError)]
    assert errors[0] == (f"{CSV}: mapped column 'Место захоронения' (burial_place) not in the header (m.json); "
                         "its facts are not read, the other columns are")
    assert "\n" not in errors[0]
    assert len([d for d in items if isinstance(d, Document)]) == 3
    # without any name column nothing can be said about anyone: one line, nothing read
    spec["columns"] = {"surname": "Фамилия_", "birth_year": "Год рождения"}
    mapping.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    items = list(read_sources([CSV], ReadOptions(mapping=load_mapping(str(mapping)))))
    assert len(items) == 1 and "nothing is read" in str(items[0])


def test_register_without_mapping_or_with_a_bad_one_is_one_line(tmp_path):
    (item,) = read_sources([CSV])
    assert isinstance(item, SourceError) and "--mapping" in item.problem
    bad = tmp_path / "bad.json"
    bad.write_text('{"columns": {"brith_date": "X", "surname": "Y"}}')
    with pytest.raises(FactoidError, match="unknown role 'brith_date'"):
        load_mapping(str(bad))
    result, _ = _ingest(tmp_path, CSV, "--mapping", bad)
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1


def test_csv_rows_keep_offsets_through_quotes_and_line_breaks():
    text = 'a,"b ""x""\ny",c\r\n1,,3\n'
    rows = list(split_rows(text, ","))
    assert [(line, text[s:e]) for line, s, e, _ in rows] == [(1, 'a,"b ""x""\ny",c'), (3, "1,,3")]
    cells = [text[s:e] for s, e in rows[0][3]]
    assert cells == ["a", 'b ""x""\ny', "c"]


def test_xlsx_register(tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["Фамилия", "Имя", "Дата ареста"])
    sheet.append(["Сурков", "Егор", "1937-09-04"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nsurname = "Фамилия"\ngiven = "Имя"\narrest = 3\n', encoding="utf-8")
    (doc,) = read_sources([path], ReadOptions(mapping=load_mapping(str(mapping))))
    assert doc.raw == "Сурков\tЕгор\t1937-09-04" and doc.metadata["row"] == 2
    (st,) = doc.statements
    assert st.property == "arrest" and doc.raw[st.start:st.end] == "1937-09-04"
    # a workbook named otherwise is still recognised by its first bytes
    renamed = tmp_path / "list.bin"
    renamed.write_bytes(path.read_bytes())
    (doc2,) = read_sources([renamed], ReadOptions(mapping=load_mapping(str(mapping))))
    assert doc2.raw == doc.raw


# -- GEDCOM ------------------------------------------------------------------------------------

def test_gedcom_individuals_families_events_and_citations(tmp_path):
    result, db = _ingest(tmp_path, GEDCOM)
    assert result.exit_code == 3
    # the malformed line is named with its number; the rest of the tree is kept
    assert "family.ged:33: line 33: malformed GEDCOM line 'this line is not GEDCOM'" in result.output
    facts = _facts(db)
    raw = GEDCOM.read_text(encoding="utf-8")
    for f in facts:
        _provenance_holds(f)
        assert f["raw"] == raw
    by = {(f["person"], f["property"], f["object"]): f for f in facts}
    birth = by[("Matvei Ilyich Dorokhov", "birth", None)]
    # an Old Style date keeps both readings; the quote is the citation's text
    assert (birth["date"], birth["date_julian"], birth["calendar"]) == ("1861-04-15", "1861-04-03", "julian")
    assert birth["quote"].startswith("Born the third of April 1861 to the smith")
    assert birth["place"] == "Kaluga"
    death = by[("Matvei Ilyich Dorokhov", "death", None)]
    assert death["date"] == "1919~" and death["quote"] == "1 DEAT\n2 DATE ABT 1919\n2 PLAC Tula"
    arrest = by[("Nikanor Matveyevich Dorokhov", "arrest", None)]
    assert arrest["date"] == "1931-03-09" and arrest["place"] == "Tula"
    assert by[("Nikanor Matveyevich Dorokhov", "parent", "Matvei Ilyich Dorokhov")]
    assert by[("Praskovya Dorokhova", "child", "Nikanor Matveyevich Dorokhov")]
    spouse = by[("Praskovya Dorokhova", "spouse", "Matvei Ilyich Dorokhov")]
    assert spouse["date"] == "1888" and spouse["place"] == "Kaluga"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM doc_persons").fetchone()[0] == 3


def test_gedcom_7_is_sniffed_and_a_level_jump_is_reported(tmp_path):
    path = tmp_path / "tree.txt.export"
    path.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @X1@ INDI\n1 NAME Ada /Lind/\n1 DEAT\n"
                    "2 DATE JULIAN 1 FEB 1700\n4 NOTE too deep\n0 TRLR\n", encoding="utf-8")
    items = list(read_sources([tmp_path]))
    (error,) = [i for i in items if isinstance(i, SourceError)]
    assert str(error) == f"{path}:8: line 8: level 4 with no line at level 3 above it; skipped"
    (doc,) = [i for i in items if isinstance(i, Document)]
    assert doc.metadata["gedcom_version"] == "7.0" and doc.records[0].names[0] == "Ada Lind"
    (st,) = doc.statements
    assert st.values[0].date.julian == "1700-02-01" and st.values[0].date.edtf == "1700-02-11"


# -- the registry ------------------------------------------------------------------------------

def test_forced_format_and_unreadable_files(tmp_path):
    ged = tmp_path / "tree.data"
    ged.write_bytes(GEDCOM.read_bytes())
    text = [i for i in read_sources([ged], ReadOptions(format="text")) if isinstance(i, Document)]
    assert text[0].metadata["format"] == "text"  # --format text: read as plain text, no records
    (tmp_path / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    items = list(read_sources([tmp_path / "scan.jpg"]))
    assert [str(i) for i in items] == [f"{tmp_path / 'scan.jpg'}: cannot read: an image (JPEG), not text; "
                                       "run OCR on it first"]


# -- MediaWiki dumps ---------------------------------------------------------------------------

WIKI = DATA / "wiki.xml"


def test_mediawiki_dump_infoboxes_as_structured_facts_into_the_wikitext(tmp_path):
    dump = tmp_path / "dump.xml.bz2"
    dump.write_bytes(__import__("bz2").compress(WIKI.read_bytes()))
    result, db = _ingest(tmp_path, dump)
    assert result.exit_code == 0, result.output
    facts = _facts(db)
    for f in facts:
        _provenance_holds(f)  # spans into the page's wikitext, prose facts and infobox facts alike
    infobox = {(f["title"], f["property"], f["quote"]): f for f in facts
               if f["extractor"] == "infobox." + f["property"] + "@1"}
    birth = infobox[("Fyodor Korzhin", "birth", "10 (22) April 1870")]
    assert (birth["date"], birth["date_julian"], birth["calendar"]) == ("1870-04-22", "1870-04-10", "julian")
    assert infobox[("Fyodor Korzhin", "birth", "[[Kashira]], [[Russian Empire]]")]["place"] == "Kashira"
    assert not [f for f in facts if "[[" in (f["place"] or "") + (f["object"] or "")]  # one reading, no markup
    death = infobox[("Fyodor Korzhin", "death", "{{death date and age|1924|1|21|1870|4|22}}")]
    assert death["date"] == "1924-01-21"
    (office,) = [f for f in facts if f["property"] == "position" and f["extractor"].startswith("infobox.")]
    assert (office["object"], office["start"], office["end"]) == ("Chairman of the Tula Railway Board", "1918-03-03", "1921")
    assert infobox[("Yelena Smolina", "birth", "{{birth date|1881|9|2}}")]["date"] == "1881-09-02"
    # the talk page is not an article; the prose was read through the offset map
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    born = [f for f in facts if f["extractor"].startswith("life.birth-verb") and f["title"] == "Yelena Smolina"]
    assert born and born[0]["place"] == "Saratov"


def test_truncated_dump_is_one_line_and_keeps_the_pages_before(tmp_path):
    data = WIKI.read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[:data.index(b"<title>Yelena") + 20])
    items = list(read_sources([cut]))
    assert [i.title for i in items if isinstance(i, Document)] == ["Fyodor Korzhin"]
    (error,) = [i for i in items if isinstance(i, SourceError)]
    assert str(error).startswith(f"{cut}: dump cut short or malformed after 2 pages (")
    assert str(error).endswith("the pages before are kept") and "\n" not in str(error)
