"""The store's writes, the same on both backends (sqlite.py, postgres.py): each document written
in one transaction, a resolution replaced in one."""
from __future__ import annotations

import json
import uuid
import zlib
from array import array
from itertools import accumulate, chain
from operator import sub
from pathlib import Path
from typing import Iterable, Sequence

from ..families import band_keys
from ..model import Conflict, Document, Factoid, Person
from .keys import factoid_days, name_key, shown  # noqa: F401  (shown: named here for callers)
from .people import FILL_PERSON_DAYS


def encode_offsets(offsets) -> bytes:
    """Offsets are nearly consecutive, so delta-encode them before compressing: ~100x smaller."""
    deltas = array("i", map(sub, offsets, chain((0,), offsets)))  # each offset less the one before
    return zlib.compress(deltas.tobytes())


def decode_offsets(blob: bytes | None) -> Sequence[int]:
    if not blob:
        return ()
    deltas = array("i")
    deltas.frombytes(zlib.decompress(blob))
    return array("q", accumulate(deltas))


def is_postgres(target: str | Path) -> bool:
    """A database named by a postgresql:// (or postgres://) URL, else an SQLite file."""
    return str(target).startswith(("postgresql://", "postgres://"))


def _connect(target: str, readonly: bool):
    if is_postgres(target):
        from .postgres import PostgresDb  # psycopg is imported only for a PostgreSQL store
        return PostgresDb(target, readonly)
    from .sqlite import SqliteDb
    return SqliteDb(target, readonly)


