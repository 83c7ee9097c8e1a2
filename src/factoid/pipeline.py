"""The one place that wires the stages: sources -> clean -> nlp -> extract -> store, then the
corpus stages resolve -> judge over everything stored."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .clean import clean
from .errors import SourceError
from .extract import extract
from .judge import judge
from .model import Document
from .nlp import annotate
from .nlp.dates import find_dates, find_ranges
from .resolve import resolve
from .sources import count_sources, read_sources
from .store import Store, queries

BATCH = 16  # documents per spaCy batch: large enough to batch, small enough to lose little on interrupt


def process(docs: list[Document], passage: bool = False) -> list[Document]:
    """The document stages over a batch of raw documents (`passage`: each is one short text
    whose pronouns may have no named antecedent)."""
    annotated = annotate([clean(d) for d in docs])
    return [extract(d, find_dates, find_ranges, passage=passage) for d in annotated]


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


def ingest(paths: Iterable[str | Path], store: Store, force: bool = False,
           progress: Callable[[int], None] | None = None,
           on_error: Callable[[SourceError], None] | None = None) -> IngestReport:
    """Read, process and store every document under `paths`; documents already stored (same
    bytes) are skipped unless `force`. Each document is written in its own transaction, so an
    interrupted ingest keeps what it finished and the next run continues from there."""
    report = IngestReport()
    tick = progress or (lambda n: None)
    try:
        for batch in _batches_to_process(paths, store, force, report, tick, on_error):
            for doc in process(batch):
                store.write_document(doc)
                report.added += 1
                tick(1)
    except KeyboardInterrupt:
        rebuild(store)  # persons and conflicts still reflect every document that was stored
        raise
    rebuild(store)
    return report


def _batches_to_process(paths, store, force, report, tick, on_error) -> Iterator[list[Document]]:
    """Batches of documents not yet stored; failures and unchanged documents are counted."""
    batch: list[Document] = []
    for item in read_sources(paths):
        if isinstance(item, SourceError):
            report.failed.append(str(item))
            if on_error:
                on_error(item)
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


def rebuild(store: Store) -> None:
    """Re-run the corpus stages (resolution, then source criticism) over the whole store."""
    persons, assignment = resolve(queries.doc_persons(store.conn))
    facts = queries.factoids_for_judging(store.conn)
    for fact in facts:
        fact["person"] = assignment.get(fact["doc_person"])
    store.replace_resolution(persons, assignment, judge(facts))


def count(paths: Iterable[str | Path]) -> int | None:
    return count_sources(paths)


def extract_passages(lines: Iterable[str], on_error: Callable[[str], None] | None = None) -> Iterator[dict]:
    """Passage mode: each JSON line {"id", "text"} is its own document; yields one assertion
    per (factoid, field) with subject and value offsets into that text."""
    batch: list[tuple[str, Document]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, pid = record["text"], str(record["id"])
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError) as exc:
            if on_error:
                on_error(f"line {number}: {exc.__class__.__name__}: {exc}")
            continue
        batch.append((pid, Document(id=pid, uri=pid, raw=text)))
        if len(batch) >= 64:
            yield from _assertions(batch)
            batch = []
    yield from _assertions(batch)


def _assertions(batch: list[tuple[str, Document]]) -> Iterator[dict]:
    if not batch:
        return
    for (pid, _), doc in zip(batch, process([d for _, d in batch], passage=True)):
        for fact in doc.factoids:
            subjects = [(s, e) for role, s, e in fact.evidence if role == "subject"]
            values = [(role, s, e) for role, s, e in fact.evidence if role != "subject"]
            # the benchmark annotates a fact once per mention of its subject in the sentence
            for s0, e0 in subjects:
                for role, s1, e1 in values:
                    yield {"id": pid, "property": fact.property, "field": role,
                           "subject": {"start": s0, "end": e0, "text": doc.raw[s0:e0]},
                           "value": {"start": s1, "end": e1, "text": doc.raw[s1:e1]},
                           "confidence": fact.confidence}
