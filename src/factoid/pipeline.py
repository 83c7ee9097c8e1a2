"""The one place that wires the stages: sources -> clean -> nlp -> extract -> store, then the
corpus stages resolve -> judge over everything stored."""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import FactoidError, SourceError
from .extract.passage import reported, short_form
from .families import fingerprint
from .language import detect
from .model import Document
from .rebuilding import rebuild
from .resolve import explain, fold
from .sources import ReadOptions, count_sources, read_sources
from .stages import READ, for_language, route
from .sources.jsonl import decode_line, load_object
from .store import Store, corpus, queries
from .workers import map_batches

BATCH = 16  # documents per spaCy batch: large enough to batch, small enough to lose little on interrupt


def process(docs: list[Document], passage: bool = False, classify: bool = True) -> list[Document]:
    """The document stages over a batch of raw documents: each document's language is decided
    first (language.py, unless already set), then each language's documents run through that
    language's stage tuple (stages.py), and come back in their order, each with the MinHash
    signature of its clean text (families.py)."""
    docs = [d if d.language else d.with_changes(language=detect(d.raw)) for d in docs]
    out: list[Document | None] = [None] * len(docs)
    by_language: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        by_language.setdefault(route(doc), []).append(i)
    for code, where in by_language.items():
        batch = [docs[i] for i in where]
        for stage in for_language(code, passage, classify):
            batch = stage.pipe(batch)
        for i, doc in zip(where, batch):
            out[i] = doc.with_changes(signature=fingerprint(doc.clean))
    return out  # type: ignore[return-value]


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    unparsed: int = 0  # sentences over the parser's length limit, read by the patterns only
    # documents stored in a language factoid does not read, per language code: said, never silent
    unread: Counter = field(default_factory=Counter)


def ingest(paths: Iterable[str | Path], store: Store, force: bool = False,
           progress: Callable[[int], None] | None = None,
           on_error: Callable[[SourceError], None] | None = None, jobs: int = 1,
           options: ReadOptions | None = None, engine=None) -> IngestReport:
    """Read, process and store every document under `paths`; documents already stored (same
    bytes) are skipped unless `force`. Each processed batch is written in one transaction
    (_write_batch), and an interrupted ingest keeps, complete, every document it had written:
    the next run continues from there. With
    `jobs` > 1 the document stages run in that many worker processes; with a started `engine`
    (factoid.engines) they run on its workers, and so does resolution. This process stays the
    one writer either way. `options`: a forced format and a register's column mapping
    (sources.ReadOptions)."""
    with store.exclusive("ingest"):  # PostgreSQL: a second ingest into one database is refused
        return _ingest(paths, store, force, progress, on_error, jobs, options, engine)


def _ingest(paths, store: Store, force, progress, on_error, jobs, options, engine=None) -> IngestReport:
    report = IngestReport()
    tick = progress or (lambda n: None)
    try:
        batches = _batches_to_process(paths, store, force, report, tick, on_error, options)
        if engine is not None:
            results = engine.map_batches(process_each, batches, _lost, warm=[WARM])
        else:
            results = map_batches(process_each, batches, jobs)
        for processed in results:
            stored = iter(_write_batch(store, [doc for doc in processed if not isinstance(doc, tuple)]))
            for doc in processed:
                if isinstance(doc, tuple):
                    _failed(SourceError(*doc), report, on_error)
                    tick(1)
                    continue
                doc, problem = next(stored)
                if problem is None:
                    report.added += 1
                    report.unparsed += doc.unparsed
                    if doc.language not in READ:
                        report.unread[doc.language] += 1
                else:
                    _failed(SourceError(doc.uri, f"cannot store: {problem}"), report, on_error)
                tick(1)
    except KeyboardInterrupt:
        rebuild(store)  # persons and conflicts still reflect every document that was stored
        raise
    rebuild(store, engine=engine)
    return report


WARM = Document(id="warm", uri="warm", raw="Anna Petrova was born in 1901 in Kazan.")  # loads the models


def _lost(docs: list[Document]) -> list[tuple[str, str]]:
    return [(d.uri, "lost: the worker processing it died, again after retries; not stored, "
                    "the next ingest takes it again") for d in docs]


def _batches_to_process(paths, store, force, report, tick, on_error, options=None) -> Iterator[list[Document]]:
    """Batches of documents not yet stored; failures and unchanged documents are counted."""
    batch: list[Document] = []
    for item in read_sources(paths, options):
        if isinstance(item, SourceError):
            _failed(item, report, on_error)
            tick(1)
        elif not force and store.has_document(item.id):
            report.skipped += 1
            tick(1)
        else:
            batch.append(item)
            if len(batch) >= BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


# What writing one document can raise because of that document (text the database cannot hold,
# a number too big for it: Store.write_document says so as a ValueError); a full disk or a
# locked database still stops the run.
_UNSTORABLE = (UnicodeError, ValueError, OverflowError, RecursionError)


