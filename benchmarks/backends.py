"""Both backends on one corpus: ingest, rebuild, a person's page (p50, p95 over 200 reads) and
one search, on an SQLite file and on a throwaway PostgreSQL server (tests/conftest.py starts and
stops it). `python benchmarks/backends.py CORPUS`; results in BENCHMARKS.md. The first backend
timed (SQLite) also pays for loading the models."""
import sys, time, tempfile, statistics
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "tests"))
import conftest, psycopg
from factoid import open_store, ingest
from factoid.pipeline import rebuild
from factoid.store import queries
from factoid import views

corpus = sys.argv[1]
server = conftest._Server(conftest._binaries())
base = server.start()
try:
    with psycopg.connect(base + "/postgres", autocommit=True) as c:
        c.execute("CREATE DATABASE bench")
    targets = {"sqlite": tempfile.mkdtemp() + "/kb.db", "postgresql": base + "/bench"}
    for name, target in targets.items():
        with open_store(target) as store:
            t = time.perf_counter(); report = ingest([corpus], store); t_ingest = time.perf_counter() - t
            t = time.perf_counter(); rebuild(store); t_rebuild = time.perf_counter() - t
            c = queries.counts(store)
            ids = [p["id"] for p in queries.people_page(store, limit=50)["items"]]
            lat = []
            for pid in ids * 4:
                t = time.perf_counter(); views.person_detail(store, pid); lat.append((time.perf_counter() - t) * 1000)
            lat.sort()
            t = time.perf_counter(); queries.search_page(store, "born OR died"); t_search = (time.perf_counter() - t) * 1000
        print(f"{name}: docs={c['documents']} persons={c['persons']} factoids={c['factoids']} ingest={t_ingest:.1f}s "
              f"rebuild={t_rebuild:.2f}s person_detail p50={statistics.median(lat):.1f}ms p95={lat[int(len(lat)*0.95)]:.1f}ms "
              f"search={t_search:.1f}ms", flush=True)
finally:
    server.stop()
