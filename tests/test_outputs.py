"""Output options never destroy data: the database, its companion files, the input and any
SQLite file are refused; outputs are written whole (temporary file, then rename) or not at all."""
from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from factoid.cli import main
from factoid.errors import FactoidError
from factoid.outputs import atomic_output
from factoid.store import queries

from test_database_checks import _database, _files


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _refused(result, *needles):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def db(tmp_path):
    return _database(tmp_path / "kb.db")


def _open_writer(db: Path) -> sqlite3.Connection:
    """A connection holding the database open, so its -wal and -shm files exist, with a
    committed row in the log (what `export --out KB.db-wal` once destroyed)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("UPDATE documents SET title='kept' WHERE id='d1'")
    return conn


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_refuses_the_database_and_its_companion_files(db, suffix):
    conn = _open_writer(db)
    try:
        before = _files(db.parent)
        _refused(_run("export", "--db", db, "--out", f"{db}{suffix}"), "refusing to overwrite the database")
        assert _files(db.parent) == before
    finally:
        conn.close()
    assert sqlite3.connect(db).execute("SELECT title FROM documents").fetchone() == ("kept",)


def test_the_database_is_recognised_through_a_symlink_or_another_spelling(db, tmp_path):
    link = tmp_path / "link.jsonl"
    link.symlink_to(db)
    before = db.read_bytes()
    _refused(_run("export", "--db", db, "--out", link), "refusing to overwrite the database")
    _refused(_run("export", "--db", db, "--out", tmp_path / "." / "kb.db-wal"), "refusing to overwrite the database")
    assert db.read_bytes() == before and link.is_symlink()


def test_any_existing_sqlite_file_is_refused(db, tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    _refused(_run("export", "--db", db, "--out", other), "SQLite database file")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "p", "text": "Nothing here."}) + "\n")
    _refused(_run("extract", "--input", src, "--output", other), "SQLite database file")
    _refused(_run("extract", "--input", src, "--output", db), "SQLite database file")
    assert other.read_bytes() == before


def test_export_replaces_an_old_output_whole_and_keeps_its_permissions(db, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    result = _run("export", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["type"] for r in rows] == ["person", "factoid", "document"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(_files(tmp_path)) == ["kb.db", "out.jsonl"]


@pytest.mark.parametrize("failure", [RuntimeError("disk trouble"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
def test_a_failed_export_leaves_the_old_output_and_no_partial_file(db, tmp_path, monkeypatch, failure):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    original = queries.export_rows

    def failing(conn, min_confidence=0.0):
        yield from list(original(conn, min_confidence))[:1]
        raise failure

    monkeypatch.setattr(queries, "export_rows", failing)
    result = _run("export", "--db", db, "--out", out)
    assert result.exit_code in (2, 130), result.output
    assert out.read_text() == "old\n"
    assert sorted(_files(tmp_path)) == ["kb.db", "out.jsonl"]


def test_atomic_output_writes_nothing_until_the_end(tmp_path):
    target = tmp_path / "a.txt"
    with atomic_output(str(target)) as handle:
        handle.write("first\n")
        assert not target.exists()
        assert len(list(tmp_path.iterdir())) == 1  # the temporary file, beside the target
    assert target.read_text() == "first\n"
    assert list(tmp_path.iterdir()) == [target]


def test_atomic_output_failures_are_one_line_errors(tmp_path):
    with pytest.raises(FactoidError, match="cannot write"):
        with atomic_output(str(tmp_path / "missing" / "a.txt")):
            pass
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        with pytest.raises(FactoidError, match="cannot write"):
            with atomic_output(str(locked / "a.txt")):
                pass
    (tmp_path / "folder").mkdir()
    with pytest.raises(FactoidError, match="a folder"):
        with atomic_output(str(tmp_path / "folder")):
            pass


def test_extract_reports_an_undecodable_line_and_writes_the_rest_whole(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(json.dumps({"id": "a", "text": "Anna Petrova was born in Kazan."}).encode() + b"\n\xff\xfe\n")
    out = tmp_path / "out.jsonl"
    result = _run("extract", "--input", src, "--output", out)
    assert result.exit_code == 3 and "Traceback" not in result.output  # 3: some inputs failed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temporary left
    assert {json.loads(line)["id"] for line in out.read_text().splitlines()} == {"a"}
