"""One walk through the pages in headless Chromium: people list -> person -> a fact's source
link -> the source with that span highlighted and in view. Takes screenshots; with
FACTOID_SCREENSHOTS=docs/screenshots it refreshes the ones the README shows. Needs Debian's chromium (`make test` installs it with apt-get);
without it the test is skipped, saying so."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from web_data import build_small_db

from factoid.api import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
SHOTS_ENV = "FACTOID_SCREENSHOTS"  # a folder for the screenshots; by default they go to a temporary one

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=(
    f"no {CHROMIUM}: install Debian's chromium (`make test` does, with apt-get, where apt is available)"))
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A real uvicorn server on a free loopback port, in a thread, for this module."""
    server = _serve(create_app(build_small_db(tmp_path_factory.mktemp("browser") / "small.db")))
    yield server[3]
    _stop(server)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def test_people_to_person_to_highlighted_source(base_url, browser, tmp_path):
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))  # an alert() ran
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith(base_url) else problems.append(f"outside: {r.url}"))
    expect = sync_api.expect

    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    page.screenshot(path=str(shots / "people.png"), full_page=True)

    page.get_by_role("link", name="Anna Petrova").click()
    expect(page).to_have_url(base_url + "/people/p1")
    expect(page.locator(".timeline svg")).to_be_visible()
    expect(page.locator(".timeline a.event.disputed").first).to_be_visible()
    expect(page.locator(".relations a.node")).to_have_count(1)
    page.screenshot(path=str(shots / "person.png"), full_page=True)

    page.locator('a.source[href="/documents/d1#f-fa1"]').click()
    expect(page).to_have_url(base_url + "/documents/d1#f-fa1")
    mark = page.locator("#f-fa1")
    expect(mark).to_have_text("Anna Petrova (Анна Петрова) was born on 1 May 1900 in Kazan")
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class("fact current")  # the script ran (the CSP allows the static file)
    assert page.evaluate("document.querySelector(':target').id") == "f-fa1"
    target_colour = mark.evaluate("el => getComputedStyle(el).backgroundColor")
    other_colour = page.locator("#f-fa4").evaluate("el => getComputedStyle(el).backgroundColor")
    assert target_colour == "rgb(255, 211, 61)" and other_colour != target_colour
    page.screenshot(path=str(shots / "source.png"), full_page=True)

    # the hostile document: shown as text, nothing runs
    page.goto(base_url + "/documents/d4")
    expect(page.locator(".doc-text")).to_contain_text("<script>alert(1)</script>")
    page.goto(base_url + "/people/p3")
    expect(page.get_by_role("heading", name="Mallory")).to_be_visible()

    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone.goto(base_url + "/people/p1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than a phone
    phone.screenshot(path=str(shots / "person-phone.png"), full_page=True)
    phone.close()
    page.close()
    assert problems == []


def _serve(app):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    return server, thread, sock, f"http://127.0.0.1:{sock.getsockname()[1]}"


def _stop(running) -> None:
    server, thread, sock, _ = running
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def test_a_correction_in_the_browser_survives_a_reingest(browser, tmp_path):
    """`serve --edit`: sign in with the printed token, reject a fact on the person page; the
    page shows it struck through, and so it stays after every document is ingested again."""
    from factoid import ingest, open_store
    from web_data import ingest_texts
    docs = {  # invented
        "a.txt": "Nikita Petrovich Varlamov (1871 – 1931) was a Russian printer. He died in Pskov in 1931.",
        "b.txt": "Nikita Varlamov, the printer from Pskov, was born in 1871. Varlamov died in 1932 in Pskov.",
    }
    db = ingest_texts(tmp_path, docs)
    running = _serve(create_app(db, edit_token="browser-token"))
    url = running[3]
    try:
        page = browser.new_page()
        expect = sync_api.expect
        page.goto(url + "/edit?token=browser-token")
        page.get_by_role("link", name="Nikita Petrovich Varlamov").click()
        fact = page.locator("li", has_text="died in 1932").filter(has=page.get_by_role("button", name="Reject")).first
        fact.get_by_placeholder("why (optional)").fill("a misprint")
        fact.get_by_role("button", name="Reject").click()
        expect(page.get_by_role("heading", name="Rejected by a user")).to_be_visible()
        expect(page.locator(".rejected")).to_contain_text("a misprint")
        with open_store(db) as store:
            ingest([tmp_path / n for n in docs], store, force=True)
        page.reload()
        expect(page.locator(".rejected")).to_contain_text("a misprint")
        expect(page.locator(".life")).to_contain_text("1931")
    finally:
        _stop(running)
