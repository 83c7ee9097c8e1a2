"""Factoids from what structured readers read (Document.records and .statements): a register's
cells, a GEDCOM individual's events, an infobox's parameters. Nothing is guessed: each
statement is one factoid whose quote is its span, and whose evidence is each value's span.

Two entries: `read_records` makes a whole document of records (a register row, a GEDCOM
file: no prose, so no language stages); `statement_facts` gives a prose document's subject
the statements of its infobox (a wiki page), next to what the rules read in its text.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from ..model import Date, Document, Factoid, Person, Span, Statement
from .hints import HintFact

VERSION = "1"
CONFIDENCE = 0.9  # a source's own field, read as written; the judge still weighs it against others
SUBJECT = "subject"  # the person key of a prose document's subject (a wiki page's infobox)


def read_records(doc: Document, date_grammars) -> Document:
    """The document's persons (one per record) and a factoid per statement. `date_grammars`
    are the date readers to try on a value in turn (English, then Russian)."""
    persons = {r.key: Person(f"{doc.id}:{i}", r.names[0], r.names, tuple(Span(doc.id, s, e) for s, e in r.spans))
               for i, r in enumerate(doc.records)}
    rule = f"record.{doc.metadata.get('format', 'record')}"
    factoids, seen = [], set()
    for st in doc.statements:
        person = persons.get(st.person)
        if person is None:
            continue
        values = read_values(doc.raw, st, date_grammars)
        key = f"{doc.id}|{person.id}|{st.property}|{st.start}|{st.end}|{values}"
        fid = "f" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        if fid in seen:
            continue
        seen.add(fid)
        evidence = tuple((v.role, v.start, v.end) for v in st.values)
        factoids.append(Factoid(person=person.id, property=st.property, span=Span(doc.id, st.start, st.end),
                                quote=doc.raw[st.start:st.end], extractor=f"{rule}@{VERSION}",
                                confidence=CONFIDENCE, person_name=person.name, evidence=evidence, id=fid,
                                **values))
    # one record is the document's subject (a register row); a family tree has none
    subject = doc.records[0].names[0] if len(doc.records) == 1 else ""
    return replace(doc, clean=doc.raw, offsets=(), quality=1.0, subject=subject,
                   persons=tuple(persons.values()), factoids=tuple(factoids))


def read_values(raw: str, st: Statement, date_grammars) -> dict:
    """The factoid fields a statement fills: dates read by the reader or by the grammars,
    the other values as written (whitespace folded)."""
    out: dict = {}
    for v in st.values:
        field = "date" if v.role == "date" else v.role
        if field in out or field not in ("date", "start", "end", "place", "object", "note"):
            continue
        text = v.text or raw[v.start:v.end]
        if field in ("date", "start", "end"):
            value = v.date or _date(text, date_grammars)
        else:
            value = " ".join(text.split()) or None
        if value is not None:
            out[field] = value
    return out


def _date(text: str, grammars) -> Date | None:
    for find in grammars:
        found = find(text)
        if found:
            return found[0].date
    return None


def statement_facts(ctx) -> list[HintFact]:
    """The subject's statements (an infobox a reader parsed), as the extract stage's
    structured facts; spans are raw, like the infobox rows'."""
    out = []
    for st in ctx.doc.statements:
        if st.person != SUBJECT:
            continue
        values = read_values(ctx.doc.raw, st, (ctx.find_dates,))
        out.append(HintFact(st.property, st.start, st.end, date=values.get("date"), begin=values.get("start"),
                            until=values.get("end"), place=values.get("place"), object=values.get("object"),
                            evidence=[(v.role, v.start, v.end) for v in st.values]))
    return out
