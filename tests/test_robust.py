"""No aborted run: each bad record or file costs itself only, is reported on one line naming the
file (and line), the good file beside it is stored, persons are rebuilt, and the exit status
is 3 (some inputs failed)."""
import dataclasses
import json
import os
import sqlite3

import pytest
from click.testing import CliRunner

import factoid.cli as cli_module
import factoid.pipeline as pipeline_module
import factoid.sources.jsonl as jsonl_module
import factoid.sources.text as text_module
from factoid.cli import INPUTS_FAILED, main
from factoid.errors import SourceError

GOOD = "Marta Kowalczyk was born on 4 May 1899 in Lublin. She died in 1961 in Warsaw.\n"
OTHER = "Henrik Aalto was born on 9 June 1872 in Turku. He died in 1940.\n"


def run(*args):
    return CliRunner().invoke(main, [os.fsdecode(a) for a in args])


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def stored(db) -> tuple[list[str], int]:
    conn = sqlite3.connect(db)
    try:
        uris = sorted(r[0] for r in conn.execute("SELECT uri FROM documents"))
        persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    finally:
        conn.close()
    return uris, persons


def ingest_one_bad(tmp_path, bad_name: str | bytes, content: bytes, needle: str):
    """Ingest a folder holding the good file and a bad one; the bad one is one line."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), os.fsencode(bad_name)), "wb") as f:
        f.write(content)
    db = tmp_path / "kb.db"
    result = run("ingest", folder, "--db", db, "-q")
    assert result.exit_code == INPUTS_FAILED, result.output
    assert "Traceback" not in result.output and "factoid: internal error:" not in result.output
    (line,) = errors(result)
    assert needle in line and "\n" not in line
    uris, persons = stored(db)
    assert str(folder / "good.txt") in uris and persons >= 1
    return line, uris


def test_deeply_nested_jsonl_line_costs_that_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    content = (deep + "\n" + json.dumps({"text": OTHER}) + "\n").encode()
    line, uris = ingest_one_bad(tmp_path, "corpus.jsonl", content, "nested too deeply")
    assert line.startswith(f"factoid: {tmp_path / 'docs' / 'corpus.jsonl'}:1: line 1")
    assert f"{tmp_path / 'docs' / 'corpus.jsonl'}#2" in uris  # the next line of the same file


def test_lone_surrogate_is_reported_not_stored(tmp_path):
    content = b'{"text": "Ivan \\ud800 Sokolov was born in 1890."}\n'
    line, uris = ingest_one_bad(tmp_path, "s.jsonl", content, "lone surrogate")
    assert ":1: line 1" in line and len(uris) == 1


def test_file_name_that_is_not_utf8_is_read_and_spelled_out(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    name = "Аалто".encode("cp1251") + b".txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as f:
        f.write(OTHER.encode())
    # a binary file under such a name fails, and its message is printable
    with open(os.path.join(os.fsencode(folder), "Бинарный".encode("cp1251") + b".txt"), "wb") as f:
        f.write(b"\0\1\2\3" * 100)
    db = tmp_path / "kb.db"
    result = run("ingest", folder, "--db", db, "-q")
    assert result.exit_code == INPUTS_FAILED, result.output
    (line,) = errors(result)
    assert "\\xc1\\xe8" in line and "binary file" in line
    uris, persons = stored(db)
    assert str(folder / "good.txt") in uris
    assert os.path.join(str(folder), "\\xc0\\xe0\\xeb\\xf2\\xee.txt") in uris
    assert persons >= 2


def test_unreadable_file_costs_that_file(tmp_path, monkeypatch):
    real = text_module.read_bytes

    def read_bytes(path):
        if path.endswith("locked.txt"):
            raise SourceError(path, "cannot read: Permission denied")
        return real(path)

    # tests run as root, who reads any file: the reader's failure is simulated
    monkeypatch.setattr(text_module, "read_bytes", read_bytes)
    ingest_one_bad(tmp_path, "locked.txt", OTHER.encode(), "locked.txt: cannot read: Permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_unreadable_file_named_on_the_command_line(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(OTHER)
    locked.chmod(0)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    db = tmp_path / "kb.db"
    result = run("ingest", locked, good, "--db", db, "-q")
    assert result.exit_code == INPUTS_FAILED, result.output
    (line,) = errors(result)
    assert "locked.txt: cannot read" in line
    assert stored(db)[0] == [str(good)]


def test_unreadable_input_of_extract_is_one_line_not_a_usage_error(tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": GOOD}) + "\n")

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", os.fspath(path))

    monkeypatch.setattr(cli_module, "open", refuse, raising=False)  # cli.py's open only
    result = run("extract", "--input", src, "--output", tmp_path / "out.jsonl")
    assert result.exit_code == INPUTS_FAILED, result.output
    (line,) = errors(result)
    assert line == f"factoid: {src}: cannot read: Permission denied"


def test_a_readers_unexpected_exception_costs_that_file(tmp_path, monkeypatch):
    def explode(path, line_no, raw, text):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(jsonl_module, "_document", explode)
    content = (json.dumps({"text": OTHER}) + "\n").encode()
    ingest_one_bad(tmp_path, "c.jsonl", content, "c.jsonl: internal error while reading: RuntimeError: reader bug")


def test_a_stage_failure_on_one_document_costs_that_document(tmp_path, monkeypatch):
    real = pipeline_module.process

    def process(docs, passage=False):
        if any("Aalto" in d.raw for d in docs):
            raise ValueError("stage bug")
        return real(docs, passage=passage)

    monkeypatch.setattr(pipeline_module, "process", process)
    ingest_one_bad(tmp_path, "aalto.txt", OTHER.encode(),
                   "aalto.txt: internal error while processing: ValueError: stage bug")


class _Unstorable:
    def __iter__(self):
        raise ValueError("a value the database cannot hold")


def test_a_document_that_cannot_be_stored_costs_that_document(tmp_path, monkeypatch):
    """Written after the good one in the same batch (one transaction), after its own row went
    in: the batch is rolled back and written again a document at a time."""
    from factoid.store import Store
    real = Store.write_document

    def write_document(self, doc):
        if "Aalto" in doc.raw:
            doc = dataclasses.replace(doc, factoids=_Unstorable())
        return real(self, doc)

    monkeypatch.setattr(Store, "write_document", write_document)
    _, uris = ingest_one_bad(tmp_path, "z_aalto.txt", OTHER.encode(),
                             "z_aalto.txt: cannot store: ValueError: a value the database cannot hold")
    assert len(uris) == 1
    conn = sqlite3.connect(tmp_path / "kb.db")
    try:
        assert conn.execute("SELECT count(*) FROM mentions WHERE text LIKE '%Aalto%'").fetchone() == (0,)
    finally:
        conn.close()


def test_extract_reports_each_bad_line_and_keeps_the_good(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "g1", "text": GOOD}).encode(),
             b"[" * 100_000,
             b'{"id": "s", "text": "Anna \\udc00 Berg"}',
             b'{"id": "u", "text": "M\xc3\xbcller \xff"}',
             json.dumps({"id": "g2", "text": OTHER}).encode()]
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    result = run("extract", "--input", src, "--output", out)
    assert result.exit_code == INPUTS_FAILED, result.output
    found = errors(result)
    assert len(found) == 3 and "Traceback" not in result.output
    for line, (number, needle) in zip(found, [(2, "nested too deeply"), (3, "lone surrogate"),
                                              (4, "not valid UTF-8 text (byte 0xFF")]):
        assert line.startswith(f"factoid: {src}: line {number}: ") and needle in line
    ids = {json.loads(r)["id"] for r in out.read_text(encoding="utf-8").splitlines()}
    assert ids == {"g1", "g2"}


def test_extract_stage_failure_costs_that_passage(tmp_path, monkeypatch):
    real = pipeline_module.process

    def process(docs, passage=False):
        if any("Aalto" in d.raw for d in docs):
            raise ValueError("stage bug")
        return real(docs, passage=passage)

    monkeypatch.setattr(pipeline_module, "process", process)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n" + json.dumps({"id": "b", "text": OTHER}) + "\n")
    out = tmp_path / "out.jsonl"
    result = run("extract", "--input", src, "--output", out)
    assert result.exit_code == INPUTS_FAILED
    assert errors(result) == [f"factoid: {src}: line 2: internal error while processing: ValueError: stage bug"]
    assert {json.loads(r)["id"] for r in out.read_text(encoding="utf-8").splitlines()} == {"a"}