class Store:
    """A factoid database: an SQLite file (the default) or a PostgreSQL database named by a
    postgresql:// URL. `readonly=True` opens it for serving and never writes.

    The library reaches the database only through this class's writes and the named reads
    of `queries`, `corpus` and `exporting` (each takes a Store); `db` is the backend's
    connection, for those modules (and tests) only. Every open checks what the database is
    first: not ours, another program's tables, or a schema newer than this version are
    refused; an older schema is migrated when writing and refused (naming `factoid migrate`)
    when reading."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self.db = _connect(self.path, readonly)
        self.kind = self.db.kind
        self.migrated: list[str] = self.db.migrated  # the migrations this open applied

    def change_token(self) -> str:
        """A token that changes whenever anyone else commits a change to this database: what a
        reader's cache (the server's page cache) is kept by. Tokens of two Stores on SQLite
        never compare equal."""
        return self.db.change_token()

    def resolution_stale(self) -> bool:
        """True when documents or decisions were stored after the last rebuild finished (an
        interrupted ingest): persons and conflicts do not reflect everything stored."""
        row = self.db.execute("SELECT value FROM state WHERE key='resolution'").fetchone()
        return bool(row and row[0] == "stale")

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def transaction(self):
        """Make several writes one: all kept or, on any exception, none. Writes inside join it."""
        return self.db.transaction()

    def exclusive(self, what: str):
        """Hold the database for one long writer (an ingest): a second one is refused with a
        StoreError naming `what`, rather than interleaving with it."""
        return self.db.exclusive(what)

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def write_document(self, doc: Document) -> None:
        """Replace everything stored for this document, atomically. A value the backend cannot
        hold (a type, a NUL character) is a ValueError: that document's problem, not the store's."""
        try:
            self._write_document(doc)
        except self.db.data_errors as exc:
            raise ValueError(f"{exc.__class__.__name__}: {exc}") from None

    def _write_document(self, doc: Document) -> None:
        db = self.db
        with db.transaction():
            # a document written again may take names away: its old mentions are no longer
            # known, so only a full rebuild can follow; a new one is pending for an incremental one
            replaced = db.execute("DELETE FROM documents WHERE id=?", (doc.id,)).rowcount > 0
            _mark_stale(db, everything=replaced)
            db.execute("INSERT INTO state(key, value) VALUES (?, 'new') ON CONFLICT(key) DO NOTHING",
                       (PENDING + doc.id,))
            db.execute(
                "INSERT INTO documents(id, uri, title, raw, clean, offsets, html, quality, subject, metadata,"
                " signature, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.uri, doc.title, doc.raw, doc.clean, encode_offsets(doc.offsets), doc.html,
                 doc.quality, doc.subject, json.dumps(doc.metadata, ensure_ascii=False, default=str),
                 doc.signature, doc.language))
            if doc.signature:
                db.executemany("INSERT INTO doc_bands(doc_id, band, key) VALUES (?,?,?)",
                               [(doc.id, band, key) for band, key in enumerate(band_keys(doc.signature))])
            db.executemany(
                'INSERT INTO regions(doc_id, kind, start, "end", label) VALUES (?,?,?,?,?)',
                [(doc.id, r.kind, r.start, r.end, r.label) for r in doc.regions]
                + [(doc.id, "hint", h.start, h.end, h.key) for h in doc.hints])
            db.executemany(
                'INSERT INTO mentions(doc_id, kind, start, "end", text, value) VALUES (?,?,?,?,?,?)',
                [(doc.id, m.kind, *_raw(doc, m.start, m.end), m.text, m.date.edtf if m.date else None)
                 for m in doc.mentions])
            subject_ids = {p.id for p in doc.persons[:1]} if doc.subject else set()
            db.executemany(
                "INSERT INTO doc_persons(id, doc_id, name, names, is_subject) VALUES (?,?,?,?,?)",
                [(p.id, doc.id, p.name, json.dumps(list(p.names), ensure_ascii=False), int(p.id in subject_ids))
                 for p in doc.persons])
            db.executemany(
                'INSERT INTO factoids(id, doc_id, doc_person, property, date, date_julian, calendar, date_text,'
                ' start, "end", place, object, object_person, span_start, span_end, quote, evidence, extractor,'
                ' confidence, note, day_lo, day_hi) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                [_factoid_row(doc.id, f) for f in doc.factoids])

    def replace_resolution(self, persons: list[Person], assignment: dict[str, str],
                           conflicts: Iterable[Conflict] = (), links: list[tuple] = (),
                           object_persons: dict[str, str] | None = None,
                           families: dict[str, str] | None = None, review: list[tuple] = ()) -> None:
        """Store the corpus stages' result at once: persons, doc person -> person, the links
        (person, doc person, doc person, score, kind, reasons) that joined them, and conflicts.
        `object_persons`: factoid id -> the person its object names (a relative); `families`:
        document id -> its family of near-copies (families.py), before the judge counts them;
        `review`: (doc person, doc person, score) pairs left apart by a small margin.
        Source criticism follows in the same transaction when the caller holds one
        (pipeline.rebuild: corpus.factoids_by_person, then add_conflicts)."""
        db = self.db
        with db.transaction():
            _mark_resolved(db)
            _new_persons_token(db)
            db.execute("DELETE FROM persons")
            db.execute("DELETE FROM conflicts")
            db.execute("DELETE FROM person_links")
            db.execute("DELETE FROM review")
            db.executemany("INSERT INTO review(a, b, score) VALUES (?,?,?)", list(review))
            db.executemany(
                "INSERT INTO person_links(person_id, a, b, score, kind, reasons) VALUES (?,?,?,?,?,?)",
                [(pid, a, b, score, kind, json.dumps(list(reasons), ensure_ascii=False))
                 for pid, a, b, score, kind, reasons in links])
            db.executemany("INSERT INTO persons(id, name, names, keys) VALUES (?,?,?,?)",
                           [(p.id, p.name, json.dumps(list(p.names), ensure_ascii=False), person_keys(p.name, p.names))
                            for p in persons])
            db.execute("UPDATE doc_persons SET person_id=NULL WHERE person_id IS NOT NULL")
            db.executemany("UPDATE doc_persons SET person_id=? WHERE id=?",
                           [(pid, local) for local, pid in assignment.items()])
            db.execute("DELETE FROM person_days")
            db.execute(FILL_PERSON_DAYS)
            if object_persons is not None:
                db.execute("UPDATE factoids SET object_person=NULL WHERE object_person IS NOT NULL")
                db.executemany("UPDATE factoids SET object_person=? WHERE id=?",
                               [(pid, fid) for fid, pid in object_persons.items()])
            if families is not None:
                db.execute("UPDATE documents SET family=NULL WHERE family IS NOT NULL")
                db.executemany("UPDATE documents SET family=? WHERE id=?",
                               [(fam, doc) for doc, fam in families.items()])
            self.add_conflicts(conflicts)

    def write_summaries(self, lives: dict[str, tuple[str | None, str | None]], only: bool = False) -> None:
        """Keep with each person what the people list shows (people.py): its life dates as the
        judge's consensus gives them (`lives`: person id -> (birth, death), views.summarize)
        and its counts of factoids and conflicts. Call after the resolution and its conflicts
        are written; the next resolution clears them. With `only`, the counts of the persons in
        `lives` alone are renewed (an incremental rebuild's)."""
        cond, args = self.db.among("id", list(lives)) if only else ("1=1", [])
        with self.db.transaction():
            self.db.executemany("UPDATE persons SET birth=?, death=? WHERE id=?",
                                [(birth, death, pid) for pid, (birth, death) in lives.items()])
            self.db.execute(
                "UPDATE persons SET facts = (SELECT COUNT(*) FROM doc_persons dp JOIN factoids f"
                " ON f.doc_person = dp.id WHERE dp.person_id = persons.id),"
                f" conflicts = (SELECT COUNT(*) FROM conflicts c WHERE c.person_id = persons.id) WHERE {cond}", args)

    def pending(self) -> set[str] | None:
        """The documents stored since the last rebuild, when they are all that changed (an
        incremental rebuild can follow: pipeline.rebuild); None when a full rebuild must (no
        rebuild yet, a document written again, a user's decision or correction)."""
        row = self.db.execute("SELECT value FROM state WHERE key='scope'").fetchone()
        if not row or row[0] != "documents":
            return None
        rows = self.db.execute("SELECT key FROM state WHERE key LIKE ?", (PENDING + "%",)).fetchall()
        return {r[0][len(PENDING):] for r in rows}

    def update_resolution(self, persons: list[Person], removed: Iterable[str], assignment: dict[str, str | None],
                          redone: Iterable[str], relinked: Iterable[str] = (), links: list[tuple] = (),
                          review: list[tuple] = (), object_persons: dict[str, str | None] | None = None,
                          families: dict[str, str | None] | None = None, rejudged: Iterable[str] = ()) -> None:
        """Store an incremental rebuild's changes at once (replace_resolution stores a whole
        one): `persons` written anew, `removed` ones gone, with their links and conflicts;
        `assignment`, `object_persons` and `families` as changes (None clears); `redone`:
        the doc persons re-resolved, whose review pairs are replaced by `review`; `relinked`:
        the persons (old ids and new) whose links are replaced by `links`; `rejudged`: persons whose conflicts the caller adds again (add_conflicts) in
        the same transaction."""
        db = self.db
        written, removed = [p.id for p in persons], list(removed)
        with db.transaction():
            _mark_resolved(db)
            for table, column, ids in (("conflicts", "person_id", {*removed, *written, *rejudged}),
                                       ("person_links", "person_id", {*removed, *relinked}),
                                       ("persons", "id", {*removed, *written})):
                cond, args = db.among(column, list(ids))
                db.execute(f"DELETE FROM {table} WHERE {cond}", args)
            db.executemany("INSERT INTO persons(id, name, names, keys) VALUES (?,?,?,?)",
                           [(p.id, p.name, json.dumps(list(p.names), ensure_ascii=False), person_keys(p.name, p.names))
                            for p in persons])
            cond_a, args_a = db.among("a", list(redone))
            cond_b, args_b = db.among("b", list(redone))
            db.execute(f"DELETE FROM review WHERE {cond_a} OR {cond_b}", args_a + args_b)
            db.executemany("INSERT INTO review(a, b, score) VALUES (?,?,?)", list(review))
            db.executemany("UPDATE doc_persons SET person_id=? WHERE id=?",
                           [(pid, local) for local, pid in assignment.items()])
            db.executemany(
                "INSERT INTO person_links(person_id, a, b, score, kind, reasons) VALUES (?,?,?,?,?,?)",
                [(pid, a, b, score, kind, json.dumps(list(reasons), ensure_ascii=False))
                 for pid, a, b, score, kind, reasons in links])
            db.executemany("UPDATE factoids SET object_person=? WHERE id=?",
                           [(pid, fid) for fid, pid in (object_persons or {}).items()])
            db.executemany("UPDATE documents SET family=? WHERE id=?",
                           [(fam, doc) for doc, fam in (families or {}).items()])
            # the day table of the people list's filters, for the persons changed
            cond, args = db.among("person_id", [*removed, *written])
            db.execute(f"DELETE FROM person_days WHERE {cond}", args)
            cond, args = db.among("dp.person_id", written)
            db.execute(f"{FILL_PERSON_DAYS} AND {cond}", args)
            if written or removed:
                _new_persons_token(db)

    def add_conflicts(self, conflicts: Iterable[Conflict]) -> None:
        """Store conflicts found by source criticism (one found twice is kept once)."""
        self.db.executemany(
            "INSERT INTO conflicts(id, person_id, properties, kind, factoids, explanation)"
            " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            [(c.id, c.person, json.dumps(list(c.properties)), c.kind, json.dumps(list(c.factoids)),
              c.explanation) for c in conflicts])

    def add_decision(self, kind: str, a: list[tuple[str, str]], b: list[tuple[str, str]], note: str = "") -> int:
        """Record a user's merge or split: sides as (document id, name) pairs. Resolution
        applies every decision on each run, so it outlives re-ingest and re-resolution."""
        with self.db.transaction():
            _mark_stale(self.db, everything=True)
            return self.db.insert_id("INSERT INTO decisions(kind, a, b, note) VALUES (?,?,?,?)",
                                     (kind, json.dumps([list(x) for x in a], ensure_ascii=False),
                                      json.dumps([list(x) for x in b], ensure_ascii=False), note))

    def add_correction(self, kind: str, factoid: str | None = None, person: list[tuple[str, str]] | None = None,
                       value: str = "", reason: str = "") -> int:
        """Record a user's correction (corrections.py): a factoid rejected, confirmed or
        annotated; a person (as its members) renamed, forgotten or annotated. Every rebuild
        applies it, so it outlives re-ingest and re-resolution."""
        with self.db.transaction():
            if kind != "note":  # a note changes nothing the rebuild computes
                _mark_stale(self.db, everything=True)
            return self.db.insert_id(
                "INSERT INTO corrections(kind, factoid, person, value, reason) VALUES (?,?,?,?,?)",
                (kind, factoid, json.dumps([list(x) for x in person], ensure_ascii=False) if person else None,
                 value, reason))

    def dismiss(self, a: str, b: str, note: str = "") -> int:
        """Record that document persons a and b, offered for review, are two people."""
        with self.db.transaction():
            _mark_stale(self.db, everything=True)
            return self.db.insert_id("INSERT INTO dismissals(a, b, note) VALUES (?,?,?)", (a, b, note))

    def remove_decision(self, table: str, row_id: int) -> bool:
        """Undo a merge or split (table `decisions`), a correction (`corrections`) or a
        dismissal (`dismissals`)."""
        if table not in ("decisions", "corrections", "dismissals"):
            raise ValueError(table)
        with self.db.transaction():
            _mark_stale(self.db, everything=True)
            return self.db.execute(f"DELETE FROM {table} WHERE id=?", (row_id,)).rowcount > 0


