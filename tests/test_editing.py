"""Editing in the web UI (`factoid serve --edit`): off by default; a browser signs in with the
token the server printed; every form needs the CSRF token; each correction survives re-ingest."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_data import ingest_texts

from factoid import ingest, open_store, views
from factoid.api import create_app
from factoid.cli import main

DOCS = {  # invented
    "a.txt": "Nikita Petrovich Varlamov (1871 – 1931) was a Russian printer. He died in Pskov in 1931.",
    "b.txt": "Nikita Varlamov, the printer from Pskov, was born in 1871. Varlamov died in 1932 in Pskov.",
    "c.txt": "Ivar Lund wrote three books about fishing in the fjords. Lund lived in Bergen.",
    "d.txt": "Ivar Lund (born 1861) was a Norwegian zoologist. Lund studied in Christiania.",
    "e.txt": "Olav Ivar Lund (born 1817) was a Norwegian lawyer. Lund practised in Bergen.",
}
TOKEN = "a-token-for-tests"


@pytest.fixture()
def kb(tmp_path):
    return tmp_path, ingest_texts(tmp_path, DOCS)


def varlamov(db):
    with open_store(db, readonly=True) as store:
        person, = [p for p in views.people(store) if p["name"].endswith("Varlamov")]
        return views.person_detail(store, person["id"])


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def test_without_the_token_nothing_changes(kb):
    _, db = kb
    fact = next(f for f in varlamov(db)["factoids"] if f["property"] == "death" and f["date"] == "1932")
    with TestClient(create_app(db, edit_token=TOKEN), follow_redirects=False) as client:
        assert client.get("/edit", params={"token": "wrong"}).status_code == 403
        page = client.get(f"/people/{varlamov(db)['id']}").text
        assert "/edit/factoid/" not in page  # no forms before signing in
        refused = client.post(f"/edit/factoid/{fact['id']}", data={"action": "reject", "csrf": "0" * 64})
        assert refused.status_code == 403
        client.get("/edit", params={"token": TOKEN})
        assert client.post(f"/edit/factoid/{fact['id']}", data={"action": "reject", "csrf": "f00"}).status_code == 403
    with TestClient(create_app(db)) as readonly:  # without --edit there is no editing at all
        assert readonly.post(f"/edit/factoid/{fact['id']}", data={"action": "reject"}).status_code in (404, 405)
        assert readonly.get("/edit", params={"token": TOKEN}).status_code == 404
    assert all("rejected" not in f for f in varlamov(db)["factoids"])


def test_a_correction_from_the_page_sticks_through_reingest(kb):
    folder, db = kb
    person = varlamov(db)
    fact = next(f for f in person["factoids"] if f["property"] == "death" and f["date"] == "1932")
    with TestClient(create_app(db, edit_token=TOKEN), follow_redirects=False) as client:
        signed = client.get("/edit", params={"token": TOKEN})
        assert signed.status_code == 303 and "httponly" in signed.headers["set-cookie"].lower()
        page = client.get(f"/people/{person['id']}").text
        done = client.post(f"/edit/factoid/{fact['id']}", data={
            "action": "reject", "reason": "a misprint", "csrf": csrf_of(page), "back": f"/people/{person['id']}"})
        assert done.status_code == 303 and done.headers["location"] == f"/people/{person['id']}"
        after = client.get(f"/people/{person['id']}").text
        assert "Rejected by a user" in after and "a misprint" in after
        renamed = client.post(f"/edit/person/{person['id']}", data={"action": "rename", "name": "N. P. Varlamov",
                                                                     "csrf": csrf_of(page)})
        assert renamed.status_code == 303
        # the review queue: a bare "Ivar Lund" between two dated namesakes; dismiss the first pair
        queue = client.get("/review").text
        assert "Ivar Lund" in queue and 'value="dismiss"' in queue
        assert client.post("/edit/review", data={"action": "dismiss", "rank": "1", "csrf": csrf_of(queue)}
                           ).status_code == 303
    with open_store(db) as store:
        ingest([folder / n for n in DOCS], store, force=True)
    again = varlamov(db)
    assert again["name"] == "N. P. Varlamov" and again["death"] == "1931"
    assert next(f for f in again["factoids"] if f["id"] == fact["id"])["rejected"] == "a misprint"
    listed = CliRunner().invoke(main, ["decisions", "--db", str(db)]).output
    assert "reject factoid" in listed and "rename person" in listed and "dismiss Ivar Lund" in listed


def test_edit_serves_loopback_only(kb):
    _, db = kb
    out = CliRunner().invoke(main, ["serve", "--edit", "--host", "0.0.0.0", "--db", str(db)])
    assert out.exit_code != 0 and "loopback" in out.output and "Traceback" not in out.output
