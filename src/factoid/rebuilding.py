"""The corpus stages over what is stored: resolution, then source criticism (the judge).

    rebuild(store)             incremental when it can be, else full; returns which ran
    rebuild(store, full=True)  everything from scratch (after the resolver itself changed)

A full rebuild resolves every document person and judges every person. An incremental one
follows an ingest: when all that changed since the last rebuild is new documents (the store
lists them: Store.pending), it re-clusters only the region they can change
(resolve/incremental.py), keeps every other person as stored, and writes and judges only the
persons whose members changed (and those whose documents joined or left a family of copies).
Its result is the one a full rebuild gives; a user's decision or correction, or a document
written again, makes the next rebuild full."""
from __future__ import annotations

from collections import defaultdict

from . import corrections, views
from .families import families
from .judge import judge
from .resolve import resolve
from .resolve.relatives import KIN_PROPERTIES, link_relatives
from .store import Store, corpus, queries


def rebuild(store: Store, full: bool = False, engine=None) -> str:
    """Re-run the corpus stages; a user's merges, splits and corrections are applied on every
    run. Returns "full" or "incremental": what ran. With a started `engine` (factoid.engines)
    the resolution is a full one, its blocking and scoring on the engine's workers."""
    pending = None if full or engine is not None else store.pending()
    doc_persons = corpus.doc_persons(store)
    previous = corpus.assignment(store) if pending is not None else None
    new = {d["id"] for d in doc_persons if d["doc_id"] in pending} if pending is not None else None
    result = resolve(doc_persons, corpus.factoids_for_resolution(store), _decisions(store, doc_persons),
                     previous, new, engine)
    # a user's renames and forgets (corrections.py), over this resolution
    persons, assignment = corrections.apply_to_persons(store, result.persons, result.assignment, doc_persons)
    relatives = link_relatives(corpus.relation_candidates(store, KIN_PROPERTIES), assignment)
    marks = corrections.factoid_marks(store)  # rejected factoids are no evidence; confirmed ones sure
    judged = (lambda facts: judge(corrections.judged(facts, marks))) if marks else judge
    copies = families(corpus.band_groups(store), corpus.signature_reader(store))
    # the review queue: pairs left apart by a small margin, less those a user dismissed
    dismissed = {frozenset((d["a"], d["b"])) for d in queries.dismissals(store)}
    review = [(a, b, score) for a, b, score in result.near if assignment.get(a) and assignment.get(b)
              and assignment[a] != assignment[b] and frozenset((a, b)) not in dismissed]
    redone = result.region
    if redone is not None:
        if _update(store, doc_persons, previous, redone, persons, assignment, result.links, relatives, copies,
                   review, judged):
            return "incremental"
        return rebuild(store, full=True, engine=engine)  # the result holds the region's links only
    links = [(assignment[x.a], x.a, x.b, x.score, x.kind, x.reasons) for x in result.links if x.a in assignment]
    # one transaction: readers see the previous resolution until the new one is whole, and an
    # interrupted rebuild leaves it. Source criticism reads one person's factoids at a time, as
    # just assigned, so memory stays bounded; the store never calls the judge itself.
    with store.transaction():
        store.replace_resolution(persons, assignment, links=links, object_persons=relatives,
                                 families=copies, review=review)
        for _, facts in corpus.factoids_by_person(store):
            store.add_conflicts(judged(facts))
        views.summarize(store)  # what the people list shows, kept with each person
    return "full"


def _update(store: Store, doc_persons, previous, redone, persons, assignment, links, relatives, copies,
            review, judged) -> bool:
    """Write an incremental result as changes to the stored one; False (nothing written) when
    a person outside the region changed (resolve() re-clusters one whose id a namesake would
    take, so this is a guard): then the caller rebuilds in full."""
    before, after = _members(previous), _members(assignment)
    for pid, members in before.items():
        if not members & redone and after.get(pid) != members:
            return False
    stored = corpus.persons(store)
    written = [p for p in persons if after[p.id] != before.get(p.id) or stored.get(p.id) != (p.name, p.names)]
    removed = [pid for pid in before if pid not in after]
    moved = {dp: pid for dp, pid in assignment.items() if previous.get(dp) != pid}
    moved.update((dp, None) for dp, pid in previous.items() if pid is not None and dp not in assignment)
    old_copies = corpus.families(store)
    family_moves = {doc: copies.get(doc) for doc in old_copies.keys() | copies.keys()
                    if old_copies.get(doc) != copies.get(doc)}
    old_relatives = corpus.object_persons(store)
    relative_moves = {f: relatives.get(f) for f in old_relatives.keys() | relatives.keys()
                      if old_relatives.get(f) != relatives.get(f)}
    # persons with a document that joined or left a family: the judge counts support by family
    docs = set(family_moves)
    rejudged = {assignment[d["id"]] for d in doc_persons if d["doc_id"] in docs and d["id"] in assignment}
    rejudged |= {p.id for p in written}
    # the region's persons, as they were and as they are: their links are the new clustering's
    relinked = {previous[dp] for dp in redone if previous.get(dp)} | {assignment[dp] for dp in redone if dp in assignment}
    rows = [(assignment[x.a], x.a, x.b, x.score, x.kind, x.reasons) for x in links if x.a in assignment]
    with store.transaction():
        store.update_resolution(written, removed, moved, redone, relinked, links=rows,
                                review=[r for r in review if r[0] in redone or r[1] in redone],
                                object_persons=relative_moves, families=family_moves, rejudged=rejudged)
        for _, facts in corpus.factoids_by_person(store, sorted(rejudged)):
            store.add_conflicts(judged(facts))
        views.summarize(store, ids=sorted(rejudged))
    return True


def _members(assignment: dict[str, str | None]) -> dict[str, frozenset]:
    out: dict[str, set] = defaultdict(set)
    for dp, pid in assignment.items():
        if pid is not None:
            out[pid].add(dp)
    return {pid: frozenset(m) for pid, m in out.items()}


def _decisions(store, doc_persons: list[dict]) -> list[dict]:
    """A user's merges and splits, and each dismissal from the review queue as a split of its
    two document persons: two people stay two, whatever later evidence says."""
    where = {d["id"]: (d["doc_id"], d["name"]) for d in doc_persons}
    out = queries.decisions(store)
    for d in queries.dismissals(store):
        if d["a"] in where and d["b"] in where:
            out.append({"kind": "split", "a": [list(where[d["a"]])], "b": [list(where[d["b"]])],
                        "note": d["note"], "created_at": d["created_at"]})
    return out