def _write_batch(store: Store, docs: list[Document]) -> list[tuple[Document, str | None]]:
    """Store a batch's documents in one transaction (a commit per document cost a tenth of
    ingest's own time: each rewrote the pages of every index and of the full-text index) and
    say, per document, what kept it out (None: stored). Should one fail to store, the batch is
    rolled back and written a document per transaction, so the failure costs that document
    only; an interrupt keeps, complete, the documents written before it."""
    written = 0
    try:
        with store.transaction():
            for doc in docs:
                store.write_document(doc)
                written += 1
        return [(doc, None) for doc in docs]
    except _UNSTORABLE:
        pass
    except KeyboardInterrupt:  # rolled back (or, just after its commit, written anew: the same rows)
        with store.transaction():
            for doc in docs[:written]:
                store.write_document(doc)
        raise
    out: list[tuple[Document, str | None]] = []
    for doc in docs:
        try:
            store.write_document(doc)
            out.append((doc, None))
        except _UNSTORABLE as e:  # this document's data, not the database: go on
            out.append((doc, _one_line(e)))
    return out


def _failed(error: SourceError, report: IngestReport, on_error) -> None:
    report.failed.append(str(error))
    if on_error:
        on_error(error)


def process_each(docs: list[Document], passage: bool = False) -> list[Document | tuple[str, str]]:
    """`process` over a batch; when the batch fails, each document alone, so a stage's
    failure on one document costs that document only. A failed one is (uri, problem): a
    plain tuple crosses from a worker process where an exception with two fields would not."""
    run = (lambda batch: process(batch, passage=True)) if passage else process
    try:
        return run(docs)
    except Exception:
        if len(docs) == 1:
            return [(docs[0].uri, _internal(sys.exc_info()[1]))]
    out: list[Document | tuple[str, str]] = []
    for doc in docs:
        try:
            out.extend(run([doc]))
        except Exception as e:  # a bug of ours on this document
            out.append((doc.uri, _internal(e)))
    return out


def _internal(e: BaseException) -> str:
    return f"internal error while processing: {_one_line(e)}"


def _one_line(e: BaseException) -> str:
    return f"{e.__class__.__name__}: {' '.join(str(e).split())[:300]}"


# -- a user's corrections to resolution, and its explanation ---------------------------------

def _side(members: list[dict]) -> list[tuple[str, str]]:
    return [(m["doc_id"], m["name"]) for m in members]


def merge(store: Store, first: str, second: str) -> str:
    """Record that persons `first` and `second` (ids) are one, then rebuild. Returns the id
    of the merged person (ids follow names, so it may be new)."""
    if first == second:
        raise FactoidError(f"{first} and {second} are already one person")
    a, b = (queries.person_members(store, pid) for pid in (first, second))
    store.add_decision("merge", _side(a), _side(b))
    rebuild(store)
    return _person_of(store, a[0]["id"])


def _person_of(store: Store, doc_person: str) -> str:
    return queries.doc_person_owner(store, doc_person) or ""


def split(store: Store, person_id: str, name: str) -> tuple[str, str]:
    """Record that the parts of person `person_id` called `name` are someone else, then
    rebuild. Returns the ids of the two persons."""
    members = queries.person_members(store, person_id)
    called = [m for m in members if fold(name) in {fold(n) for n in [m["name"], *m["names"]]}]
    rest = [m for m in members if m not in called]
    if not called:
        raise FactoidError(f"{person_id} was never called {name!r} by any document")
    if not rest:
        raise FactoidError(f"every document calls {person_id} {name!r}: nothing to split off")
    store.add_decision("split", _side(called), _side(rest))
    rebuild(store)
    return _person_of(store, called[0]["id"]), _person_of(store, rest[0]["id"])


def why_same(store: Store, first: str, second: str, names: tuple[str, str] = ("", "")) -> list[str]:
    """In words: the chain of links that made persons `first` and `second` one (from the doc
    person called names[0] to the one called names[1]), or the evidence between them when
    they are two."""
    if first != second:
        left, right = (queries.person_members(store, pid) for pid in (first, second))
        sources = {m["doc_id"]: m["source"] for m in left + right}
        facts = corpus.factoids_for_resolution(store)
        return [f"{first} and {second} are two persons; the closest of their names and facts:",
                *_user_apart(store, left, right),
                *explain(corpus.doc_persons(store), facts, {m["id"] for m in left}, {m["id"] for m in right}, sources)]
    members = queries.person_members(store, first)
    links = queries.person_links(store, first)
    start, goal = (_called(members, n) for n in names)
    path = _path(links, start, goal)
    head = f"{first} is one person: {len(members)} document persons joined by {len(links)} links"
    if start == goal:
        return [head + "."]
    out = [head + "; from " + _who(members, start) + " to " + _who(members, goal) + ":"]
    for link in path:
        out.append(f"  {link['a_name']} ({link['a_source']}) = {link['b_name']} ({link['b_source']}): "
                   f"{link['kind']}, {link['score']:+.1f} bits")
        out += [f"      {r}" for r in link["reasons"]]
    return out


