"""A reconciliation service over the knowledge base: the W3C Reconciliation Service API,
protocol 0.2, the one OpenRefine speaks. A historian with a spreadsheet of names asks which
person of the knowledge base each row means, then pulls life dates, other names and each
value's source and quote into new columns.

This module reads the protocol's requests (JSON texts, as they arrive in the `queries` and
`extend` parameters), finds and scores candidates (scoring.py), and builds the answers as
plain dicts; `api.py` only maps HTTP onto it. Every bad request is a `ProtocolError` with one
line that says what was wrong. Costs are bounded: so many queries per request, so many
candidates per query, so many ids per extension."""
from __future__ import annotations

import heapq
import json
import re
import threading

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from .. import views
from ..resolve.names import parse
from ..store import queries
from . import scoring
from .scoring import Life, Row

TYPE = {"id": "person", "name": "Person"}
MAX_QUERIES = 50        # per request (OpenRefine sends 10 at a time)
MAX_LIMIT = 25          # candidates per query
DEFAULT_LIMIT = 5
MAX_CANDIDATES = 100    # persons scored per query, the ones sharing most name keys
MAX_KEY_SPELLINGS = 20  # keys of the knowledge base taken as spellings of one key of the query
COMMON_KEY = 2000       # persons: a key of the query this common only ranks what rarer keys found
MAX_TEXT = 300          # characters of a name or a property value

# the properties a query may give, by the ids a user picks in OpenRefine ("v" is the cell)
QUERY_PROPERTIES = {"birth_year": "birth", "birth": "birth", "death_year": "death", "death": "death",
                    "place": "place", "birth_place": "place", "death_place": "place",
                    "name": "name", "other_name": "name", "alias": "name", "aliases": "name"}
# the ones OpenRefine's property box suggests for a query (suggest/property adds the extension's)
QUERY_PROPERTY_NAMES = {"birth_year": "Birth year", "death_year": "Death year",
                        "place": "Place of birth or death", "name": "Another name"}
_YEAR = re.compile(r"(?<!\d)(-?\d{3,4})(?!\d)")


class ProtocolError(ValueError):
    """A request the protocol does not allow, said in one line (the API answers 400)."""


def manifest(base: str) -> dict:
    """The service manifest, its addresses under `base` (scheme, host and any root path)."""
    service = {"service_url": base}
    from .extend import PROPERTY_SETTINGS
    return {
        "versions": ["0.2"],
        "name": "factoid knowledge base",
        "identifierSpace": f"{base}/people/",
        "schemaSpace": f"{base}/reconcile/properties/",
        "defaultTypes": [TYPE],
        "view": {"url": f"{base}/people/{{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": 420, "height": 180},
        "suggest": {"entity": {**service, "service_path": "/reconcile/suggest/entity"},
                    "property": {**service, "service_path": "/reconcile/suggest/property"},
                    "type": {**service, "service_path": "/reconcile/suggest/type"}},
        "extend": {"propose_properties": {**service, "service_path": "/reconcile/propose_properties"},
                   "property_settings": PROPERTY_SETTINGS},
    }


def load_json(text: str, what: str) -> object:
    try:
        value = json.loads(text)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # a lone surrogate ("\ud800") could not be answered
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ProtocolError(f"{what}: not JSON ({exc.__class__.__name__}: {exc})") from None
    except UnicodeEncodeError:
        raise ProtocolError(f"{what}: a string holds a lone surrogate escape, which is not Unicode text") from None
    return value


def _strings(value, where: str) -> list[str]:
    """A property's value as the protocol allows it (a string, a number, {"id": ...} or a
    list of these), as strings."""
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values[:10]:
        if isinstance(v, dict):
            v = v.get("id", v.get("name"))
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise ProtocolError(f"{where}: a value must be a string, a number or {{\"id\": ...}}")
        out.append(str(v)[:MAX_TEXT])
    return [v for v in (s.strip() for s in out) if v]


