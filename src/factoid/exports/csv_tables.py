"""CSV: four tables (persons, factoids, conflicts, sources) and a Frictionless Data Package
descriptor, `datapackage.json`, that types every column and ties the tables together by id.

One entity per row, every id in a column of its own, UTF-8, RFC 4180 quoting (csv's default).
Dates stay EDTF (`1888-08-15`, `1917-04`, `1892~`) beside two sortable ISO day columns, the
first and last day the value may mean, because a spreadsheet sorts `1917-04` and `1917` badly.
Lists inside a cell (aliases, a conflict's properties) are joined with " | "; a conflict's
factoid ids with spaces.
"""
from __future__ import annotations

import csv
import io
import json

from .. import edtf
from ..vocabulary import VOCABULARY
from . import Format

LIST = " | "

# (column, Frictionless type, description)
PERSONS = (
    ("id", "string", "person id"), ("name", "string", "preferred name"),
    ("wikidata", "string", "the Wikidata item, where given with --wikidata"),
    ("aliases", "string", "every name seen, joined with ' | '"),
    ("birth", "string", "consensus birth date, EDTF, Gregorian"),
    ("birth_julian", "string", "its Old Style (Julian) reading, where a source gave one"),
    ("birth_begin", "string", "first day the birth date may mean (ISO, sortable)"),
    ("birth_end", "string", "last day the birth date may mean"),
    ("death", "string", "consensus death date, EDTF, Gregorian"),
    ("death_julian", "string", "its Old Style reading"),
    ("death_begin", "string", "first day the death date may mean"), ("death_end", "string", "last day"),
    ("factoids", "integer", "factoids about the person in this export"),
    ("conflicts", "integer", "conflicts between sources about the person"),
)
FACTOIDS = (
    ("id", "string", "factoid id"), ("person", "string", "person id (persons.id)"),
    ("named_as", "string", "the name the source gives the person"),
    ("property", "string", "what the source asserts (vocabulary.py)"),
    ("wikidata", "string", "the Wikidata property it maps to, if any"),
    ("date", "string", "the date of a point event, EDTF, Gregorian"),
    ("date_julian", "string", "Old Style (Julian) reading of the date, EDTF"),
    ("calendar", "string", "the calendar the source wrote the date in: gregorian or julian"),
    ("date_text", "string", "the date as written"),
    ("start", "string", "start of a span of time, EDTF"), ("end", "string", "end of a span of time, EDTF"),
    ("time_begin", "string", "first day the factoid's time may mean (ISO, sortable)"),
    ("time_end", "string", "last day the factoid's time may mean"),
    ("place", "string", "place"), ("object", "string", "organisation, office, institution or person named"),
    ("object_person", "string", "the person the object names, where resolved"),
    ("note", "string", "a detail that is no name (a penalty, a term's length)"),
    ("document", "string", "source document id (sources.id)"), ("source", "string", "source file name"),
    ("span_start", "integer", "first character of the quote in the document's raw text"),
    ("span_end", "integer", "character after the quote"),
    ("quote", "string", "the source's words: the raw text from span_start to span_end"),
    ("confidence", "number", "0-1"), ("extractor", "string", "the rule or model that read it"),
)
CONFLICTS = (
    ("id", "string", "conflict id"), ("person", "string", "person id (persons.id)"),
    ("kind", "string", "value disagreement, chronology, age, infobox"),
    ("properties", "string", "properties involved, joined with ' | '"),
    ("factoids", "string", "the factoid ids involved, space-separated"),
    ("explanation", "string", "the disagreement in words"),
)
SOURCES = (
    ("id", "string", "document id"), ("source", "string", "file name"), ("uri", "string", "where it was read"),
    ("title", "string", "title"), ("url", "string", "web address, where the input gave one"),
    ("language", "string", "language of the text"), ("format", "string", "text, markdown, html, jsonl"),
    ("retrieved", "string", "when it was ingested (UTC)"), ("quality", "number", "0-1, from cleaning"),
    ("length", "integer", "characters of raw text"),
)
TABLES = {"persons": PERSONS, "factoids": FACTOIDS, "conflicts": CONFLICTS, "sources": SOURCES}
KEYS = {"persons": [], "factoids": [("person", "persons"), ("document", "sources")],
        "conflicts": [("person", "persons")], "sources": []}


def _bounds(value: str | None) -> tuple[str, str]:
    return edtf.lower(value) or "", edtf.upper(value) or ""


def _time(f: dict) -> tuple[str, str]:
    first, last = f["date"] or f["start"] or f["end"], f["date"] or f["end"] or f["start"]
    return _bounds(first)[0], _bounds(last)[1]


def _rows(snap, table: str):
    if table == "persons":
        counts: dict[str, int] = {}
        for f in snap.factoids():
            counts[f["person"]] = counts.get(f["person"], 0) + 1
        disputes: dict[str, int] = {}
        for c in snap.conflicts:
            disputes[c["person"]] = disputes.get(c["person"], 0) + 1
        for p in snap.persons:
            yield (p["id"], p["name"], p.get("wikidata"), LIST.join(p["aliases"]), p["birth"], p["birth_julian"], *_bounds(p["birth"]),
                   p["death"], p["death_julian"], *_bounds(p["death"]), counts.get(p["id"], 0),
                   disputes.get(p["id"], 0))
    elif table == "factoids":
        for f in snap.factoids():
            yield (f["id"], f["person"], f["person_name"], f["property"], VOCABULARY[f["property"]].wikidata,
                   f["date"], f["date_julian"], f["calendar"], f["date_text"], f["start"], f["end"], *_time(f),
                   f["place"], f["object"], f["object_person"], f["note"], f["document"], f["source"],
                   f["span"][0], f["span"][1], f["quote"], f["confidence"], f["extractor"])
    elif table == "conflicts":
        for c in snap.conflicts:
            yield c["id"], c["person"], c["kind"], LIST.join(c["properties"]), " ".join(c["factoids"]), c["explanation"]
    else:
        for s in snap.sources:
            yield tuple(s[k] for k, _, _ in SOURCES)


def _table(snap, table: str):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _, _ in TABLES[table]])
    for row in _rows(snap, table):
        writer.writerow(["" if v is None else v for v in row])
        if buffer.tell() > 1 << 16:  # hand over in pieces, not one string per export
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def descriptor() -> dict:
    """The Frictionless tabular data package that describes the four tables."""
    resources = []
    for table, columns in TABLES.items():
        schema = {"fields": [{"name": n, "type": t, "description": d} for n, t, d in columns],
                  "primaryKey": ["id"], "missingValues": [""]}
        if KEYS[table]:
            schema["foreignKeys"] = [{"fields": [col], "reference": {"resource": other, "fields": ["id"]}}
                                     for col, other in KEYS[table]]
        resources.append({"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    return {"profile": "tabular-data-package", "name": "factoid-export",
            "title": "factoid: persons, factoids, conflicts and sources",
            "description": "Every factoid with its source document, character span and quote. Dates are EDTF "
                           "(Gregorian), with the Old Style reading in *_julian columns.",
            "resources": resources}


def files(snap):
    for table in TABLES:
        yield f"{table}.csv", _table(snap, table)
    yield "datapackage.json", [json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"]


FORMAT = Format("csv", "CSV tables (persons, factoids, conflicts, sources) with a Frictionless datapackage.json; "
                "a folder, or a zip when --out ends in .zip", ".csv", "text/csv", files, tables=True)
