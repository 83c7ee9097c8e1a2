"""PostgreSQL's named schema migrations, applied in order and recorded in the database itself,
as SQLite's are (migrations.py). The first one is the schema SQLite reached by its 0011; each
later change to the store adds one migration to each list.

Differences from SQLite, all invisible to the reads: text search is a generated `tsvector`
column in the `simple` configuration (lower case, no stemming, so Russian and transliterated
names match as written) with a GIN index; case-free comparisons are lower(...) and their
indexes are on lower(...); integer keys are BIGINT; the ordered link table keeps a `rowid`
column of its own; times are UTC text like SQLite's datetime('now')."""
from __future__ import annotations

from .people import PERSON_SUMMARY_MIGRATION

NOW = "to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD HH24:MI:SS')"
# the search index covers this many characters of title and text: a tsvector holds at most
# 1 MB, and a document past this is rare (the rest stays stored and shown)
SEARCHED_CHARS = 300_000

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", f"""
CREATE TABLE documents (
    rowid BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    uri TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    raw TEXT NOT NULL,
    clean TEXT NOT NULL,
    offsets BYTEA,
    html TEXT,
    quality DOUBLE PRECISION NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{{}}',
    ingested_at TEXT NOT NULL DEFAULT {NOW},
    signature BYTEA,
    family TEXT,
    language TEXT NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS
        (to_tsvector('simple'::regconfig, left(title || ' ' || clean, {SEARCHED_CHARS}))) STORED
);
CREATE INDEX documents_search ON documents USING gin(search);
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
    names TEXT NOT NULL,
    keys TEXT NOT NULL DEFAULT ''
);
CREATE INDEX persons_name ON persons(lower(name), id);
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
    extractor TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL,
    note TEXT,
    day_lo BIGINT, day_hi BIGINT
);
CREATE INDEX factoids_doc ON factoids(doc_id);
CREATE INDEX factoids_person ON factoids(doc_person);
CREATE INDEX factoids_property ON factoids(property);
CREATE INDEX factoids_object_person ON factoids(object_person) WHERE object_person IS NOT NULL;
CREATE INDEX factoids_object ON factoids(lower(object), property) WHERE object IS NOT NULL;
CREATE INDEX factoids_day_hi ON factoids(day_hi);
CREATE INDEX factoids_day_lo ON factoids(day_lo);
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    properties TEXT NOT NULL,
    kind TEXT NOT NULL,
    factoids TEXT NOT NULL,
    explanation TEXT NOT NULL
);
CREATE INDEX conflicts_person ON conflicts(person_id);
CREATE INDEX conflicts_kind ON conflicts(kind);
CREATE TABLE person_links (
    rowid BIGSERIAL PRIMARY KEY,
    person_id TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    kind TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX person_links_person ON person_links(person_id);
CREATE TABLE decisions (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT {NOW}
);
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE doc_bands (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    key BIGINT NOT NULL
);
CREATE INDEX doc_bands_key ON doc_bands(band, key);
CREATE INDEX doc_bands_doc ON doc_bands(doc_id);
CREATE TABLE corrections (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('reject', 'confirm', 'rename', 'forget', 'note')),
    factoid TEXT,
    person TEXT,
    value TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT {NOW}
);
CREATE TABLE review (a TEXT NOT NULL, b TEXT NOT NULL, score DOUBLE PRECISION NOT NULL);
CREATE TABLE dismissals (
    id BIGSERIAL PRIMARY KEY,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT {NOW}
);
"""),
    # bounded people lists: as SQLite's 0012_person_summary
    ("0002_person_summary", PERSON_SUMMARY_MIGRATION),
    # as SQLite's 0013_body_members
    ("0003_body_members", """
CREATE INDEX factoids_body ON factoids(lower(object), property, day_lo, id) WHERE object IS NOT NULL;
DROP INDEX factoids_object;
"""),
]
