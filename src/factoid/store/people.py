"""The people list (queries.people_page), each page's cost bounded by an index:

- a person's life dates and counts are read from its own row (persons.birth, death, facts,
  conflicts), written by each rebuild from the judge's consensus (views.summarize); a row
  without them (a store written before, or a rebuild pending) is summarized on the fly;
- a property or date filter reads `person_days`: each factoid's property and first and last
  day with its person, rewritten with the resolution. Overlapping a range is two
  inequalities, which one B-tree cannot bound together, so each row also keeps its `reach`:
  the smallest of REACHES its length fits in. Within one reach a row that overlaps [lo, hi]
  starts in [lo - reach, hi], so the filter is one index range per reach, never a scan of
  everything dated before `hi`; and it counts at most CAP persons.

A name filter is a LIKE inside every person's names: it reads them all (see docs)."""
from __future__ import annotations

import json

from .. import edtf
from ..model import PROPERTIES
from .keys import name_key

# days: one day, a month, a year, 4, 16, 64 and 256 years; longer or open-ended times take OPEN
# (read without a lower bound: few rows). Changing these needs a migration refilling person_days.
REACHES = (0, 31, 366, 1461, 5844, 23376, 93504)
OPEN = 10**9
# a property or date filter counts, and pages through, at most this many persons ("capped" says
# there are more): counting them all would cost as much as reading every match
CAP = 1000
UNDATED = -1  # the reach of a factoid without both days: kept for a property filter, never dated


def _reach_sql(lo: str, hi: str) -> str:
    return (f"CASE WHEN {lo} IS NULL OR {hi} IS NULL THEN {UNDATED} "
            + " ".join(f"WHEN {hi} - {lo} <= {r} THEN {r}" for r in REACHES) + f" ELSE {OPEN} END")


# every factoid of a resolved person (the same SQL on both backends; the migrations fill it too)
FILL_PERSON_DAYS = (
    "INSERT INTO person_days(person_id, property, reach, day_lo, day_hi)"
    f" SELECT dp.person_id, f.property, {_reach_sql('f.day_lo', 'f.day_hi')}, f.day_lo, f.day_hi"
    " FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person WHERE dp.person_id IS NOT NULL")

PERSON_DAYS_TABLE = """
CREATE TABLE person_days (
    person_id TEXT NOT NULL, property TEXT NOT NULL, reach BIGINT NOT NULL,
    day_lo BIGINT, day_hi BIGINT
);
CREATE INDEX person_days_range ON person_days(reach, day_lo, day_hi, person_id);
CREATE INDEX person_days_property ON person_days(property, reach, day_lo, day_hi, person_id);
CREATE INDEX person_days_person ON person_days(person_id, property, day_lo, day_hi);
"""

# the migration that adds the bounded lists' columns, table and indexes (SQLite's
# 0012_person_summary, PostgreSQL's 0002_person_summary: the same SQL)
PERSON_SUMMARY_MIGRATION = f"""
ALTER TABLE persons ADD COLUMN birth TEXT;
ALTER TABLE persons ADD COLUMN death TEXT;
ALTER TABLE persons ADD COLUMN facts INTEGER;
ALTER TABLE persons ADD COLUMN conflicts INTEGER;
{PERSON_DAYS_TABLE}
{FILL_PERSON_DAYS};
CREATE INDEX factoids_property_id ON factoids(property, id);
"""


def placeholders(values) -> str:
    return ",".join("?" * len(values))


def day_range(date_from: str | None, date_to: str | None) -> tuple[int | None, int | None]:
    """The day keys of a from/to filter; a bad date is a ValueError naming it."""
    keys = []
    for name, value, side in (("from", date_from, 0), ("to", date_to, 1)):
        if not value:
            keys.append(None)
            continue
        span = edtf.span(value)
        if span is None:
            raise ValueError(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        keys.append(span[side])
    return keys[0], keys[1]


def check_property(prop: str | None) -> None:
    if prop and prop not in PROPERTIES:
        raise ValueError(f"property: unknown property {prop!r}; known: {', '.join(PROPERTIES)}")


def _dated(prop: str | None, lo: int | None, hi: int | None) -> tuple[str, list]:
    """SQL for the ids of persons with a factoid (of `prop`) whose days overlap [lo, hi]
    (either end may be open): one index range of person_days per reach."""
    parts, args = [], []
    for reach in (*REACHES, OPEN):
        cond, cargs = (["property = ?", "reach = ?"], [prop, reach]) if prop else (["reach = ?"], [reach])
        if lo is not None and reach != OPEN:
            cond.append("day_lo >= ?")
            cargs.append(lo - reach)
        if hi is not None:
            cond.append("day_lo <= ?")
            cargs.append(hi)
        if lo is not None:
            cond.append("day_hi >= ?")
            cargs.append(lo)
        parts.append(f"SELECT person_id FROM person_days WHERE {' AND '.join(cond)}")
        args += cargs
    return " UNION ALL ".join(parts), args


def people_filter(q: str | None, prop: str | None, date_from: str | None, date_to: str | None,
                  live: bool = False) -> tuple[str, list]:
    """The WHERE clause over `persons p` (and its arguments) of people_page's filters. `live`
    reads the factoids themselves rather than person_days (while a rebuild is pending)."""
    check_property(prop)
    lo, hi = day_range(date_from, date_to)
    where, args = [], []
    if q:  # inside any of the person's names, keyed as name_key keys them (persons.keys)
        where.append("p.keys LIKE ? ESCAPE '\\'")
        args.append(_like(q))
    if (lo is not None or hi is not None) and not live:
        sql, dargs = _dated(prop, lo, hi)
        where.append(f"p.id IN ({sql})")
        args += dargs
    elif prop or lo is not None or hi is not None:
        cond, cargs = ["dp.person_id IS NOT NULL"], []
        if prop:
            cond.append("f.property = ?")
            cargs.append(prop)
        if lo is not None:
            cond.append("f.day_hi >= ?")
            cargs.append(lo)
        if hi is not None:
            cond.append("f.day_lo <= ?")
            cargs.append(hi)
        where.append("p.id IN (SELECT dp.person_id FROM factoids f JOIN doc_persons dp ON dp.id = f.doc_person"
                     f" WHERE {' AND '.join(cond)})")
        args += cargs
    return (f"WHERE {' AND '.join(where)}" if where else ""), args


def people_page(store, q: str | None = None, prop: str | None = None,
                date_from: str | None = None, date_to: str | None = None,
                limit: int = 50, offset: int = 0) -> dict:
    """Persons by name. `q` matches any name seen (case-folded); `prop` keeps persons with a
    factoid of that property; `date_from`/`date_to` keep persons with such a factoid (of any
    property without `prop`) whose time overlaps the range. With `prop` or a date, at most
    CAP persons are counted and paged through, `capped` True when more match. Each item has
    the person's stored life dates and counts; `summarized` is False where views must work
    them out."""
    live = store.resolution_stale()
    check_property(prop)
    lo, hi = day_range(date_from, date_to)
    if not live and (prop or lo is not None or hi is not None):
        return _factoid_page(store, q, prop, lo, hi, limit, offset)
    clause, args = people_filter(q, prop, date_from, date_to, live)
    total = store.db.execute(f"SELECT COUNT(*) FROM persons p {clause}", args).fetchone()[0]
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM persons p {clause}"
                            f" ORDER BY {store.db.nocase('p.name')}, p.id LIMIT ? OFFSET ?",
                            (*args, limit, offset)).fetchall()
    return {"items": _items(store, rows, live), "total": total, "capped": False}


