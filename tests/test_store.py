"""The store's suite, run against each backend (conftest.store_target: an SQLite file, then a
PostgreSQL database on a throwaway server): the same writes and named reads, the same answers."""
import pytest

from factoid.errors import StoreError
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store, corpus, exporting, queries
from factoid.store.database import decode_offsets, encode_offsets
from factoid.store.migrations import MIGRATIONS, applied
from factoid.store.pg_schema import MIGRATIONS as PG_MIGRATIONS


def _doc(doc_id="d1", text="Anna Petrova was born on 1 May 1900 in Kazan.", name="Anna Petrova", title="Anna"):
    person = Person(f"{doc_id}:0", name, (name,))
    fact = Factoid(person=person.id, property="birth", span=Span(doc_id, 0, len(text)), quote=text,
                   extractor="test@1", confidence=0.9, date=Date("1900-05-01", "1 May 1900"), place="Kazan",
                   id=f"f-{doc_id}")
    return Document(id=doc_id, uri=f"/tmp/{doc_id}.txt", raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    title=title, subject=name, persons=(person,), factoids=(fact,))


def test_migrations_are_recorded_once(store_target):
    with Store(store_target) as store:
        known = [name for name, _ in (MIGRATIONS if store.kind == "sqlite" else PG_MIGRATIONS)]
        assert store.migrated == known
    with Store(store_target) as store:
        assert store.migrated == []
        assert [r[0] for r in store.db.execute("SELECT name FROM migrations ORDER BY name")] == known


def test_sqlite_writes_ahead(tmp_path):
    with Store(tmp_path / "kb.db") as store:
        assert applied(store.db.conn) == [name for name, _ in MIGRATIONS]
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_write_document_replaces_and_searches(store_target):
    with Store(store_target) as store:
        store.write_document(_doc())
        store.write_document(_doc())  # again: replaced, not duplicated
        assert store.has_document("d1")
        assert queries.counts(store)["factoids"] == 1
        hits = queries.search(store, "Kazan")
        assert [h["id"] for h in hits] == ["d1"]


def test_failed_write_leaves_nothing_half_written(store_target):
    with Store(store_target) as store:
        store.write_document(_doc("d1"))
        bad = _doc("d2")
        bad = Document(**{**bad.__dict__, "factoids": bad.factoids + bad.factoids})  # duplicate id: fails
        with pytest.raises(store.db.integrity_errors):
            store.write_document(bad)
        assert not store.has_document("d2")
        assert store.has_document("d1")
        assert queries.counts(store)["factoids"] == 1


def test_readonly_refuses_writes_and_missing_file(store_target, tmp_path):
    Store(store_target).close()
    with Store(store_target, readonly=True) as store:
        with pytest.raises(Exception, match="(?i)read.?only"):
            store.write_document(_doc())
        assert not store.has_document("d1")
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not sqlite " * 100)
    with pytest.raises(StoreError, match="not a factoid database"):
        Store(path)


def test_offsets_round_trip():
    offsets = (0, 1, 2, 10, 11, 11, 40)
    assert list(decode_offsets(encode_offsets(offsets))) == list(offsets)
    assert decode_offsets(None) == ()


def test_export_rows_follow_the_contract(store_target):
    with Store(store_target) as store:
        store.write_document(_doc())
        store.replace_resolution([Person("p1", "Anna Petrova", ("Anna Petrova",))], {"d1:0": "p1"}, [])
        rows = list(queries.export_rows(store))
    person, fact = rows
    assert fact["language"] == "" and fact["family"] == "d1"
    assert person == {"type": "person", "id": "p1", "name": "Anna Petrova", "aliases": ["Anna Petrova"]}
    assert fact["person"] == "p1" and fact["date"] == "1900-05-01" and fact["place"] == "Kazan"
    assert fact["source"] == "d1.txt" and fact["span"] == [0, len(_doc().raw)]


