"""The reads behind `factoid export` and /api/export: persons, factoids, conflicts and sources,
optionally of some persons only and above a confidence (queries.py holds the pages' reads).
`person_ids` None means everyone; an empty list, no one (a filter that kept nobody)."""
from __future__ import annotations

import json
from typing import Iterator

from .people import people_filter
from .queries import _FACTOID_COLUMNS, _factoids, _placeholders, conflicts, factoid_dict, source_name


def persons(store, person_ids: list[str] | None = None) -> list[dict]:
    where, args = ("", ())
    if person_ids is not None:
        cond, args = store.db.among("id", person_ids)
        where = " WHERE " + cond
    rows = store.db.execute(f"SELECT id, name, names FROM persons{where} ORDER BY id", args)
    return [{"type": "person", "id": r["id"], "name": r["name"], "aliases": json.loads(r["names"])} for r in rows]


def _where(store, min_confidence: float, person_ids: list[str] | None, properties: tuple[str, ...] = ()) -> tuple[str, tuple]:
    where, args = "WHERE f.confidence >= ?", (min_confidence,)
    if person_ids is not None:
        cond, more = store.db.among("dp.person_id", person_ids)
        where, args = f"{where} AND {cond}", args + more
    if properties:
        where += f" AND f.property IN ({_placeholders(properties)})"
        args += tuple(properties)
    return where, args


def factoids(store, min_confidence: float = 0.0, person_ids: list[str] | None = None,
             properties: tuple[str, ...] = ()) -> list[dict]:
    return _factoids(store, *_where(store, min_confidence, person_ids, properties))


def iter_factoids(store, min_confidence: float = 0.0,
                  person_ids: list[str] | None = None) -> Iterator[dict]:
    """The factoids one at a time, ordered by person id (as `persons` is; those of a document
    person not yet resolved, person None, first), so an export of a large corpus never holds
    them all."""
    where, args = _where(store, min_confidence, person_ids)
    sql = (f"SELECT {_FACTOID_COLUMNS} FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
           f" JOIN documents d ON d.id = f.doc_id {where} ORDER BY dp.person_id NULLS FIRST, f.property, f.date NULLS FIRST, f.id")
    for row in store.db.stream(sql, args):
        yield factoid_dict(row)


def cited(store, min_confidence: float = 0.0, person_ids: list[str] | None = None) -> list[str]:
    """The ids of the documents the selected factoids come from."""
    where, args = _where(store, min_confidence, person_ids)
    return [r[0] for r in store.db.execute(f"SELECT DISTINCT f.doc_id FROM factoids f JOIN doc_persons dp"
                                       f" ON dp.id = f.doc_person {where}", args)]


def person_conflicts(store, person_ids: list[str] | None = None) -> list[dict]:
    rows = conflicts(store)
    return [c for c in rows if c["person"] in set(person_ids)] if person_ids is not None else rows


def owners(store, ids: list[str]) -> dict[str, str]:
    """Document person id -> corpus person id, for those of `ids` that are document persons:
    a factoid's object person may be either."""
    found = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        found.update(store.db.execute(f"SELECT id, person_id FROM doc_persons WHERE id IN ({_placeholders(chunk)})"
                                  " AND person_id IS NOT NULL", tuple(chunk)).fetchall())
    return found


def sources(store, doc_ids: list[str]) -> list[dict]:
    """The documents some factoids cite: file name, title, the web address, author, date, kind
    and language the document or its manifest gave (sources/metadata.py), its family of
    near-copies (families.py; its own id when none), when it was ingested, its quality and
    length (the raw text stays in the store)."""
    out = []
    for start in range(0, len(doc_ids), 500):  # SQLite's limit on bound parameters
        chunk = doc_ids[start:start + 500]
        rows = store.db.execute("SELECT id, uri, title, quality, metadata, family, language, ingested_at,"
                            " length(raw) AS length"
                            f" FROM documents WHERE id IN ({_placeholders(chunk)})", tuple(chunk))
        for r in rows:
            meta = json.loads(r["metadata"])
            out.append({"type": "source", "id": r["id"], "source": source_name(r["uri"]), "uri": r["uri"],
                        "title": meta.get("title") or r["title"],
                        "url": meta.get("url") or (r["uri"] if r["uri"].startswith(("http://", "https://")) else None),
                        "author": meta.get("author"), "date": meta.get("date"), "kind": meta.get("kind"),
                        # the language factoid decided (language.py), else what the source declared
                        "language": r["language"] or meta.get("language") or "en", "format": meta.get("format"),
                        "family": r["family"] or r["id"],
                        "retrieved": r["ingested_at"], "quality": round(r["quality"], 3), "length": r["length"]})
    return sorted(out, key=lambda s: s["id"])


def raw_text(store, doc_id: str) -> str:
    row = store.db.execute("SELECT raw FROM documents WHERE id=?", (doc_id,)).fetchone()
    return row["raw"] if row else ""


def unknown_persons(store, person_ids: list[str]) -> list[str]:
    """The ids in `person_ids` that name no person."""
    cond, args = store.db.among("id", person_ids)
    known = {r[0] for r in store.db.execute(f"SELECT id FROM persons WHERE {cond}", args)}
    return [p for p in person_ids if p not in known]


def person_ids(store, q: str | None = None, prop: str | None = None,
               date_from: str | None = None, date_to: str | None = None) -> list[str]:
    """The ids of every person the people list's filters keep (queries.people_page), so a
    download from that list holds what it shows."""
    clause, args = people_filter(q, prop, date_from, date_to, store.resolution_stale())
    return [r[0] for r in store.db.execute(f"SELECT p.id FROM persons p {clause} ORDER BY p.id", args)]
