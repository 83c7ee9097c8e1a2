"""What every command does with the database it is given: older, newer, foreign, not SQLite,
stale, or in a folder it cannot write. Databases are built here from documents written by hand
(no spaCy), so each case is quick."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from factoid import pipeline
from factoid.cli import main
from factoid.errors import StoreError
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store
from factoid.store.migrations import MIGRATIONS, _statements

SRC = str(Path(__file__).resolve().parents[1] / "src")
READERS = [["people"], ["person", "Vera Lomova"], ["conflicts"], ["export"], ["search", "Tver"],
           ["why-same", "Vera Lomova", "Vera Lomova"]]


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(result, *needles):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def _doc(doc_id: str, text: str, name: str, year: str) -> Document:
    person = Person(f"{doc_id}:0", name, (name,))
    fact = Factoid(person=person.id, property="birth", span=Span(doc_id, 0, len(text)), quote=text,
                   extractor="test@1", confidence=0.9, date=Date(year, year), place="Tver", id=f"f-{doc_id}")
    return Document(id=doc_id, uri=f"/docs/{doc_id}.txt", raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    title=name, subject=name, persons=(person,), factoids=(fact,))


def _database(path: Path, rebuilt: bool = True) -> Path:
    with Store(path) as store:
        store.write_document(_doc("d1", "Vera Lomova was born in 1901 in Tver.", "Vera Lomova", "1901"))
        if rebuilt:
            pipeline.rebuild(store)
    return path


def _older(path: Path) -> Path:
    """A database as the first four migrations left it (before 0005_state)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
    for name, sql in MIGRATIONS[:4]:
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
    conn.execute("INSERT INTO documents(id, uri, raw, clean, quality) VALUES ('d0', '/x.txt', 'Text.', 'Text.', 1)")
    conn.close()
    return path


