"""SQLite's named schema migrations, applied in order and recorded in the database itself
(PostgreSQL's are in pg_schema.py)."""
from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from .keys import _day_bound, name_key
from .people import PERSON_SUMMARY_MIGRATION

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    uri TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    raw TEXT NOT NULL,
    clean TEXT NOT NULL,
    offsets BLOB,
    html TEXT,
    quality REAL NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE regions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regions_doc ON regions(doc_id);
CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id);
-- a person as one document speaks of it; resolution maps it to a corpus-wide person
CREATE TABLE doc_persons (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    names TEXT NOT NULL,
    is_subject INTEGER NOT NULL DEFAULT 0,
    person_id TEXT
);
CREATE INDEX doc_persons_doc ON doc_persons(doc_id);
CREATE INDEX doc_persons_person ON doc_persons(person_id);
CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    names TEXT NOT NULL
);
CREATE TABLE factoids (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_person TEXT NOT NULL REFERENCES doc_persons(id) ON DELETE CASCADE,
    property TEXT NOT NULL,
    date TEXT, date_julian TEXT, calendar TEXT, date_text TEXT,
    start TEXT, "end" TEXT,
    place TEXT, object TEXT, object_person TEXT,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, quote TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    extractor TEXT NOT NULL, confidence REAL NOT NULL
);
CREATE INDEX factoids_doc ON factoids(doc_id);
CREATE INDEX factoids_person ON factoids(doc_person);
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    properties TEXT NOT NULL,
    kind TEXT NOT NULL,
    factoids TEXT NOT NULL,
    explanation TEXT NOT NULL
);
CREATE INDEX conflicts_person ON conflicts(person_id);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, clean, content='documents', content_rowid='rowid');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, clean) VALUES (new.rowid, new.title, new.clean);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, clean) VALUES ('delete', old.rowid, old.title, old.clean);
END;
"""),
    # resolution: why each doc person joined its person (score and reasons), and a user's
    # merges and splits, named by (document, name) so they outlive re-ingest and re-resolution
    ("0002_resolution", """
