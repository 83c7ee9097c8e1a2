"""GraphML and GEXF (for Gephi, Cytoscape, yEd), written by networkx.

Persons are nodes (name, aliases, life dates in EDTF with their Old Style readings). Edges are
relations: kin (a parent, child, sibling or spouse factoid whose object was resolved to another
person in the export, directed from the person the source speaks of) and co-membership (two
persons in the same party, body, office, school, prison or place of exile at overlapping times,
found as the person pages find them; a body of more than MAX_PAIRWISE persons is a node of kind
"body" instead, with a "member" edge from each of them). Every edge carries the ids of the
factoids behind it, their sources and quotes (lists joined with " | ", ids with spaces) and the
time it holds as ISO days in `start`/`end`, which GEXF turns into spells for Gephi's timeline. A person's node holds the
span of the life the same way. A character XML cannot hold (a control character in a scraped
quote) is written as U+FFFD: the CSV and JSON Lines exports keep the quote exact.
"""
from __future__ import annotations

import re

import networkx as nx

from .. import edtf
from ..vocabulary import BODIES, KIN, VOCABULARY
from . import Format

LIST = " | "
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")  # what GEXF's "date" time format takes
MAX_PAIRWISE = 50  # persons in one body beyond which the body is a node (see _co_members)


def _day(value: str | None, side: int) -> str | None:
    """The first (0) or last (1) day `value` may mean, when it is a plain ISO day."""
    day = (edtf.lower if side == 0 else edtf.upper)(value)
    return day if day and _ISO_DAY.fullmatch(day) else None


def _lo_hi(f: dict) -> tuple[int, int] | None:
    first = edtf.span(f["start"] or f["date"] or f["end"])
    last = edtf.span(f["end"] or f["date"] or f["start"])
    return (first.lo, last.hi) if first and last and first.lo <= last.hi else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _times(attrs: dict, lo: str | None, hi: str | None) -> dict:
    if lo:
        attrs["start"] = lo
    if hi and (lo is None or hi >= lo):
        attrs["end"] = hi
    return attrs


def build(snap) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="factoid")
    for p in snap.persons:
        attrs = {"label": p["name"], "kind": "person", "aliases": LIST.join(p["aliases"])}
        for k in ("birth", "birth_julian", "death", "death_julian", "wikidata"):
            if p.get(k):
                attrs[k] = p[k]
        g.add_node(p["id"], **_times(attrs, _day(p.get("birth"), 0), _day(p.get("death"), 1)))
    kin, members = [], []  # one pass over the factoids keeps only those that can make an edge
    for f in snap.factoids():
        if f["property"] in KIN and f["object_person"]:
            kin.append(f)
        elif f["property"] in BODIES and f["object"]:
            members.append(f)
    owners = snap.owners(sorted({f["object_person"] for f in kin}))
    for f in kin:
        other = owners.get(f["object_person"], f["object_person"])
        if other in g and other != f["person"]:
            attrs = {"relation": f["property"], "kind": "kin", "label": VOCABULARY[f["property"]].label,
                     **_evidence([f])}
            lo, hi = _day(f["start"] or f["date"], 0), _day(f["end"] or f["date"], 1)
            g.add_edge(f["person"], other, key=f["id"], **_times(attrs, lo, hi))
    _co_members(g, members)
    return g


def _co_members(g: nx.MultiDiGraph, factoids: list[dict]) -> None:
    """One edge per pair of persons and body: the factoids of both whose times overlap, found by
    a sweep over each body's members sorted by start. A body of more than MAX_PAIRWISE persons
    (a mass party) would give a dense tangle of edges, so it becomes a node of its own with an
    edge from each member instead: the graph stays linear in the factoids."""
    bodies: dict[tuple[str, str], list[tuple[int, int, dict]]] = {}
    for f in factoids:
        if f["person"] in g:
            span = _lo_hi(f)
            if span:
                bodies.setdefault((f["property"], _fold(f["object"])), []).append((*span, f))
    pairs: dict[tuple[str, str, str, str], list[tuple[int, int, dict, dict]]] = {}
    for (prop, body), members in bodies.items():
        if len({f["person"] for _, _, f in members}) > MAX_PAIRWISE:
            _body_node(g, prop, body, members)
            continue
        members.sort(key=lambda m: m[0])
        for i, (lo, hi, f) in enumerate(members):
            for lo2, hi2, f2 in members[i + 1:]:
                if lo2 > hi:
                    break
                if f2["person"] != f["person"]:
                    a, b = sorted((f, f2), key=lambda x: x["person"])
                    pairs.setdefault((a["person"], b["person"], prop, body), []).append((max(lo, lo2), min(hi, hi2), a, b))
    for (a, b, prop, _), found in pairs.items():
        facts = list({x["id"]: x for _, _, fa, fb in found for x in (fa, fb)}.values())
        attrs = {"relation": prop, "kind": "same body", "label": f"{VOCABULARY[prop].label}: {facts[0]['object']}",
                 "body": facts[0]["object"], **_evidence(facts)}
        g.add_edge(a, b, key=f"{prop}:{a}:{b}", **_times(attrs, _iso(min(x[0] for x in found)),
                                                          _iso(max(x[1] for x in found))))


def _body_node(g: nx.MultiDiGraph, prop: str, body: str, members: list[tuple[int, int, dict]]) -> None:
    node = f"body:{prop}:{body}"
    g.add_node(node, label=members[0][2]["object"], kind="body", relation=prop)
    for lo, hi, f in members:
        attrs = {"relation": prop, "kind": "member", "label": VOCABULARY[prop].label, "body": f["object"],
                 **_evidence([f])}
        g.add_edge(f["person"], node, key=f["id"], **_times(attrs, _iso(lo), _iso(hi)))


def _evidence(facts: list[dict]) -> dict:
    return {"factoids": " ".join(x["id"] for x in facts), "sources": LIST.join(x["source"] for x in facts),
            "quotes": LIST.join(x["quote"] for x in facts)}


def _iso(day: int) -> str | None:
    """An ordinal day as GEXF's date, or None for an open end or a year outside 0001-9999."""
    if day in (edtf.OPEN_LO, edtf.OPEN_HI):
        return None
    text = edtf.iso(day)
    return text if _ISO_DAY.fullmatch(text) else None


# what XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF;
# lone surrogates. A scraped page can carry them, and one would make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Every string attribute with the characters XML cannot hold replaced by U+FFFD."""
    for data in [*(d for _, d in g.nodes(data=True)), *(d for _, _, d in g.edges(data=True))]:
        for key, value in data.items():
            if isinstance(value, str) and _NOT_XML.search(value):
                data[key] = _NOT_XML.sub("\ufffd", value)
    return g


def graphml(snap):
    yield "factoid.graphml", (line + "\n" for line in nx.generate_graphml(_xml_safe(build(snap)), encoding="utf-8"))


def gexf(snap):
    g = _xml_safe(build(snap))
    g.graph["mode"] = "dynamic"  # the edges' and nodes' start/end become spells on Gephi's timeline
    yield "factoid.gexf", (line + "\n" for line in nx.generate_gexf(g, encoding="utf-8"))


GRAPHML = Format("graphml", "GraphML: persons as nodes, kin and co-membership as edges with their factoids",
                 ".graphml", "application/graphml+xml", graphml)
GEXF = Format("gexf", "GEXF 1.2 for Gephi: the same graph, with start/end spells for the timeline",
              ".gexf", "application/gexf+xml", gexf)