def _files(folder: Path) -> dict[str, bytes]:
    """The folder's content; a reader may leave SQLite's shared-memory index and an empty
    write-ahead log beside the database, which change nothing."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if not p.name.endswith("-shm") and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


# -- older -----------------------------------------------------------------------------------

@pytest.mark.parametrize("args", READERS + [["serve"]], ids=lambda a: a[0])
def test_reading_an_older_database_names_factoid_migrate_and_changes_nothing(tmp_path, args):
    db = _older(tmp_path / "old.db")
    before = _files(tmp_path)
    _one_line_error(_run(*args, "--db", db), str(db), "older version", "factoid migrate")
    assert _files(tmp_path) == before


def test_the_api_refuses_an_older_database_at_start_not_with_500s(tmp_path):
    from factoid.api import create_app
    db = _older(tmp_path / "old.db")
    with pytest.raises(StoreError, match="factoid migrate"):
        create_app(db)


def test_migrate_upgrades_once_and_then_reading_works(tmp_path):
    db = _older(tmp_path / "old.db")
    with sqlite3.connect(db) as conn:  # a person resolved by an older version
        conn.execute("""INSERT INTO persons(id, name, names) VALUES ('p0', 'Anna Orlova', '["Anna Orlova"]')""")
    result = _run("migrate", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{db}: applied 0005_state, 0006_families, 0007_corrections, 0008_document_language, 0009_review, 0010_factoid_days, 0011_person_keys, 0012_person_summary, 0013_body_members"
    again = _run("migrate", "--db", db)
    assert again.exit_code == 0 and again.stdout.strip() == f"{db}: already up to date"
    assert _run("people", "--db", db, "--all").exit_code == 0
    # the people list's summary is stored as a rebuild would store it (no facts, no dates)
    assert sqlite3.connect(db).execute("SELECT facts, conflicts, birth FROM persons").fetchall() == [(0, 0, None)]
    # a document stored before languages were told apart keeps an empty language, not a guess
    languages = sqlite3.connect(db).execute("SELECT id, language FROM documents").fetchall()
    assert languages == [("d0", "")]


def test_writing_commands_migrate_an_older_database_on_their_own(tmp_path):
    db = _older(tmp_path / "old.db")
    result = _run("rebuild", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 document" in result.stdout
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_migrate_and_rebuild_do_not_create_a_missing_database(tmp_path):
    for command in ("migrate", "rebuild", "merge"):
        args = [command, "a", "b"] if command == "merge" else [command]
        _one_line_error(_run(*args, "--db", tmp_path / "none.db"), "no such database")
    assert list(tmp_path.iterdir()) == []


# -- newer, foreign, not SQLite ---------------------------------------------------------------

@pytest.mark.parametrize("args", READERS + [["rebuild"], ["migrate"], ["ingest", "nothing-here", "-q"]],
                         ids=lambda a: a[0])
def test_a_database_from_a_newer_version_is_refused_by_every_command(tmp_path, args):
    db = _database(tmp_path / "kb.db")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO migrations(name) VALUES ('0099_from_the_future')")
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    _one_line_error(_run(*args, "--db", db), str(db), "newer version", "0099_from_the_future")
    assert _files(tmp_path) == before


@pytest.mark.parametrize("args", [["rebuild"], ["migrate"], ["ingest", "nothing-here", "-q"]], ids=lambda a: a[0])
def test_another_programs_sqlite_file_is_never_converted(tmp_path, args):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE invoices (number INTEGER, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()
    before = _files(tmp_path)
    _one_line_error(_run(*args, "--db", db), str(db), "not a factoid database", "another program")
    assert _files(tmp_path) == before  # journal mode, tables and rows as they were


@pytest.mark.parametrize("args", [["rebuild"], ["migrate"]], ids=lambda a: a[0])
def test_a_file_that_is_not_sqlite_is_refused_by_writing_commands(tmp_path, args):
    db = tmp_path / "notes.db"
    db.write_text("shopping list\n" * 100)
    _one_line_error(_run(*args, "--db", db), str(db), "not an SQLite file")
    assert db.read_text() == "shopping list\n" * 100


@pytest.mark.parametrize("empty", ["zero-bytes", "no-tables"])
def test_an_empty_file_becomes_a_factoid_database_when_written_but_is_no_database_to_read(tmp_path, empty):
    db = tmp_path / "kb.db"
    db.write_bytes(b"")
    if empty == "no-tables":
        sqlite3.connect(db).execute("PRAGMA user_version=0").connection.close()
    _one_line_error(_run("people", "--db", db), "empty database", "factoid ingest")
    result = _run("ingest", tmp_path / "no-such-input", "--db", db, "-q")
    assert result.exit_code == 3 and "0 documents" in result.stdout, result.output  # 3: inputs failed
    assert _run("people", "--db", db).exit_code == 0


# -- stale resolution ---------------------------------------------------------------------------

def test_documents_stored_without_a_rebuild_are_reported_until_factoid_rebuild(tmp_path):
    db = _database(tmp_path / "kb.db", rebuilt=False)  # as an ingest killed before its rebuild leaves it
    result = _run("people", "--db", db, "--all")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "no persons"
    note = result.stderr.strip()
    assert len(note.splitlines()) == 1 and "out of date" in note and f"factoid rebuild --db {db}" in note
    for args in READERS[2:4]:
        assert "out of date" in _run(*args, "--db", db).stderr

    rebuilt = _run("rebuild", "--db", db)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.stdout.strip() == f"rebuilt 1 person and 0 conflicts from 1 document in {db} (full)"
    after = _run("people", "--db", db, "--all")
    assert after.stderr == "" and "Vera Lomova" in after.stdout


def test_a_completed_write_and_rebuild_leave_no_stale_marker(tmp_path):
    with Store(_database(tmp_path / "kb.db")) as store:
        assert not store.resolution_stale()
        store.write_document(_doc("d2", "Ivan Orlov was born in 1890 in Tver.", "Ivan Orlov", "1890"))
        assert store.resolution_stale()
        pipeline.rebuild(store)
        assert not store.resolution_stale()
        store.add_decision("split", [("d1", "Vera Lomova")], [("d2", "Ivan Orlov")])
        assert store.resolution_stale()  # a decision not yet applied


# -- a folder the user cannot write -------------------------------------------------------------

# the modules a reading command imports lazily, loaded before privileges are dropped (the
# interpreter's own files may be unreadable to the unprivileged user)
_AS_NOBODY = """
import os, sys
sys.path.insert(0, {src!r})
import contextlib, json, sqlite3, pathlib, factoid.cli, factoid.store, factoid.store.queries, factoid.views
import factoid.judge, factoid.outputs, factoid.terminal, factoid.pipeline, factoid.exports
os.setgroups([]); os.setgid(65534); os.setuid(65534)
factoid.cli.main(sys.argv[1:])
"""


def _run_without_write_access(args: list[str]) -> tuple[int, str, str]:
    """Run the CLI as a user who cannot write the database's folder: as root, a subprocess
    that drops to nobody (root may write anywhere); otherwise in this process."""
    if os.geteuid() == 0:
        done = subprocess.run([sys.executable, "-c", _AS_NOBODY.format(src=SRC), *args],
                              capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def readonly_folder():
    folder = Path(tempfile.mkdtemp(prefix="factoid-ro-"))  # not under pytest's 0700 tmp folder
    _database(folder / "kb.db")
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_reading_commands_work_in_a_read_only_folder(readonly_folder, args):
    before = _files(readonly_folder)
    code, out, err = _run_without_write_access([*args, "--db", str(readonly_folder / "kb.db")])
    assert code == 0, err
    assert "Traceback" not in err and err == ""
    if args[0] in ("people", "person", "export"):
        assert "Vera Lomova" in out
    assert _files(readonly_folder) == before


def test_writing_in_a_read_only_folder_is_one_line(readonly_folder):
    code, out, err = _run_without_write_access(["rebuild", "--db", str(readonly_folder / "kb.db")])
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "cannot write the database here" in err
