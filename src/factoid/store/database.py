"""The SQLite store: one file, WAL mode, one writer, each document written in one transaction."""
from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from pathlib import Path
from typing import Callable, Iterable

from ..errors import StoreError
from ..model import Conflict, Document, Factoid, Person
from .corpus import factoids_by_person
from .migrations import migrate


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


class Store:
    """A factoid database. `readonly=True` opens it for serving and never writes."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such database")
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.row_factory = sqlite3.Row
            if not readonly:
                migrate(self.conn)
            else:
                self.conn.execute("SELECT 1 FROM documents LIMIT 1")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a factoid database ({exc})") from None

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
            self.conn.execute("DELETE FROM documents WHERE id=?", (doc.id,))
            self.conn.execute(
                "INSERT INTO documents(id, uri, title, raw, clean, offsets, html, quality, subject, metadata)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.uri, doc.title, doc.raw, doc.clean, encode_offsets(doc.offsets), doc.html,
                 doc.quality, doc.subject, json.dumps(doc.metadata, ensure_ascii=False, default=str)))
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
                ' confidence, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                [_factoid_row(doc.id, f) for f in doc.factoids])

    def replace_resolution(self, persons: list[Person], assignment: dict[str, str],
                           conflicts: Iterable[Conflict] = (), links: list[tuple] = (),
                           judge: Callable[[list[dict]], Iterable[Conflict]] | None = None,
                           object_persons: dict[str, str] | None = None) -> None:
        """Store the corpus stages' result at once: persons, doc person -> person, the links
        (person, doc person, doc person, score, kind, reasons) that joined them, and conflicts.
        With `judge`, conflicts are found here person by person over the stored factoids (see
        corpus.factoids_by_person), in the same transaction, so no corpus sits in memory.
        `object_persons`: factoid id -> the person its object names (a relative)."""
        with self.transaction():
            self.conn.execute("DELETE FROM persons")
            self.conn.execute("DELETE FROM conflicts")
            self.conn.execute("DELETE FROM person_links")
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
            cursor = self.conn.execute("INSERT INTO decisions(kind, a, b, note) VALUES (?,?,?,?)",
                                       (kind, json.dumps([list(x) for x in a], ensure_ascii=False),
                                        json.dumps([list(x) for x in b], ensure_ascii=False), note))
        return cursor.lastrowid


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
            json.dumps(f.evidence), f.extractor, f.confidence, f.note)


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
