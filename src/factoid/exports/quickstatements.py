"""QuickStatements (version 1 syntax) for Wikidata: one CREATE block per person, or statements
on the person's own item where the user reconciled one (`export --wikidata FILE`).

A line is tab-separated: the item (LAST after CREATE), then property and value, then pairs of
qualifier (P...) and reference (S...) and their values. Each factoid that vocabulary.py maps to a
Wikidata property becomes its own line, with its own reference: S854 the source's web address
(when it has one), S1476 its title, S1683 the quote as monolingual text in the source's language,
S813 the day it was read, S1810 the name the source gives the person. So two sources that
disagree give two statements, and two that agree give one statement with two references (the
tool merges a repeated property and value).

Values: dates as `+1888-08-15T00:00:00Z/11` (precision 11 day, 10 month, 9 year, 8 decade); an
Old Style date is written in its Julian reading with `/J`, Wikidata's Julian calendar model; an
approximate date gets P1480 sourcing circumstances: circa; an interval is `somevalue` with P1319
earliest and P1326 latest date. A place, body or relative has no Wikidata item here, so its
value is `somevalue` with P1932 "object named as" the text, for a person to reconcile. Strings
are quoted as they are; a tab or line break inside one (which would end the column or the
command) becomes a space. Events with no Wikidata statement (an arrest, a trial) are left out:
vocabulary.py says how they could be modelled.
"""
from __future__ import annotations

import re
from itertools import groupby

from ..vocabulary import VOCABULARY, WIKIDATA_QUALIFIERS as Q, WIKIDATA_REFERENCES as S
from . import Format

