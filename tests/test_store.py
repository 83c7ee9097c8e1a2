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
        assert applied(store.conn) == [name for name, _ in MIGRATIONS]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_write_document_replaces_and_searches(tmp_path):
    with Store(tmp_path / "kb.db") as store:
        store.write_document(_doc())
        store.write_document(_doc())  # again: replaced, not duplicated
        assert store.has_document("d1")
        assert queries.counts(store.conn)["factoids"] == 1
        hits = queries.search(store.conn, "Kazan")
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
        assert queries.counts(store.conn)["factoids"] == 1


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
        rows = list(queries.export_rows(store.conn))
    person, fact = rows
    assert person == {"type": "person", "id": "p1", "name": "Anna Petrova", "aliases": ["Anna Petrova"]}
    assert fact["person"] == "p1" and fact["date"] == "1900-05-01" and fact["place"] == "Kazan"
    assert fact["source"] == "d1.txt" and fact["span"] == [0, len(_doc().raw)]
