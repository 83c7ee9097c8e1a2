"""The server's page cache (web/cache.py): a repeated GET is answered without running its
route while the database is unchanged, and a write by anyone else is seen at once; on both
backends (store_target). Cookies (an editing session), errors and the reconciliation service
are never kept."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_data import build_small_db

from factoid import views
from factoid.api import create_app
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store
from factoid.web import cache


def _doc(doc_id: str, word: str) -> Document:
    text = f"Olga {word} was born in 1905 in Tver."
    person = Person(f"{doc_id}:0", f"Olga {word}", (f"Olga {word}",))
    fact = Factoid(person=person.id, property="birth", span=Span(doc_id, 0, len(text)), quote=text,
                   extractor="test@1", confidence=0.9, date=Date("1905"), place="Tver", id=f"f-{doc_id}")
    return Document(id=doc_id, uri=f"/tmp/{doc_id}.txt", raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    title=word, subject=person.name, persons=(person,), factoids=(fact,))


@pytest.fixture
def counted(monkeypatch):
    """How many times the people list's route really ran."""
    calls = []
    real = views.people_page

    def people_page(*args, **kwargs):
        calls.append(args[1:])
        return real(*args, **kwargs)
    monkeypatch.setattr(views, "people_page", people_page)
    return calls


def test_a_repeated_page_is_kept_until_someone_writes(store_target, tmp_path, counted):
    if store_target.endswith(".db"):
        build_small_db(tmp_path / "kb.db")
    else:
        with Store(store_target) as store:
            store.write_document(_doc("d0", "Lebedeva"))
    with TestClient(create_app(store_target)) as client:
        first = client.get("/api/people")
        again = client.get("/api/people")
        assert again.status_code == 200 and again.content == first.content and len(counted) == 1
        assert again.headers["x-frame-options"] == "DENY"  # the guard's headers on a kept answer too
        html = client.get("/", params={"page": 1})
        assert client.get("/", params={"page": 1}).text == html.text and len(counted) == 2
        assert client.get("/api/search", params={"q": "Zhukovskaya"}).json()["total"] == 0

        with Store(store_target) as writer:  # another connection, as an ingest in another process
            writer.write_document(_doc("d9", "Zhukovskaya"))
        assert client.get("/api/search", params={"q": "Zhukovskaya"}).json()["total"] == 1
        client.get("/api/people")
        assert len(counted) == 3  # asked again after the write: computed anew


def test_cookies_errors_and_the_reconciliation_service_are_not_kept(tmp_path, counted):
    db = build_small_db(tmp_path / "kb.db")
    with TestClient(create_app(db)) as client:
        client.get("/api/people")
        client.get("/api/people", headers={"cookie": "factoid_edit=x"})
        assert len(counted) == 2
        assert client.get("/people/nobody").status_code == 404
        assert client.get("/api/people", params={"limit": 0}).status_code == 422
        client.get("/api/people", params={"limit": 0})
        assert len(counted) == 2  # refused before the route, twice: nothing kept
        # the service's manifest names the host it was asked at
        assert "one.example" in client.get("/reconcile", headers={"host": "one.example"}).text
        assert "two.example" in client.get("/reconcile", headers={"host": "two.example"}).text


def test_memory_is_bounded_least_recent_dropped_first():
    kept = cache.PageCache(app=None, token=lambda: "t", total=100)
    start = {"type": "http.response.start", "status": 200, "headers": []}
    for n in range(5):
        kept._keep((f"/{n}", b""), "t", start, b"x" * 40)
    assert kept.size <= 100 and list(kept.entries) == [("/3", b""), ("/4", b"")]


def test_no_cache_when_asked(tmp_path, counted):
    with TestClient(create_app(build_small_db(tmp_path / "kb.db"), cache_bytes=0)) as client:
        client.get("/api/people")
        client.get("/api/people")
        assert len(counted) == 2
