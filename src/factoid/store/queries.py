"""Every read the CLI, the API and the web pages need, named here once."""
from __future__ import annotations

import json
from typing import Iterator

from ..errors import NotFound
from ..vocabulary import BODIES, KIN, VOCABULARY
# the pure helpers live in keys.py; named here too, where the reads' callers look for them
from .keys import _day_bound, factoid_days, name_key, sentence_around, source_name  # noqa: F401
# the people list and its filters live in people.py (the stored summary, the day table)
from .people import check_property as _check_property, people_page  # noqa: F401

_FACTOID_COLUMNS = ('f.id, f.property, f.date, f.date_julian, f.calendar, f.date_text, f.start, f."end",'
                    ' f.place, f.object, f.object_person, f.note, f.span_start, f.span_end, f.quote, f.confidence,'
                    ' f.extractor, f.doc_id, d.uri, d.family, d.language, dp.person_id, dp.name AS person_name')


def factoid_dict(row) -> dict:
    return {
        "type": "factoid", "id": row["id"], "person": row["person_id"], "person_name": row["person_name"],
        "property": row["property"], "date": row["date"], "date_julian": row["date_julian"],
        "calendar": row["calendar"], "date_text": row["date_text"], "place": row["place"],
        "object": row["object"], "object_person": row["object_person"], "note": row["note"], "start": row["start"],
        "end": row["end"], "source": source_name(row["uri"]), "document": row["doc_id"],
        "family": row["family"] or row["doc_id"],
        "span": [row["span_start"], row["span_end"]], "quote": row["quote"],
        "confidence": round(row["confidence"], 3), "extractor": row["extractor"],
        "language": row["language"],
    }


def _factoids(store, where: str = "", args: tuple = ()) -> list[dict]:
    sql = (f"SELECT {_FACTOID_COLUMNS} FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
           f" JOIN documents d ON d.id = f.doc_id {where} ORDER BY dp.person_id NULLS FIRST, f.property, f.date NULLS FIRST, f.id")
    return [factoid_dict(r) for r in store.db.execute(sql, args)]


def person_names(store) -> dict[str, str]:
    """Every person's id and display name."""
    return dict(store.db.execute("SELECT id, name FROM persons").fetchall())


def persons_version(store) -> str | None:
    """A token that changes whenever the persons are stored anew (None: a database whose persons
    were last stored by a version that kept no token)."""
    row = store.db.execute("SELECT value FROM state WHERE key='persons'").fetchone()
    return row[0] if row else None


def persons_by_id(store, person_ids: list[str]) -> dict[str, dict]:
    """Some persons' display names and every name they were seen under, by id (unknown ids left out)."""
    out = {}
    for start in range(0, len(person_ids), 500):  # SQLite's limit on bound parameters
        chunk = person_ids[start:start + 500]
        for r in store.db.execute(f"SELECT id, name, names FROM persons WHERE id IN ({_placeholders(chunk)})",
                                  tuple(chunk)):
            out[r["id"]] = {"id": r["id"], "name": r["name"], "aliases": json.loads(r["names"])}
    return out


