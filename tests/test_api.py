"""The REST API through FastAPI's test client, over a small database written directly (no
spaCy), plus one built by the real pipeline; and the guards: read-only, no file system
behind any path, oversized requests refused."""
from __future__ import annotations

import asyncio
import os
import sqlite3

import pytest
from fastapi.testclient import TestClient
from web_data import ANNA, HOSTILE, build_small_db, ingest_tiny

from factoid.api import create_app
from factoid.errors import StoreError


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    return build_small_db(tmp_path_factory.mktemp("api") / "small.db")


@pytest.fixture(scope="module")
def app(small_db):
    return create_app(small_db)


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def test_openapi_describes_every_endpoint(client):
    doc = client.get("/openapi.json").json()
    assert {"/api/people", "/api/people/{person_id}", "/api/documents/{doc_id}", "/api/factoids",
            "/api/conflicts", "/api/search"} <= set(doc["paths"])
    assert not [p for p in doc["paths"] if not p.startswith("/api")]  # pages stay out of the API description
    params = {p["name"] for p in doc["paths"]["/api/people"]["get"]["parameters"]}
    assert params == {"q", "property", "from", "to", "limit", "offset"}


def test_people_are_paged_with_a_total(client):
    everyone = client.get("/api/people").json()
    assert everyone["total"] == 3 and len(everyone["items"]) == 3
    second = client.get("/api/people", params={"limit": 1, "offset": 1}).json()
    assert second["total"] == 3 and ids(second) == ids(everyone)[1:2]
    anna = next(p for p in everyone["items"] if p["id"] == "p1")
    # life dates are the consensus: two documents say 1900, one says 1901
    assert anna["birth"] == "1900-05-01" and anna["death"] == "1950-06-03"
    assert anna["facts"] == 7 and anna["conflicts"] == 1


@pytest.mark.parametrize("q, expected", [("анна", ["p1"]), ("A. PETROVA", ["p1"]), ("sidorov", ["p2"]),
                                         ("mallory", ["p3"]), ("nobody", [])])
def test_people_q_matches_any_name_variant(client, q, expected):
    page = client.get("/api/people", params={"q": q}).json()
    assert ids(page) == expected and page["total"] == len(expected)


@pytest.mark.parametrize("params, expected", [
    ({"property": "spouse"}, ["p1"]),
    ({"property": "party", "from": "1921"}, ["p2"]),          # her membership ended in 1920, his in 1921
    ({"property": "party", "to": "1917-06"}, ["p1"]),         # his began in 1918
    ({"from": "1898", "to": "1898"}, ["p2"]),
    ({"property": "birth", "from": "1901-01-01", "to": "1901-12-31"}, ["p1"]),  # the disputed reading
    ({"property": "execution"}, []),
])
def test_people_filter_by_property_and_date_range(client, params, expected):
    assert ids(client.get("/api/people", params=params).json()) == expected


@pytest.mark.parametrize("params, words", [
    ({"property": "weight"}, "unknown property 'weight'"),
    ({"from": "19xx"}, "from"),
    ({"to": "1900-13"}, "to: '1900-13' is not a date"),
    ({"limit": 0}, "limit"),
    ({"limit": 501}, "limit"),
    ({"offset": -1}, "offset"),
])
def test_bad_filters_are_a_422_that_names_the_parameter(client, params, words):
    response = client.get("/api/people", params=params)
    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_person_has_names_consensus_sources_conflicts_and_relations(client):
    anna = client.get("/api/people/p1").json()
    assert anna["name"] == "Anna Petrova" and "Анна Петрова" in anna["aliases"]
    birth = next(c for c in anna["consensus"] if c["property"] == "birth")
    assert birth["disputed"] and birth["value"]["date"] == "1900-05-01" and birth["support"] == 2
    assert [c["status"] for c in birth["clusters"]] == ["consensus", "disputed"]
    assert birth["clusters"][1]["value"]["date"] == "1901" and birth["clusters"][1]["sources"] == ["petrova-2.txt"]
    death = next(c for c in anna["consensus"] if c["property"] == "death")
    assert not death["disputed"] and death["value"]["date"] == "1950-06-03"  # 1950 contains 3 June 1950
    fact = next(f for f in anna["factoids"] if f["id"] == "fa1")
    assert fact["source"] == "petrova.txt" and fact["document"] == "d1" and fact["disputed"]
    assert ANNA[fact["span"][0]:fact["span"][1]] == fact["quote"]
    assert [c["id"] for c in anna["conflicts"]] == ["c1"]
    assert {(r["person"], r["label"], r["kind"]) for r in anna["relations"]} == {
        ("p2", "spouse", "kin"), ("p2", "party: Bolshevik party", "same body")}


