"""Where a fact comes from is citable: a source's URL, title, author, date, language and kind
from HTML <meta>, from JSON Lines fields and from a manifest beside the files; every source and
every consensus value is a line of the export."""
from __future__ import annotations

import json

from click.testing import CliRunner

from factoid import ingest, open_store
from factoid.cli import main
from factoid.sources import read_sources
from factoid.sources.metadata import edtf_date

BIO = ("Irina Semyonovna Lodkina (3 May 1881 - 9 January 1952) was a Russian bookbinder. Lodkina was born "
       "in Vologda. She opened a bindery in Petrograd in 1912 and trained apprentices there for many years.")
PAGE = f"""<html lang="ru-RU"><head><title>Lodkina | Wiki</title>
<meta name="citation_title" content="Lodkina, Irina Semyonovna">
<meta name="DC.creator" content="A. Volkov"><meta name="dc.date" content="2003-11-04T08:00:00Z">
<meta property="og:type" content="website"><link rel="canonical" href="https://example.org/lodkina">
</head><body><p>{BIO}</p></body></html>"""


def test_html_meta_gives_citable_fields(tmp_path):
    (tmp_path / "lodkina.html").write_text(PAGE, encoding="utf-8")
    doc, = read_sources([tmp_path / "lodkina.html"])
    assert {k: doc.metadata.get(k) for k in ("url", "title", "author", "date", "language", "kind")} == {
        "url": "https://example.org/lodkina", "title": "Lodkina, Irina Semyonovna", "author": "A. Volkov",
        "date": "2003-11-04", "language": "ru", "kind": "web page"}


def test_jsonl_fields_are_kept(tmp_path):
    record = {"id": "r1", "text": BIO, "url": "https://example.org/r1", "author": "Memorial volunteers",
              "date": "1999-05", "language": "en", "kind": "memorial database"}
    (tmp_path / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc, = read_sources([tmp_path / "records.jsonl"])
    assert doc.metadata["author"] == "Memorial volunteers" and doc.metadata["date"] == "1999-05"
    assert doc.metadata["kind"] == "memorial database" and doc.metadata["url"] == "https://example.org/r1"


def test_manifest_rows_describe_files_and_bad_rows_are_named(tmp_path):
    (tmp_path / "lodkina.txt").write_text(BIO, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "file,title,author,date,kind,colour\n"
        "lodkina.txt,Bookbinders of the north,P. Orlov,1968,book,blue\n"
        "missing.txt,Nothing,,,,\n"
        "lodkina.txt,Again,,the sixties,pamphlet,\n", encoding="utf-8")
    items = list(read_sources([tmp_path]))
    problems = [str(i) for i in items if not hasattr(i, "metadata")]
    assert len(problems) == 4, problems
    assert any("colour" in p and "sources.csv" in p for p in problems)
    assert any(":3" in p and "missing.txt" in p for p in problems)
    assert any(":4" in p and "the sixties" in p for p in problems) and any("pamphlet" in p for p in problems)
    doc, = [i for i in items if hasattr(i, "metadata")]
    # the last good row for a file wins; its bad date and kind are left out, the rest is used
    assert doc.metadata["title"] == "Again" and "date" not in doc.metadata and "kind" not in doc.metadata


def test_dates_from_metadata():
    assert [edtf_date(x) for x in ("1999", "1999-05", "2003-11-04T08:00:00Z", "May 1999", "1999-13")] == [
        "1999", "1999-05", "2003-11-04", None, None]


def test_export_has_source_and_consensus_lines(tmp_path):
    (tmp_path / "lodkina.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "lodkina.txt").write_text(BIO.replace("3 May 1881", "3 May 1880"), encoding="utf-8")
    db = tmp_path / "kb.db"
    with open_store(db) as store:
        ingest([tmp_path / "lodkina.html", tmp_path / "lodkina.txt"], store)
    out = CliRunner().invoke(main, ["export", "--db", str(db)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(x) for x in out.output.splitlines()]
    sources = {r["source"]: r for r in rows if r["type"] == "source"}
    assert sources["lodkina.html"]["url"] == "https://example.org/lodkina"
    assert sources["lodkina.html"]["author"] == "A. Volkov" and sources["lodkina.txt"]["url"] is None
    # one text with one date changed is still a copy: one family, which gives both dates and so
    # supports neither
    assert len({r["family"] for r in sources.values()}) == 1
    births = [r for r in rows if r["type"] == "consensus" and r["property"] == "birth"]
    assert sorted(r["date"] for r in births) == ["1880-05-03", "1881-05-03"]
    assert {r["status"] for r in births} == {"undecided"} and all(r["independent_sources"] == 0 for r in births)
    factoids = {r["id"] for r in rows if r["type"] == "factoid"}
    assert all(set(r["factoids"]) <= factoids for r in births)


def test_source_page_cites_its_metadata_and_never_links_a_script(tmp_path):
    from fastapi.testclient import TestClient

    from factoid.api import create_app
    (tmp_path / "lodkina.html").write_text(PAGE, encoding="utf-8")
    record = {"id": "r1", "text": BIO.replace("Vologda", "Totma"), "url": "javascript:alert(1)", "author": "<b>X</b>"}
    (tmp_path / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    with open_store(db) as store:
        ingest([tmp_path / "lodkina.html", tmp_path / "records.jsonl"], store)
        ids = dict(store.db.execute("SELECT uri LIKE '%.html', id FROM documents").fetchall())
    with TestClient(create_app(db)) as client:
        page = client.get(f"/documents/{ids[1]}").text
        assert 'href="https://example.org/lodkina"' in page and "A. Volkov" in page and "2003-11-04" in page
        hostile = client.get(f"/documents/{ids[0]}").text
        assert 'href="javascript' not in hostile and "<b>X</b>" not in hostile and "&lt;b&gt;X&lt;/b&gt;" in hostile