def test_corpus_stages_read_one_person_at_a_time(store_target):
    """Source criticism is fed each resolved person's factoids together, and only theirs;
    conflicts found that way are stored with the resolution, in one transaction."""
    from factoid.model import Conflict
    from factoid.store import corpus

    with Store(store_target) as store:
        for doc_id in ("d1", "d2", "d3"):
            store.write_document(_doc(doc_id))
        persons = [Person("p1", "Anna Petrova", ("Anna Petrova",)), Person("p2", "Anna Petrova", ("Anna Petrova",))]
        assignment = {"d1:0": "p1", "d2:0": "p2", "d3:0": "p1"}
        seen = []

        def judge(facts):
            seen.append(sorted(f["id"] for f in facts))
            person = facts[0]["person"]
            assert {f["person"] for f in facts} == {person}
            return [Conflict(person, ("birth",), "test", tuple(f["id"] for f in facts), "x", f"c-{person}")]

        with store.transaction():  # as pipeline.rebuild drives it: the store never calls the judge
            store.replace_resolution(persons, assignment)
            for _, facts in corpus.factoids_by_person(store):
                store.add_conflicts(judge(facts))
        assert sorted(seen) == [["f-d1", "f-d3"], ["f-d2"]]
        stored = {r["person_id"]: r["factoids"] for r in store.db.execute("SELECT * FROM conflicts")}
        assert stored == {"p1": '["f-d1", "f-d3"]', "p2": '["f-d2"]'}
        # resolution reads only what tells people apart: here, the birth with its place
        lean = corpus.factoids_for_resolution(store)
        assert lean[0] == {"doc_person": "d1:0", "property": "birth", "date": "1900-05-01",
                           "date_julian": None, "place": "Kazan", "object": None}

        def interrupted(facts):
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt), store.transaction():
            store.replace_resolution([Person("p9", "Anna Petrova", ())], {"d1:0": "p9"})
            for _, facts in corpus.factoids_by_person(store):
                store.add_conflicts(interrupted(facts))
        # nothing of the interrupted run was kept
        assert [r[0] for r in store.db.execute("SELECT id FROM persons ORDER BY id")] == ["p1", "p2"]
        assert store.db.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 2


SEARCHED = [("d1", "Grigory Sokol'nikov was exiled to Tver in 1936.", "Sokol'nikov"),
            ("d2", "Григорий Сокольников родился в Ромнах.", "Сокольников"),
            ("d3", "Anna Petrova studied at Kazan University under the Old Style calendar.", "Anna Petrova")]


@pytest.mark.parametrize("query, found", [
    ("Tver", ["d1"]), ("tver exiled", ["d1"]), ("Tver Kazan", []), ("Tver OR Kazan", ["d1", "d3"]),
    ('"Old Style"', ["d3"]), ('"Style Old"', []), ("Univ*", ["d3"]), ("Sokol'nikov", ["d1"]),
    ("sokol nikov", ["d1"]), ("Сокольников", ["d2"]), ("сокольников", ["d2"]), ("Роман* OR Ромн*", ["d2"]),
    ("'", []), ("Tver AND (1936)", ["d1"]), ("x:Tver", []),
])
def test_one_query_syntax_on_both_backends(store_target, query, found):
    """Words, "phrases", prefix*, OR (store/fulltext.py) mean the same to FTS5 and to
    PostgreSQL's tsquery; an apostrophe or a bracket never raises a syntax error."""
    with Store(store_target) as store:
        for doc_id, text, name in SEARCHED:
            store.write_document(_doc(doc_id, text, name, title=""))
        page = queries.search_page(store, query)
        assert sorted(h["id"] for h in page["items"]) == found and page["total"] == len(found)
        for hit in page["items"]:
            assert queries.SNIPPET_OPEN in hit["snippet"] and hit["source"] == f"{hit['id']}.txt"


def test_a_search_past_the_ranked_cap_ranks_the_newest(store_target, monkeypatch):
    """Ranking reads every match it orders, so past fulltext.RANKED matches only the newest
    RANKED are counted, ranked and paged through, and the page says `capped`."""
    from factoid.store import fulltext
    monkeypatch.setattr(fulltext, "RANKED", 2)
    with Store(store_target) as store:
        for n in range(4):
            store.write_document(_doc(f"k{n}", f"Kazan was visited in {1900 + n}.", f"Person {n}", title=""))
        store.write_document(_doc("t1", "Tver only.", "Someone", title=""))
        page = queries.search_page(store, "Kazan")
        assert page["capped"] is True and page["total"] == 2
        assert sorted(h["id"] for h in page["items"]) == ["k2", "k3"]
        assert queries.search_page(store, "Kazan", limit=1, offset=1)["items"][0]["id"] in ("k2", "k3")
        assert queries.search_page(store, "Tver") | {"items": []} == {"items": [], "total": 1, "capped": False}


def _member(doc_id: str, name: str, start: str, end: str) -> Document:
    text = f"{name} was in the Tver Circle from {start} to {end}."
    person = Person(f"{doc_id}:0", name, (name,))
    fact = Factoid(person=person.id, property="party", span=Span(doc_id, 0, len(text)), quote=text, extractor="test@1",
                   confidence=0.9, start=Date(start), end=Date(end), object="Tver Circle", id=f"f-{doc_id}")
    return Document(id=doc_id, uri=f"/tmp/{doc_id}.txt", raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    title="", subject=name, persons=(person,), factoids=(fact,))