def test_relations_are_seen_from_both_ends(client):
    ivan = client.get("/api/people/p2").json()
    assert ("p1", "spouse") in {(r["person"], r["label"]) for r in ivan["relations"]}


@pytest.mark.parametrize("path, message", [("/api/people/nobody", "no person with id nobody"),
                                           ("/api/documents/nothing", "no document with id nothing"),
                                           ("/api/nowhere", "Nothing here.")])
def test_unknown_ids_are_a_clear_404(client, path, message):
    response = client.get(path)
    assert response.status_code == 404 and response.json() == {"detail": message}


def test_document_has_its_text_and_the_spans_of_everything_extracted(client):
    doc = client.get("/api/documents/d1").json()
    assert doc["text"] == ANNA and doc["source"] == "petrova.txt" and doc["language"] == "en"
    for fact in doc["factoids"]:
        assert doc["text"][fact["span"][0]:fact["span"][1]] == fact["quote"]
    birth = next(f for f in doc["factoids"] if f["id"] == "fa1")
    assert {(e["role"], ANNA[e["start"]:e["end"]]) for e in birth["evidence"]} == {
        ("subject", "Anna Petrova"), ("date", "1 May 1900"), ("place", "Kazan")}
    regions = {r["kind"]: ANNA[r["start"]:r["end"]] for r in doc["regions"]}
    assert regions == {"gloss": "Kazan is a city on the Volga.", "lost": "\ufffd\ufffd"}


def test_factoids_by_person_and_property(client):
    page = client.get("/api/factoids", params={"person": "p1"}).json()
    assert page["total"] == 7 and {f["person"] for f in page["items"]} == {"p1"}
    deaths = client.get("/api/factoids", params={"person": "p1", "property": "death"}).json()
    assert sorted(f["date"] for f in deaths["items"]) == ["1950", "1950-06-03"]
    assert client.get("/api/factoids", params={"limit": 2}).json()["total"] == 10
    assert client.get("/api/factoids", params={"property": "height"}).status_code == 422


def test_conflicts_filter_by_kind(client):
    assert client.get("/api/conflicts").json()["total"] == 2
    value = client.get("/api/conflicts", params={"kind": "value"}).json()
    assert ids(value) == ["c1"] and value["items"][0]["person_name"] == "Anna Petrova"
    assert client.get("/api/conflicts", params={"kind": "nonsense"}).json() == {"items": [], "total": 0}


def test_full_text_search_and_its_bad_queries(client):
    hits = client.get("/api/search", params={"q": "Volga"}).json()
    assert ids(hits) == ["d1"] and hits["total"] == 1
    assert sorted(ids(client.get("/api/search", params={"q": "Bolshevik"}).json())) == ["d1", "d3"]
    # our syntax (store/fulltext.py): a colon or an apostrophe is a word break, never an error
    assert client.get("/api/search", params={"q": "nosuchcolumn:word"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "Volg* OR nosuch"}).json()["total"] == 1
    for bad in ('"unclosed', "AND OR", "Volga OR"):
        response = client.get("/api/search", params={"q": bad})
        assert response.status_code == 422, bad
        assert response.json()["detail"].startswith("q: not a valid full-text query"), bad
    assert client.get("/api/search").status_code == 422  # q is required


def test_the_database_is_opened_read_only(app, client):
    conn = app.state.connections.store().db
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("CREATE TABLE sneaky (x)")
    assert client.get("/api/people").status_code == 200


def test_a_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "absent.db")


def _raw_get(app, path: str, query: bytes = b"") -> tuple[int, bytes]:
    """One request straight into the ASGI app, so the path arrives exactly as written (an
    HTTP client would resolve the dot segments first)."""
    sent = []
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
             "root_path": "", "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1),
             "server": ("testserver", 80)}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/..%2F..%2Fetc%2Fpasswd",
                                  "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..\\..\\etc\\passwd",
                                  "/static//etc/passwd", "/static/app.css/../../../etc/passwd",
                                  "/../../etc/passwd", "/static/__init__.py", "/static/pages.py"])
