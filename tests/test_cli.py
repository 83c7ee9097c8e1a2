"""The `factoid` command, end to end through click's CliRunner, on small documents written here.

The spaCy model runs in a few places only: one module-scoped ingest of a small corpus (shared
by the reading commands), plus the tests that must ingest themselves (re-ingest with --force,
interruption, passage mode). Nothing here needs the network or /work/shared.
"""
from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factoid import pipeline
from factoid.cli import main
from factoid.store import Store

# -- documents ---------------------------------------------------------------------------------

PETROVA = ("Anna Ivanovna Petrova (12 March 1890 – 3 May 1950) was a Russian teacher.\n\n"
           "Petrova was born in Kazan. She studied at Kazan University and later taught in Moscow. "
           "She died in Moscow.\n")
# CRLF line endings and doubled spaces: raw offsets differ from any normalised text, so the
# span checks below really test offsets into the raw file.
SMITH = ("John Edward Smith (4 July 1820 – 9 January 1885) was an English\r\nengineer.\r\n\r\n\r\n"
         "Smith  was born in Leeds.  He died in London.\r\n")
WEBER = ("Karl Otto Weber (1 June 1801 – 2 February 1870) was a German painter. "
         "Weber was born in Bonn.")

CONTRACT = {"type", "id", "person", "property", "date", "date_julian", "calendar", "date_text", "place",
            "object", "object_person", "start", "end", "source", "span", "quote", "confidence"}
SUMMARY = re.compile(r"(\d+) added, (\d+) unchanged, (\d+) failed; (\d+) documents?, (\d+) persons?, "
                     r"(\d+) factoids?, (\d+) conflicts? in ")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))  # bytes: keep CRLF exactly as written
    return path


def _run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _summary(result) -> dict:
    m = SUMMARY.search(result.stdout)
    assert m, result.output
    keys = ("added", "unchanged", "failed", "documents", "persons", "factoids", "conflicts")
    return dict(zip(keys, map(int, m.groups())))