CREATE TABLE person_links (
    person_id TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL NOT NULL,
    kind TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX person_links_person ON person_links(person_id);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""),
    # the reads behind the API and the pages: people by name, filters by property, relations
    # through object persons and shared bodies, conflicts by kind
    ("0003_api_indexes", """
CREATE INDEX persons_name ON persons(name COLLATE NOCASE, id);
CREATE INDEX factoids_property ON factoids(property);
CREATE INDEX factoids_object_person ON factoids(object_person) WHERE object_person IS NOT NULL;
CREATE INDEX factoids_object ON factoids(object COLLATE NOCASE, property) WHERE object IS NOT NULL;
CREATE INDEX conflicts_kind ON conflicts(kind);
"""),
    # a factoid's free detail that is no name: a sentence's penalty, a term's length
    ("0004_factoid_note", """
ALTER TABLE factoids ADD COLUMN note TEXT;
"""),
    # markers a run leaves for the next: 'resolution' = 'stale' while stored documents (or a
    # user's decisions) are newer than the persons and conflicts, cleared by a rebuild
    ("0005_state", """
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""),
    # near-duplicate documents (families.py): each document's MinHash signature and its band
    # keys, indexed so that the candidates of a corpus are a join; `family` is set by a rebuild
    ("0006_families", """
ALTER TABLE documents ADD COLUMN signature BLOB;
ALTER TABLE documents ADD COLUMN family TEXT;
CREATE TABLE doc_bands (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    key INTEGER NOT NULL
);
CREATE INDEX doc_bands_key ON doc_bands(band, key);
CREATE INDEX doc_bands_doc ON doc_bands(doc_id);
"""),
    # a user's corrections besides merges and splits (corrections.py): a factoid rejected,
    # confirmed or annotated; a person renamed, forgotten (not a person) or annotated. A person
    # is kept as its members [[doc id, name], ...], since person ids follow names
    ("0007_corrections", """
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('reject', 'confirm', 'rename', 'forget', 'note')),
    factoid TEXT,
    person TEXT,
    value TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""),
    # each document's language (ISO 639-1, language.py), decided at ingest; '' for documents
    # stored before languages were told apart (all of them read as English)
    ("0008_document_language", """
ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT '';
"""),
    # the review queue: pairs of document persons resolution left apart by a small margin
    # (rewritten by each rebuild), and a user's dismissals of such pairs (kept)
    ("0009_review", """
CREATE TABLE review (a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL);
CREATE TABLE dismissals (
    id INTEGER PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""),
    # each factoid's first and last day (ordinal, from its date or span: queries._day_bound),
    # kept with it and indexed, so a date filter is an index range, not a parse of every row
    ("0010_factoid_days", """
ALTER TABLE factoids ADD COLUMN day_lo INTEGER;
ALTER TABLE factoids ADD COLUMN day_hi INTEGER;
UPDATE factoids SET day_lo = factoid_lo(coalesce(start, date, "end")), day_hi = factoid_hi(coalesce("end", date, start));
CREATE INDEX factoids_day_hi ON factoids(day_hi);
CREATE INDEX factoids_day_lo ON factoids(day_lo);
"""),
    # every name of a person keyed as a search keys it (queries.name_key: case, accents, Cyrillic
    # transliterated), one per line: a name filter is a LIKE over one column on either backend
    ("0011_person_keys", """
ALTER TABLE persons ADD COLUMN keys TEXT NOT NULL DEFAULT '';
UPDATE persons SET keys = factoid_person_keys(name, names);
"""),
    # bounded lists (people.py): each person's life dates and counts, written by a rebuild
    # (NULL facts: not yet, worked out when read); every factoid's property and days with its
    # person and reach, so a property or date filter is a few index ranges; everyone's
    # factoids paged by id within a property (queries.factoid_page)
    ("0012_person_summary", PERSON_SUMMARY_MIGRATION),
    # a body's members in the order of their first day, so a person page's "same body" relations
    # read the few who joined last before a membership ended (queries.relations), not every member
    ("0013_body_members", """
CREATE INDEX factoids_body ON factoids(object COLLATE NOCASE, property, day_lo, id) WHERE object IS NOT NULL;
DROP INDEX factoids_object;
"""),
]


class Schema(NamedTuple):
    """What a database holds: `kind` is 'empty' (no tables), 'foreign' (another program's
    tables) or 'factoid'; `missing`: our migrations it lacks (older); `unknown`: migrations it
    has that this version does not know (a newer factoid made it)."""
    kind: str
    missing: list[str]
    unknown: list[str]


def schema(conn: sqlite3.Connection) -> Schema:
    """Inspect without writing (works on a read-only connection)."""
    known = [name for name, _ in MIGRATIONS]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    done: list[str] = []
    if "migrations" in tables:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(migrations)")}
        if "name" in columns:
            done = [r[0] for r in conn.execute("SELECT name FROM migrations")]
    return classify(tables, done, known)


def classify(tables: set[str], done: list[str], known: list[str]) -> Schema:
    """What a database holds, from its tables and the migrations it records (either backend)."""
    if not done and tables <= {"migrations"}:
        return Schema("empty", known, [])  # nothing yet (or a first migration that never committed)
    if known[0] not in done:
        return Schema("foreign", [], [])
    return Schema("factoid", [n for n in known if n not in done], [n for n in done if n not in known])


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks, each in its own transaction. Returns their names."""
    done = set(applied(conn))
    ran = []
    _register_functions(conn)
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        # executescript would commit on its own; run statement by statement inside one transaction
        conn.execute("BEGIN")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran


def _statements(sql: str) -> list[str]:
    """Split a script into statements; triggers contain ';' so use sqlite3.complete_statement."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _register_functions(conn) -> None:
    """SQL functions SQLite's migrations compute with (0010: the days of a date; 0011: a
    person's name keys); PostgreSQL's schema starts from the current state and needs none."""
    conn.create_function("factoid_lo", 1, lambda e: _day_bound(e, 0), deterministic=True)
    conn.create_function("factoid_hi", 1, lambda e: _day_bound(e, 1), deterministic=True)
    conn.create_function("factoid_person_keys", 2, lambda name, names: "\n".join(
        dict.fromkeys(name_key(n) for n in (name, *json.loads(names)))), deterministic=True)
