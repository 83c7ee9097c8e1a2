"""The exports as the server offers them: /api/export/NAME and the pages' download links, on
the knowledge base of test_exports.py, read back with the same independent parsers."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
from fastapi.testclient import TestClient

from factoid.api import create_app
from factoid.exports import FORMATS
from test_exports import _export, _table, kb, parse_qs  # noqa: F401  (kb: the module's fixture)


def test_api_serves_each_format_as_a_download_and_the_pages_link_to_it(kb):
    client = TestClient(create_app(kb.db))
    pavel = kb.person("Pavel Ivanovich Orlov")
    r = client.get("/api/export/csv", params={"person": pavel})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    assert "attachment" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("factoids.csv").decode("utf-8"))))
    assert rows and {row["person"] for row in rows} == {pavel}
    g = nx.parse_graphml(client.get("/api/export/graphml").text)
    assert set(g.nodes) == set(kb.persons)
    qs = client.get("/api/export/quickstatements", params={"person": pavel, "min_confidence": 0.5})
    assert qs.status_code == 200 and sum(1 for c in parse_qs(qs.text) if c.get("create")) == 1
    assert client.get("/api/export/csv", params={"person": "nobody"}).status_code == 404
    assert client.get("/api/export/pdf").status_code == 422
    page = client.get(f"/people/{pavel}").text
    for name in FORMATS:
        assert f'href="/api/export/{name}?person={pavel}"' in page
        assert client.get(f"/api/export/{name}?person={pavel}").status_code == 200
    assert 'href="/api/export/csv"' in client.get("/").text


def test_the_people_lists_filters_choose_the_persons_of_an_export(kb, tmp_path):
    orlovs = {kb.person("Pavel Ivanovich Orlov"), kb.person("Ivan Petrovich Orlov")}
    folder = _export(kb, "csv", tmp_path / "orlovs", "--search", "orlov")
    assert {p["id"] for p in _table(folder, "persons")} == orlovs
    assert {f["person"] for f in _table(folder, "factoids")} == orlovs
    client = TestClient(create_app(kb.db))
    page = client.get("/", params={"q": "Orlov"}).text
    assert 'href="/api/export/gexf?q=Orlov"' in page
    g = nx.parse_graphml(client.get("/api/export/graphml", params={"q": "Orlov"}).text)
    assert set(g.nodes) == orlovs and {d["relation"] for _, _, d in g.edges(data=True)} == {"parent"}
    # a filter that keeps no one exports no one, not everyone
    empty = client.get("/api/export/jsonl", params={"q": "no such name"})
    assert empty.status_code == 200 and '"type": "person"' not in empty.text and '"type": "factoid"' not in empty.text
    born = client.get("/api/export/jsonl", params={"property": "birth", "from": "1875", "to": "1875"}).text
    assert {json.loads(line)["id"] for line in born.splitlines() if '"type": "person"' in line} == \
        {kb.person("Nikolai Andreyevich Lebedev")}
    assert client.get("/api/export/jsonl", params={"property": "haircut"}).status_code == 422
