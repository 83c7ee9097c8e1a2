"""`--engine ray`: the same documents, factoids and persons as one process; a worker that dies
costs nothing; a killed driver leaves a consistent, resumable store; without --engine, no Ray.

The tests that need Ray skip, saying so, where it is not installed (pip install 'factoid[ray]');
they share one local Ray of two CPUs."""
from __future__ import annotations

import functools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factoid import open_store
from factoid.pipeline import ingest, process_each
from factoid.resolve import resolve
from factoid.store import queries

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HISTORICAL = (Path(__file__).resolve().parents[2] / "shared" / "eval" / "resolution"
              / "historical_figures_with_errors_50k.parquet")
NO_RAY = "Ray is not installed: pip install 'factoid[ray]'"


@pytest.fixture(scope="module")
def ray_engine():
    ray = pytest.importorskip("ray", reason=NO_RAY)
    from factoid.engines.ray_engine import RayEngine
    import logging
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    for sig, handler in handlers.items():  # ray.init's own would outlive this module's tests
        signal.signal(sig, handler)
    # this module's functions travel to the workers by value: tests/ is not importable there
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with RayEngine(workers=2) as engine:
            yield engine
    finally:
        ray.shutdown()


def _stored(db) -> tuple:
    with open_store(db) as store:
        return queries.counts(store), queries.factoid_ids(store), sorted(queries.person_names(store).items())


def test_ingest_on_ray_stores_what_one_process_stores(ray_engine, tmp_path):
    with open_store(tmp_path / "one.db") as store:
        ingest([EXAMPLES], store)
    with open_store(tmp_path / "ray.db") as store:
        report = ingest([EXAMPLES], store, engine=ray_engine)
    assert report.added == 9 and not report.failed
    assert _stored(tmp_path / "ray.db") == _stored(tmp_path / "one.db")


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    with open(folder / "bios.jsonl", "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"bio-{i}", "text": f"Ivan Petrov{i} was born in {1850 + i} in Tula. "
                                                              f"He worked as a teacher."}) + "\n")
    return folder


def _dies_once(flag: Path, docs):
    """The document stages, but the first worker to see bio-3 dies (a flag file remembers it)."""
    if any(d.uri.endswith("bio-3") for d in docs) and not flag.exists():
        flag.write_text("died")
        os._exit(1)
    return process_each(docs)


def _dies_always(docs):
    if any(d.uri.endswith("bio-3") for d in docs):
        os._exit(1)
    return process_each(docs)


def test_a_worker_that_dies_loses_no_document(ray_engine, tmp_path):
    from factoid.sources import read_sources
    corpus = _corpus(tmp_path / "corpus", 40)
    flag = tmp_path / "flag"
    docs = list(read_sources([corpus]))
    batches = [docs[i:i + 4] for i in range(0, len(docs), 4)]
    out = list(ray_engine.map_batches(functools.partial(_dies_once, flag), batches, lambda b: [("lost", d.uri) for d in b]))
    assert flag.exists(), "the worker never died: the test did not test"
    uris = sorted(d.uri for batch in out for d in batch)
    assert uris == sorted(d.uri for d in docs)  # its batch was tried again on a restarted worker
    assert not any(isinstance(d, tuple) for batch in out for d in batch)


def test_a_batch_that_always_kills_its_worker_is_reported_lost(ray_engine, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 12)
    from factoid.sources import read_sources
    docs = list(read_sources([corpus]))
    batches = [docs[i:i + 4] for i in range(0, len(docs), 4)]
    out = list(ray_engine.map_batches(_dies_always, batches, lambda b: [(d.uri, "lost") for d in b]))
    lost = sorted(d[0] for batch in out for d in batch if isinstance(d, tuple))
    done = sorted(d.uri for batch in out for d in batch if not isinstance(d, tuple))
    assert lost == sorted(d.uri for d in batches[0])  # bio-3's batch, each document named
    assert done == sorted(d.uri for batch in batches[1:] for d in batch)


def _raises_on(bad: str, docs):
    if any(d.uri.endswith(bad) for d in docs):
        raise ValueError("this batch cannot be read")
    return process_each(docs)


def test_a_batch_whose_stages_raise_is_reported_lost_and_the_rest_stored(ray_engine, tmp_path):
    from factoid.sources import read_sources
    docs = list(read_sources([_corpus(tmp_path / "corpus", 8)]))
    batches = [docs[i:i + 2] for i in range(0, len(docs), 2)]
    out = list(ray_engine.map_batches(functools.partial(_raises_on, "bio-5"), batches,
                                      lambda b: [(d.uri, "lost") for d in b]))
    lost = sorted(d[0] for batch in out for d in batch if isinstance(d, tuple))
    assert lost == sorted(d.uri for d in batches[2])
    assert len(out) == len(batches)  # each batch once: no batch both lost and stored