def test_no_path_reaches_the_file_system(app, client, path):
    status, body = _raw_get(app, path)
    assert status == 404 and b"root:" not in body
    response = client.get(path)
    assert response.status_code == 404 and "root:" not in response.text


def test_static_files_come_from_a_fixed_mapping(client):
    css = client.get("/static/app.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


def test_oversized_requests_are_refused(app, client):
    assert client.get("/api/people", params={"q": "x" * 5000}).status_code == 414
    assert _raw_get(app, "/api/people", b"q=" + b"x" * 5000)[0] == 414
    assert client.get("/people/" + "x" * 3000).status_code == 414
    big = client.post("/api/people", content=b"x" * (2 << 20))
    assert big.status_code == 413 and big.json() == {"detail": "The request body is too large."}
    assert client.post("/api/people").status_code == 405


def test_security_headers_on_every_response(client):
    for path in ("/", "/api/people", "/static/app.css", "/api/people/nobody"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_hostile_text_is_returned_as_data(client):
    doc = client.get("/api/documents/d4").json()
    assert doc["text"] == HOSTILE  # JSON carries it verbatim; the pages escape it


def test_api_over_a_database_built_by_the_pipeline(tmp_path_factory):
    with TestClient(create_app(ingest_tiny(tmp_path_factory.mktemp("tiny")))) as client:
        people = client.get("/api/people", params={"q": "sokolova"}).json()
        assert people["total"] == 1
        vera = client.get(f"/api/people/{people['items'][0]['id']}").json()
        dates = {c["property"]: c["value"]["date"] for c in vera["consensus"]}
        assert dates["birth"] == "1890-03-12" and dates["death"] == "1941-06-05"
        doc = client.get(f"/api/documents/{vera['factoids'][0]['document']}").json()
        for fact in doc["factoids"]:
            assert doc["text"][fact["span"][0]:fact["span"][1]] == fact["quote"]


def test_serve_command_wires_the_app_to_uvicorn(app, monkeypatch, tmp_path):
    import uvicorn
    from click.testing import CliRunner

    from factoid.cli import main

    import gc
    calls = []
    # what is loaded before serving is left out of the cycle collector (api.settle_for_serving)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw, gc.get_freeze_count())))
    db = build_small_db(tmp_path / "serve.db")
    try:
        result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123"])
    finally:
        gc.unfreeze()
    assert result.exit_code == 0, result.output
    served, options, frozen = calls[0]
    assert frozen > 10_000
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert served.state.connections.path == str(db) and "read-only at http://127.0.0.1:8123/" in result.output
    missing = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "absent.db")])
    assert missing.exit_code == 1 and "no such database" in missing.output and not calls[1:]


def test_serve_with_workers_starts_processes_that_build_their_own_app(monkeypatch, tmp_path):
    import socket

    import uvicorn.supervisors
    from click.testing import CliRunner

    from factoid.api import SERVE_CACHE, SERVE_DB, app_from_environment
    from factoid.cli import main

    started = []

    class Supervisor:  # stands in for uvicorn's: records what each process would be given
        def __init__(self, config, sockets):
            started.append((config.app, config.factory, config.workers, [(s.proto, s.getsockname()[0])
                                                                          for s in sockets]))

        def run(self):
            pass

    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Supervisor)
    monkeypatch.setenv(SERVE_DB, "")  # restored after the test
    monkeypatch.setenv(SERVE_CACHE, "")
    db = build_small_db(tmp_path / "serve.db")
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--workers", "2", "--port", "0", "--cache-mb", "1"])
    assert result.exit_code == 0, result.output
    assert os.environ[SERVE_CACHE] == str(1 << 20)  # each process's page cache
    # a TCP listener (uvicorn's own reports protocol 0, and asyncio then leaves Nagle's
    # algorithm on: ~40 ms per keep-alive response)
    assert started == [("factoid.api:app_from_environment", True, 2, [(socket.IPPROTO_TCP, "127.0.0.1")])]
    with TestClient(app_from_environment()) as client:  # what each process builds
        assert client.get("/api/people").json()["total"] == 3
    refused = CliRunner().invoke(main, ["serve", "--db", str(db), "--workers", "2", "--edit"])
    assert refused.exit_code == 1 and "leave out --workers" in refused.output and started[1:] == []