def read_query(key: str, query) -> tuple[Row, int, list[str]]:
    """(the row, its limit, its types) of one query; a ProtocolError names what is wrong."""
    if not isinstance(query, dict):
        raise ProtocolError(f"queries[{key!r}]: each query must be a JSON object")
    name = query.get("query", "")
    if not isinstance(name, str):
        raise ProtocolError(f"queries[{key!r}].query: must be a string")
    limit = query.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ProtocolError(f"queries[{key!r}].limit: must be a positive whole number")
    types = query.get("type", [])
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise ProtocolError(f"queries[{key!r}].type: must be a type id or a list of them")
    row = Row(name.strip()[:MAX_TEXT])
    properties = query.get("properties", [])
    if not isinstance(properties, list):
        raise ProtocolError(f"queries[{key!r}].properties: must be a list of {{\"pid\", \"v\"}}")
    for i, prop in enumerate(properties[:20]):
        where = f"queries[{key!r}].properties[{i}]"
        if not isinstance(prop, dict) or not isinstance(prop.get("pid"), str) or "v" not in prop:
            raise ProtocolError(f"{where}: must be an object with \"pid\" (a string) and \"v\"")
        kind = QUERY_PROPERTIES.get(prop["pid"].strip().casefold())
        if kind is None:
            raise ProtocolError(f"{where}.pid: unknown property {prop['pid'][:50]!r}; known: "
                                + ", ".join(QUERY_PROPERTIES))
        values = _strings(prop["v"], where + ".v")
        if kind in ("birth", "death"):
            years = [int(m.group(1)) for v in values for m in _YEAR.finditer(v)]
            (row.birth_years if kind == "birth" else row.death_years).extend(years)
        elif kind == "place":
            row.places.extend(values)
        else:
            row.other_names.extend(values)
    if not row.name and not row.other_names:
        raise ProtocolError(f"queries[{key!r}]: give a name in \"query\" (or a \"name\" property)")
    return row, min(limit, MAX_LIMIT), types


class NameIndex:
    """Every name of every person, by the sound keys of its parts (resolve/names.py): a
    query's keys and their close spellings find the persons worth scoring."""

    def __init__(self, persons: list[dict]):
        self.names = {p["id"]: list(dict.fromkeys([p["name"], *p["aliases"]])) for p in persons}
        self.by_key: dict[str, set[str]] = {}
        for pid, names in self.names.items():
            for name in names:
                for key in parse(name).words:
                    self.by_key.setdefault(key, set()).add(pid)
        self.keys = list(self.by_key)

    def candidates(self, texts: list[str]) -> list[str]:
        """The persons sharing most keys (exact or spelled close) with the texts' names, the
        surname counting double. A key many persons share (a common given name) only adds to
        the persons the rarer keys found, so the cost stays near the rare keys' persons."""
        units = []  # per key of the query: (weight, persons) for the key and each close spelling of it
        for text in texts:
            name = parse(text)
            for key in name.words:
                weight = 2.0 if key == name.surname else 1.0
                spellings = process.extract(key, self.keys, scorer=JaroWinkler.similarity,
                                            score_cutoff=scoring.CLOSE, limit=MAX_KEY_SPELLINGS)
                units.append([(weight * similarity, self.by_key[spelling]) for spelling, similarity, _ in spellings])
        units = [u for u in units if u]
        if not units:
            return []
        size = {id(u): sum(len(ids) for _, ids in u) for u in units}
        units.sort(key=lambda u: size[id(u)])
        hits: dict[str, float] = {}
        for i, unit in enumerate(units):
            found: dict[str, float] = {}  # a person's best spelling of this key
            for weight, ids in unit:
                for pid in (ids if i == 0 or size[id(unit)] <= COMMON_KEY else hits.keys() & ids):
                    if weight > found.get(pid, 0.0):
                        found[pid] = weight
            for pid, weight in found.items():
                hits[pid] = hits.get(pid, 0.0) + weight
        return heapq.nsmallest(MAX_CANDIDATES, hits, key=lambda pid: (-hits[pid], pid))


