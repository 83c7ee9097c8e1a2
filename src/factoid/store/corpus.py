"""The reads of the corpus stages (resolution, then source criticism), shaped so that a corpus
of hundreds of thousands of documents never sits in memory at once: resolution reads only the
few facts that tell people apart; source criticism reads one person's factoids at a time."""
from __future__ import annotations

import json
import sys
from itertools import groupby
from typing import Iterator

from .queries import source_name

# what resolution weighs besides names (resolve/profile.py): aliases, life dates and places,
# offices, relatives
RESOLUTION_PROPERTIES = ("alias", "birth", "death", "position", "employment", "parent", "child", "sibling", "spouse")


def doc_persons(store) -> list[dict]:
    """Every person as each document speaks of it: the input of resolution."""
    rows = store.db.execute("SELECT id, doc_id, name, names, is_subject FROM doc_persons ORDER BY id")
    shared: dict[str, str] = {}
    return [{"id": r["id"], "doc_id": shared.setdefault(r["doc_id"], r["doc_id"]), "name": r["name"],
             "names": json.loads(r["names"]), "is_subject": bool(r["is_subject"])} for r in rows]


def factoids_for_resolution(store) -> list[dict]:
    """Only the factoids, and only the fields, that resolution reads."""
    marks = ",".join("?" * len(RESOLUTION_PROPERTIES))
    sql = (f'SELECT doc_person, property, date, date_julian, place, object FROM factoids'
           f' WHERE property IN ({marks}) ORDER BY id')
    return [{"doc_person": r["doc_person"], "property": sys.intern(r["property"]), "date": r["date"],
             "date_julian": r["date_julian"], "place": r["place"], "object": r["object"]}
            for r in store.db.execute(sql, RESOLUTION_PROPERTIES)]


def factoids_by_person(store, persons: list[str] | None = None) -> Iterator[tuple[str, list[dict]]]:
    """(person id, that person's factoids) for every resolved person (or those of `persons`),
    one person at a time: the input of source criticism. Reads the assignment of doc persons
    to persons as stored, so call it after (or in the transaction that) writes the resolution."""
    where, args = ("dp.person_id IS NOT NULL", ()) if persons is None else store.db.among("dp.person_id", persons)
    sql = ('SELECT f.id, f.property, f.date, f.date_julian, f.date_text, f.start, f."end", f.place, f.object,'
           ' f.note, f.confidence, f.extractor, f.doc_id, d.uri, d.family, f.doc_person, dp.person_id FROM factoids f'
           ' JOIN doc_persons dp ON dp.id = f.doc_person JOIN documents d ON d.id = f.doc_id'
           f' WHERE {where} ORDER BY dp.person_id, f.id')
    rows = (_judged(r) for r in store.db.stream(sql, args))
    for person, facts in groupby(rows, key=lambda f: f["person"]):
        yield person, list(facts)


def _judged(r) -> dict:
    return {"id": r["id"], "property": r["property"], "date": r["date"], "date_julian": r["date_julian"],
            "date_text": r["date_text"], "start": r["start"], "end": r["end"], "place": r["place"],
            "object": r["object"], "note": r["note"], "confidence": r["confidence"], "extractor": r["extractor"],
            "document": r["doc_id"], "source": source_name(r["uri"]), "family": r["family"] or r["doc_id"],
            "doc_person": r["doc_person"],
            "person": r["person_id"]}


def relation_candidates(store, properties: tuple[str, ...]) -> Iterator[tuple]:
    """(factoid id, object, doc person, its names) for each relation factoid with an object
    and each other person of its document: who the object may be."""
    marks = ",".join("?" * len(properties))
    sql = ("SELECT f.id, f.object, dp.id AS other, dp.name, dp.names FROM factoids f"
           " JOIN doc_persons dp ON dp.doc_id = f.doc_id AND dp.id != f.doc_person"
           f" WHERE f.property IN ({marks}) AND f.object IS NOT NULL")
    for r in store.db.stream(sql, properties):
        yield r["id"], r["object"], r["other"], [r["name"], *json.loads(r["names"])]


def band_groups(store) -> Iterator[list[str]]:
    """The documents that share a band key (families.py), one sorted list per key shared by
    two or more: the candidates of near-duplicate detection, found by the index."""
    sql = ("SELECT b.band, b.key, b.doc_id FROM doc_bands b JOIN (SELECT band, key FROM doc_bands"
           " GROUP BY band, key HAVING COUNT(*) > 1) s ON s.band = b.band AND s.key = b.key"
           " ORDER BY b.band, b.key, b.doc_id")
    for _, rows in groupby(store.db.stream(sql), key=lambda r: (r[0], r[1])):
        yield [r[2] for r in rows]


def signature_reader(store):
    """A function: document id -> its stored signature (None when too short or not yet made)."""
    cache: dict[str, bytes | None] = {}

    def read(doc_id: str) -> bytes | None:
        if doc_id not in cache:
            row = store.db.execute("SELECT signature FROM documents WHERE id=?", (doc_id,)).fetchone()
            cache[doc_id] = bytes(row[0]) if row and row[0] is not None else None
        return cache[doc_id]
    return read


# -- the resolution as last stored: what an incremental rebuild compares its result with ------

def assignment(store) -> dict[str, str | None]:
    """Doc person -> its person (None: new, or a forgotten person's member)."""
    return {r[0]: r[1] for r in store.db.execute("SELECT id, person_id FROM doc_persons")}


def persons(store) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Person id -> (name, names)."""
    return {r[0]: (r[1], tuple(json.loads(r[2]))) for r in store.db.execute("SELECT id, name, names FROM persons")}


def families(store) -> dict[str, str]:
    """Document -> its family, for those in one."""
    return {r[0]: r[1] for r in store.db.execute("SELECT id, family FROM documents WHERE family IS NOT NULL")}


def object_persons(store) -> dict[str, str]:
    """Factoid -> the person its object names, where known."""
    return {r[0]: r[1] for r in store.db.execute("SELECT id, object_person FROM factoids WHERE object_person IS NOT NULL")}