def person_keys(name: str, names: Iterable[str]) -> str:
    """A person's names as searched (queries.name_key), one per line: the column a name filter
    looks inside with LIKE, the same on both backends."""
    return "\n".join(dict.fromkeys(name_key(n) for n in (name, *names)))


# state: 'resolution' = 'stale' while something stored is not yet resolved; 'scope' =
# 'documents' while all that changed since the last rebuild is the documents listed under
# PENDING (an incremental rebuild can follow), 'everything' otherwise (a full one must)
PENDING = "pending:"


def _mark_stale(db, everything: bool = False) -> None:
    db.execute("INSERT INTO state(key, value) VALUES ('resolution', 'stale')"
               " ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    if everything:
        db.execute("INSERT INTO state(key, value) VALUES ('scope', 'everything')"
                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value")


def _new_persons_token(db) -> None:
    """A new token for every new set of persons: readers that keep an index of the persons'
    names (reconcile/) know when to build it again."""
    db.execute("INSERT INTO state(key, value) VALUES ('persons', ?)"
               " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (uuid.uuid4().hex,))


def _mark_resolved(db) -> None:
    db.execute("DELETE FROM state WHERE key='resolution' OR key LIKE ?", (PENDING + "%",))
    db.execute("INSERT INTO state(key, value) VALUES ('scope', 'documents')"
               " ON CONFLICT(key) DO UPDATE SET value = excluded.value")

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
