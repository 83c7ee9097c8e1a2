"""Every read the CLI, the API and the web pages need, named here once."""
from __future__ import annotations

import json
import sqlite3
from pathlib import PurePath
from typing import Iterator

from ..errors import NotFound

_FACTOID_COLUMNS = ('f.id, f.property, f.date, f.date_julian, f.calendar, f.date_text, f.start, f."end",'
                    ' f.place, f.object, f.object_person, f.note, f.span_start, f.span_end, f.quote, f.confidence,'
                    ' f.extractor, f.doc_id, d.uri, dp.person_id, dp.name AS person_name')


def source_name(uri: str) -> str:
    """The export's `source`: the file name, with a JSONL line's '#id' kept."""
    return PurePath(uri).name


def factoid_dict(row: sqlite3.Row) -> dict:
    return {
        "type": "factoid", "id": row["id"], "person": row["person_id"], "person_name": row["person_name"],
        "property": row["property"], "date": row["date"], "date_julian": row["date_julian"],
        "calendar": row["calendar"], "date_text": row["date_text"], "place": row["place"],
        "object": row["object"], "object_person": row["object_person"], "note": row["note"], "start": row["start"],
        "end": row["end"], "source": source_name(row["uri"]), "document": row["doc_id"],
        "span": [row["span_start"], row["span_end"]], "quote": row["quote"],
        "confidence": round(row["confidence"], 3), "extractor": row["extractor"],
    }


def _factoids(conn, where: str = "", args: tuple = ()) -> list[dict]:
    sql = (f"SELECT {_FACTOID_COLUMNS} FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
           f" JOIN documents d ON d.id = f.doc_id {where} ORDER BY dp.person_id, f.property, f.date, f.id")
    return [factoid_dict(r) for r in conn.execute(sql, args)]


def _best(facts: list[dict], prop: str, field: str = "date") -> str | None:
    values = [f for f in facts if f["property"] == prop and f.get(field)]
    if not values:
        return None
    # the most precise value first (a day beats a year), then the most confident
    return max(values, key=lambda f: (len(f[field] or ""), f["confidence"]))[field]


def people(conn: sqlite3.Connection, q: str | None = None) -> list[dict]:
    """Persons with life dates, fact and conflict counts; `q` matches any name seen."""
    rows = conn.execute("SELECT id, name, names FROM persons ORDER BY name").fetchall()
    facts_by_person: dict[str, list[dict]] = {}
    for fact in _factoids(conn):
        facts_by_person.setdefault(fact["person"], []).append(fact)
    conflicts = dict(conn.execute("SELECT person_id, COUNT(*) FROM conflicts GROUP BY person_id").fetchall())
    needle = q.casefold() if q else None
    out = []
    for row in rows:
        names = json.loads(row["names"])
        if needle and not any(needle in n.casefold() for n in [row["name"], *names]):
            continue
        facts = facts_by_person.get(row["id"], [])
        out.append({"id": row["id"], "name": row["name"], "aliases": names,
                    "birth": _best(facts, "birth"), "death": _best(facts, "death"),
                    "facts": len(facts), "conflicts": conflicts.get(row["id"], 0)})
    return out


def find_persons(conn: sqlite3.Connection, name: str) -> list[dict]:
    """Persons whose id is `name` or who were seen under a name containing it."""
    exact = conn.execute("SELECT id FROM persons WHERE id=?", (name,)).fetchone()
    if exact:
        return [p for p in people(conn) if p["id"] == name]
    return people(conn, name)


def person(conn: sqlite3.Connection, person_id: str) -> dict:
    row = conn.execute("SELECT id, name, names FROM persons WHERE id=?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    return {"id": row["id"], "name": row["name"], "aliases": json.loads(row["names"]),
            "factoids": _factoids(conn, "WHERE dp.person_id = ?", (person_id,)),
            "conflicts": conflicts(conn, person_id)}


def conflicts(conn: sqlite3.Connection, person_id: str | None = None) -> list[dict]:
    sql = "SELECT id, person_id, properties, kind, factoids, explanation FROM conflicts"
    rows = conn.execute(sql + (" WHERE person_id=?" if person_id else "") + " ORDER BY id",
                        (person_id,) if person_id else ())
    return [{"type": "conflict", "id": r["id"], "person": r["person_id"], "properties": json.loads(r["properties"]),
             "kind": r["kind"], "explanation": r["explanation"], "factoids": json.loads(r["factoids"])}
            for r in rows]


def export_rows(conn: sqlite3.Connection, min_confidence: float = 0.0) -> Iterator[dict]:
    """The export contract of eval/README.md: persons, then factoids, then conflicts."""
    for row in conn.execute("SELECT id, name, names FROM persons ORDER BY id"):
        yield {"type": "person", "id": row["id"], "name": row["name"], "aliases": json.loads(row["names"])}
    for fact in _factoids(conn, "WHERE f.confidence >= ?", (min_confidence,)):
        yield fact
    yield from conflicts(conn)


def doc_persons(conn: sqlite3.Connection) -> list[dict]:
    """Every person as each document speaks of it: the input of resolution."""
    rows = conn.execute("SELECT id, doc_id, name, names, is_subject FROM doc_persons ORDER BY id")
    return [{"id": r["id"], "doc_id": r["doc_id"], "name": r["name"], "names": json.loads(r["names"]),
             "is_subject": bool(r["is_subject"])} for r in rows]


def factoids_for_judging(conn: sqlite3.Connection) -> list[dict]:
    """Factoids with their document person, the input of source criticism."""
    sql = (f"SELECT {_FACTOID_COLUMNS}, f.doc_person FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
           " JOIN documents d ON d.id = f.doc_id ORDER BY f.id")
    return [dict(factoid_dict(r), doc_person=r["doc_person"]) for r in conn.execute(sql)]


def counts(conn: sqlite3.Connection) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {"documents": one("SELECT COUNT(*) FROM documents"), "persons": one("SELECT COUNT(*) FROM persons"),
            "factoids": one("SELECT COUNT(*) FROM factoids"), "conflicts": one("SELECT COUNT(*) FROM conflicts")}


def search(conn: sqlite3.Connection, q: str, limit: int = 20) -> list[dict]:
    """Full-text search over documents (FTS5 query syntax)."""
    sql = ("SELECT d.id, d.uri, d.title, snippet(documents_fts, 1, '[', ']', ' ... ', 12) AS snippet"
           " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
           " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")
    return [dict(r) for r in conn.execute(sql, (q, limit))]