def test_same_body_relations_are_those_overlapping_latest_joined_first(store_target, monkeypatch):
    """A person page reads a bounded part of a body's members (queries._body_members): those who
    joined during the membership, latest first, then earlier ones still members at its start,
    among the BODY_SCAN who joined last before it; never one whose time does not overlap."""
    spans = {"me": ("1910", "1915"), "a": ("1912", "1920"), "b": ("1911", "1913"), "c": ("1900", "1911"),
             "d": ("1900", "1905"), "e": ("1916", "1930"), "f": ("1905", "1912")}
    with Store(store_target) as store:
        for key, (start, end) in spans.items():
            store.write_document(_member(key, f"Member {key.upper()}", start, end))
        store.replace_resolution([Person(f"p-{k}", f"Member {k.upper()}", ()) for k in spans],
                                 {f"{k}:0": f"p-{k}" for k in spans})

        def related(limit=40):
            return [r["person"] for r in queries.relations(store, "p-me", limit)
                    if r["label"] == "party: Tver Circle" and r["kind"] == "same body"]
        assert sorted(related()) == ["p-a", "p-b", "p-c", "p-f"]
        assert related(limit=2) == ["p-a", "p-b"]  # joined during the membership, latest first
        monkeypatch.setattr(queries, "BODY_SCAN", 1)  # of the earlier ones, only the last to join is read
        assert sorted(related()) == ["p-a", "p-b", "p-f"]


def test_change_token_moves_with_every_commit_by_another(store_target):
    """What the server's page cache is kept by: the same while nothing is written, another
    after any write committed by another connection."""
    Store(store_target).close()
    with Store(store_target, readonly=True) as reader, Store(store_target) as writer:
        before = reader.change_token()
        assert reader.change_token() == before
        queries.counts(reader)
        assert reader.change_token() == before
        writer.write_document(_doc("d9"))
        after = reader.change_token()
        assert after != before and reader.change_token() == after


@pytest.mark.parametrize("query", ['"unclosed', "OR Tver", "Tver OR", "Tver OR OR Kazan"])
def test_a_malformed_query_says_why(store_target, query):
    with Store(store_target) as store:
        with pytest.raises(ValueError, match="not a valid full-text query"):
            queries.search_page(store, query)


def test_names_are_found_across_scripts_and_case(store_target):
    """The name filter looks inside persons.keys (case folded, Cyrillic transliterated), so a
    Latin needle finds a Cyrillic-only person and the reverse, on both backends."""
    with Store(store_target) as store:
        for doc_id, text, name in SEARCHED:
            store.write_document(_doc(doc_id, text, name))
        store.replace_resolution([Person("p1", "Сокольников", ("Сокольников",)),
                                  Person("p2", "Anna Petrova", ("Anna Petrova", "Anna_100%"))],
                                 {"d2:0": "p1", "d3:0": "p2"})
        names = lambda q: [p["name"] for p in queries.people_page(store, q=q)["items"]]  # noqa: E731
        assert names("sokolnikov") == ["Сокольников"] and names("СОКОЛЬ") == ["Сокольников"]
        assert names("petrova") == ["Anna Petrova"] and names("Петрова") == ["Anna Petrova"]
        assert names("n_a") == [] and names("100%") == ["Anna Petrova"]  # LIKE's wildcards are plain
        assert [p["id"] for p in queries.people_page(store)["items"]] == ["p2", "p1"]
        assert queries.people_page(store, date_from="1899", date_to="1900")["total"] == 2
        assert queries.people_page(store, prop="death")["total"] == 0
        assert exporting.person_ids(store, "petrov") == ["p2"]
        assert [p["id"] for p in exporting.persons(store, ["p1", "nobody"])] == ["p1"]


def test_decisions_corrections_and_undo(store_target):
    with Store(store_target) as store:
        store.write_document(_doc())
        first = store.add_decision("merge", [("d1", "Anna Petrova")], [("d2", "Anna")], "same")
        second = store.add_correction("reject", factoid="f-d1", reason="misread")
        third = store.dismiss("d1:0", "d2:0")
        assert store.resolution_stale()
        assert [d["id"] for d in queries.decisions(store)] == [first]
        assert queries.corrections(store)[0]["reason"] == "misread" and queries.dismissals(store)[0]["id"] == third
        assert store.remove_decision("corrections", second) and not store.remove_decision("corrections", second)
        assert queries.corrections(store) == []
        store.replace_resolution([], {})
        assert not store.resolution_stale()
