"""The web pages: what each shows, the highlighting of spans, the drawings, and that no
document text, name or quote ever becomes live markup."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from web_data import build_small_db, ingest_tiny

from factoid.api import create_app
from factoid.web.drawing import network, timeline
from factoid.web.highlight import highlight


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(build_small_db(tmp_path_factory.mktemp("web") / "small.db"))) as c:
        yield c


class Page(HTMLParser):
    """Every element with its attributes, the text inside each element with an id, and the
    inline script bodies: enough to check a page as a browser would build it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_of: dict[str, str] = {}    # by element id
        self.fact_text: dict[str, str] = {}  # by data-f: every piece of a cut span
        self.script_bodies: list[str] = []
        self.plain = ""  # all text outside the pills that name a factoid's property
        self._open: list[tuple[str, str | None, str | None, bool]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag not in ("meta", "link", "input", "br", "img"):
            self._open.append((tag, attrs.get("id"), attrs.get("data-f"),
                               "pill" in (attrs.get("class") or "").split()))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._open and self._open[-1][0] == "script" and data.strip():
            self.script_bodies.append(data)
        if any(pill for *_, pill in self._open):
            return
        self.plain += data
        for _, element_id, fact, _ in self._open:
            if element_id:
                self.text_of[element_id] = self.text_of.get(element_id, "") + data
            if fact:
                self.fact_text[fact] = self.fact_text.get(fact, "") + data

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def assert_inert(html: str) -> None:
    """No script but our one file, no event handler, no javascript: link, no markup from data."""
    page = Page(html)
    scripts = [a for t, a in page.elements if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}] and not page.script_bodies
    for tag, attrs in page.elements:
        assert tag not in ("img", "iframe", "object", "embed"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if value and name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not "".join(value.split()).lower().startswith("javascript:"), (tag, value)


def test_people_page_lists_persons_with_life_dates_and_counts(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = Page(response.text)
    assert [a["href"] for a in page.find("a", **{"class": "person-link"})] == ["/people/p1", "/people/p2", "/people/p3"]
    assert "1900-05-01" in response.text and "1950-06-03" in response.text
    assert "Анна Петрова" in response.text  # other names shown under the preferred one


def test_people_page_searches_and_filters(client):
    found = Page(client.get("/", params={"q": "sidorov"}).text).find("a", **{"class": "person-link"})
    assert [a["href"] for a in found] == ["/people/p2"]
    filtered = Page(client.get("/", params={"property": "spouse", "from": "", "to": ""}).text)
    assert [a["href"] for a in filtered.find("a", **{"class": "person-link"})] == ["/people/p1"]
    bad = client.get("/", params={"from": "soon"})
    assert bad.status_code == 422 and "is not a date" in bad.text


def test_a_dated_list_past_the_cap_says_so(client, monkeypatch):
    import factoid.store.people as people
    wide = {"from": "1800", "to": "2000"}
    assert "More than" not in client.get("/", params=wide).text
    monkeypatch.setattr(people, "CAP", 2)
    # another address: the page cache keeps the first answer while the database is unchanged
    wide = {**wide, "page": "1"}
    page = client.get("/", params=wide)
    assert "More than 2 persons" in page.text
    assert len(Page(page.text).find("a", **{"class": "person-link"})) == 2
    api = client.get("/api/people", params=wide).json()
    assert api["total"] == 2 and api["capped"] is True


def test_person_page_shows_names_timeline_facts_conflicts_and_relations(client):
    html = client.get("/people/p1").text
    page = Page(html)
    assert "Анна Петрова" in html and "A. Petrova" in html
    # the timeline: the birth is disputed, so its events are marked; a bare year is a bar
    events = page.find("a", **{"class": "event disputed"})
    assert {a["href"] for a in events} == {"#fact-fa1", "#fact-fb1", "#fact-fc3"}
    assert page.find("rect") and page.find("circle")
    # each fact links to its span in the source
    assert page.find("a", href="/documents/d1#f-fa1") and page.find("a", href="/documents/d2#f-fb1")
    assert "consensus" in html and "disputed" in html
    assert "The sources disagree on the date of birth" in html
    # relations: a network drawing whose node links to the other person
    assert page.find("a", href="/people/p2", **{"class": "node kin"})


def test_document_page_marks_every_span_with_its_factoid_anchor(client):
    html = client.get("/documents/d1").text
    page = Page(html)
    assert page.text_of["f-fa1"] == "Anna Petrova (Анна Петрова) was born on 1 May 1900 in Kazan"
    assert page.text_of["f-fa4"] == "She died in 1950"
    assert [a["title"] for a in page.find("span", **{"class": "role role-place"})] == ["place"]
    gloss = [a for a in page.find("span", **{"class": "region region-gloss"}) if "title" in a]
    assert gloss and "Kazan" in gloss[0]["title"]
    assert page.find("span", **{"class": "region region-lost"})
    assert page.find("a", href="/people/p1#fact-fa1", **{"class": "pill"})
    assert "language en" in html  # the language decided at ingest is shown with the source


def test_conflicts_page_filters_by_kind(client):
    everything = client.get("/conflicts").text
    assert "The sources disagree on the date of birth" in everything and "chronology" in everything
    only = client.get("/conflicts", params={"kind": "value"}).text
    assert "The sources disagree" in only and "Impossible" not in only


def test_search_page_and_its_bad_query(client):
    assert "/documents/d1" in client.get("/search", params={"q": "Volga"}).text
    bad = client.get("/search", params={"q": '"open'})
    assert bad.status_code == 422 and "not a valid full-text query" in bad.text


def test_unknown_pages_are_html_404s(client):
    for path in ("/people/nobody", "/documents/nothing", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404 and "<h1>Not found</h1>" in response.text


def _every_page(client) -> list[str]:
    paths = ["/", "/?q=%3Cscript%3E", "/conflicts", "/search?q=alert", "/search?q=script",
             "/people/%3Cscript%3E", "/nowhere/%3Cimg%20src=x%20onerror=alert(1)%3E"]
    for person in client.get("/api/people").json()["items"]:
        paths.append(f"/people/{person['id']}")
        for fact in client.get("/api/factoids", params={"person": person["id"]}).json()["items"]:
            paths.append(f"/documents/{fact['document']}")
    return sorted(set(paths))


def test_hostile_text_never_becomes_live_markup(client):
    for path in _every_page(client):
        assert_inert(client.get(path).text)
    # it is shown, as text
    html = client.get("/documents/d4").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "javascript:alert(1)" in html
    assert Page(html).text_of["f-fd1"].startswith("Mallory was born in 1910 in <script>alert(1)</script>")


def test_hostile_text_ingested_by_the_pipeline_stays_inert(tmp_path_factory):
    with TestClient(create_app(ingest_tiny(tmp_path_factory.mktemp("tiny-web")))) as client:
        paths = _every_page(client)
        assert any(p.startswith("/documents/") for p in paths)
        for path in paths:
            assert_inert(client.get(path).text)


# -- the pieces, directly ------------------------------------------------------------------------

def _doc(text, facts=(), regions=()):
    return {"text": text, "factoids": list(facts), "regions": list(regions)}


def _fact(fid, start, end, evidence=()):
    return {"id": fid, "property": "birth", "person": "p1", "person_name": "P", "span": [start, end],
            "evidence": [{"role": r, "start": s, "end": e} for r, s, e in evidence]}


def test_highlight_nests_crossing_spans_and_keeps_one_anchor_each():
    text = "0123456789"
    html = str(highlight(_doc(text, [_fact("a", 2, 6), _fact("b", 4, 8), _fact("c", 4, 8)],
                              [{"kind": "gloss", "start": 5, "end": 9, "label": ""}])))
    page = Page(html)
    assert page.fact_text == {"f-a": "2345", "f-b": "4567", "f-c": "4567"}
    assert page.text_of == {"f-a": "2345", "f-b": "45", "f-c": "45"}  # b and c are cut at a's end
    assert html.count('id="f-a"') == html.count('id="f-b"') == 1 and html.count('data-f="f-b"') == 2
    assert page.plain == text  # the document text itself is all there, in order


def test_highlight_escapes_the_text_and_keeps_empty_and_outlying_spans():
    text = "<b>&x</b>"
    html = str(highlight(_doc(text, [_fact("e", 3, 3), _fact("far", 5, 99)])))
    page = Page(html)
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;x" in html
    assert page.plain == text and page.text_of["f-far"] == "</b>"
    assert page.find("mark", id="f-e")  # an empty span still has its anchor


def test_timeline_draws_vague_dates_as_ranges():
    facts = [{"id": "a", "property": "birth", "date": "1900", "source": "s", "disputed": True},
             {"id": "b", "property": "death", "date": "1950-06-03", "source": "s"},
             {"id": "c", "property": "party", "start": "1917", "end": "1920", "source": "s"},
             {"id": "d", "property": "alias", "source": "s"}]
    drawing = timeline(facts, ("birth", "death", "party"))
    events = {e["href"]: e for e in drawing["events"]}
    assert set(events) == {"#fact-a", "#fact-b", "#fact-c"}  # undated facts are not drawn
    year, day, span = events["#fact-a"], events["#fact-b"], events["#fact-c"]
    assert not year["dot"] and year["disputed"] and day["dot"] and not day["disputed"]
    assert span["w"] == pytest.approx(4 * year["w"], rel=0.02)  # 1917-1920 is four years long
    assert [r["label"] for r in drawing["rows"]] == ["birth", "death", "party"]
    assert timeline([facts[3]], ()) is None


def test_network_links_each_related_person_once():
    drawing = network("Anna", [{"person": "p2", "name": "Ivan", "label": "spouse", "kind": "kin"},
                               {"person": "p2", "name": "Ivan", "label": "party: X", "kind": "same body"},
                               {"person": "p/3", "name": "Olga", "label": "sibling", "kind": "kin"}])
    assert [(n["href"], n["relation"]) for n in drawing["nodes"]] == [
        ("/people/p2", "spouse, party: X"), ("/people/p%2F3", "sibling")]
    assert network("Anna", []) is None


def test_templates_read_a_dicts_items_and_methods_as_jinja_does():
    """pages._Templates reads an item first, except under a dict method's name: a document's
    metadata with a key "get" must not hide the method the document page calls."""
    import jinja2
    from factoid.web.pages import templates
    hostile = {"a": 1, "x": "<b>", "get": 3, "keys": 4}
    text = templates.from_string("{{ d.get('a') }}|{{ d.x }}|{{ d.keys is callable }}|{{ d['get'] }}").render(d=hostile)
    assert text == "1|&lt;b&gt;|True|3"
    with pytest.raises(jinja2.UndefinedError):
        templates.from_string("{{ d.missing }}").render(d=hostile)