def _people(n: int, seed: int) -> tuple[list[dict], list[dict]]:
    """Records of a few hundred people written several ways: typos, bare surnames, twins,
    shifted dates, one surname shared by different people."""
    rng = random.Random(seed)
    given = ["Ivan", "Petr", "Anna", "Maria", "Nikolai", "Olga", "Sergei", "Elena", "Boris", "Vera"]
    surnames = ["Orlov", "Sokolov", "Volkov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Pavlov"]
    persons, facts = [], []
    for k in range(n):
        g, s = rng.choice(given), rng.choice(surnames)
        year = 1850 + rng.randrange(80)
        for copy in range(rng.randrange(1, 5)):
            pid = f"d{k}-{copy}"
            name = rng.choice([f"{g} {s}", f"{g} {s}", s, f"{g[0]}. {s}", f"{g} {s[:-1]}a{s[-1]}"])
            persons.append({"id": pid, "doc_id": f"doc{k}-{copy}", "name": name, "names": [], "is_subject": True})
            if rng.random() < 0.7:
                born = f"{year + rng.choice([0, 0, 0, 1])}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"
                facts.append({"doc_person": pid, "property": "birth", "date": born,
                              "place": rng.choice(["Tula", "Kazan", "Tver", None])})
    return persons, facts


def _same(local, distributed) -> None:
    assert distributed.assignment == local.assignment
    assert [(p.id, p.name, p.names) for p in distributed.persons] == [(p.id, p.name, p.names) for p in local.persons]
    assert [(x.a, x.b, x.score, x.kind) for x in distributed.links] == [(x.a, x.b, x.score, x.kind) for x in local.links]
    assert distributed.near == local.near


def test_resolution_on_ray_gives_the_clusters_of_one_process(ray_engine):
    persons, facts = _people(400, seed=7)
    decisions = [{"kind": "split", "a": [[persons[0]["doc_id"], persons[0]["name"]]],
                  "b": [[persons[1]["doc_id"], persons[1]["name"]]]}]
    local = resolve(persons, facts, decisions)
    assert len(local.persons) < len(persons)  # some records were joined: the comparison means something
    _same(local, resolve(persons, facts, decisions, engine=ray_engine))


@pytest.mark.skipif(not HISTORICAL.exists(), reason=f"{HISTORICAL} is absent (../shared not laid out)")
def test_resolution_on_ray_matches_one_process_on_historical_records(ray_engine):
    pq = pytest.importorskip("pyarrow.parquet", reason="reading parquet needs pyarrow (pip install 'factoid[ray]')")
    rows = pq.read_table(HISTORICAL, columns=["unique_id", "full_name", "dob", "birth_place", "occupation"]
                         ).to_pylist()[:8000]  # the whole set: benchmarks/resolution.py --engine ray
    persons, facts = [], []
    for r in rows:
        uid = r["unique_id"]
        persons.append({"id": uid, "doc_id": uid, "name": r["full_name"] or "", "names": [], "is_subject": True})
        if r["dob"] or r["birth_place"]:
            facts.append({"doc_person": uid, "property": "birth", "date": r["dob"], "place": r["birth_place"]})
        if r["occupation"]:
            facts.append({"doc_person": uid, "property": "employment", "object": r["occupation"]})
    _same(resolve(persons, facts), resolve(persons, facts, engine=ray_engine))


def test_killing_the_driver_leaves_a_consistent_resumable_store(ray_engine, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 600)  # enough that a kill lands mid-ingest
    db = tmp_path / "k.db"
    factoid = [sys.executable, "-m", "factoid.cli"]
    driver = subprocess.Popen([*factoid, "ingest", str(corpus), "--db", str(db), "--engine", "ray", "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and driver.poll() is None and _documents(db) < 1:
            time.sleep(0.05)
        assert driver.poll() is None, "the ingest ended before it could be killed"
        assert _documents(db) >= 1
        driver.send_signal(signal.SIGKILL)
        driver.wait(30)
    finally:
        if driver.poll() is None:
            driver.kill()
        # what the driver's local Ray leaves behind once its driver is gone (two agents
        # that outlive their raylet) is in its process group: end it here
        try:
            os.killpg(driver.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    stored = _documents(db)
    assert stored < 600  # killed mid-ingest
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = subprocess.run([*factoid, "ingest", str(corpus), "--db", str(db), "-q"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{600 - stored} added, {stored} unchanged, 0 failed" in done.stdout
    assert _documents(db) == 600


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not written yet
        return 0


def test_without_engine_nothing_of_ray_is_imported(tmp_path):
    code = ("import sys\nfrom click.testing import CliRunner\nfrom factoid.cli import main\n"
            f"r = CliRunner().invoke(main, ['ingest', {str(EXAMPLES / 'armand.txt')!r}, '--db', "
            f"{str(tmp_path / 'n.db')!r}, '-q'])\n"
            "assert r.exit_code == 0, r.output\n"
            "r = CliRunner().invoke(main, ['rebuild', '--db', " f"{str(tmp_path / 'n.db')!r}])\n"
            "assert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_engine_without_ray_says_how_to_install(monkeypatch):
    from factoid import engines
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "factoid.engines.ray_engine", raising=False)
    with pytest.raises(engines.EngineMissing, match=r"pip install 'factoid\[ray\]'"):
        engines.start("ray")


def test_address_without_engine_is_a_usage_error(tmp_path):
    from click.testing import CliRunner
    from factoid.cli import main
    r = CliRunner().invoke(main, ["rebuild", "--db", str(tmp_path / "x.db"), "--address", "auto"])
    assert r.exit_code == 2 and "--address needs --engine" in r.output
