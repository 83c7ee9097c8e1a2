"""The SQLite store: one file, WAL mode, one writer, each document written in one transaction."""
from __future__ import annotations

import json
import os
import sqlite3
import zlib
from array import array
from pathlib import Path
from typing import Callable, Iterable

from ..errors import StoreError
from ..families import band_keys
from ..model import Conflict, Document, Factoid, Person
from .corpus import factoids_by_person
from .migrations import Schema, migrate, schema
from .queries import factoid_days


def encode_offsets(offsets) -> bytes:
    """Offsets are nearly consecutive, so delta-encode them before compressing: ~100x smaller."""
    deltas = array("i", (b - a for a, b in zip((0, *offsets), offsets)))
    return zlib.compress(deltas.tobytes())


def decode_offsets(blob: bytes | None) -> tuple[int, ...]:
    if not blob:
        return ()
    deltas = array("i")
    deltas.frombytes(zlib.decompress(blob))
    total, out = 0, []
    for d in deltas:
        total += d
        out.append(total)
    return tuple(out)


SQLITE_HEADER = b"SQLite format 3\x00"


class Store:
    """A factoid database. `readonly=True` opens it for serving and never writes.

    Every open checks what the file is first: not SQLite, another program's SQLite file, or a
    schema newer than this version are refused; an older schema is migrated when writing and
    refused (naming `factoid migrate`) when reading."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        _sniff(self.path)
        self.conn = None
        self.migrated: list[str] = []  # the migrations this open applied
        try:
            self.conn = _connect_readonly(self.path) if readonly else _connect_writable(self.path)
            self.conn.row_factory = sqlite3.Row
            _check(self.path, schema(self.conn), readonly)
            if not readonly:  # only now, so a refused file is left exactly as it was
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.migrated = migrate(self.conn)
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            self._abandon()
            raise StoreError(f"{self.path}: not a factoid database ({exc})") from None
        except BaseException:
            self._abandon()
            raise

    def _abandon(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def resolution_stale(self) -> bool:
        """True when documents or decisions were stored after the last rebuild finished (an
        interrupted ingest): persons and conflicts do not reflect everything stored."""
        row = self.conn.execute("SELECT value FROM state WHERE key='resolution'").fetchone()
        return bool(row and row[0] == "stale")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def transaction(self):
        return _Transaction(self.conn)

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def write_document(self, doc: Document) -> None:
        """Replace everything stored for this document, atomically."""
        with self.transaction():
            _mark_stale(self.conn)
            self.conn.execute("DELETE FROM documents WHERE id=?", (doc.id,))
            self.conn.execute(
                "INSERT INTO documents(id, uri, title, raw, clean, offsets, html, quality, subject, metadata,"
                " signature, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.uri, doc.title, doc.raw, doc.clean, encode_offsets(doc.offsets), doc.html,
                 doc.quality, doc.subject, json.dumps(doc.metadata, ensure_ascii=False, default=str),
                 doc.signature, doc.language))
            if doc.signature:
                self.conn.executemany("INSERT INTO doc_bands(doc_id, band, key) VALUES (?,?,?)",
                                      [(doc.id, band, key) for band, key in enumerate(band_keys(doc.signature))])
            self.conn.executemany(
                'INSERT INTO regions(doc_id, kind, start, "end", label) VALUES (?,?,?,?,?)',
                [(doc.id, r.kind, r.start, r.end, r.label) for r in doc.regions]
                + [(doc.id, "hint", h.start, h.end, h.key) for h in doc.hints])
            self.conn.executemany(
                'INSERT INTO mentions(doc_id, kind, start, "end", text, value) VALUES (?,?,?,?,?,?)',
                [(doc.id, m.kind, *_raw(doc, m.start, m.end), m.text, m.date.edtf if m.date else None)
                 for m in doc.mentions])
            subject_ids = {p.id for p in doc.persons[:1]} if doc.subject else set()
            self.conn.executemany(
                "INSERT INTO doc_persons(id, doc_id, name, names, is_subject) VALUES (?,?,?,?,?)",
                [(p.id, doc.id, p.name, json.dumps(list(p.names), ensure_ascii=False), int(p.id in subject_ids))
                 for p in doc.persons])
            self.conn.executemany(
                'INSERT INTO factoids(id, doc_id, doc_person, property, date, date_julian, calendar, date_text,'
                ' start, "end", place, object, object_person, span_start, span_end, quote, evidence, extractor,'
                ' confidence, note, day_lo, day_hi) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                [_factoid_row(doc.id, f) for f in doc.factoids])

    def replace_resolution(self, persons: list[Person], assignment: dict[str, str],
                           conflicts: Iterable[Conflict] = (), links: list[tuple] = (),
                           judge: Callable[[list[dict]], Iterable[Conflict]] | None = None,
                           object_persons: dict[str, str] | None = None,
                           families: dict[str, str] | None = None, review: list[tuple] = ()) -> None:
        """Store the corpus stages' result at once: persons, doc person -> person, the links
        (person, doc person, doc person, score, kind, reasons) that joined them, and conflicts.
        With `judge`, conflicts are found here person by person over the stored factoids (see
        corpus.factoids_by_person), in the same transaction, so no corpus sits in memory.
        `object_persons`: factoid id -> the person its object names (a relative); `families`:
        document id -> its family of near-copies (families.py), before the judge counts them;
        `review`: (doc person, doc person, score) pairs left apart by a small margin."""
        with self.transaction():
            self.conn.execute("DELETE FROM state WHERE key='resolution'")
            self.conn.execute("DELETE FROM persons")
            self.conn.execute("DELETE FROM conflicts")
            self.conn.execute("DELETE FROM person_links")
            self.conn.execute("DELETE FROM review")
            self.conn.executemany("INSERT INTO review(a, b, score) VALUES (?,?,?)", list(review))
            self.conn.executemany(
                "INSERT INTO person_links(person_id, a, b, score, kind, reasons) VALUES (?,?,?,?,?,?)",
                [(pid, a, b, score, kind, json.dumps(list(reasons), ensure_ascii=False))
                 for pid, a, b, score, kind, reasons in links])
            self.conn.executemany("INSERT INTO persons(id, name, names) VALUES (?,?,?)",
                                  [(p.id, p.name, json.dumps(list(p.names), ensure_ascii=False)) for p in persons])
            self.conn.execute("UPDATE doc_persons SET person_id=NULL")
            self.conn.executemany("UPDATE doc_persons SET person_id=? WHERE id=?",
                                  [(pid, local) for local, pid in assignment.items()])
            if object_persons is not None:
                self.conn.execute("UPDATE factoids SET object_person=NULL WHERE object_person IS NOT NULL")
                self.conn.executemany("UPDATE factoids SET object_person=? WHERE id=?",
                                      [(pid, fid) for fid, pid in object_persons.items()])
            if families is not None:
                self.conn.execute("UPDATE documents SET family=NULL WHERE family IS NOT NULL")
                self.conn.executemany("UPDATE documents SET family=? WHERE id=?",
                                      [(fam, doc) for doc, fam in families.items()])
            self._insert_conflicts(conflicts)
            if judge is not None:
                for _, facts in factoids_by_person(self.conn):
                    self._insert_conflicts(judge(facts))

    def _insert_conflicts(self, conflicts: Iterable[Conflict]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO conflicts(id, person_id, properties, kind, factoids, explanation)"
            " VALUES (?,?,?,?,?,?)",
            [(c.id, c.person, json.dumps(list(c.properties)), c.kind, json.dumps(list(c.factoids)),
              c.explanation) for c in conflicts])

    def add_decision(self, kind: str, a: list[tuple[str, str]], b: list[tuple[str, str]], note: str = "") -> int:
        """Record a user's merge or split: sides as (document id, name) pairs. Resolution
        applies every decision on each run, so it outlives re-ingest and re-resolution."""
        with self.transaction():
            _mark_stale(self.conn)
            cursor = self.conn.execute("INSERT INTO decisions(kind, a, b, note) VALUES (?,?,?,?)",
                                       (kind, json.dumps([list(x) for x in a], ensure_ascii=False),
                                        json.dumps([list(x) for x in b], ensure_ascii=False), note))
        return cursor.lastrowid

    def add_correction(self, kind: str, factoid: str | None = None, person: list[tuple[str, str]] | None = None,
                       value: str = "", reason: str = "") -> int:
        """Record a user's correction (corrections.py): a factoid rejected, confirmed or
        annotated; a person (as its members) renamed, forgotten or annotated. Every rebuild
        applies it, so it outlives re-ingest and re-resolution."""
        with self.transaction():
            if kind != "note":  # a note changes nothing the rebuild computes
                _mark_stale(self.conn)
            cursor = self.conn.execute(
                "INSERT INTO corrections(kind, factoid, person, value, reason) VALUES (?,?,?,?,?)",
                (kind, factoid, json.dumps([list(x) for x in person], ensure_ascii=False) if person else None,
                 value, reason))
        return cursor.lastrowid

    def dismiss(self, a: str, b: str, note: str = "") -> int:
        """Record that document persons a and b, offered for review, are two people."""
        with self.transaction():
            _mark_stale(self.conn)
            return self.conn.execute("INSERT INTO dismissals(a, b, note) VALUES (?,?,?)", (a, b, note)).lastrowid

    def remove_decision(self, table: str, row_id: int) -> bool:
        """Undo a merge or split (table `decisions`), a correction (`corrections`) or a
        dismissal (`dismissals`)."""
        if table not in ("decisions", "corrections", "dismissals"):
            raise ValueError(table)
        with self.transaction():
            _mark_stale(self.conn)
            return self.conn.execute(f"DELETE FROM {table} WHERE id=?", (row_id,)).rowcount > 0


def _mark_stale(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO state(key, value) VALUES ('resolution', 'stale')")


def _sniff(path: str) -> None:
    """Refuse a file that is not SQLite (or a folder) before SQLite sees it; an empty file is
    an empty database."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path}: a folder, not a factoid database") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{path}: not a factoid database (not an SQLite file)")


