"""JSON Lines: persons, then factoids, then conflicts, one object per line (the contract of
../shared/eval/README.md; the persons' consensus life dates are left to the other formats)."""
from __future__ import annotations

from ..terminal import json_line
from . import Format

PERSON_KEYS = ("type", "id", "name", "aliases")


def files(snap):
    def lines():
        for p in snap.persons:
            yield json_line({k: p[k] for k in PERSON_KEYS})
        for f in snap.factoids():
            yield json_line(f)
        for c in snap.conflicts:
            yield json_line(c)
    yield "factoid.jsonl", lines()


FORMAT = Format("jsonl", "JSON Lines, one person, factoid or conflict per line", ".jsonl",
                "application/x-ndjson", files)
