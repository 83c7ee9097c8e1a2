"""Near-duplicate documents are one source: copies in two formats and mirrors with their own
chrome form one family, and the judge counts a family once."""
from __future__ import annotations

import pytest

from factoid import ingest, open_store, views
from factoid.families import families, fingerprint, similarity

# an invented life, written for this test
LIFE = ("Teodor Aleksandrovich Varenko (12 March 1879 - 4 October 1937) was a Russian agronomist and "
        "cooperative organiser. Varenko was born in Poltava. He studied at the agricultural institute in "
        "Kharkov and from 1905 ran a seed cooperative in the villages around Poltava, where he wrote "
        "pamphlets on crop rotation for peasant readers. In 1918 he moved to Moscow and worked in the "
        "land commissariat as a specialist on grain reserves. He was arrested in June 1937, sentenced "
        "to death and shot on 4 October 1937. He was rehabilitated in 1958.")
OTHER = ("Olga Petrovna Mirskaya (1890-1965) was a Russian teacher. Mirskaya was born in Tver and taught "
         "mathematics at a girls' school there for thirty years. After the revolution she organised evening "
         "classes for workers and wrote two textbooks of arithmetic. She retired in 1950 and died in Tver.")


def test_copies_are_similar_and_different_texts_are_not():
    chrome = "Jump to navigation. From the free encyclopedia. " + LIFE + " Retrieved from the mirror. Categories: agronomists"
    assert similarity(fingerprint(LIFE), fingerprint(chrome)) >= 0.6
    assert similarity(fingerprint(LIFE), fingerprint(OTHER)) < 0.2
    assert fingerprint("Too short to judge.") is None


def test_families_join_through_shared_candidates_only():
    sig = {"a": fingerprint(LIFE), "b": fingerprint(LIFE + " Copied here."), "c": fingerprint(OTHER)}
    assert families([["a", "b"], ["a", "c"]], sig.get) == {"a": "a", "b": "a"}
    assert families([["a", "c"]], sig.get) == {}


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mirrors")
    (folder / "varenko.txt").write_text(LIFE, encoding="utf-8")
    (folder / "varenko.html").write_text(f"<html><head><title>Varenko</title></head><body><nav>Main page | "
                                         f"Random article</nav><p>{LIFE}</p><footer>Text available under a "
                                         f"licence</footer></body></html>", encoding="utf-8")
    for i in range(3):
        (folder / f"mirror-{i}.txt").write_text(f"Mirror site {i}. Advertisement.\n\n{LIFE}\n\nShare this page.",
                                                encoding="utf-8")
    (folder / "other-account.txt").write_text(
        "Teodor Varenko, the agronomist, was born in 1878 in Poltava and was shot in 1937. "
        "He had organised seed cooperatives in his home province for more than a decade before the war, "
        "and later advised the land commissariat in Moscow on grain reserves and storage.", encoding="utf-8")
    db = folder / "kb.db"
    with open_store(db) as store:
        ingest([folder], store)
    return db


def test_five_copies_count_as_one_independent_source(mirrored):
    with open_store(mirrored, readonly=True) as store:
        families_seen = {r[0] for r in store.db.execute(
            "SELECT family FROM documents WHERE uri NOT LIKE '%other-account%'")}
        other, = store.db.execute("SELECT family FROM documents WHERE uri LIKE '%other-account%'").fetchone()
        assert len(families_seen) == 1 and None not in families_seen and other is None
        varenko, = views.find_persons(store, "Varenko")
        detail = views.person_detail(store, varenko["id"])
    birth = next(e for e in detail["consensus"] if e["property"] == "birth")
    # five copies say 12 March 1879, one other text says 1878: one against one, undecided
    assert birth["status"] == "undecided"
    copies = next(c for c in birth["clusters"] if c["value"]["date"] == "1879-03-12")
    assert len(copies["sources"]) == 5 and copies["independent"] == 1


def test_person_says_copies_of_one_text(mirrored):
    from click.testing import CliRunner

    from factoid.cli import main
    out = CliRunner().invoke(main, ["person", "Varenko", "--db", str(mirrored)]).output
    assert "5 sources, copies of one text" in out


def test_signatures_are_datasketchs():
    """fingerprint writes out datasketch's MinHash: stored signatures must not change."""
    import random
    from datasketch import MinHash
    from factoid.families import MIN_SHINGLES, NUM_PERM, SHINGLE, _WORD
    rng = random.Random(7)
    words = "the of a in was born died arrest Kazan 1901 Варенко exile school ü".split()
    for text in [LIFE, OTHER] + [" ".join(rng.choice(words) for _ in range(rng.randint(20, 400))) for _ in range(50)]:
        w = _WORD.findall(text.casefold())
        shingles = {" ".join(w[i:i + SHINGLE]).encode() for i in range(len(w) - SHINGLE + 1)}
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch(list(shingles))
        expected = m.hashvalues.astype("<u4").tobytes() if len(shingles) >= MIN_SHINGLES else None
        assert fingerprint(text) == expected
