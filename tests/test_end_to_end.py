"""End to end: the demo corpus and the seed documents through the whole pipeline."""
import json
from pathlib import Path

import pytest

from factoid import ingest, open_store
from factoid.store import queries

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXPECTED = ROOT / "tests" / "data" / "examples_expected.jsonl"


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(path) as store:
        report = ingest([ROOT / "examples"], store)
        assert report.failed == []
        yield store


def _facts_by_source(store):
    rows = list(queries.export_rows(store))
    persons = {r["id"]: r for r in rows if r["type"] == "person"}
    facts = [r for r in rows if r["type"] == "factoid"]
    return persons, facts


@pytest.mark.parametrize("row", [json.loads(line) for line in EXPECTED.read_text().splitlines()],
                         ids=lambda r: f"{r['file']}#{r['line_id']}")
def test_examples_subject_birth_and_death(examples_db, row):
    """Each demo document's subject gets the birth and death dates the document states."""
    _, facts = _facts_by_source(examples_db)
    source = row["file"] + (f"#{row['line_id']}" if row["line_id"] else "")
    mine = [f for f in facts if f["source"] == source]
    births = {f["date"] for f in mine if f["property"] == "birth" and f["date"]}
    deaths = {f["date"] for f in mine if f["property"] == "death" and f["date"]}
    assert row["birth_date"] in births
    assert row["death_date"] in deaths
    if row["birth_date_julian"]:
        assert row["birth_date_julian"] in {f["date_julian"] for f in mine if f["property"] == "birth"}


def test_examples_glossed_dates_never_reach_the_subject(examples_db):
    """sokolnikov.txt glosses Lenin and Bukharin with their life dates: not Sokolnikov's."""
    _, facts = _facts_by_source(examples_db)
    sokolnikov = [f for f in facts if f["source"] == "sokolnikov.txt" and f["property"] in ("birth", "death")]
    assert sokolnikov
    assert not {f["date"] for f in sokolnikov} & {"1870-04-22", "1924-01-21", "1888-10-09", "1938-03-15"}


def test_examples_disagreement_is_one_conflict_on_one_person(examples_db):
    """The three Sokolnikov documents, two English and one Russian, are one person; they disagree
    on the death year, and their birth dates are one date in two calendars, one of them
    unmarked: a calendar question, not a disagreement (and the Russian record's "Ромны" is
    the English "Romny")."""
    conflicts = {c["kind"]: c for c in queries.conflicts(examples_db)}
    assert sorted((k, c["properties"]) for k, c in conflicts.items()) == [("calendar", ["birth"]),
                                                                          ("value", ["death"])]
    assert len({c["person"] for c in conflicts.values()}) == 1
    person = queries.person(examples_db, conflicts["value"]["person"])
    assert {f["source"] for f in person["factoids"]} == {"sokolnikov.txt", "sokolnikov-profile.md",
                                                         "sokolnikov-record-ru.txt"}
    assert "1939" in conflicts["value"]["explanation"] and "1940" in conflicts["value"]["explanation"]


def test_every_factoid_quote_is_the_raw_text_at_its_span(examples_db):
    rows = examples_db.db.execute(
        "SELECT f.quote, f.span_start, f.span_end, d.raw FROM factoids f JOIN documents d ON d.id = f.doc_id")
    for quote, start, end, raw in rows:
        assert raw[start:end] == quote


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (only CI and developers have it)")

SEED_LIFE = {  # subject surname -> (birth date, death date), as the seed documents state them
    "000_4f9407066433a86f.txt": ("Krasin", "1870-07-15", "1926-11-24"),
    "001_0b434bd18f36541a.txt": ("Krasnoshchyokov", "1880-10-10", "1937-11-26"),
    "002_900479d5bc78d8c0.txt": ("Serebryakov", "1890-06-11", "1937-02-01"),
    "003_0c0d4038d5cad4f0.txt": ("Bukharin", "1888-10-09", "1938-03-15"),
}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent (only CI and developers have it)")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(path) as store:
        ingest([SEEDS], store)
        yield store


