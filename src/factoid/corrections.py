"""A user's corrections beside merges and splits: reject or confirm a factoid, rename a person,
forget one (a junk person: not a person at all), annotate either, dismiss a possible duplicate
from the review queue. Each is recorded (store table
`corrections`) with its time and reason, listed with the merges and splits by `decisions`, undone
by `undo`, and applied on every rebuild, so it outlives re-ingest and re-resolution:

- a rejected factoid leaves the consensus and the conflicts, and stays visible, marked;
- a confirmed factoid counts as sure (confidence 0.99) in the consensus and the conflicts;
- a person is kept as its members (document, name), since person ids follow names: a rename
  or forget applies to the person that holds most of those members after resolution.

A correction whose factoid or person no longer exists is kept and listed as dangling; it never
stops a rebuild."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .errors import FactoidError
from .model import Person
from .store import Store, queries

KINDS = ("reject", "confirm", "rename", "forget", "note")
SURE = 0.99


# -- recording (each rebuilds, so what is shown follows at once) --------------------------------

def reject(store: Store, factoid_id: str, reason: str = "") -> int:
    _factoid(store, factoid_id)
    return store.add_correction("reject", factoid=factoid_id, reason=reason)


def confirm(store: Store, factoid_id: str, reason: str = "") -> int:
    _factoid(store, factoid_id)
    return store.add_correction("confirm", factoid=factoid_id, reason=reason)


def rename(store: Store, person_id: str, name: str, reason: str = "") -> int:
    name = " ".join(name.split())
    if not name:
        raise FactoidError("rename: the new name is empty")
    return store.add_correction("rename", person=_members(store, person_id), value=name, reason=reason)


def forget(store: Store, person_id: str, reason: str = "") -> int:
    return store.add_correction("forget", person=_members(store, person_id), reason=reason)


def note(store: Store, target: str, text: str) -> int:
    """A note on a factoid (its id) or a person (its id)."""
    if not text.strip():
        raise FactoidError("note: the text is empty")
    if queries.has_factoid(store, target):
        return store.add_correction("note", factoid=target, value=text.strip())
    return store.add_correction("note", person=_members(store, target), value=text.strip())


def dismiss(store: Store, rank: int, reason: str = "") -> dict:
    """Dismiss the review queue's pair number `rank` (1 = the first `review` lists): the two
    are different people, and the pair is not offered again."""
    pairs = queries.review(store)
    if not 1 <= rank <= len(pairs):
        raise FactoidError(f"no pair {rank} in the review queue ({len(pairs)} listed by `factoid review`)")
    pair = pairs[rank - 1]
    store.dismiss(pair["a"], pair["b"], reason)
    return pair


def undo(store: Store, decision_id: str) -> str:
    """Undo a merge or split ("m3"), a correction ("c5") or a dismissal ("x2"); returns what
    was undone, in words."""
    entry = next((d for d in listing(store) if d["id"] == decision_id), None)
    if entry is None:
        raise FactoidError(f"no decision {decision_id!r} (`factoid decisions` lists them)")
    table = {"m": "decisions", "c": "corrections", "x": "dismissals"}[decision_id[0]]
    store.remove_decision(table, int(decision_id[1:]))  # the caller rebuilds
    return entry["what"]


def _factoid(store: Store, factoid_id: str) -> None:
    if not queries.has_factoid(store, factoid_id):
        raise FactoidError(f"no factoid with id {factoid_id}")


def _members(store: Store, person_id: str) -> list[tuple[str, str]]:
    members = queries.person_members(store, person_id)
    if not members:
        raise FactoidError(f"no person with id {person_id}")
    return [(m["doc_id"], m["name"]) for m in members]


# -- listing -----------------------------------------------------------------------------------

def listing(store: Store) -> list[dict]:
    """Every decision, oldest first: merges and splits ("m" ids) and corrections ("c" ids),
    each with what it did in words and whether its target is gone (`dangling`)."""
    facts = queries.factoid_ids(store)
    owners = queries.doc_person_owners(store)
    out = []
    for d in queries.decisions(store):
        sides = [", ".join(sorted({n for _, n in side})) for side in (d["a"], d["b"])]
        gone = not all(any(tuple(m) in owners for m in side) for side in (d["a"], d["b"]))
        out.append({"id": f"m{d['id']}", "kind": d["kind"], "created_at": d["created_at"], "dangling": gone,
                    "reason": d["note"], "what": f"{d['kind']} {sides[0]} | {sides[1]}"})
    for c in queries.corrections(store):
        if c["factoid"]:
            target, gone = f"factoid {c['factoid']}", c["factoid"] not in facts
        else:
            names = sorted({n for _, n in c["person"] or ()})
            # a forgotten person's members belong to nobody, yet are there: only vanished ones dangle
            target, gone = f"person {', '.join(names[:3])}", not any(tuple(m) in owners for m in c["person"] or ())
        detail = f" -> {c['value']!r}" if c["kind"] in ("rename", "note") else ""
        out.append({"id": f"c{c['id']}", "kind": c["kind"], "created_at": c["created_at"], "dangling": gone,
                    "reason": c["reason"], "what": f"{c['kind']} {target}{detail}"})
    names = queries.doc_person_names(store)
    for d in queries.dismissals(store):
        gone = d["a"] not in names or d["b"] not in names
        out.append({"id": f"x{d['id']}", "kind": "dismiss", "created_at": d["created_at"], "dangling": gone,
                    "reason": d["note"], "what": f"dismiss {names.get(d['a'], d['a'])} | {names.get(d['b'], d['b'])}"
                                                 " (not one person)"})
    return sorted(out, key=lambda d: (d["created_at"], d["id"]))


def _holder(members: list, owners: dict) -> str | None:
    held = Counter(owners.get(tuple(m)) for m in members)
    held.pop(None, None)
    return held.most_common(1)[0][0] if held else None


# -- applying (pipeline.rebuild, views) ------------------------------------------------------------

def apply_to_persons(store, persons: list[Person], assignment: dict[str, str],
                     doc_persons: list[dict]) -> tuple[list[Person], dict[str, str]]:
    """Renames and forgets over a fresh resolution: the persons (renamed, forgotten ones gone)
    and the assignment of document persons (a forgotten person's members belong to nobody)."""
    fixes = [c for c in queries.corrections(store) if c["kind"] in ("rename", "forget") and c["person"]]
    if not fixes:
        return persons, assignment
    local = {(d["doc_id"], d["name"]): d["id"] for d in doc_persons}
    owners = {key: assignment.get(dp) for key, dp in local.items()}
    names: dict[str, str] = {}
    gone: set[str] = set()
    for c in fixes:
        pid = _holder(c["person"], owners)
        if pid is None:
            continue  # dangling: listed by `decisions`, never an error
        if c["kind"] == "rename":
            names[pid] = c["value"]
        else:
            gone.add(pid)
    persons = [replace(p, name=names[p.id], names=tuple(dict.fromkeys((names[p.id], *p.names))))
               if p.id in names else p for p in persons if p.id not in gone]
    return persons, {dp: pid for dp, pid in assignment.items() if pid not in gone}


def factoid_marks(store, rows: list[dict] | None = None) -> dict[str, dict]:
    """Factoid id -> {"rejected": reason, "confirmed": reason, "notes": [...]} for the
    factoids a user corrected (`rows`: queries.corrections, when the caller read them)."""
    marks: dict[str, dict] = {}
    for c in queries.corrections(store) if rows is None else rows:
        if c["factoid"]:
            mark = marks.setdefault(c["factoid"], {})
            if c["kind"] == "note":
                mark.setdefault("notes", []).append(c["value"])
            else:
                mark["rejected" if c["kind"] == "reject" else "confirmed"] = c["reason"] or "(no reason given)"
    return marks


def judged(facts: list[dict], marks: dict[str, dict]) -> list[dict]:
    """The factoids the judge and the consensus read: rejected ones left out, confirmed ones sure."""
    out = []
    for f in facts:
        mark = marks.get(f["id"])
        if mark and "rejected" in mark:
            continue
        out.append({**f, "confidence": SURE} if mark and "confirmed" in mark else f)
    return out


def person_notes(store, person_members: list[dict], rows: list[dict] | None = None) -> list[str]:
    keys = {(m["doc_id"], m["name"]) for m in person_members}
    return [c["value"] for c in (queries.corrections(store) if rows is None else rows)
            if c["kind"] == "note" and c["person"] and any(tuple(m) in keys for m in c["person"])]
