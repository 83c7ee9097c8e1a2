"""Exports: a registry of formats over one snapshot of the knowledge base.

A format is a small module with a `FORMAT` (name, media type, file suffix) whose `files(snapshot)`
yields (file name, text chunks): one file for most formats, several tables for csv. This module
reads the snapshot from the store (store/exporting.py), and puts the files where they go: standard
output, one file, a zip or a folder, each written whole or not at all (outputs.py). The CLI
(`factoid export`) and the API (/api/export/NAME) both come through `write` and `to_bytes`.
"""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..errors import FactoidError
from ..corrections import factoid_marks, judged
from ..judge import consensus
from ..views import life_date
from ..outputs import atomic_folder, atomic_output
from ..store import exporting, queries

Files = Iterator[tuple[str, Iterable[str]]]


@dataclass(frozen=True)
class Format:
    name: str
    help: str
    suffix: str                      # of the one file, or of each table
    media_type: str
    files: Callable[["Snapshot"], Files]
    tables: bool = False             # several files: a folder or a zip, never standard output


class Snapshot:
    """What an export writes, read from an open store: persons (with consensus life dates),
    conflicts and the sources cited, as lists; the factoids as a stream ordered by person
    (`factoids()`, read again on each call), because they are the bulk of a large corpus."""

    def __init__(self, store, person_ids: list[str] | None = None, min_confidence: float = 0.0,
                 wikidata: dict[str, str] | None = None):
        self.store, self.person_ids, self.min_confidence = store, person_ids, min_confidence
        self.persons = exporting.persons(store, person_ids)
        for p in self.persons:  # the item a user reconciled the person with, if any
            p["wikidata"] = (wikidata or {}).get(p["id"])
        self._life_dates(judged(exporting.factoids(store, min_confidence, person_ids, ("birth", "death")),
                                factoid_marks(store)))
        self.conflicts = exporting.person_conflicts(store, person_ids)
        # a whole export lists every document (one factoid does not read is a source too); a
        # filtered one the documents its factoids cite
        cited = exporting.cited(store, min_confidence, person_ids) if person_ids is not None else \
            queries.document_ids(store)
        self.sources = exporting.sources(store, sorted(cited))

    def factoids(self) -> Iterator[dict]:
        return exporting.iter_factoids(self.store, self.min_confidence, self.person_ids)

    def owners(self, ids: list[str]) -> dict[str, str]:
        """Which corpus person each document person in `ids` became."""
        return exporting.owners(self.store, ids)

    def _life_dates(self, facts: list[dict]) -> None:
        life: dict[str, list[dict]] = {}
        for f in facts:
            life.setdefault(f["person"], []).append(f)
        for p in self.persons:
            mine = life.get(p["id"], [])
            best = {c["property"]: c for c in consensus(mine)}
            for prop in ("birth", "death"):
                date = life_date(best.get(prop))  # undecided: every date, as an EDTF set
                # the Old Style reading of that date, where a source gave one
                julian = next((f["date_julian"] for f in mine if f["property"] == prop and f["date"] == date
                               and f["date_julian"]), None)
                p[prop], p[prop + "_julian"] = date, julian


def snapshot(store, person_ids: list[str] | None = None, min_confidence: float = 0.0,
             wikidata: dict[str, str] | None = None) -> Snapshot:
    return Snapshot(store, person_ids, min_confidence, wikidata)


def read_wikidata_ids(path: str) -> dict[str, str]:
    """Person id -> Wikidata item from a CSV file with the columns `id` and `wikidata`: the
    csv export's persons.csv with a column of reconciled items added (in OpenRefine, say).
    Empty cells are skipped; anything else that is no item id is a one-line error."""
    import csv
    found = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not {"id", "wikidata"} <= set(reader.fieldnames or ()):
                raise FactoidError(f"{path}: needs the columns id and wikidata (it has: "
                                   f"{', '.join(reader.fieldnames or ()) or 'none'})")
            for row in reader:
                qid = (row["wikidata"] or "").strip().rsplit("/", 1)[-1]  # an item's URL is taken too
                if not qid:
                    continue
                if not re.fullmatch(r"Q[1-9]\d*", qid):
                    raise FactoidError(f"{path}, line {reader.line_num}: {row['wikidata']!r} is no Wikidata item id")
                found[row["id"]] = qid
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise FactoidError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    return found


def _registry() -> dict[str, Format]:
    from . import csv_tables, gedcom, graph, jsonl, quickstatements, rdf, tei
    return {f.name: f for f in (jsonl.FORMAT, csv_tables.FORMAT, graph.GRAPHML, graph.GEXF, quickstatements.FORMAT,
                                rdf.TRIG, rdf.JSONLD, tei.FORMAT, gedcom.FORMAT)}


FORMATS: dict[str, Format] = _registry()


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise FactoidError(f"unknown export format {name!r}; known: {', '.join(FORMATS)}") from None


def write(fmt: Format, snap: Snapshot, out: str | None, database: str | None = None, stdout=None) -> None:
    """Write `fmt` of `snap` to `out`: a file; for tables a folder, or a zip when `out` ends
    in .zip. Without `out` a one-file format goes to `stdout`. A system error on the way
    (a full disk) is one line naming `out`; nothing half-written stays."""
    try:
        _write(fmt, snap, out, database, stdout)
    except BrokenPipeError:
        raise  # the reader of standard output went away (`| head`): the command group says nothing
    except OSError as exc:
        raise FactoidError(f"{out or 'standard output'}: cannot write: {exc.strerror or exc}") from None


def _write(fmt: Format, snap: Snapshot, out: str | None, database: str | None, stdout) -> None:
    if out is None:
        if fmt.tables:
            raise FactoidError(f"the {fmt.name} export is several tables: give --out FOLDER or --out FILE.zip")
        for _, chunks in fmt.files(snap):
            for chunk in chunks:
                stdout.write(chunk)
        return
    if not fmt.tables:
        with atomic_output(out, database=database) as handle:
            for _, chunks in fmt.files(snap):
                for chunk in chunks:
                    handle.write(chunk)
    elif out.lower().endswith(".zip"):
        # a zip is written with seeks, which the atomic handle has not: built in a scratch file
        # first (not in memory: the factoids table of a large corpus is large), then copied
        with atomic_output(out, database=database, binary=True) as handle, tempfile.TemporaryFile() as scratch:
            _zip(fmt, snap, scratch)
            scratch.seek(0)
            for block in iter(lambda: scratch.read(1 << 20), b""):
                handle.write(block)
    else:
        with atomic_folder(out, database=database) as folder:
            for name, chunks in fmt.files(snap):
                with open(folder / name, "w", encoding="utf-8", newline="") as f:
                    for chunk in chunks:
                        f.write(chunk)


def _zip(fmt: Format, snap: Snapshot, target) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in fmt.files(snap):
            with archive.open(name, "w", force_zip64=True) as member:  # a table may pass 2 GiB
                for chunk in chunks:
                    member.write(chunk.encode("utf-8"))


def to_bytes(fmt: Format, snap: Snapshot) -> tuple[bytes, str, str]:
    """(body, media type, file name) for a download: the file, or the tables as a zip."""
    if fmt.tables:
        buffer = io.BytesIO()
        _zip(fmt, snap, buffer)
        return buffer.getvalue(), "application/zip", f"factoid-{fmt.name}.zip"
    body = "".join(chunk for _, chunks in fmt.files(snap) for chunk in chunks)
    return body.encode("utf-8"), fmt.media_type, f"factoid{fmt.suffix}"
