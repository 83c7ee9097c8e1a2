"""Incremental rebuilds: documents added in batches, each followed by the rebuild an ingest runs,
leave the store exactly as one full rebuild over all of them does (persons and their ids,
links, the review queue, conflicts, consensus values, relatives, families)."""
import json
import random
from pathlib import Path

import pytest

from factoid import open_store, pipeline, views
from factoid.model import Date, Document, Factoid, Person, Span
from factoid.sources import read_sources
from factoid.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def snapshot(store) -> dict:
    """Everything the corpus stages write, in a form that does not depend on write order."""
    db = store.db
    members: dict = {}
    for dp, pid in db.execute("SELECT id, person_id FROM doc_persons"):
        members.setdefault(pid, []).append(dp)
    persons = sorted(tuple(r) for r in db.execute("SELECT id, name, names, keys FROM persons"))
    return {
        "clusters": {pid: sorted(m) for pid, m in members.items()},
        "persons": persons,
        "links": sorted(tuple(r) for r in db.execute("SELECT person_id, a, b, score, kind, reasons FROM person_links")),
        "review": sorted(tuple(r) for r in db.execute("SELECT a, b, score FROM review")),
        "conflicts": sorted(tuple(r) for r in db.execute(
            "SELECT id, person_id, properties, kind, factoids, explanation FROM conflicts")),
        "relatives": sorted(tuple(r) for r in db.execute(
            "SELECT id, object_person FROM factoids WHERE object_person IS NOT NULL")),
        "families": sorted(tuple(r) for r in db.execute("SELECT id, family FROM documents WHERE family IS NOT NULL")),
        "consensus": {p[0]: json.dumps(views.person_detail(store, p[0])["consensus"], sort_keys=True, default=str)
                      for p in persons},
        "stale": store.resolution_stale(),
        # the people list's stored summaries and its filters' day table
        "summaries": sorted(tuple(r) for r in db.execute("SELECT id, birth, death, facts, conflicts FROM persons")),
        "days": sorted(tuple(r) for r in db.execute(
            "SELECT person_id, property, reach, day_lo, day_hi FROM person_days")),
    }


def _full(target, docs: list[Document]) -> dict:
    with open_store(target) as store:
        for doc in docs:
            store.write_document(doc)
        assert pipeline.rebuild(store, full=True) == "full"
        return snapshot(store)


def _in_batches(target, docs: list[Document], sizes: list[int]) -> tuple[dict, list[str]]:
    """Write docs in batches of the given sizes (cycled), rebuilding after each as ingest does."""
    ran, k, n = [], 0, 0
    with open_store(target) as store:
        while n < len(docs):
            size = sizes[k % len(sizes)]
            for doc in docs[n:n + size]:
                store.write_document(doc)
            ran.append(pipeline.rebuild(store))
            n, k = n + size, k + 1
        return snapshot(store), ran


def _processed(paths) -> list[Document]:
    read = [d for d in read_sources(paths) if isinstance(d, Document)]
    out = []
    for start in range(0, len(read), pipeline.BATCH):
        out += [d for d in pipeline.process_each(read[start:start + pipeline.BATCH]) if isinstance(d, Document)]
    return out


def _equal_in_every_order(tmp_path, docs: list[Document], plans: list[list[int]]) -> list[str]:
    expected = _full(tmp_path / "full.db", docs)
    ran = []
    for number, sizes in enumerate(plans):
        order = list(docs)
        if number % 3 == 1:
            order.reverse()
        elif number % 3 == 2:
            random.Random(number).shuffle(order)
        got, how = _in_batches(tmp_path / f"batches{number}.db", order, sizes)
        ran += how
        for part in expected:
            assert got[part] == expected[part], f"{part} differs after batches of {sizes} (plan {number}): {how}"
    return ran


def test_examples_added_in_batches_equal_a_full_rebuild(tmp_path):
    docs = _processed([ROOT / "examples"])
    assert len(docs) >= 8
    ran = _equal_in_every_order(tmp_path, docs, [[1], [2, 1], [3], [1, 4]])
    assert "incremental" in ran  # the incremental path was taken, not only the full one


@pytest.mark.skipif(not (SHARED / "eval" / "web" / "docs").is_dir() or not (SHARED / "seeds").is_dir(),
                    reason="../shared (seeds and the web development set) is absent")