_COLUMNS = "p.id, p.name, p.names, p.birth, p.death, p.facts, p.conflicts"


def _factoid_page(store, q: str | None, prop: str | None, lo: int | None, hi: int | None,
                  limit: int, offset: int) -> dict:
    """A page filtered by the persons' factoids (a property, a time), its cost bounded by CAP:
    the matches are counted up to CAP + 1 (index ranges of person_days, read until that many
    persons). Up to CAP they are sorted by name; past it, matches are common enough that
    walking the names in order and asking each person's own rows stops soon: at most
    (offset + limit) * persons / CAP asked. With a name too, the names are read one by one
    anyway (a LIKE inside them), so both count and page walk them."""
    db = store.db
    cond, cargs = ["d.person_id = p.id"], []
    for sql, value in (("d.property = ?", prop), ("d.day_lo <= ?", hi), ("d.day_hi >= ?", lo)):
        if value is not None:
            cond.append(sql)
            cargs.append(value)
    walk = f"EXISTS (SELECT 1 FROM person_days d WHERE {' AND '.join(cond)})"
    if q:
        where, args = f"p.keys LIKE ? ESCAPE '\\' AND {walk}", [_like(q), *cargs]
        count = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM persons p WHERE {where} LIMIT ?) c",
                           (*args, CAP + 1)).fetchone()[0]
    else:
        union, uargs = _dated(prop, lo, hi) if lo is not None or hi is not None else \
            ("SELECT person_id FROM person_days WHERE property = ?", [prop])
        # (no join in the count: SQLite would read every match before the first row)
        count = db.execute(f"SELECT COUNT(*) FROM (SELECT DISTINCT m.person_id FROM ({union}) m LIMIT ?) c",
                           (*uargs, CAP + 1)).fetchone()[0]
        where, args = (f"p.id IN ({union})", uargs) if count <= CAP else (walk, cargs)
    total = min(count, CAP)
    limit = max(0, min(limit, total - offset))
    rows = db.execute(f"SELECT {_COLUMNS} FROM persons p WHERE {where} ORDER BY {db.nocase('p.name')}, p.id"
                      " LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall() if limit else []
    return {"items": _items(store, rows, False), "total": total, "capped": count > CAP}


def _like(q: str) -> str:
    """A LIKE pattern for `q` inside persons.keys (name_key's keys): its wildcards plain."""
    return "%" + name_key(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _items(store, rows: list, live: bool) -> list[dict]:
    """A page's items: a summarized row as stored, the others with counts read now (views.py
    adds their life dates)."""
    stale = [r["id"] for r in rows if live or r["facts"] is None]
    facts, conflicts = {}, {}
    if stale:
        marks = placeholders(stale)
        facts = dict(store.db.execute(f"SELECT dp.person_id, COUNT(*) FROM doc_persons dp JOIN factoids f"
                                      f" ON f.doc_person = dp.id WHERE dp.person_id IN ({marks}) GROUP BY dp.person_id",
                                      stale).fetchall())
        conflicts = dict(store.db.execute(f"SELECT person_id, COUNT(*) FROM conflicts WHERE person_id IN ({marks})"
                                          " GROUP BY person_id", stale).fetchall())
    out = []
    for row in rows:
        item = {"id": row["id"], "name": row["name"], "aliases": json.loads(row["names"])}
        if live or row["facts"] is None:
            item.update(birth=None, death=None, facts=facts.get(row["id"], 0),
                        conflicts=conflicts.get(row["id"], 0), summarized=False)
        else:
            item.update(birth=row["birth"], death=row["death"], facts=row["facts"], conflicts=row["conflicts"],
                        summarized=True)
        out.append(item)
    return out
