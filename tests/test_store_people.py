"""The bounded list reads (store/people.py, queries.factoid_page), on both backends: a date
filter through person_days keeps exactly the persons a scan of the factoids keeps, a capped
page is the first persons by name, a person's stored summary is used only while it is
current, and everyone's factoids page by id."""
import random

import pytest

from factoid.model import Date, Document, Factoid, Person, Span
from factoid.store import Store, queries
from factoid.store.people import OPEN, REACHES, UNDATED, people_filter

# times of every length a reach holds: a day, a month, a year, years, a century, open-ended
TIMES = [{"date": Date("1900-05-01")}, {"date": Date("1900-05")}, {"date": Date("1900")},
         {"date": Date("1890-03-02")}, {"date": Date("189X")}, {"date": Date("18XX")},
         {"start": Date("1880"), "end": Date("1884")}, {"start": Date("1850"), "end": Date("1910")},
         {"start": Date("1700"), "end": Date("1905")}, {"start": Date("1500"), "end": Date("1999")},
         {"start": Date("1920")}, {"end": Date("1871-07")}, {"date": Date("1920/..")}, {"date": Date("../1875")},
         {"start": Date("1904-12-31"), "end": Date("1905-01-01")}, {}]
PROPS = ("birth", "death", "position", "arrest")


def _documents(n_persons: int, rng: random.Random) -> tuple[list[Document], list[Person], dict[str, str]]:
    docs, persons, assignment = [], [], {}
    for n in range(n_persons):
        doc_id, text = f"d{n}", f"Person {n} lived."
        local = Person(f"{doc_id}:0", f"Person {n}", (f"Person {n}",))
        facts = tuple(Factoid(person=local.id, property=rng.choice(PROPS), span=Span(doc_id, 0, len(text)),
                              quote=text, extractor="test@1", confidence=0.9, id=f"f{n}-{k}", **rng.choice(TIMES))
                      for k in range(rng.randrange(0, 4)))
        docs.append(Document(id=doc_id, uri=f"/t/{doc_id}.txt", raw=text, clean=text,
                             offsets=tuple(range(len(text) + 1)), persons=(local,), factoids=facts))
        persons.append(Person(f"p{n}", local.name, local.names))
        assignment[local.id] = f"p{n}"
    return docs, persons, assignment


def _ids(store, clause, args):
    return sorted(r[0] for r in store.db.execute(f"SELECT p.id FROM persons p {clause}", args))


def test_date_filters_through_person_days_keep_what_a_scan_keeps(store_target):
    rng = random.Random(5)
    docs, persons, assignment = _documents(60, rng)
    with Store(store_target) as store:
        for doc in docs:
            store.write_document(doc)
        store.replace_resolution(persons, assignment)
        reaches = {r[0] for r in store.db.execute("SELECT DISTINCT reach FROM person_days")}
        assert reaches <= {*REACHES, OPEN, UNDATED} and len(reaches) >= 7  # the TIMES reach most of them
        ranges = [("1900", "1900"), ("1899-12-31", None), (None, "1850"), ("1905", "1905"), ("1600", "1650"),
                  ("1871-07-31", "1871-08"), ("2000", None), (None, "1400")]
        ranges += [(f"{y}", f"{y + rng.randrange(0, 8)}") for y in rng.sample(range(1840, 1960), 20)]
        checked = 0
        for date_from, date_to in ranges:
            for prop in (None, *PROPS):
                indexed = _ids(store, *people_filter(None, prop, date_from, date_to))
                assert indexed == _ids(store, *people_filter(None, prop, date_from, date_to, live=True)), \
                    (prop, date_from, date_to)
                checked += bool(indexed)
        assert checked > 40  # most filters keep someone: the comparison is not of empty lists


def test_a_summary_is_read_only_while_it_is_current(store_target):
    docs, persons, assignment = _documents(3, random.Random(1))
    with Store(store_target) as store:
        for doc in docs:
            store.write_document(doc)
        store.replace_resolution(persons, assignment)
        assert not any(p["summarized"] for p in queries.people_page(store)["items"])  # none written yet
        store.write_summaries({"p0": ("1900", None), "p1": (None, None), "p2": (None, "1950")})
        items = {p["id"]: p for p in queries.people_page(store)["items"]}
        assert all(p["summarized"] for p in items.values())
        assert (items["p0"]["birth"], items["p2"]["death"]) == ("1900", "1950")
        assert [items[f"p{n}"]["facts"] for n in range(3)] == [len(d.factoids) for d in docs]
        store.add_correction("reject", factoid="nothing")  # a rebuild pending: worked out again
        assert not any(p["summarized"] for p in queries.people_page(store)["items"])
        store.replace_resolution(persons, assignment)  # a new resolution clears the summaries
        assert not any(p["summarized"] for p in queries.people_page(store)["items"])


@pytest.mark.parametrize("bad", [("from", "1900-13"), ("to", "soon")])
def test_a_bad_date_names_the_filter(store_target, bad):
    with Store(store_target) as store:
        with pytest.raises(ValueError, match=f"^{bad[0]}: "):
            queries.people_page(store, **{f"date_{bad[0]}": bad[1]})


def test_a_dated_page_counts_to_the_cap_and_pages_in_name_order(store_target, monkeypatch):
    """Below the cap a dated page is the matches sorted by name; past it, the walk through the
    names gives the same first persons, `total` stops at the cap and `capped` says so."""
    import factoid.store.people as people
    docs, persons, assignment = _documents(60, random.Random(5))
    with Store(store_target) as store:
        for doc in docs:
            store.write_document(doc)
        store.replace_resolution(persons, assignment)
        for cap in (1000, 7):
            monkeypatch.setattr(people, "CAP", cap)
            for date_from, date_to, prop, q in [("1900", "1900", None, None), ("1880", None, None, None),
                                                (None, "1875", "birth", None), ("1899", "1901", None, "person 1"),
                                                ("1600", "1650", None, None), ("1500", "1999", "arrest", None),
                                                (None, None, "arrest", None), (None, None, "death", "person 2"),
                                                ("1890", None, "position", "person")]:
                clause, args = people_filter(q, prop, date_from, date_to, live=True)
                expected = [r[0] for r in store.db.execute(
                    f"SELECT p.id FROM persons p {clause} ORDER BY {store.db.nocase('p.name')}, p.id", args)]
                pages = [queries.people_page(store, q, prop, date_from, date_to, limit=3, offset=k)
                         for k in range(0, len(expected) + 3, 3)]
                assert {p["total"] for p in pages} == {min(len(expected), cap)}
                assert {p["capped"] for p in pages} == {len(expected) > cap}
                assert [i["id"] for p in pages for i in p["items"]] == expected[:cap], (cap, date_from, date_to)


def test_everyones_factoids_are_counted_and_paged_by_id(store_target):
    """/api/factoids without a person pages through one index of factoids, joining only the page."""
    docs, persons, assignment = _documents(30, random.Random(3))
    with Store(store_target) as store:
        for doc in docs:
            store.write_document(doc)
        store.replace_resolution(persons, assignment)
        for prop in (None, "arrest"):
            expected = sorted(f.id for d in docs for f in d.factoids if prop in (None, f.property))
            pages = [queries.factoid_page(store, prop=prop, limit=4, offset=k) for k in range(0, len(expected) + 4, 4)]
            assert {p["total"] for p in pages} == {len(expected)} and len(expected) > 8
            assert [f["id"] for p in pages for f in p["items"]] == expected
            assert all(f["person"] == f"p{f['id'][1:].split('-')[0]}" for p in pages for f in p["items"])