def test_seeds_and_web_set_added_in_batches_equal_a_full_rebuild(tmp_path):
    docs = _processed([SHARED / "seeds", SHARED / "eval" / "web" / "docs"])
    ran = _equal_in_every_order(tmp_path, docs, [[5], [1, 7], [12, 2]])
    assert ran.count("incremental") >= 3


# -- the store's part, on both backends -----------------------------------------------------

GIVEN = ("Anna", "Ivan", "Olga", "Pyotr")
SURNAMES = ("Orlov", "Orlova", "Volkov", "Lebedev", "Sokolov", "Sokolova")


def synthetic(n: int) -> Document:
    """Document n: three mentions of people drawn from a small population, under full or bare
    names, some with a birth date (one in ten mistyped) and a shared office."""
    rng = random.Random(n)
    doc_id, text, persons, facts = f"d{n:04d}", "", [], []
    for slot in range(3):
        k = rng.randrange(12)
        name = f"{GIVEN[k % 4]} {SURNAMES[k % 6]}" if rng.random() < 0.8 else SURNAMES[k % 6]
        local = f"{doc_id}:{slot}"
        persons.append(Person(local, name, (name,)))
        said = [("position", f"{name} sat on Committee {k % 3}.", {"object": f"Committee {k % 3}"})]
        if rng.random() < 0.5:
            day = 10 + k if rng.random() < 0.9 else 11 + k
            said.append(("birth", f"{name} was born on {day} May 18{k + 50}.",
                         {"date": Date(f"18{k + 50}-05-{day}")}))
        for j, (prop, quote, fields) in enumerate(said):
            start = len(text)
            text += quote + " "
            facts.append(Factoid(local, prop, Span(doc_id, start, start + len(quote)), quote, "test@1", 0.9,
                                 evidence=(("subject", start, start + len(name)),), id=f"{doc_id}-{slot}-{j}",
                                 **fields))
    return Document(id=doc_id, uri=f"/t/{doc_id}.txt", raw=text, clean=text, title=doc_id,
                    persons=tuple(persons), factoids=tuple(facts))


def test_synthetic_corpus_in_batches_equals_a_full_rebuild(store_target, tmp_path):
    docs = [synthetic(n) for n in range(60)]
    expected = _full(tmp_path / "full.db", docs)
    got, ran = _in_batches(store_target, docs, [20, 1, 2, 1, 3])
    assert ran[0] == "full" and "incremental" in ran
    for part in expected:
        assert got[part] == expected[part], part


def test_what_makes_the_next_rebuild_full(store_target):
    with Store(store_target) as store:
        assert store.pending() is None  # never rebuilt: full
        for n in range(40):
            store.write_document(synthetic(n))
        assert pipeline.rebuild(store) == "full"
        assert store.pending() == set() and not store.resolution_stale()
        store.write_document(synthetic(40))
        assert store.pending() == {"d0040"} and store.resolution_stale()
        assert pipeline.rebuild(store) == "incremental"
        assert not store.resolution_stale() and store.pending() == set()
        store.write_document(synthetic(40))  # written again: its old names are gone
        assert store.pending() is None
        assert pipeline.rebuild(store) == "full"
        first = synthetic(0).persons[0]
        pid = store.db.execute("SELECT person_id FROM doc_persons WHERE id=?", (first.id,)).fetchone()[0]
        store.add_correction("rename", person=[("d0000", first.name)], value="Someone Else")
        assert store.pending() is None  # a user's correction
        assert pipeline.rebuild(store) == "full"
        assert store.db.execute("SELECT name FROM persons WHERE id=?", (pid,)).fetchone()[0] == "Someone Else"
        store.write_document(synthetic(41))
        assert pipeline.rebuild(store) == "incremental"  # the rename is kept
        assert store.db.execute("SELECT name FROM persons WHERE id=?", (pid,)).fetchone()[0] == "Someone Else"
        assert pipeline.rebuild(store, full=True) == "full"


def test_an_interrupted_incremental_rebuild_leaves_the_previous_resolution(tmp_path, monkeypatch):
    with Store(tmp_path / "kb.db") as store:
        for n in range(10):
            store.write_document(synthetic(n))
        pipeline.rebuild(store)
        before = snapshot(store)
        store.write_document(synthetic(10))

        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt
        monkeypatch.setattr(store, "add_conflicts", interrupted)
        with pytest.raises(KeyboardInterrupt):
            pipeline.rebuild(store)
        monkeypatch.undo()
        assert store.resolution_stale() and store.pending() == {"d0010"}
        after = snapshot(store)
        assert after["clusters"].pop(None) == ["d0010:0", "d0010:1", "d0010:2"]  # stored, not yet resolved
        assert {k: v for k, v in after.items() if k != "stale"} == {k: v for k, v in before.items() if k != "stale"}
        assert pipeline.rebuild(store) in ("incremental", "full") and not store.resolution_stale()


