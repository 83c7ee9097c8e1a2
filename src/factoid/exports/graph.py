"""GraphML and GEXF (for Gephi, Cytoscape, yEd), written by networkx.

Persons are nodes (name, aliases, life dates in EDTF with their Old Style readings). Edges are
relations: kin (a parent, child, sibling or spouse factoid whose object was resolved to another
person in the export, directed from the person the source speaks of) and co-membership (two
persons in the same party, body, office, school, prison or place of exile at overlapping times,
found as the person pages find them). Every edge carries the ids of the factoids behind it, their
sources and quotes (lists joined with " | ", ids with spaces) and the time it holds as ISO days
in `start`/`end`, which GEXF turns into spells for Gephi's timeline. A person's node holds the
span of the life the same way.
"""
from __future__ import annotations

import re

import networkx as nx

from .. import edtf
from ..vocabulary import BODIES, KIN, VOCABULARY
from . import Format

LIST = " | "
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")  # what GEXF's "date" time format takes


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
        attrs = {"label": p["name"], "aliases": LIST.join(p["aliases"])}
        for k in ("birth", "birth_julian", "death", "death_julian"):
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
                     "factoids": f["id"], "sources": f["source"], "quotes": f["quote"]}
            lo, hi = _day(f["start"] or f["date"], 0), _day(f["end"] or f["date"], 1)
            g.add_edge(f["person"], other, key=f["id"], **_times(attrs, lo, hi))
    _co_members(g, members)
    return g


def _co_members(g: nx.MultiDiGraph, factoids: list[dict]) -> None:
    """One edge per pair of persons and body: the factoids of both whose times overlap. A sweep
    over each body's members sorted by start: the cost follows the pairs found, never all pairs."""
    bodies: dict[tuple[str, str], list[tuple[int, int, dict]]] = {}
    for f in factoids:
        if f["person"] in g:
            span = _lo_hi(f)
            if span:
                bodies.setdefault((f["property"], _fold(f["object"])), []).append((*span, f))
    pairs: dict[tuple[str, str, str, str], list[tuple[int, int, dict, dict]]] = {}
    for (prop, body), members in bodies.items():
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
        lo, hi = min(x[0] for x in found), max(x[1] for x in found)
        attrs = {"relation": prop, "kind": "same body", "label": f"{VOCABULARY[prop].label}: {facts[0]['object']}",
                 "body": facts[0]["object"], "factoids": " ".join(x["id"] for x in facts),
                 "sources": LIST.join(x["source"] for x in facts), "quotes": LIST.join(x["quote"] for x in facts)}
        start = edtf.iso(lo) if lo > edtf.OPEN_LO else None
        end = edtf.iso(hi) if hi < edtf.OPEN_HI else None
        start = start if start and _ISO_DAY.fullmatch(start) else None
        end = end if end and _ISO_DAY.fullmatch(end) else None
        g.add_edge(a, b, key=f"{prop}:{a}:{b}", **_times(attrs, start, end))


def graphml(snap):
    yield "factoid.graphml", (line + "\n" for line in nx.generate_graphml(build(snap), encoding="utf-8"))


def gexf(snap):
    g = build(snap)
    g.graph["mode"] = "dynamic"  # the edges' and nodes' start/end become spells on Gephi's timeline
    yield "factoid.gexf", (line + "\n" for line in nx.generate_gexf(g, encoding="utf-8"))


GRAPHML = Format("graphml", "GraphML: persons as nodes, kin and co-membership as edges with their factoids",
                 ".graphml", "application/graphml+xml", graphml)
GEXF = Format("gexf", "GEXF 1.2 for Gephi: the same graph, with start/end spells for the timeline",
              ".gexf", "application/gexf+xml", gexf)