def _connect_writable(path: str) -> sqlite3.Connection:
    p = Path(path)
    folder = p.resolve().parent
    if not folder.is_dir():
        raise StoreError(f"{path}: cannot create the database: no folder {folder}")
    if (p.exists() and not os.access(p, os.W_OK)) or not os.access(folder, os.W_OK):
        raise StoreError(f"{path}: cannot write the database here (read-only file or folder); "
                         "reading commands still work")
    return sqlite3.connect(path, isolation_level=None)


def _connect_readonly(path: str) -> sqlite3.Connection:
    """mode=ro where SQLite can keep its shared-memory file beside the database; in a folder
    we cannot write, immutable=1 (nothing can be changing a file there through us), unless a
    write-ahead log holds changes the immutable view would miss."""
    p = Path(path)
    if not p.exists():
        raise StoreError(f"{path}: no such database")
    uri = p.resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = Path(path + "-wal")
        if os.access(p.resolve().parent, os.W_OK):
            raise
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(f"{path}: the folder is read-only and {wal.name} holds changes not yet in the "
                             "database; open it once where the folder is writable") from None
    return sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def _check(path: str, found: Schema, readonly: bool) -> None:
    if found.kind == "foreign":
        raise StoreError(f"{path}: not a factoid database (an SQLite file with another program's tables; "
                         "left as it is)")
    if found.unknown:
        raise StoreError(f"{path}: made by a newer version of factoid (schema {found.unknown[-1]}); "
                         "upgrade factoid to use it")
    if readonly and found.kind == "empty":
        raise StoreError(f"{path}: an empty database (run `factoid ingest PATH --db {path}` first)")
    if readonly and found.missing:
        raise StoreError(f"{path}: made by an older version of factoid (lacks {', '.join(found.missing)}); "
                         f"run `factoid migrate --db {path}` to upgrade it")


def _raw(doc: Document, start: int, end: int) -> tuple[int, int]:
    span = doc.raw_span(start, end)
    return span.start, span.end


def _factoid_row(doc_id: str, f: Factoid) -> tuple:
    date = f.date
    return (f.id, doc_id, f.person, f.property,
            date.edtf if date else None, date.julian if date else None,
            date.calendar if date else None, date.text if date else None,
            f.start.edtf if f.start else None, f.end.edtf if f.end else None,
            f.place, f.object, f.object_person, f.span.start, f.span.end, f.quote,
            json.dumps(f.evidence), f.extractor, f.confidence, f.note,
            *factoid_days(date.edtf if date else None, f.start.edtf if f.start else None, f.end.edtf if f.end else None))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (KeyboardInterrupt included)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False
