"""What the CLI, the API and the pages show of persons: the store's reads with the judge's
consensus. This is the one read road: every surface that shows a person's life dates or the
consensus of a property gets it from here, so `factoid people`, `factoid person`, the API and
the pages never disagree."""
from __future__ import annotations

from . import corrections
from .judge import consensus
from .model import PROPERTIES
from .store import exporting, queries

ALL = 10**9  # the CLI lists every person; the API and pages page through them


def life_date(entry: dict | None) -> str | None:
    """A birth or death date as shown in lists: the consensus date; when the sources are
    undecided, every date they give as an EDTF set ("[1939-05-21,1940]": one of these)."""
    if not entry:
        return None
    if entry["value"] is not None:
        return entry["value"].get("date")
    dates = list(dict.fromkeys(c["value"]["date"] for c in entry["clusters"] if c["value"].get("date")))
    if len(dates) > 1:
        return "[" + ",".join(dates) + "]"
    return dates[0] if dates else None


def _life(summary: list[dict]) -> dict[str, str | None]:
    by_prop = {s["property"]: s for s in summary}
    return {"birth": life_date(by_prop.get("birth")), "death": life_date(by_prop.get("death"))}


def _lives(store, person_ids: list[str], marks: dict[str, dict]) -> dict[str, dict[str, str | None]]:
    """Each person's consensus birth and death dates, from the birth and death factoids alone
    (the consensus of one property reads only that property's factoids)."""
    life = queries.life_facts(store, person_ids)
    return {pid: _life(consensus(corrections.judged(life.get(pid, []), marks))) for pid in person_ids}


def summarize(store, batch: int = 500, ids: list[str] | None = None) -> None:
    """Store every person's life dates and counts with it (Store.write_summaries), so a page
    of the people list reads one row per person; rebuilding.rebuild calls it last, for every
    person or (`ids`) those an incremental rebuild judged again. Batches keep memory bounded
    on a large store."""
    only = ids is not None
    ids = queries.person_ids(store) if ids is None else ids
    marks = corrections.factoid_marks(store)
    lives: dict[str, tuple[str | None, str | None]] = {}
    for start in range(0, len(ids), batch):
        for pid, life in _lives(store, ids[start:start + batch], marks).items():
            lives[pid] = (life["birth"], life["death"])
    store.write_summaries(lives, only=only)


def people_page(store, q: str | None = None, prop: str | None = None,
                date_from: str | None = None, date_to: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """A page of persons (see queries.people_page) with their consensus birth and death dates:
    as summarize stored them, or worked out now where none are stored (a rebuild pending)."""
    result = queries.people_page(store, q, prop, date_from, date_to, limit, offset)
    unsummarized = [p["id"] for p in result["items"] if not p["summarized"]]
    lives = _lives(store, unsummarized, corrections.factoid_marks(store)) if unsummarized else {}
    for item in result["items"]:
        if not item.pop("summarized"):
            item.update(lives[item["id"]])
    return result


def life_consensus(store, person_ids: list[str]) -> dict[str, tuple[dict[str, dict], dict[str, dict]]]:
    """Per person: its birth and death consensus entries (property -> entry, as in
    person_detail's `consensus`) and the factoids behind them by id, corrections applied."""
    life = queries.life_facts(store, person_ids)
    marks = corrections.factoid_marks(store)
    out = {}
    for pid in person_ids:
        facts = life.get(pid, [])
        entries = {e["property"]: e for e in consensus(corrections.judged(facts, marks))}
        out[pid] = entries, {f["id"]: f for f in facts}
    return out


def people(store, q: str | None = None) -> list[dict]:
    """Every person (whose names contain `q`), as people_page gives them."""
    return people_page(store, q, limit=ALL)["items"]


def find_persons(store, name: str) -> list[dict]:
    """Persons whose id is `name` or who were seen under a name containing it."""
    exact = queries.person_name(store, name)
    if exact:
        return [p for p in people(store, exact) if p["id"] == name]
    return people(store, name)


def person_detail(store, person_id: str) -> dict:
    """One person: names, life dates, consensus per property, every factoid with its source
    (each marked `disputed` or not), conflicts, and relations to other persons."""
    detail = queries.person(store, person_id)
    in_conflict = {fid for c in detail["conflicts"] for fid in c["factoids"]}
    fixes = queries.corrections(store)  # read once: the marks and the notes
    marks = corrections.factoid_marks(store, fixes)
    for fact in detail["factoids"]:  # a user's marks: a rejected fact stays visible, marked
        fact.update({k: v for k, v in marks.get(fact["id"], {}).items()})
    summary = consensus(corrections.judged(detail["factoids"], marks), in_conflict, PROPERTIES)
    disputed = {fid for s in summary if s["disputed"] for c in s["clusters"]
                if c["status"] in ("disputed", "undecided") for fid in c["factoids"]}
    for fact in detail["factoids"]:
        fact["disputed"] = fact["id"] in disputed or fact["id"] in in_conflict
    detail.update(_life(summary), consensus=summary, relations=queries.relations(store, person_id),
                  notes=corrections.person_notes(store, queries.person_members(store, person_id), fixes),
                  sources=exporting.sources(store, sorted({f["document"] for f in detail["factoids"]})))
    return detail


def consensus_rows(person: str, facts: list[dict], in_conflict: set[str], marks: dict[str, dict] | None = None):
    """A person's consensus values as export lines (docs/EXPORT.md), a user's corrections applied."""
    for entry in consensus(corrections.judged(facts, marks or {}), in_conflict, PROPERTIES):
        for cluster in entry["clusters"]:
            if cluster["status"] == "also":
                continue
            value = {k: v for k, v in cluster["value"].items() if k != "text"}
            yield {"type": "consensus", "person": person, "property": entry["property"], **value,
                   "text": cluster["value"]["text"], "status": cluster["status"], "factoids": cluster["factoids"],
                   "sources": cluster["sources"], "independent_sources": cluster["independent"]}