_indexes: dict[tuple[str, str], NameIndex] = {}
_building = threading.Lock()  # one build at a time: requests arriving meanwhile wait and reuse it


def name_index(store) -> NameIndex:
    """The index of the persons' names, built once per set of persons stored (the store's
    version token) and kept for the requests after; built afresh each time for a database
    that keeps no token."""
    version = queries.persons_version(store)
    if not version:
        return NameIndex(list(queries.person_rows(store)))
    key = (str(store.path), version)
    index = _indexes.get(key)
    if index is None:
        with _building:
            index = _indexes.get(key)
            if index is None:
                index = NameIndex(list(queries.person_rows(store)))
                for old in [k for k in _indexes if k[0] == key[0]]:  # only the newest of each database
                    del _indexes[old]
                _indexes[key] = index
    return index


def _years(entry: dict | None) -> list[int]:
    """The years of a birth or death entry's readings, the consensus (best supported) first."""
    years = []
    for cluster in (entry or {}).get("clusters", []):
        date = cluster["value"].get("date") or ""
        m = _YEAR.match(date)
        if m and int(m.group(1)) not in years:
            years.append(int(m.group(1)))
    return years


def _places(*entries: dict | None) -> list[str]:
    return [c["value"]["place"] for e in entries if e for c in e["clusters"] if c["value"].get("place")]


def lives(store, names: dict[str, list[str]], ids: list[str]) -> dict[str, Life]:
    out = {}
    for pid, (entries, _) in views.life_consensus(store, ids).items():
        birth, death = entries.get("birth"), entries.get("death")
        out[pid] = Life(names[pid], _years(birth), _years(death), _places(birth, death))
    return out


def reconcile(store, text: str) -> dict:
    """The answer to a `queries` parameter: {query key: {"result": [candidate, ...]}}."""
    batch = load_json(text, "queries")
    if not isinstance(batch, dict):
        raise ProtocolError("queries: must be a JSON object of queries by key, e.g. {\"q0\": {\"query\": \"Krasin\"}}")
    if len(batch) > MAX_QUERIES:
        raise ProtocolError(f"queries: {len(batch)} queries in one request; at most {MAX_QUERIES}")
    read = {key: read_query(key, query) for key, query in batch.items()}
    index = name_index(store)
    found = {key: ([] if types and TYPE["id"] not in types else index.candidates([row.name, *row.other_names]))
             for key, (row, _, types) in read.items()}
    known = lives(store, index.names, sorted({pid for ids in found.values() for pid in ids}))
    answer = {}
    for key, (row, limit, _) in read.items():
        scored = sorted(((*scoring.score(row, known[pid]), pid) for pid in found[key]),
                        key=lambda s: (-s[0], s[2]))
        match = scoring.is_match([(s, f) for s, f, _ in scored])
        answer[key] = {"result": [
            {"id": pid, "name": index.names[pid][0], "type": [TYPE], "score": s, "match": match and i == 0,
             "features": features, "description": _description(known[pid])}
            for i, (s, features, pid) in enumerate(scored[:limit])]}
    return answer


def _description(life: Life) -> str:
    born = life.birth_years[0] if life.birth_years else "?"
    died = life.death_years[0] if life.death_years else "?"
    return f"{born}–{died}" if life.birth_years or life.death_years else ""


def suggest_entity(store, prefix: str, limit: int = 10) -> dict:
    """Persons any of whose names contain `prefix` (case, accents and script folded), for
    OpenRefine's search box."""
    page = views.people_page(store, prefix.strip()[:MAX_TEXT] or None, limit=max(1, min(limit, MAX_LIMIT)))
    return {"result": [{"id": p["id"], "name": p["name"],
                        "description": f"{p['birth'] or '?'} – {p['death'] or '?'}" if p["birth"] or p["death"] else ""}
                       for p in page["items"]]}


def suggest_type(prefix: str) -> dict:
    hit = not prefix or TYPE["name"].casefold().startswith(prefix.strip().casefold())
    return {"result": [dict(TYPE)] if hit else []}