CIRCA = "Q5727902"        # the value of P1480 sourcing circumstances for "about 1889"
HUMAN = "Q5"
EARLIEST, LATEST, CIRCUMSTANCES = "P1319", "P1326", "P1480"
_PLAIN = re.compile(r"(-?)(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_DECADE = re.compile(r"(-?)(\d{3})X")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def text(value: str) -> str:
    """A QuickStatements string: quoted, with tabs and line breaks as spaces."""
    return '"' + re.sub(r"[\t\r\n\v\f\x85\u2028\u2029]", " ", value) + '"'


def monolingual(lang: str, value: str) -> str:
    return f"{lang}:{text(value)}"


def _point(value: str, julian: bool = False) -> str | None:
    m = _PLAIN.fullmatch(value)
    if m:
        if m[3] and not 1 <= int(m[3]) <= 12:
            return None  # a season or a quarter (21-36): no Wikidata precision fits
        sign, year, month, day = m[1] or "+", m[2], m[3] or "00", m[4] or "00"
        precision = 11 if m[4] else 10 if m[3] else 9
    else:
        m = _DECADE.fullmatch(value)
        if not m:
            return None
        sign, year, month, day, precision = m[1] or "+", m[2] + "0", "00", "00", 8
    return f"{sign}{year}-{month}-{day}T00:00:00Z/{precision}" + ("/J" if julian else "")


def time(value: str | None, julian: str | None = None) -> tuple[str, list[tuple[str, str]]] | None:
    """(the time value, qualifiers it needs) for an EDTF value; the Julian reading wins where
    a source wrote the date Old Style. None for what Wikidata cannot hold."""
    if not value:
        return None
    if julian and _point(julian):
        return _point(julian, julian=True), []
    core = re.sub(r"[~?%]", "", value)
    extra = [(CIRCUMSTANCES, CIRCA)] if ("~" in value or "%" in value) else []
    if "/" in core:
        first, _, last = core.partition("/")
        bounds = [(EARLIEST, _point(first)), (LATEST, _point(last))]
        bounds = [(p, v) for p, v in bounds if v]
        return ("somevalue", bounds + extra) if bounds else None
    point = _point(core)
    return (point, extra) if point else None


def language_of(name: str, default: str = "en", unknown: str = "und") -> str:
    """A name's language from its script (the export knows no better): Russian for Cyrillic,
    `default` for Latin letters, else `unknown` ("und" in a value, "mul" for an alias)."""
    if _CYRILLIC.search(name):
        return "ru"
    return default if _LATIN.search(name) else unknown


def _reference(f: dict, source: dict | None) -> list[tuple[str, str]]:
    lang = (source or {}).get("language") or "en"
    ref = []
    if source and source.get("url"):
        ref.append((S["reference URL"], text(source["url"])))
    if source and (source.get("title") or source.get("source")):
        ref.append((S["title"], monolingual(lang, source.get("title") or source["source"])))
    ref.append((S["quotation"], monolingual(lang, f["quote"])))
    if source and source.get("retrieved"):
        day = _point(source["retrieved"][:10])
        if day:
            ref.append((S["retrieved"], day))
    if f["person_name"]:
        ref.append((S["subject named as"], text(f["person_name"])))
    return ref


def statements(f: dict) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(property, value, qualifiers) of each Wikidata statement one factoid makes."""
    term = VOCABULARY[f["property"]]
    out = []
    if term.wikidata is None:
        return out
    when = time(f["date"], f["date_julian"] if f["calendar"] == "julian" else None)
    qualifiers = []
    if f["date"] and when:
        qualifiers = [(Q["point in time"], when[0])] + when[1] if when[0] != "somevalue" else when[1]
    for field, prop in (("start", Q["start time"]), ("end", Q["end time"])):
        t = time(f[field])
        if t and t[0] != "somevalue":
            qualifiers.append((prop, t[0]))
    if term.kind == "life" and term.wikidata_value is None:  # birth, death, burial: the date is the value
        if when:
            out.append((term.wikidata, when[0], when[1]))
        if f["place"] and term.wikidata_place:
            out.append((term.wikidata_place, "somevalue", [(Q["object named as"], text(f["place"]))]))
    elif term.wikidata_value:  # execution: manner of death, dated
        out.append((term.wikidata, term.wikidata_value, qualifiers))
    elif term.kind == "name":
        if f["object"]:
            out.append((term.wikidata, monolingual(language_of(f["object"]), f["object"]), []))
    else:
        named = f["object"] or f["place"]
        if named:
            out.append((term.wikidata, "somevalue", [(Q["object named as"], text(named))] + qualifiers))
    return out


def lines(snap):
    sources = {s["id"]: s for s in snap.sources}
    # persons and factoids both come ordered by person id: walk them side by side
    facts = groupby(snap.factoids(), key=lambda f: f["person"])
    pending = next(facts, None)
    for p in snap.persons:
        item = p.get("wikidata") or "LAST"
        if item == "LAST":  # a new item: its label, class and the other names seen
            yield "CREATE\n"
            yield f"LAST\tLen\t{text(p['name'])}\n"
            yield f"LAST\tP31\t{HUMAN}\n"
            for alias in p["aliases"]:
                if alias != p["name"]:
                    yield f"LAST\tA{language_of(alias, unknown='mul')}\t{text(alias)}\n"
        while pending is not None and (pending[0] is None or pending[0] < p["id"]):
            pending = next(facts, None)  # not resolved yet (an interrupted ingest): no item to state it on
        if pending is None or pending[0] != p["id"]:
            continue
        for f in pending[1]:
            reference = _reference(f, sources.get(f["document"]))
            for prop, value, qualifiers in statements(f):
                parts = [item, prop, value, *(x for pair in qualifiers + reference for x in pair)]
                yield "\t".join(parts) + "\n"
        pending = next(facts, None)


def files(snap):
    yield "factoid.qs.txt", lines(snap)


FORMAT = Format("quickstatements", "QuickStatements v1 for Wikidata: a CREATE block per person, each "
                "statement with its own reference (URL, title, quote, retrieval date, named as)",
                ".qs.txt", "text/plain", files)
