"""Data extension, property suggestions and previews of the reconciliation service: once rows
are matched, OpenRefine pulls what the knowledge base says of each person into new columns,
and every value keeps where it came from: the page of its source document here (the quote
marked) and the source's own web address, beside the quote itself."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import escape

from .. import views
from ..store import exporting, queries
from . import QUERY_PROPERTY_NAMES, TYPE, ProtocolError, load_json

MAX_IDS = 200          # persons per extension request
MAX_PROPERTIES = 20

# id -> (the column's name, what the value is: an event's date, place, sources or quotes)
PROPERTIES = {
    "birth": ("Birth date", "birth", "date"),
    "birth_place": ("Birth place", "birth", "place"),
    "birth_source": ("Birth: source page", "birth", "page"),
    "birth_source_url": ("Birth: source web address", "birth", "url"),
    "birth_quote": ("Birth: quote", "birth", "quote"),
    "death": ("Death date", "death", "date"),
    "death_place": ("Death place", "death", "place"),
    "death_source": ("Death: source page", "death", "page"),
    "death_source_url": ("Death: source web address", "death", "url"),
    "death_quote": ("Death: quote", "death", "quote"),
    "aliases": ("Other names", None, "aliases"),
}
PROPERTY_SETTINGS = [{
    "name": "readings", "label": "Readings", "type": "select", "default": "consensus",
    "help_text": "consensus: the value the sources agree on (every reading when they are undecided); "
                 "all: every reading, the disputed ones too",
    "choices": [{"value": "consensus", "name": "consensus"}, {"value": "all", "name": "all"}],
}]


def propose_properties(type_id: str | None, limit: int | None = None) -> dict:
    if type_id and type_id != TYPE["id"]:
        raise ProtocolError(f"type: unknown type {type_id[:50]!r}; this service knows only {TYPE['id']!r}")
    props = [{"id": pid, "name": spec[0]} for pid, spec in PROPERTIES.items()]
    answer = {"type": TYPE["id"], "properties": props[:limit] if limit and limit > 0 else props}
    if limit:
        answer["limit"] = limit
    return answer


def suggest_property(prefix: str) -> dict:
    """The properties a query may give and those an extension may pull (OpenRefine asks the
    same service in both dialogues), those containing `prefix`."""
    words = prefix.strip().casefold()
    names = {**QUERY_PROPERTY_NAMES, **{pid: spec[0] for pid, spec in PROPERTIES.items()}}
    return {"result": [{"id": pid, "name": name} for pid, name in names.items()
                       if words in pid or words in name.casefold()]}


def _read(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The ids and the (property, readings setting) pairs of an `extend` parameter."""
    request = load_json(text, "extend")
    if not isinstance(request, dict):
        raise ProtocolError("extend: must be a JSON object {\"ids\": [...], \"properties\": [{\"id\": ...}]}")
    ids, props = request.get("ids"), request.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ProtocolError("extend.ids: must be a list of person ids (strings)")
    if not isinstance(props, list) or not all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in props):
        raise ProtocolError("extend.properties: must be a list of objects with an \"id\" (a string)")
    if len(ids) > MAX_IDS or len(props) > MAX_PROPERTIES:
        raise ProtocolError(f"extend: at most {MAX_IDS} ids and {MAX_PROPERTIES} properties per request")
    wanted = []
    for p in props:
        if p["id"] not in PROPERTIES:
            raise ProtocolError(f"extend.properties: unknown property {p['id'][:50]!r}; known: {', '.join(PROPERTIES)}")
        settings = p.get("settings") or {}
        readings = settings.get("readings", "consensus") if isinstance(settings, dict) else None
        if readings not in ("consensus", "all"):
            raise ProtocolError(f"extend.properties[{p['id']!r}].settings.readings: must be 'consensus' or 'all'")
        wanted.append((p["id"], readings))
    return list(dict.fromkeys(ids)), wanted


def _clusters(entry: dict | None, readings: str) -> list[dict]:
    """The readings of a birth or death shown: the consensus value's, or every reading when
    the sources are undecided or all are asked for."""
    if not entry:
        return []
    shown = [c for c in entry["clusters"] if c["status"] != "also"]
    if readings == "all" or entry["value"] is None:
        return shown
    return [c for c in shown if c["status"] == "consensus"][:1]


def extend(store, text: str, base: str) -> dict:
    """The answer to an `extend` parameter: {"meta": [{id, name}], "rows": {person: {property: [value]}}}.
    An id the knowledge base does not know gets empty cells."""
    ids, wanted = _read(text)
    persons = queries.persons_by_id(store, ids)
    life = views.life_consensus(store, [i for i in ids if i in persons])
    docs = sorted({f["document"] for _, facts in life.values() for f in facts.values()})
    urls = {s["id"]: s["url"] for s in exporting.sources(store, docs)}
    rows = {}
    for pid in ids:
        entries, facts = life.get(pid, ({}, {}))
        cells = {}
        for prop, readings in wanted:
            _, event, part = PROPERTIES[prop]
            if part == "aliases":
                name = persons[pid]["name"] if pid in persons else None
                cells[prop] = [{"str": a} for a in persons.get(pid, {}).get("aliases", []) if a != name]
                continue
            clusters = _clusters(entries.get(event), readings)
            if part in ("date", "place"):
                values = dict.fromkeys(c["value"].get(part) for c in clusters if c["value"].get(part))
                cells[prop] = [{"str": v} for v in values]
                continue
            cited = [facts[fid] for c in clusters for fid in c["factoids"] if fid in facts]
            if part == "page":
                cells[prop] = [{"str": f"{base}/documents/{quote(f['document'], safe='')}#f-{quote(f['id'], safe='')}"}
                               for f in cited]
            elif part == "url":
                cells[prop] = [{"str": u} for u in dict.fromkeys(urls.get(f["document"]) for f in cited) if u]
            else:
                cells[prop] = [{"str": f["quote"]} for f in cited]
        rows[pid] = cells
    meta = [{"id": prop, "name": PROPERTIES[prop][0]} for prop, _ in wanted]
    return {"meta": meta, "rows": rows}


def preview(store, person_id: str, base: str) -> str | None:
    """A small HTML page about one person for OpenRefine's preview pane (None: no such
    person). Everything shown is escaped: names and places come from documents."""
    person = queries.persons_by_id(store, [person_id]).get(person_id)
    if person is None:
        return None
    entries, _ = views.life_consensus(store, [person_id])[person_id]
    lines = []
    for event, label in (("birth", "Born"), ("death", "Died")):
        readings = _clusters(entries.get(event), "consensus")
        if readings:
            text = " or ".join(c["value"]["text"] for c in readings)
            lines.append(f"<p><b>{label}:</b> {escape(text)}</p>")
    others = [a for a in person["aliases"] if a != person["name"]]
    if others:
        lines.append(f"<p><b>Also:</b> {escape('; '.join(others[:8]))}</p>")
    link = f"{base}/people/{quote(person_id, safe='')}"
    return ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + str(escape(person["name"]))
            + "</title></head><body>"
            + f"<h3><a href=\"{escape(link)}\" target=\"_blank\" rel=\"noopener\">{escape(person['name'])}</a></h3>"
            + "".join(lines) + "</body></html>")
