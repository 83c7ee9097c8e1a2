"""What the CLI, the API and the pages show of persons: the store's reads with the judge's
consensus, so that every surface groups and ranks a person's values as source criticism does."""
from __future__ import annotations

import sqlite3

from .judge import consensus
from .model import PROPERTIES
from .store import queries


def people_page(conn: sqlite3.Connection, q: str | None = None, prop: str | None = None,
                date_from: str | None = None, date_to: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """A page of persons (see queries.people_page) with their consensus birth and death dates."""
    result = queries.people_page(conn, q, prop, date_from, date_to, limit, offset)
    life = queries.life_facts(conn, [p["id"] for p in result["items"]])
    for item in result["items"]:
        best = {c["property"]: c["value"]["date"] for c in consensus(life.get(item["id"], []))}
        item.update(birth=best.get("birth"), death=best.get("death"))
    return result


def person_detail(conn: sqlite3.Connection, person_id: str) -> dict:
    """One person: names, life dates, consensus per property, every factoid with its source
    (each marked `disputed` or not), conflicts, and relations to other persons."""
    detail = queries.person(conn, person_id)
    in_conflict = {fid for c in detail["conflicts"] for fid in c["factoids"]}
    summary = consensus(detail["factoids"], in_conflict, PROPERTIES)
    disputed = {fid for s in summary if s["disputed"] for c in s["clusters"]
                if c["status"] == "disputed" or s["single_valued"] for fid in c["factoids"]}
    for fact in detail["factoids"]:
        fact["disputed"] = fact["id"] in disputed or fact["id"] in in_conflict
    best = {s["property"]: s["value"] for s in summary}
    detail.update(birth=best.get("birth", {}).get("date"), death=best.get("death", {}).get("date"),
                  consensus=summary, relations=queries.relations(conn, person_id))
    return detail