def _one_line_error(result, *needles):
    """The command failed with exactly one line on stderr, containing every needle, no traceback."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = _lines(result.stderr)
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _db_rows(db: Path, sql: str, args=()) -> list[tuple]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy (WAL included) via SQLite's backup API."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dst


def _export(db: Path) -> list[dict]:
    result = _run("export", "--db", db)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- the shared corpus ---------------------------------------------------------------------------

BAD = {"binary.txt": "binary", "empty.txt": "empty", "more.jsonl": "line 2"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder with two good text files, a binary file named .txt, an empty .txt and a JSONL
    file with one good and one bad line, ingested once."""
    root = tmp_path_factory.mktemp("cli")
    docs = root / "docs"
    _write(docs / "petrova.txt", PETROVA)
    _write(docs / "smith.txt", SMITH)
    (docs / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" * 40)
    (docs / "empty.txt").write_bytes(b"")
    _write(docs / "more.jsonl", json.dumps({"id": "w1", "text": WEBER}) + "\n{not json\n")
    db = root / "kb.db"
    result = _run("ingest", docs, "--db", db, "-q")
    return dataclasses.make_dataclass("Corpus", ["root", "docs", "db", "result"])(root, docs, db, result)


def test_ingest_reports_each_bad_file_once_and_stores_the_good_ones(corpus):
    result = corpus.result
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = _lines(result.stderr)
    assert len(errors) == len(BAD), result.stderr
    for name, problem in BAD.items():
        mine = [line for line in errors if name in line]
        assert len(mine) == 1, (name, errors)
        assert problem in mine[0], mine[0]
    for good in ("petrova.txt", "smith.txt"):
        assert good not in result.stderr
    counts = _summary(result)
    assert (counts["added"], counts["unchanged"], counts["failed"], counts["documents"]) == (3, 0, 3, 3)
    assert counts["factoids"] > 0
    assert counts["factoids"] == _db_rows(corpus.db, "SELECT COUNT(*) FROM factoids")[0][0]
    sources = {row["source"] for row in _export(corpus.db) if row["type"] == "factoid"}
    assert {"petrova.txt", "smith.txt", "more.jsonl#w1"} <= sources


# -- help ----------------------------------------------------------------------------------------

EXPECTED_COMMANDS = {"ingest", "people", "person", "export", "extract", "search"}


def test_group_help_lists_every_command():
    result = _run("--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    assert EXPECTED_COMMANDS <= set(main.commands)
    for name in main.commands:
        assert re.search(rf"^\s+{name}\s", result.stdout, re.M), f"{name} missing from the group help"
    assert _run("-h").stdout == result.stdout


def test_every_command_has_help_text():
    """Fails as soon as a command without a docstring or help= is added to the group."""
    for name, command in main.commands.items():
        assert (command.help or "").strip(), f"command {name!r} has no help text"
        assert command.get_short_help_str().strip(), f"command {name!r} has no short help"


@pytest.mark.parametrize("name", sorted(EXPECTED_COMMANDS))
def test_command_help_mentions_its_parameters(name):
    command = main.commands[name]
    result = _run(name, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: main {name}") or f" {name} " in result.stdout.splitlines()[0]
    first_help_line = command.help.strip().splitlines()[0].strip()
    assert first_help_line[:40] in " ".join(result.stdout.split())
    for param in command.params:
        if isinstance(param, click.Argument):
            assert param.name.upper() in result.stdout, (name, param.name)
        else:
            for opt in param.opts:
                assert opt in result.stdout, (name, opt)


def test_version():
    result = _run("--version")
    assert result.exit_code == 0
    assert re.search(r"\d+\.\d+", result.stdout)


# -- re-ingesting --------------------------------------------------------------------------------

def test_ingest_twice_changes_nothing_and_force_reprocesses(corpus, tmp_path):
    db = _copy_db(corpus.db, tmp_path / "kb.db")
    before = _db_rows(db, "SELECT id FROM factoids ORDER BY id")
    assert before

    again = _run("ingest", corpus.docs, "--db", db, "-q")
    assert again.exit_code == 3  # the bad files still fail
    counts = _summary(again)
    assert (counts["added"], counts["unchanged"], counts["failed"]) == (0, 3, 3)
    assert counts["factoids"] == len(before)
    assert _db_rows(db, "SELECT id FROM factoids ORDER BY id") == before

    forced = _run("ingest", corpus.docs, "--db", db, "-q", "--force")
    counts = _summary(forced)
    assert (counts["added"], counts["unchanged"], counts["failed"]) == (3, 0, 3)
    assert counts["documents"] == 3
    # replaced, not duplicated: the same factoids again
    assert _db_rows(db, "SELECT id FROM factoids ORDER BY id") == before


# -- where the database is -------------------------------------------------------------------

def test_db_defaults_to_env_variable(corpus, tmp_path, monkeypatch):
    result = _run("people", env={"FACTOID_DB": str(corpus.db)})
    assert result.exit_code == 0, result.output
    assert "Anna Ivanovna Petrova" in result.stdout

    missing = tmp_path / "elsewhere.db"
    result = _run("people", env={"FACTOID_DB": str(missing)})
    _one_line_error(result, str(missing), "no such database")
    # --db wins over the environment
    result = _run("people", "--db", corpus.db, env={"FACTOID_DB": str(missing)})
    assert result.exit_code == 0 and "Anna Ivanovna Petrova" in result.stdout
    # ingest creates the database the variable names, and nothing in the current folder
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = _run("ingest", "no-such-input", "-q", env={"FACTOID_DB": str(missing)})
    assert result.exit_code == 3
    assert "no-such-input" in result.stderr
    assert missing.exists()
    assert list(here.iterdir()) == []


def test_db_defaults_to_factoid_db_in_current_folder(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("people", env={"FACTOID_DB": None})
    _one_line_error(result, "factoid.db", "no such database")
    assert not (tmp_path / "factoid.db").exists()

    result = _run("ingest", "no-such-input", "-q", env={"FACTOID_DB": None})
    assert result.exit_code == 3
    assert (tmp_path / "factoid.db").exists()
    assert "in factoid.db" in result.stdout
    Store(tmp_path / "factoid.db", readonly=True).close()  # a real factoid database

    _copy_db(corpus.db, tmp_path / "factoid.db")
    result = _run("people", env={"FACTOID_DB": ""})  # empty counts as unset
    assert result.exit_code == 0, result.output
    assert "Anna Ivanovna Petrova" in result.stdout


# -- reading commands ----------------------------------------------------------------------------

def test_people_lists_persons_with_life_dates(corpus):
    result = _run("people", "--db", corpus.db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["person", "born", "died"]
    petrova = [line for line in lines if line.startswith("Anna Ivanovna Petrova")]
    assert len(petrova) == 1, result.stdout
    assert "1890-03-12" in petrova[0] and "1950-05-03" in petrova[0]
    smith = [line for line in lines if line.startswith("John Edward Smith")]
    assert len(smith) == 1 and "1820-07-04" in smith[0] and "1885-01-09" in smith[0]

    only = _run("people", "--db", corpus.db, "--search", "petrov")
    assert only.exit_code == 0
    assert "Anna Ivanovna Petrova" in only.stdout and "Smith" not in only.stdout
    none = _run("people", "--db", corpus.db, "--search", "Nobody Atall")
    assert none.exit_code == 0 and none.stdout.strip() == "no persons"


def test_person_shows_facts_with_source_and_quote(corpus):
    result = _run("person", "Petrova", "--db", corpus.db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0].startswith("Anna Ivanovna Petrova")
    assert "birth" in out.split() and "death" in out.split()
    assert "petrova.txt [" in out
    assert '"Petrova was born in Kazan' in out  # the quote, in quotes
    assert "12 March 1890" in out and "Kazan" in out
    assert "smith.txt" not in out

    # by id, as `people` and `export` give it
    pid = next(r["id"] for r in _export(corpus.db) if r["type"] == "person" and r["name"] == "John Edward Smith")
    by_id = _run("person", pid, "--db", corpus.db)
    assert by_id.exit_code == 0
    assert by_id.stdout.startswith(f"John Edward Smith  [{pid}]")
    assert "smith.txt" in by_id.stdout


def test_person_unknown_name_is_one_line_error(corpus):
    result = _run("person", "Nobody Atall", "--db", corpus.db)
    _one_line_error(result, "no person named", "Nobody Atall")
    assert result.stdout == ""


def test_search_finds_document_by_word(corpus):
    result = _run("search", "Leeds", "--db", corpus.db)
    assert result.exit_code == 0, result.output
    hits = result.stdout.splitlines()
    assert len(hits) == 1 and "smith.txt" in hits[0] and "[Leeds]" in hits[0]
    result = _run("search", "Kazan", "--db", corpus.db)
    assert result.exit_code == 0
    assert "petrova.txt" in result.stdout and "smith.txt" not in result.stdout
    result = _run("search", "zyzzyva", "--db", corpus.db)
    assert result.exit_code == 0 and result.stdout.strip() == "no matches"


@pytest.mark.parametrize("query", ['"Leeds', "Leeds OR", "OR Kazan", "Leeds OR OR Kazan"])
def test_search_malformed_query_is_one_line_error(corpus, query):
    _one_line_error(_run("search", query, "--db", corpus.db), "bad search query")


@pytest.mark.parametrize("query", ["Leeds AND", "(Kazan", "Kazan:", "Sokol'nikov", "Leed*", "zyzzyva OR Leeds", "'"])
def test_search_punctuation_is_never_a_syntax_error(corpus, query):
    """Our query syntax (store/fulltext.py) reads punctuation as a word break, never as the
    engine's syntax: an apostrophe in a transliterated name is not an error."""
    result = _run("search", query, "--db", corpus.db)
    assert result.exit_code == 0 and result.stderr == "", result.output
    if "Leed" in query:
        assert "smith.txt" in result.stdout


# -- export --------------------------------------------------------------------------------------

def _raw_text(corpus, source: str) -> str:
    """The raw text a factoid's span points into: the file as decoded, or the JSONL record."""
    if "#" in source:
        name, rid = source.split("#", 1)
        for line in (corpus.docs / name).read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if str(record.get("id")) == rid:
                return record["text"]
        raise AssertionError(f"no record {source}")
    return (corpus.docs / source).read_bytes().decode("utf-8")


def test_export_jsonl_contract_and_raw_spans(corpus, tmp_path):
    out = tmp_path / "export.jsonl"
    result = _run("export", "--db", corpus.db, "--format", "jsonl", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines()]  # every line is JSON
    assert rows and all(isinstance(r, dict) for r in rows)
    persons = [r for r in rows if r["type"] == "person"]
    factoids = [r for r in rows if r["type"] == "factoid"]
    assert {"Anna Ivanovna Petrova", "John Edward Smith", "Karl Otto Weber"} <= {p["name"] for p in persons}
    assert len(factoids) == _db_rows(corpus.db, "SELECT COUNT(*) FROM factoids")[0][0]
    person_ids = {p["id"] for p in persons}
    after_crlf = 0
    for f in factoids:
        assert CONTRACT <= set(f), CONTRACT - set(f)
        assert f["person"] in person_ids
        assert 0 <= f["confidence"] <= 1
        start, end = f["span"]
        raw = _raw_text(corpus, f["source"])
        assert 0 <= start < end <= len(raw)
        assert raw[start:end] == f["quote"], (f["source"], f["span"], f["quote"])
        if f["source"] == "smith.txt" and start > SMITH.index("\r\n"):
            after_crlf += 1
    assert after_crlf, "expected a smith.txt factoid after its CRLF line breaks"
    # the standard output carries the same export
    assert _run("export", "--db", corpus.db).stdout == text


@pytest.mark.parametrize("threshold", [0.9, 0.99])
def test_export_min_confidence_filters(corpus, threshold):
    everything = [r for r in _export(corpus.db) if r["type"] == "factoid"]
    assert any(f["confidence"] < threshold for f in everything)
    result = _run("export", "--db", corpus.db, "--min-confidence", threshold)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    kept = [r for r in rows if r["type"] == "factoid"]
    assert all(f["confidence"] >= threshold for f in kept)
    assert sorted(f["id"] for f in kept) == sorted(f["id"] for f in everything if f["confidence"] >= threshold)
    assert any(r["type"] == "person" for r in rows)


def test_export_min_confidence_out_of_range_is_rejected(corpus):
    result = _run("export", "--db", corpus.db, "--min-confidence", "1.5")
    assert result.exit_code == 2
    assert "min-confidence" in result.stderr


def test_export_unwritable_out_is_one_line_error(corpus, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "x.jsonl"
    _one_line_error(_run("export", "--db", corpus.db, "--out", out), str(out), "cannot write")


def test_export_refuses_to_overwrite_the_database(corpus, tmp_path):
    db = _copy_db(corpus.db, tmp_path / "kb.db")
    size = db.stat().st_size
    _one_line_error(_run("export", "--db", db, "--out", db), "overwrite")
    assert db.stat().st_size == size
    assert _run("people", "--db", db).exit_code == 0


# -- missing and broken databases ----------------------------------------------------------------

READERS = [["people"], ["person", "Petrova"], ["export"], ["search", "Kazan"]]


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_reading_a_missing_database_creates_nothing(tmp_path, args):
    db = tmp_path / "missing.db"
    out = tmp_path / "out.jsonl"
    extra = ["--out", out] if args[0] == "export" else []
    _one_line_error(_run(*args, "--db", db, *extra), str(db), "no such database")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READERS + [["ingest", "nothing-here", "-q"]], ids=lambda a: a[0])
@pytest.mark.parametrize("content", [b"this is not a database\n" * 200, b"SQLite format 3\x00garbage" * 50],
                         ids=["text", "bad-header"])
def test_a_file_that_is_not_sqlite_is_one_line_error(tmp_path, args, content):
    db = tmp_path / "fake.db"
    db.write_bytes(content)
    _one_line_error(_run(*args, "--db", db), str(db), "not a factoid database")
    assert db.read_bytes() == content  # left as it was


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_an_sqlite_file_without_our_tables_is_one_line_error(tmp_path, args):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _one_line_error(_run(*args, "--db", db), str(db), "not a factoid database")


# -- passage mode --------------------------------------------------------------------------------

def test_extract_passages(tmp_path):
    src = tmp_path / "in.jsonl"
    passages = {"p1": PETROVA, "p2": WEBER}
    _write(src, "\n".join([json.dumps({"id": "p1", "text": PETROVA}), "[1, 2",
                           json.dumps({"id": "p2", "text": WEBER}), json.dumps({"id": 3}), ""]))
    dst = tmp_path / "out.jsonl"
    result = _run("extract", "--input", src, "--output", dst)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    errors = _lines(result.stderr)
    assert len(errors) == 2, result.stderr
    for line, number in zip(errors, (2, 4)):
        assert str(src) in line and f"line {number}:" in line, line

    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in rows} == {"p1", "p2"}  # the good line after a bad one is processed
    for r in rows:
        text = passages[r["id"]]
        assert r["field"] in ("date", "place", "object")
        for part in ("subject", "value"):
            s, e = r[part]["start"], r[part]["end"]
            assert 0 <= s < e <= len(text)
            assert text[s:e] == r[part]["text"], r
    assert any(r["id"] == "p1" and r["property"] == "birth" and r["field"] == "date"
               and r["value"]["text"] == "12 March 1890" for r in rows), rows
    assert any(r["id"] == "p2" and r["property"] == "birth" and r["field"] == "place"
               and r["value"]["text"] == "Bonn" for r in rows), rows


def test_extract_all_good_exits_zero(tmp_path):
    src = _write(tmp_path / "in.jsonl", json.dumps({"id": 7, "text": WEBER}) + "\n")
    dst = tmp_path / "out.jsonl"
    result = _run("extract", "--input", src, "--output", dst)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["id"] for r in rows} == {"7"}


def test_extract_errors_are_one_line(tmp_path):
    src = _write(tmp_path / "in.jsonl", json.dumps({"id": "a", "text": "Nothing here."}) + "\n")
    before = src.read_bytes()
    # writing over the input would empty it before it is read
    _one_line_error(_run("extract", "--input", src, "--output", src), "overwrite")
    assert src.read_bytes() == before
    out = tmp_path / "missing-folder" / "out.jsonl"
    _one_line_error(_run("extract", "--input", src, "--output", out), str(out), "cannot write")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "x", "text": "M\xc3\xbcller \xff"}\n')  # UTF-8, then a bad byte
    _one_line_error(_run("extract", "--input", latin, "--output", tmp_path / "o.jsonl"), "not valid UTF-8")
    missing = _run("extract", "--input", tmp_path / "nope.jsonl", "--output", tmp_path / "o.jsonl")
    assert missing.exit_code == 2 and "nope.jsonl" in missing.stderr


# -- interruption ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def three_docs(tmp_path_factory):
    """Three good documents and the database an uninterrupted ingest makes of them."""
    root = tmp_path_factory.mktemp("three")
    docs = root / "docs"
    _write(docs / "a_petrova.txt", PETROVA)
    _write(docs / "b_smith.txt", SMITH)
    _write(docs / "c_weber.txt", WEBER)
    ref = root / "ref.db"
    result = _run("ingest", docs, "--db", ref, "-q")
    assert result.exit_code == 0, result.output
    return docs, ref


class _InterruptOnIteration:
    def __iter__(self):
        raise KeyboardInterrupt


def _interrupt_in_write(monkeypatch):
    """Ctrl-C inside the second document's write transaction, after its row went in."""
    original = Store.write_document
    calls = []

    def write_document(self, doc):
        calls.append(doc.uri)
        if len(calls) == 2:
            doc = dataclasses.replace(doc, factoids=_InterruptOnIteration())
        return original(self, doc)

    monkeypatch.setattr(Store, "write_document", write_document)


def _interrupt_in_process(monkeypatch):
    """Ctrl-C while the NLP stages run on the second batch."""
    original = pipeline.process
    calls = []

    def process(docs):
        calls.append(docs)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(docs)

    monkeypatch.setattr(pipeline, "process", process)


# a batch of three is written in one transaction: interrupted at its second document, the first
# stays, complete
@pytest.mark.parametrize("interrupt, batch", [(_interrupt_in_write, 1), (_interrupt_in_process, 1),
                                              (_interrupt_in_write, 3)], ids=["write", "process", "batch-write"])
def test_interrupted_ingest_keeps_finished_documents_and_resumes(three_docs, tmp_path, monkeypatch, interrupt, batch):
    docs, ref = three_docs
    db = tmp_path / "kb.db"
    monkeypatch.setattr(pipeline, "BATCH", batch)
    with monkeypatch.context() as m:
        interrupt(m)
        result = _run("ingest", docs, "--db", db, "-q")
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    assert len(_lines(result.stderr)) == 1 and "interrupted" in result.stderr

    assert _db_rows(db, "PRAGMA integrity_check") == [("ok",)]
    stored = _db_rows(db, "SELECT id, uri FROM documents")
    assert len(stored) == 1 and stored[0][1].endswith("a_petrova.txt"), stored
    first = stored[0][0]
    # the finished document is complete: exactly the factoids an uninterrupted run stores for it
    facts = "SELECT id, quote, span_start, span_end FROM factoids WHERE doc_id=? ORDER BY id"
    assert _db_rows(db, facts, (first,)) == _db_rows(ref, facts, (first,)) != []
    # and nothing of the interrupted one is left half written
    for table in ("doc_persons", "mentions", "regions", "factoids"):
        assert _db_rows(db, f"SELECT COUNT(*) FROM {table} WHERE doc_id <> ?", (first,)) == [(0,)], table
    assert _run("people", "--db", db).exit_code == 0  # opens fine

    again = _run("ingest", docs, "--db", db, "-q")
    assert again.exit_code == 0, again.output
    counts = _summary(again)
    assert (counts["added"], counts["unchanged"], counts["failed"], counts["documents"]) == (2, 1, 0, 3)
    everything = "SELECT id, doc_id, property, span_start, span_end FROM factoids ORDER BY id"
    assert _db_rows(db, everything) == _db_rows(ref, everything)
    assert _db_rows(db, "SELECT id, name FROM persons ORDER BY id") == \
        _db_rows(ref, "SELECT id, name FROM persons ORDER BY id")


def test_interrupt_with_progress_bar_still_ends_on_one_message_line(three_docs, tmp_path, monkeypatch):
    docs, _ = three_docs
    monkeypatch.setattr(pipeline, "BATCH", 1)
    _interrupt_in_process(monkeypatch)
    result = _run("ingest", docs, "--db", tmp_path / "kb.db")  # no -q: the bar is drawn
    assert result.exit_code == 130
    last = result.stderr.rstrip("\n").split("\n")[-1]
    assert last == "factoid: interrupted; every document already stored is complete", repr(last)
