"""A user's corrections (corrections.py): reject, confirm, rename, forget, note, listed by
`decisions`, taken back by `undo`, and kept through re-ingest and re-resolution."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from web_data import ingest_texts

from factoid import ingest, open_store, views
from factoid.cli import main

# two invented accounts of one life that disagree on the year of death
DOCS = {
    "a.txt": "Nikita Petrovich Varlamov (1871 – 1931) was a Russian printer. Varlamov was born in Pskov. "
             "He died in Pskov in 1931.",
    "b.txt": "Nikita Varlamov, the printer from Pskov, was born in 1871. Varlamov died in 1932 in Pskov. "
             "Tverskoy Bulvar was his favourite street.",
}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


@pytest.fixture()
def kb(tmp_path):
    return tmp_path, ingest_texts(tmp_path, DOCS)


def death_of(db):
    with open_store(db, readonly=True) as store:
        varlamov, = [p for p in views.people(store) if p["name"].endswith("Varlamov")]
        detail = views.person_detail(store, varlamov["id"])
    return varlamov, detail


def test_a_rejected_fact_leaves_consensus_and_conflicts_but_stays_visible(kb):
    folder, db = kb
    person, detail = death_of(db)
    assert person["death"].startswith("[") and detail["conflicts"]  # 1931 or 1932: undecided, in conflict
    wrong = next(f for f in detail["factoids"] if f["property"] == "death" and f["date"] == "1932")
    out = run("reject", wrong["id"], "--reason", "a misprint", "--db", db)
    assert out.exit_code == 0, out.output
    person, detail = death_of(db)
    assert person["death"] == "1931" and not [c for c in detail["conflicts"] if "death" in c["properties"]]
    shown = next(f for f in detail["factoids"] if f["id"] == wrong["id"])
    assert shown["rejected"] == "a misprint"
    assert "[rejected: a misprint]" in run("person", person["id"], "--db", db).output
    # a re-ingest of every document and a rebuild keep it
    with open_store(db) as store:
        ingest([folder / n for n in DOCS], store, force=True)
    assert death_of(db)[0]["death"] == "1931"
    listed = run("decisions", "--db", db).output
    assert "reject factoid" in listed and "a misprint" in listed
    assert run("undo", "c1", "--db", db).exit_code == 0
    assert death_of(db)[0]["death"].startswith("[")


def test_rename_and_forget_survive_reingest_and_undo_brings_back(kb):
    folder, db = kb
    person, _ = death_of(db)
    assert run("rename", person["id"], "N. P. Varlamov (printer)", "--db", db).exit_code == 0
    street = [p for p in views.people(open_store(db, readonly=True)) if "Bulvar" in p["name"]]
    for p in street:
        assert run("forget", p["id"], "--reason", "a street", "--db", db).exit_code == 0
    with open_store(db) as store:
        ingest([folder / n for n in DOCS], store, force=True)
    with open_store(db, readonly=True) as store:
        names = [p["name"] for p in views.people(store)]
    assert "N. P. Varlamov (printer)" in names and not any("Bulvar" in n for n in names)
    export = [json.loads(x) for x in run("export", "--db", db).output.splitlines()]
    assert any(r["type"] == "person" and r["name"] == "N. P. Varlamov (printer)" for r in export)
    if street:
        forgotten = next(d for d in run("decisions", "--db", db).output.splitlines() if "forget" in d)
        assert run("undo", forgotten.split()[0], "--db", db).exit_code == 0
        with open_store(db, readonly=True) as store:
            assert any("Bulvar" in p["name"] for p in views.people(store))


def test_a_confirmed_fact_decides_a_tie_and_a_note_is_shown(kb):
    _, db = kb
    person, detail = death_of(db)
    right = next(f for f in detail["factoids"] if f["property"] == "death" and f["date"] == "1931")
    assert run("confirm", right["id"], "--db", db).exit_code == 0
    assert run("note", person["id"], "Compare with the parish register.", "--db", db).exit_code == 0
    assert run("note", right["id"], "Also in the obituary.", "--db", db).exit_code == 0
    shown = run("person", person["id"], "--db", db).output
    assert "note: Compare with the parish register." in shown and "note: Also in the obituary." in shown
    assert "[confirmed:" in shown


def test_bad_targets_and_dangling_decisions(kb):
    _, db = kb
    out = run("reject", "fnothere", "--db", db)
    assert out.exit_code != 0 and "no factoid with id fnothere" in out.output and "Traceback" not in out.output
    out = run("undo", "c99", "--db", db)
    assert out.exit_code != 0 and "no decision 'c99'" in out.output
    with open_store(db) as store:  # a decision about a factoid that is gone (its document re-read differently)
        store.add_correction("reject", factoid="fgone", reason="old")
    assert run("rebuild", "--db", db).exit_code == 0
    assert "[dangling]" in run("decisions", "--db", db).output


LUND = {  # invented: a bare "Ivar Lund" fits two dated namesakes about equally
    "a.txt": "Ivar Lund wrote three books about fishing in the fjords. Lund lived in Bergen.",
    "b.txt": "Ivar Lund (born 1861) was a Norwegian zoologist. Lund studied in Christiania.",
    "c.txt": "Olav Ivar Lund (born 1817) was a Norwegian lawyer. Lund practised in Bergen.",
}


def test_the_review_queue_offers_close_pairs_and_a_dismissal_sticks(tmp_path):
    for name, text in LUND.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "kb.db"
    assert run("ingest", tmp_path, "--db", db, "-q").exit_code == 0
    listed = run("review", "--db", db).output
    assert listed.startswith("1. Ivar Lund") and "?=" in listed and "same surname Lund" in listed
    first = listed.splitlines()[0]
    assert run("review", "--dismiss", "1", "--reason", "a fisherman", "--db", db).exit_code == 0
    with open_store(db) as store:  # a re-ingest and a rebuild keep the dismissal
        ingest([tmp_path / n for n in LUND], store, force=True)
    after = run("review", "--db", db).output
    assert first not in after.splitlines()
    assert "dismiss Ivar Lund | Ivar Lund" in run("decisions", "--db", db).output
    ids = re.findall(r"\[(p[0-9a-f]+)\]", first)
    assert "a user's dismissal" in run("why-same", *ids, "--db", db).output
    assert run("review", "--dismiss", "9", "--db", db).exit_code != 0
    assert run("undo", "x1", "--db", db).exit_code == 0
    assert run("review", "--db", db).output.splitlines()[0] == first


def test_the_stored_summary_is_the_consensus_after_each_correction(kb):
    """The people list reads each person's life dates and counts as the last rebuild stored
    them (views.summarize); after each correction they are what the person's page works out
    from the factoids now."""
    from factoid.store import queries

    folder, db = kb

    def check():
        with open_store(db, readonly=True) as store:
            stored = queries.people_page(store, limit=views.ALL)["items"]
            assert stored and all(p["summarized"] for p in stored)  # read from the rows, not worked out
            for p in stored:
                detail = views.person_detail(store, p["id"])
                assert (p["birth"], p["death"]) == (detail["birth"], detail["death"]), p["name"]
                assert (p["facts"], p["conflicts"]) == (len(detail["factoids"]), len(detail["conflicts"]))
        return death_of(db)

    person, detail = check()
    assert person["death"].startswith("[")
    wrong = next(f for f in detail["factoids"] if f["property"] == "death" and f["date"] == "1932")
    assert run("reject", wrong["id"], "--db", db).exit_code == 0
    person, _ = check()
    assert person["death"] == "1931"
    assert run("undo", "c1", "--db", db).exit_code == 0
    assert check()[0]["death"].startswith("[")
    assert run("confirm", wrong["id"], "--db", db).exit_code == 0
    check()
    assert run("rename", person["id"], "N. Varlamov", "--db", db).exit_code == 0
    person, _ = check()
    assert person["name"] == "N. Varlamov"
    with open_store(db, readonly=True) as store:
        others = [p["id"] for p in views.people(store) if p["id"] != person["id"]]
    if others:
        assert run("merge", person["id"], others[0], "--db", db).exit_code == 0
        check()