def _user_apart(store, left: list[dict], right: list[dict]) -> list[str]:
    """A user's decisions that keep the two apart: a split between their documents, or a
    dismissal of one of their pairs in the review queue."""
    keys = [{(m["doc_id"], m["name"]) for m in side} for side in (left, right)]
    ids = [{m["id"] for m in side} for side in (left, right)]
    out = []
    for d in queries.decisions(store):
        sides = [{tuple(x) for x in d[k]} for k in ("a", "b")]
        if d["kind"] == "split" and any(sides[0] & keys[i] and sides[1] & keys[1 - i] for i in (0, 1)):
            out.append(f"  kept apart by a user's split (decision m{d['id']}, {d['created_at']})")
    for d in queries.dismissals(store):
        if {d["a"], d["b"]} & ids[0] and {d["a"], d["b"]} & ids[1]:
            why = f": {d['note']}" if d["note"] else ""
            out.append(f"  kept apart by a user's dismissal in the review queue (decision x{d['id']}{why})")
    return out


def _called(members: list[dict], name: str) -> str:
    """The doc person called `name` (exactly, else containing it), else the first."""
    key = fold(name)
    for exact in (True, False):
        for m in members:
            names = [fold(n) for n in [m["name"], *m["names"]]]
            if key and any(n == key if exact else key in n for n in names):
                return m["id"]
    return members[0]["id"] if members else ""


def _who(members: list[dict], doc_person: str) -> str:
    m = next((m for m in members if m["id"] == doc_person), None)
    return f"{m['name']} ({m['source']})" if m else doc_person


def _path(links: list[dict], start: str, goal: str) -> list[dict]:
    """The links from start to goal in the person's tree of links (breadth first)."""
    edges: dict[str, list[tuple[str, dict]]] = {}
    for link in links:
        edges.setdefault(link["a"], []).append((link["b"], link))
        edges.setdefault(link["b"], []).append((link["a"], link))
    came: dict[str, tuple[str, dict] | None] = {start: None}
    queue = [start]
    while queue and goal not in came:
        node = queue.pop(0)
        for nxt, link in edges.get(node, ()):
            if nxt not in came:
                came[nxt] = (node, link)
                queue.append(nxt)
    path, node = [], goal
    while came.get(node):
        node, link = came[node]
        path.append(link)
    return path[::-1]


def count(paths: Iterable[str | Path], options: ReadOptions | None = None) -> int | None:
    return count_sources(paths, options)


def extract_passages(lines: Iterable[str | bytes], on_error: Callable[[str], None] | None = None) -> Iterator[dict]:
    """Passage mode: each JSON line {"id", "text"} is its own document; yields one assertion
    per (factoid, field) with subject and value offsets into that text. A line that cannot be
    read or processed is reported ("line N: problem") and skipped."""
    def bad(number: int, problem: str) -> None:
        if on_error:
            on_error(f"line {number}: {problem}")

    batch: list[tuple[int, str, Document]] = []
    for number, line in enumerate(lines, 1):
        try:
            record = load_object(decode_line(line) if isinstance(line, bytes) else line) if line.strip() else None
            if record is None:
                continue
            text, pid = record["text"], record["id"]
            if not isinstance(text, str):
                raise ValueError('"text" is not a string')
            if isinstance(pid, (dict, list)):
                raise ValueError('"id" is not a string or number')
        except KeyError as exc:
            bad(number, f"missing {exc}")
            continue
        except ValueError as exc:
            bad(number, str(exc))
            continue
        batch.append((number, str(pid), Document(id=str(pid), uri=str(pid), raw=text)))
        if len(batch) >= 64:
            yield from _assertions(batch, bad)
            batch = []
    yield from _assertions(batch, bad)


def _assertions(batch: list[tuple[int, str, Document]], bad) -> Iterator[dict]:
    if not batch:
        return
    for (number, pid, _), doc in zip(batch, process_each([d for _, _, d in batch], passage=True)):
        if isinstance(doc, tuple):
            bad(number, doc[1])
            continue
        for fact in doc.factoids:
            subjects = [(s, e) for role, s, e in fact.evidence if role == "subject"]
            values = [(role, s, e) for role, s, e in fact.evidence if role != "subject"]
            # the benchmark annotates a fact once per mention of its subject in the sentence
            for s0, e0 in subjects:
                for role, s1, e1 in values:
                    if not reported(fact.property, doc.raw[s1:e1]):
                        continue   # a trade or a field of study: no employer or school (extract/passage.py)
                    short = short_form(doc.raw, e1) if role in ("object", "place") else None
                    if short and short[0] < e0 and s0 < short[1]:
                        short = None   # the subject itself
                    for v0, v1 in ((s1, e1), short) if short else ((s1, e1),):
                        yield {"id": pid, "property": fact.property, "field": role,
                               "subject": {"start": s0, "end": e0, "text": doc.raw[s0:e0]},
                               "value": {"start": v0, "end": v1, "text": doc.raw[v0:v1]},
                               "confidence": fact.confidence}
