"""JSON Lines (docs/EXPORT.md): persons, the sources cited, each person's factoids followed by
its consensus values (one line per value, with its status), then conflicts. The first three
kinds of line are the contract of the evaluation sets (../shared/eval/README.md)."""
from __future__ import annotations

from itertools import groupby

from ..corrections import factoid_marks
from ..terminal import json_line
from ..views import consensus_rows
from . import Format

PERSON_KEYS = ("type", "id", "name", "aliases")
SOURCE_KEYS = ("type", "id", "uri", "source", "url", "title", "author", "date", "language", "kind", "family")


def files(snap):
    def lines():
        for p in snap.persons:
            yield json_line({k: p[k] for k in PERSON_KEYS})
        for s in snap.sources:
            yield json_line({k: s.get(k) for k in SOURCE_KEYS})
        in_conflict = {fid for c in snap.conflicts for fid in c["factoids"]}
        marks = factoid_marks(snap.store)
        # factoids come ordered by person: one person's at a time, then its consensus
        for person, facts in groupby(snap.factoids(), key=lambda f: f["person"]):
            facts = list(facts)
            for f in facts:
                mark = marks.get(f["id"])
                yield json_line({**f, **{k: v for k, v in mark.items() if k != "notes"}} if mark else f)
            if person:
                for row in consensus_rows(person, facts, in_conflict, marks):
                    yield json_line(row)
        for c in snap.conflicts:
            yield json_line(c)
    yield "factoid.jsonl", lines()


FORMAT = Format("jsonl", "JSON Lines: persons, sources, factoids, consensus values and conflicts", ".jsonl",
                "application/x-ndjson", files)