# -- resolution alone: the region's closure -------------------------------------------------

ROOTS = ("Orl", "Volk", "Lebed", "Sokol", "Petr", "Kozl", "Moroz", "Pavl")
PLACES = tuple(f"{a}{b}sk" for a in ("Kaz", "Tver", "Om", "Min", "Pen") for b in ("an", "ol", "ir"))
FIRST = tuple(a + b for a in ("Al", "Bor", "Dar", "Ev", "Gal", "Il", "Kir", "Mar") for b in ("ina", "ei", "ian"))


def records(n: int, population: int = 150) -> tuple[list[dict], list[dict]]:
    """Document n's doc persons and factoids: people with rare surnames (a root and a tail) or
    common ones (a root alone), full or bare names, most with a birth date and place."""
    rng = random.Random(n)
    persons, facts = [], []
    for slot in range(3):
        k = rng.randrange(population)
        life = random.Random(k * 7919)
        surname = ROOTS[k % 8] + ("ov" if k % 3 else "in") + ("" if k % 5 == 0 else "abcdefghij"[k // 16 % 10] + "ko")
        name = f"{FIRST[life.randrange(len(FIRST))]} {surname}" if rng.random() < 0.8 else surname
        dp = f"d{n:04d}:{slot}"
        persons.append({"id": dp, "doc_id": f"d{n:04d}", "name": name, "names": [], "is_subject": slot == 0})
        if rng.random() < 0.7:
            facts.append({"doc_person": dp, "property": "birth", "date": f"18{life.randrange(10, 99)}-0{life.randrange(1, 9)}-1{life.randrange(10)}",
                          "date_julian": None, "place": PLACES[life.randrange(len(PLACES))], "object": None})
    return persons, facts


def _corpus(ns, population: int) -> tuple[list[dict], list[dict]]:
    persons, facts = [], []
    for n in ns:
        p, f = records(n, population)
        persons += p
        facts += f
    return persons, facts


@pytest.mark.parametrize("old", [300, 500, 800, 1200])
def test_incremental_resolution_equals_a_full_one(old):
    from factoid.resolve import resolve
    population = old // 3  # about nine mentions a person
    first = resolve(*_corpus(range(old), population))
    ran = 0
    for added in (1, 2, 4, 8, 16):
        persons, facts = _corpus(range(old + added), population)
        full = resolve(persons, facts)
        new = {p["id"] for p in persons if int(p["doc_id"][1:]) >= old}
        part = resolve(persons, facts, previous=first.assignment, new=new)
        before = first
        if part.region is None:
            continue  # the corpus crossed a step of the grid: all was resolved
        ran += 1
        assert len(part.region) < len(persons)  # some of the corpus was left as it was
        assert part.assignment == full.assignment, added
        assert part.persons == full.persons
        # what a store keeps outside the region, with what the region brings, is the full result
        link = lambda x: (x.a, x.b, x.score, x.kind)  # noqa: E731
        kept = {link(x) for x in before.links if x.a not in part.region}
        assert kept | {link(x) for x in part.links} == {link(x) for x in full.links}
        kept = {r for r in before.near if r[0] not in part.region and r[1] not in part.region}
        assert kept | set(part.near) == set(full.near)
    assert ran >= 3


def test_the_rebuild_command_says_which_ran(tmp_path):
    from click.testing import CliRunner

    from factoid.cli import main
    db = tmp_path / "kb.db"
    with Store(db) as store:
        for n in range(40):
            store.write_document(synthetic(n))
    run = lambda *args: CliRunner().invoke(main, ["rebuild", "--db", str(db), *args])  # noqa: E731
    assert run().stdout.strip().endswith("(full)")  # never rebuilt before
    with Store(db) as store:
        store.write_document(synthetic(40))
    plain = run()
    assert plain.exit_code == 0 and plain.stdout.strip().endswith("(incremental)"), plain.output
    assert run("--full").stdout.strip().endswith("(full)")
