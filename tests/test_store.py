import sqlite3

import pytest

from factoid.errors import StoreError
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store, queries
from factoid.store.database import decode_offsets, encode_offsets
from factoid.store.migrations import MIGRATIONS, applied


def _doc(doc_id="d1", text="Anna Petrova was born on 1 May 1900 in Kazan."):
    person = Person(f"{doc_id}:0", "Anna Petrova", ("Anna Petrova",))
    fact = Factoid(person=person.id, property="birth", span=Span(doc_id, 0, len(text)), quote=text,
                   extractor="test@1", confidence=0.9, date=Date("1900-05-01", "1 May 1900"), place="Kazan",
                   id=f"f-{doc_id}")
    return Document(id=doc_id, uri=f"/tmp/{doc_id}.txt", raw=text, clean=text, offsets=tuple(range(len(text) + 1)),
                    title="Anna", subject="Anna Petrova", persons=(person,), factoids=(fact,))


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "kb.db"
    Store(path).close()
    with Store(path) as store:
        assert applied(store.db.conn) == [name for name, _ in MIGRATIONS]
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_write_document_replaces_and_searches(tmp_path):
    with Store(tmp_path / "kb.db") as store:
        store.write_document(_doc())
        store.write_document(_doc())  # again: replaced, not duplicated
        assert store.has_document("d1")
        assert queries.counts(store)["factoids"] == 1
        hits = queries.search(store, "Kazan")
        assert [h["id"] for h in hits] == ["d1"]


def test_failed_write_leaves_nothing_half_written(tmp_path):
    with Store(tmp_path / "kb.db") as store:
        store.write_document(_doc("d1"))
        bad = _doc("d2")
        bad = Document(**{**bad.__dict__, "factoids": bad.factoids + bad.factoids})  # duplicate id: fails
        with pytest.raises(sqlite3.IntegrityError):
            store.write_document(bad)
        assert not store.has_document("d2")
        assert store.has_document("d1")
        assert queries.counts(store)["factoids"] == 1


def test_readonly_refuses_writes_and_missing_file(tmp_path):
    path = tmp_path / "kb.db"
    Store(path).close()
    with Store(path, readonly=True) as store:
        with pytest.raises(sqlite3.OperationalError):
            store.write_document(_doc())
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", readonly=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not sqlite " * 100)
    with pytest.raises(StoreError, match="not a factoid database"):
        Store(path)


def test_offsets_round_trip():
    offsets = (0, 1, 2, 10, 11, 11, 40)
    assert decode_offsets(encode_offsets(offsets)) == offsets
    assert decode_offsets(None) == ()


def test_export_rows_follow_the_contract(tmp_path):
    with Store(tmp_path / "kb.db") as store:
        store.write_document(_doc())
        store.replace_resolution([Person("p1", "Anna Petrova", ("Anna Petrova",))], {"d1:0": "p1"}, [])
        rows = list(queries.export_rows(store))
    person, fact = rows
    assert fact["language"] == "" and fact["family"] == "d1"
    assert person == {"type": "person", "id": "p1", "name": "Anna Petrova", "aliases": ["Anna Petrova"]}
    assert fact["person"] == "p1" and fact["date"] == "1900-05-01" and fact["place"] == "Kazan"
    assert fact["source"] == "d1.txt" and fact["span"] == [0, len(_doc().raw)]


def test_corpus_stages_read_one_person_at_a_time(tmp_path):
    """Source criticism is fed each resolved person's factoids together, and only theirs;
    conflicts found that way are stored with the resolution, in one transaction."""
    from factoid.model import Conflict
    from factoid.store import corpus

    with Store(tmp_path / "kb.db") as store:
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