@needs_seeds
@pytest.mark.parametrize("source", sorted(SEED_LIFE))
def test_seed_subject_birth_and_death(seeds_db, source):
    name, born, died = SEED_LIFE[source]
    persons, facts = _facts_by_source(seeds_db)
    subject_facts = [f for f in facts if f["source"] == source and name in persons[f["person"]]["name"]]
    assert born in {f["date"] for f in subject_facts if f["property"] == "birth"}
    assert died in {f["date"] for f in subject_facts if f["property"] == "death"}


@needs_seeds
def test_seed_glossed_dates_are_not_krasins(seeds_db):
    persons, facts = _facts_by_source(seeds_db)
    krasin = [f for f in facts if f["source"] == "000_4f9407066433a86f.txt"
              and persons[f["person"]]["name"].endswith("Krasin") and f["property"] in ("birth", "death")]
    assert {f["date"] for f in krasin if f["date"]} <= {"1870-07-15", "1926-11-24", "1926"}
    assert "Tyumen" not in {f["place"] for f in krasin}


@needs_seeds
def test_scrambled_seed_is_trusted_less(seeds_db):
    quality = dict(seeds_db.db.execute("SELECT uri, quality FROM documents").fetchall())
    by_name = {Path(uri).name: q for uri, q in quality.items()}
    assert by_name["003_0c0d4038d5cad4f0.txt"] < 0.5 < by_name["001_0b434bd18f36541a.txt"]
    _, facts = _facts_by_source(seeds_db)
    assert all(f["confidence"] < 0.7 for f in facts if f["source"] == "003_0c0d4038d5cad4f0.txt")


@needs_seeds
def test_seed_export_scores_on_the_shared_scorer(seeds_db, tmp_path):
    """The seed scorer finds every birth and death atom and no trap."""
    import subprocess
    import sys
    out = tmp_path / "seeds.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in queries.export_rows(seeds_db)))
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "seeds" / "score.py"), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    assert report["trap_hits"] == []
    assert report["per_property"]["birth"] == "7/7" and report["per_property"]["death"] == "7/7"


def test_examples_person_names_are_written_once(examples_db):
    """A title line that repeats the lead's name ("Anna Petrova" then "Anna Petrova (born ...")
    must not make the name "Anna Petrova Anna Petrova"; every subject's fullest name is kept."""
    persons, _ = _facts_by_source(examples_db)
    names = [p["name"] for p in persons.values()]
    assert all(len(set(n.split())) == len(n.split()) for n in names), names
    assert "Grigory Sokolnikov" in names


def test_examples_one_against_one_is_undecided_everywhere(examples_db):
    """Sokolnikov's death: one source says 1939, one 1940. No side is the consensus: the
    list shows both dates as an EDTF set, the person says "undecided" in words."""
    from click.testing import CliRunner

    from factoid import views
    from factoid.cli import main
    sokolnikov, = views.find_persons(examples_db, "Grigory Sokolnikov")
    detail = views.person_detail(examples_db, sokolnikov["id"])
    death = next(e for e in detail["consensus"] if e["property"] == "death")
    assert death["status"] == "undecided" and death["value"] is None
    assert [c["status"] for c in death["clusters"]] == ["undecided", "undecided"]
    assert sokolnikov["death"] == detail["death"] and detail["death"].startswith("[")
    assert {"1939", "1940"} == {d[:4] for d in detail["death"].strip("[]").split(",")}
    people = CliRunner().invoke(main, ["people", "--db", str(examples_db.path)]).output
    assert detail["death"] in people
    shown = CliRunner().invoke(main, ["person", sokolnikov["id"], "--db", str(examples_db.path)]).output
    assert "death: undecided:" in shown and "sokolnikov.txt)" in shown