def person(store, person_id: str) -> dict:
    row = store.db.execute("SELECT id, name, names FROM persons WHERE id=?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(f"no person with id {person_id}")
    return {"id": row["id"], "name": row["name"], "aliases": json.loads(row["names"]),
            "factoids": _factoids(store, "WHERE dp.person_id = ?", (person_id,)),
            "conflicts": conflicts(store, person_id)}


def conflicts(store, person_id: str | None = None) -> list[dict]:
    sql = "SELECT id, person_id, properties, kind, factoids, explanation FROM conflicts"
    rows = store.db.execute(sql + (" WHERE person_id=?" if person_id else "") + " ORDER BY id",
                        (person_id,) if person_id else ())
    return [{"type": "conflict", "id": r["id"], "person": r["person_id"], "properties": json.loads(r["properties"]),
             "kind": r["kind"], "explanation": r["explanation"], "factoids": json.loads(r["factoids"])}
            for r in rows]


def export_rows(store, min_confidence: float = 0.0) -> Iterator[dict]:
    """The evaluation contract (eval/README.md): persons, factoids (by person), conflicts. The
    jsonl export adds source and consensus lines (exports/jsonl.py, docs/EXPORT.md)."""
    yield from person_rows(store)
    yield from factoid_rows(store, min_confidence)
    yield from conflicts(store)


def person_rows(store) -> Iterator[dict]:
    for row in store.db.execute("SELECT id, name, names FROM persons ORDER BY id"):
        yield {"type": "person", "id": row["id"], "name": row["name"], "aliases": json.loads(row["names"])}


def factoid_rows(store, min_confidence: float = 0.0) -> list[dict]:
    """Every factoid at least this confident, ordered by person."""
    return _factoids(store, "WHERE f.confidence >= ?", (min_confidence,))


def decisions(store) -> list[dict]:
    """A user's merges and splits, oldest first; sides are [[document id, name], ...]."""
    rows = store.db.execute("SELECT id, kind, a, b, note, created_at FROM decisions ORDER BY id")
    return [{"id": r["id"], "kind": r["kind"], "a": json.loads(r["a"]), "b": json.loads(r["b"]),
             "note": r["note"], "created_at": r["created_at"]} for r in rows]


def has_factoid(store, factoid_id: str) -> bool:
    return store.db.execute("SELECT 1 FROM factoids WHERE id=?", (factoid_id,)).fetchone() is not None


def factoid_ids(store) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT id FROM factoids")}


def document_ids(store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT id FROM documents ORDER BY id")]


def person_name(store, person_id: str) -> str | None:
    row = store.db.execute("SELECT name FROM persons WHERE id=?", (person_id,)).fetchone()
    return row[0] if row else None


def doc_person_owners(store) -> dict[tuple[str, str], str | None]:
    """(document id, name) -> the person that document person belongs to now (None: nobody)."""
    return {(r[0], r[1]): r[2] for r in store.db.execute("SELECT doc_id, name, person_id FROM doc_persons")}


def doc_person_owner(store, doc_person: str) -> str | None:
    """The person a document person belongs to now (None: nobody, or no such document person)."""
    row = store.db.execute("SELECT person_id FROM doc_persons WHERE id=?", (doc_person,)).fetchone()
    return row[0] if row else None


def doc_person_names(store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.db.execute("SELECT id, name FROM doc_persons")}


def review(store) -> list[dict]:
    """The pairs offered for review (closest first): each side's document person and person."""
    rows = store.db.execute(
        "SELECT r.a, r.b, r.score, pa.id AS pa, pa.name AS na, pb.id AS pb, pb.name AS nb FROM review r"
        " JOIN doc_persons da ON da.id = r.a JOIN doc_persons db ON db.id = r.b"
        " JOIN persons pa ON pa.id = da.person_id JOIN persons pb ON pb.id = db.person_id"
        " ORDER BY r.score DESC, r.a, r.b").fetchall()
    return [{"a": r["a"], "b": r["b"], "score": r["score"], "person_a": r["pa"], "name_a": r["na"],
             "person_b": r["pb"], "name_b": r["nb"]} for r in rows]


def dismissals(store) -> list[dict]:
    rows = store.db.execute("SELECT id, a, b, note, created_at FROM dismissals ORDER BY id")
    return [{"id": r["id"], "a": r["a"], "b": r["b"], "note": r["note"], "created_at": r["created_at"]} for r in rows]


def corrections(store) -> list[dict]:
    """A user's corrections (corrections.py), oldest first; a person as [[document id, name], ...]."""
    rows = store.db.execute("SELECT id, kind, factoid, person, value, reason, created_at FROM corrections ORDER BY id")
    return [{"id": r["id"], "kind": r["kind"], "factoid": r["factoid"],
             "person": json.loads(r["person"]) if r["person"] else None, "value": r["value"],
             "reason": r["reason"], "created_at": r["created_at"]} for r in rows]


def person_members(store, person_id: str) -> list[dict]:
    """The doc persons resolved into one person, with their documents' file names."""
    rows = store.db.execute("SELECT dp.id, dp.doc_id, dp.name, dp.names, dp.is_subject, d.uri FROM doc_persons dp"
                        " JOIN documents d ON d.id = dp.doc_id WHERE dp.person_id = ? ORDER BY dp.id", (person_id,))
    return [{"id": r["id"], "doc_id": r["doc_id"], "name": r["name"], "names": json.loads(r["names"]),
             "is_subject": bool(r["is_subject"]), "source": source_name(r["uri"])} for r in rows]


def person_links(store, person_id: str) -> list[dict]:
    """Why the doc persons of one person were joined: each link's score, kind and reasons."""
    rows = store.db.execute(
        "SELECT l.a, l.b, l.score, l.kind, l.reasons, pa.name AS a_name, pb.name AS b_name,"
        " da.uri AS a_uri, db.uri AS b_uri FROM person_links l"
        " JOIN doc_persons pa ON pa.id = l.a JOIN documents da ON da.id = pa.doc_id"
        " JOIN doc_persons pb ON pb.id = l.b JOIN documents db ON db.id = pb.doc_id"
        " WHERE l.person_id = ? ORDER BY l.rowid", (person_id,))
    return [{"a": r["a"], "b": r["b"], "score": r["score"], "kind": r["kind"], "reasons": json.loads(r["reasons"]),
             "a_name": r["a_name"], "b_name": r["b_name"], "a_source": source_name(r["a_uri"]),
             "b_source": source_name(r["b_uri"])} for r in rows]


def counts(store) -> dict:
    one = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    return {"documents": one("SELECT COUNT(*) FROM documents"), "persons": one("SELECT COUNT(*) FROM persons"),
            "factoids": one("SELECT COUNT(*) FROM factoids"), "conflicts": one("SELECT COUNT(*) FROM conflicts")}


def search(store, q: str, limit: int = 20) -> list[dict]:
    """Full-text search over documents (our query syntax: fulltext.py), best first; hits in the
    snippet are marked [like this]. A malformed query is a ValueError that says why."""
    _, _, rows = store.db.search(q, limit, 0, ("[", "]"), 12)
    return [dict(r) for r in rows]


# -- reads for the API and the web pages: paged lists return {"items": [...], "total": N} ------

# from vocabulary.py: each kin property's inverse, and the bodies whose members at the same
# time are related (the party cell, the office, the school)
_INVERSE = {name: VOCABULARY[name].inverse for name in KIN}
_BODY_PROPERTIES = BODIES
BODY_SCAN = 400  # members of one body a person page reads at most (relations)


def _lo(t: str = "f") -> str:
    """SQL for the first day key of factoid `t`'s time (its date, else start, else end),
    stored with the factoid (`day_lo`, see factoid_days) and indexed."""
    return f"{t}.day_lo"


def _hi(t: str = "f") -> str:
    return f"{t}.day_hi"


def _placeholders(values) -> str:
    return ",".join("?" * len(values))


def life_facts(store, person_ids: list[str]) -> dict[str, list[dict]]:
    """The birth and death factoids of some persons, by person."""
    life: dict[str, list[dict]] = {}
    if person_ids:
        # CROSS JOIN keeps SQLite's planner on the persons' index rather than every birth and
        # death (PostgreSQL plans it as a join)
        sql = (f"SELECT {_FACTOID_COLUMNS} FROM doc_persons dp CROSS JOIN factoids f CROSS JOIN documents d"
               f" WHERE f.doc_person = dp.id AND d.id = f.doc_id AND dp.person_id IN ({_placeholders(person_ids)})"
               " AND f.property IN ('birth', 'death')"
               " ORDER BY dp.person_id, f.property, f.date NULLS FIRST, f.id")
        for row in store.db.execute(sql, tuple(person_ids)):
            fact = factoid_dict(row)
            life.setdefault(fact["person"], []).append(fact)
    return life


def person_ids(store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT id FROM persons ORDER BY id")]


def relations(store, person_id: str, limit: int = 40) -> list[dict]:
    """Other persons linked to this one: factoids whose object person is the other (either
    way round), and members of the same body at overlapping times."""
    found: dict[tuple[str, str], dict] = {}

    def add(other, label, kind, fact_id, doc_id):
        if other and other != person_id and (other, label) not in found:
            found[(other, label)] = {"person": other, "label": label, "kind": kind,
                                     "factoid": fact_id, "document": doc_id}

    outgoing = store.db.execute(
        "SELECT f.id, f.property, f.doc_id, coalesce(p.id, odp.person_id) AS other FROM doc_persons me"
        " JOIN factoids f ON f.doc_person = me.id LEFT JOIN persons p ON p.id = f.object_person"
        " LEFT JOIN doc_persons odp ON odp.id = f.object_person"
        " WHERE me.person_id = ? AND f.object_person IS NOT NULL LIMIT ?", (person_id, limit))
    for r in outgoing:
        add(r["other"], r["property"], "kin" if r["property"] in _INVERSE else "link", r["id"], r["doc_id"])
    # naming the person or one of its document persons, in one statement (an OR of the two
    # makes PostgreSQL scan every factoid)
    incoming = store.db.execute(
        "SELECT f.id, f.property, f.doc_id, dp.person_id AS other FROM factoids f JOIN doc_persons dp"
        " ON dp.id = f.doc_person WHERE f.object_person IN (SELECT id FROM doc_persons WHERE person_id = ?"
        " UNION ALL SELECT ?) LIMIT ?", (person_id, person_id, limit))
    for r in incoming:
        inverse = _INVERSE.get(r["property"])
        add(r["other"], inverse or f"{r['property']} of", "kin" if inverse else "link", r["id"], r["doc_id"])
    # one body at a time, each lookup bounded (_body_members)
    bodies = store.db.execute(
        f"SELECT mf.property, mf.object, {_lo('mf')} AS lo, {_hi('mf')} AS hi FROM doc_persons me"
        f" JOIN factoids mf ON mf.doc_person = me.id WHERE me.person_id = ?"
        f" AND mf.property IN ({_placeholders(_BODY_PROPERTIES)}) AND mf.object IS NOT NULL",
        (person_id, *_BODY_PROPERTIES)).fetchall()
    for body in bodies:
        if body["lo"] is None or len(found) >= limit:
            continue
        for r in _body_members(store, body, person_id, limit):
            add(r["other"], f"{body['property']}: {body['object']}", "same body", r["id"], r["doc_id"])
    items = list(found.values())[:limit]
    ids = sorted({i["person"] for i in items})
    names = dict(store.db.execute(f"SELECT id, name FROM persons WHERE id IN ({_placeholders(ids)})",
                                  ids).fetchall()) if ids else {}  # PostgreSQL refuses an empty IN ()
    kept = [dict(i, name=names[i["person"]]) for i in items if i["person"] in names]
    return sorted(kept, key=lambda i: (i["kind"] != "kin", i["label"], i["name"]))


def _body_members(store, body, person_id: str, limit: int) -> list:
    """Other members of a body at times overlapping `body` (a membership: lo..hi days), the
    latest to join first, read backwards along an index on (object, property, day_lo): first
    those who joined within lo..hi (all overlap: each row read is kept), then, if fewer than
    `limit`, those who joined before lo and were still members on it, among the BODY_SCAN who
    joined last before lo. So a body of a million members costs as little as one of fifty."""
    same = (f"{store.db.nocase('f.object')} = {store.db.nocase('?')} AND f.property = ?")
    rows = store.db.execute(
        f"SELECT f.id, f.doc_id, dp.person_id AS other FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
        f" WHERE {same} AND f.day_lo >= ? AND f.day_lo <= ? AND dp.person_id != ?"
        " ORDER BY f.day_lo DESC, f.id DESC LIMIT ?",
        (body["object"], body["property"], body["lo"], body["hi"], person_id, limit)).fetchall()
    if len(rows) < limit:
        rows += store.db.execute(
            "SELECT c.id, c.doc_id, dp.person_id AS other FROM (SELECT f.id, f.doc_id, f.doc_person, f.day_lo,"
            f" f.day_hi FROM factoids f WHERE {same} AND f.day_lo < ? ORDER BY f.day_lo DESC, f.id DESC LIMIT ?) c"
            " JOIN doc_persons dp ON dp.id = c.doc_person WHERE c.day_hi >= ? AND dp.person_id != ?"
            " ORDER BY c.day_lo DESC, c.id DESC LIMIT ?",
            (body["object"], body["property"], body["lo"], BODY_SCAN, body["lo"], person_id,
             limit - len(rows))).fetchall()
    return rows


def document_detail(store, doc_id: str) -> dict:
    """One document's raw text with the raw spans of everything extracted from it: factoids
    (quote span and evidence parts), regions set apart by cleaning, and mentions."""
    row = store.db.execute("SELECT id, uri, title, raw, quality, subject, metadata, ingested_at, language FROM documents"
                       " WHERE id=?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document with id {doc_id}")
    regions = [dict(r) for r in store.db.execute('SELECT kind, start, "end", label FROM regions WHERE doc_id=?'
                                             ' ORDER BY start, "end" DESC', (doc_id,))]
    facts = []
    for r in store.db.execute(
            "SELECT f.id, f.property, f.date, f.date_text, f.place, f.object, f.span_start, f.span_end, f.quote,"
            " f.evidence, f.confidence, dp.person_id, coalesce(p.name, dp.name) AS person_name FROM factoids f"
            " JOIN doc_persons dp ON dp.id = f.doc_person LEFT JOIN persons p ON p.id = dp.person_id"
            " WHERE f.doc_id=? ORDER BY f.span_start, f.id", (doc_id,)):
        facts.append({"id": r["id"], "property": r["property"], "person": r["person_id"],
                      "person_name": r["person_name"], "date": r["date"], "date_text": r["date_text"],
                      "place": r["place"], "object": r["object"], "span": [r["span_start"], r["span_end"]],
                      "quote": r["quote"], "confidence": round(r["confidence"], 3),
                      "evidence": [{"role": role, "start": s, "end": e} for role, s, e in json.loads(r["evidence"])]})
    mentions = [dict(r) for r in store.db.execute('SELECT kind, start, "end", text, value FROM mentions WHERE doc_id=?'
                                              ' ORDER BY start', (doc_id,))]
    return {"id": row["id"], "uri": row["uri"], "source": source_name(row["uri"]), "title": row["title"],
            "text": row["raw"], "quality": row["quality"], "subject": row["subject"], "language": row["language"],
            "metadata": json.loads(row["metadata"]), "ingested_at": row["ingested_at"],
            "factoids": facts, "regions": regions, "mentions": mentions}


def factoid_page(store, person_id: str | None = None, prop: str | None = None,
                 limit: int = 50, offset: int = 0) -> dict:
    """Factoids, of one person (by property, then date) or of everyone (by id)."""
    _check_property(prop)
    joins = "FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person JOIN documents d ON d.id = f.doc_id"
    if person_id:
        clause, args = ("WHERE dp.person_id = ?" + (" AND f.property = ?" if prop else ""),
                        [person_id, *([prop] if prop else [])])
        total = store.db.execute(f"SELECT COUNT(*) {joins} {clause}", args).fetchone()[0]
        rows = store.db.execute(f"SELECT {_FACTOID_COLUMNS} {joins} {clause}"
                                " ORDER BY f.property, f.date NULLS FIRST, f.id LIMIT ? OFFSET ?", (*args, limit, offset))
        return {"items": [factoid_dict(r) for r in rows], "total": total}
    # everyone's: counted and paged in one index of factoids alone (every factoid has its document
    # person and document: foreign keys), then only the page's rows joined
    clause, args = ("WHERE property = ?", [prop]) if prop else ("", [])
    total = store.db.execute(f"SELECT COUNT(*) FROM factoids {clause}", args).fetchone()[0]
    rows = store.db.execute(f"SELECT {_FACTOID_COLUMNS} {joins} WHERE f.id IN (SELECT id FROM factoids {clause}"
                            " ORDER BY id LIMIT ? OFFSET ?) ORDER BY f.id", (*args, limit, offset))
    return {"items": [factoid_dict(r) for r in rows], "total": total}


def conflict_page(store, kind: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Conflicts (optionally of one kind), with the name of the person they concern."""
    clause, args = ("WHERE c.kind = ?", (kind,)) if kind else ("", ())
    total = store.db.execute(f"SELECT COUNT(*) FROM conflicts c {clause}", args).fetchone()[0]
    rows = store.db.execute(
        "SELECT c.id, c.person_id, p.name, c.properties, c.kind, c.factoids, c.explanation FROM conflicts c"
        f" LEFT JOIN persons p ON p.id = c.person_id {clause} ORDER BY p.name NULLS FIRST, c.id LIMIT ? OFFSET ?",
        (*args, limit, offset))
    items = [{"type": "conflict", "id": r["id"], "person": r["person_id"], "person_name": r["name"],
              "properties": json.loads(r["properties"]), "kind": r["kind"], "explanation": r["explanation"],
              "factoids": json.loads(r["factoids"])} for r in rows]
    return {"items": items, "total": total}


def conflict_kinds(store) -> list[dict]:
    return [{"kind": k, "count": n} for k, n in
            store.db.execute("SELECT kind, COUNT(*) FROM conflicts GROUP BY kind ORDER BY kind")]


# snippet markers no document contains, so a page can escape the text and then mark the hits
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


def search_page(store, q: str, limit: int = 20, offset: int = 0) -> dict:
    """Full-text search (our query syntax: fulltext.py), best first; the snippet marks hits with
    SNIPPET_OPEN/CLOSE. A malformed query is a ValueError that says why. Past fulltext.RANKED
    matches, `capped` is True and only the newest RANKED are ranked and paged through (`total`)."""
    try:
        total, capped, rows = store.db.search(q, limit, offset, (SNIPPET_OPEN, SNIPPET_CLOSE), 16)
    except ValueError as exc:
        raise ValueError(f"q: not a valid full-text query ({exc})") from None
    return {"items": [dict(r, source=source_name(r["uri"])) for r in rows], "total": total, "capped": capped}


def factoid(store, factoid_id: str) -> dict:
    """One factoid with its document's quality and the sentence around its span."""
    sql = (f"SELECT {_FACTOID_COLUMNS}, d.quality, d.raw FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
           " JOIN documents d ON d.id = f.doc_id WHERE f.id = ?")
    row = store.db.execute(sql, (factoid_id,)).fetchone()
    if row is None:
        raise NotFound(f"no factoid with id {factoid_id}")
    out = factoid_dict(row)
    out["quality"] = row["quality"]
    out["sentence"] = sentence_around(row["raw"], row["span_start"], row["span_end"])
    return out
