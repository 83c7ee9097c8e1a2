"""The reads behind `factoid export` and /api/export: persons, factoids, conflicts and sources,
optionally of some persons only and above a confidence (queries.py holds the pages' reads)."""
from __future__ import annotations

import json
import sqlite3

from .queries import _factoids, _placeholders, conflicts, source_name


def persons(conn: sqlite3.Connection, person_ids: list[str] | None = None) -> list[dict]:
    where, args = (f" WHERE id IN ({_placeholders(person_ids)})", tuple(person_ids)) if person_ids else ("", ())
    rows = conn.execute(f"SELECT id, name, names FROM persons{where} ORDER BY id", args)
    return [{"type": "person", "id": r["id"], "name": r["name"], "aliases": json.loads(r["names"])} for r in rows]


def factoids(conn: sqlite3.Connection, min_confidence: float = 0.0, person_ids: list[str] | None = None) -> list[dict]:
    where, args = "WHERE f.confidence >= ?", (min_confidence,)
    if person_ids:
        where += f" AND dp.person_id IN ({_placeholders(person_ids)})"
        args += tuple(person_ids)
    return _factoids(conn, where, args)


def person_conflicts(conn: sqlite3.Connection, person_ids: list[str] | None = None) -> list[dict]:
    rows = conflicts(conn)
    return [c for c in rows if c["person"] in set(person_ids)] if person_ids else rows


def doc_person_owners(conn: sqlite3.Connection) -> dict[str, str]:
    """Document person id -> corpus person id: a factoid's object person may be either."""
    return dict(conn.execute("SELECT id, person_id FROM doc_persons WHERE person_id IS NOT NULL").fetchall())


def sources(conn: sqlite3.Connection, doc_ids: list[str]) -> list[dict]:
    """The documents some factoids cite: file name, title, the web address a JSONL record or a
    page gave, when it was ingested, its quality and length (the raw text stays in the store)."""
    out = []
    for start in range(0, len(doc_ids), 500):  # SQLite's limit on bound parameters
        chunk = doc_ids[start:start + 500]
        rows = conn.execute("SELECT id, uri, title, quality, metadata, ingested_at, length(raw) AS length"
                            f" FROM documents WHERE id IN ({_placeholders(chunk)})", tuple(chunk))
        for r in rows:
            meta = json.loads(r["metadata"])
            out.append({"type": "source", "id": r["id"], "source": source_name(r["uri"]), "uri": r["uri"],
                        "title": r["title"], "url": meta.get("url") or (r["uri"] if r["uri"].startswith(("http://", "https://")) else None),
                        "language": meta.get("language") or "en", "format": meta.get("format"),
                        "retrieved": r["ingested_at"], "quality": round(r["quality"], 3), "length": r["length"]})
    return sorted(out, key=lambda s: s["id"])


def raw_text(conn: sqlite3.Connection, doc_id: str) -> str:
    row = conn.execute("SELECT raw FROM documents WHERE id=?", (doc_id,)).fetchone()
    return row["raw"] if row else ""


def unknown_persons(conn: sqlite3.Connection, person_ids: list[str]) -> list[str]:
    """The ids in `person_ids` that name no person."""
    known = {r[0] for r in conn.execute(f"SELECT id FROM persons WHERE id IN ({_placeholders(person_ids)})",
                                        tuple(person_ids))}
    return [p for p in person_ids if p not in known]
