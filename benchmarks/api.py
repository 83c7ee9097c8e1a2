#!/usr/bin/env python3
"""Latency of the person endpoint and the person page on a database of 100,000+ factoids.

usage: benchmarks/api.py [--persons 10000] [--requests 1000] [--db FILE | --db postgresql://...] [--reuse]

Builds a synthetic database straight through `Store` (documents of five persons, ten
factoids each: life events, an alias, kin linked by person id, party and office held over
spans of time in shared bodies, every tenth person with a disputed birth), serves it with
`factoid serve` in a separate process on loopback, and times --requests sequential requests
(after a warm-up) of /api/people/{id} and of /people/{id} for random persons, each timed from
send to the last byte read. `--db postgresql://...` builds into that PostgreSQL database
instead (it must hold no documents yet; it is left filled); `--reuse` times a database an earlier
run built there (same --persons) without building it again. The last line printed is
`api: person p50=<ms>ms p95=<ms>ms | page p50=<ms>ms p95=<ms>ms`.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

from factoid import views
from factoid.model import Conflict, Date, Document, Factoid, Person, Span
from factoid.store import Store, is_postgres, queries, shown

PER_DOC = 5
BODIES = [f"Committee No. {i}" for i in range(200)] + [f"Party of the {w}" for w in ("North", "South", "East")]
FIRST = ("Anna", "Ivan", "Olga", "Pyotr", "Maria", "Lev", "Vera", "Nikolai", "Elena", "Grigory")
LAST = ("Petrov", "Sidorov", "Orlov", "Volkov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Pavlov", "Frolov")


def _person(n: int) -> str:
    return f"{FIRST[n % 10]} {LAST[(n // 10) % 10]} {n}"


def _facts(n: int, total: int, rng: random.Random) -> list[tuple[str, str, dict]]:
    """(property, sentence, fields) for person n: ten factoids."""
    born, day = 1850 + rng.randrange(60), rng.randrange(1, 28)
    died = born + 40 + rng.randrange(30)
    other = (n + 1 + rng.randrange(total - 1)) % total
    out = [
        ("birth", f"{{s}} was born on {day} May {born} in Kazan.",
         {"date": Date(f"{born}-05-{day:02d}", f"{day} May {born}"), "place": "Kazan"}),
        ("death", f"{{s}} died in {died}.", {"date": Date(str(died))}),
        ("alias", f"{{s}} wrote as Pseudonym {n}.", {"object": f"Pseudonym {n}"}),
        ("parent", f"{{s}} was the child of {_person(other)}.",
         {"object": _person(other), "object_person": f"p{other}"}),
        ("spouse", f"{{s}} married {_person(total - 1 - n)}.",
         {"object": _person(total - 1 - n), "object_person": f"p{total - 1 - n}"}),
        ("party", f"{{s}} belonged to the {BODIES[n % 3 + 200]} from {born + 20} to {born + 30}.",
         {"object": BODIES[n % 3 + 200], "start": Date(str(born + 20)), "end": Date(str(born + 30))}),
        ("position", f"{{s}} chaired {BODIES[n % 200]} from {born + 25} to {born + 28}.",
         {"object": BODIES[n % 200], "start": Date(str(born + 25)), "end": Date(str(born + 28))}),
        ("residence", "{s} lived in Moscow.", {"place": "Moscow"}),
        ("education", f"{{s}} studied at Kazan University until {born + 22}.",
         {"object": "Kazan University", "end": Date(str(born + 22))}),
        ("arrest", f"{{s}} was arrested in March {born + 35}.", {"date": Date(f"{born + 35}-03")}),
    ]
    if n % 10 == 0:  # a second source-like claim on the birth: a dispute to judge and draw
        out[7] = ("birth", f"{{s}} was born in {born + 1}.", {"date": Date(str(born + 1))})
    return out


def build(path: Path, persons: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    resolved, assignment, conflicts = [], {}, []
    with Store(path) as store:
        for first in range(0, persons, PER_DOC):
            doc_id = f"doc{first // PER_DOC}"
            text, doc_persons, facts = "", [], []
            for n in range(first, min(first + PER_DOC, persons)):
                name, local = _person(n), f"{doc_id}:{n - first}"
                doc_persons.append(Person(local, name, (name,)))
                assignment[local] = f"p{n}"
                resolved.append(Person(f"p{n}", name, (name, f"Pseudonym {n}")))
                births = []
                for k, (prop, sentence, fields) in enumerate(_facts(n, persons, rng)):
                    quote = sentence.format(s=name)
                    start = len(text)
                    text += quote + " "
                    fid = f"f{n}-{k}"
                    facts.append(Factoid(local, prop, Span(doc_id, start, start + len(quote)), quote, "bench@1",
                                         0.8 + rng.random() / 5, evidence=(("subject", start, start + len(name)),),
                                         id=fid, **fields))
                    if prop == "birth":
                        births.append(fid)
                if len(births) > 1:
                    conflicts.append(Conflict(f"p{n}", ("birth",), "value", tuple(births),
                                              f"The sources disagree on the date of birth of {name}.", f"c{n}"))
                text += "\n\n"
            store.write_document(Document(id=doc_id, uri=f"/bench/{doc_id}.txt", raw=text, clean=text,
                                          title=f"Lives {first}-{first + PER_DOC - 1}", subject=doc_persons[0].name,
                                          persons=tuple(doc_persons), factoids=tuple(facts)))
        store.replace_resolution(resolved, assignment, conflicts)
        views.summarize(store)  # as pipeline.rebuild ends: what the people list shows, per person
        if not is_postgres(path):
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path | str, port: int, workers: int = 1, cache_mb: int | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from factoid.cli import main; main()", "serve", "--db", str(db), "--port", str(port),
           "--workers", str(workers)] + (["--cache-mb", str(cache_mb)] if cache_mb is not None else [])
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_ready(client: httpx2.Client, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"server exited: {server.stderr.read().decode(errors='replace')}")
        try:
            if client.get("/api/people", params={"limit": 1}).status_code == 200:
                return
        except httpx2.TransportError:
            time.sleep(0.1)
    sys.exit("server did not answer in time")


def _time(client: httpx2.Client, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        began = time.perf_counter()
        response = client.get(path)
        response.read()
        out.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
    return out


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if q != 50 else statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=10_000, help="persons, ten factoids each")
    parser.add_argument("--requests", type=int, default=1000, help="timed requests per target")
    parser.add_argument("--db", help="build here (an SQLite file, kept; or an empty PostgreSQL database's "
                                      "postgresql:// URL); default: a temporary SQLite file")
    parser.add_argument("--reuse", action="store_true", help="time the database --db holds, built by an earlier run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        began = time.perf_counter()
        if not (args.reuse and args.db):
            if is_postgres(db):
                with Store(db) as store:  # an empty database gets the schema here
                    if queries.counts(store)["documents"]:
                        sys.exit(f"{shown(db)}: already holds documents; give an empty database, or --reuse")
            else:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
            build(db, args.persons)
        with Store(db, readonly=True) as store:
            counts = queries.counts(store)
        size = "PostgreSQL" if is_postgres(db) else f"{os.path.getsize(db) / 1e6:.0f} MB"
        verb = "reused" if args.reuse and args.db else "built"
        print(f"{verb} {counts['documents']} documents, {counts['persons']} persons, {counts['factoids']} factoids, "
              f"{counts['conflicts']} conflicts in {time.perf_counter() - began:.1f}s ({size})")
        port = _free_port()
        server = _serve(db, port)
        try:
            with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                _wait_ready(client, server)
                rng = random.Random(11)
                pick = lambda: f"p{rng.randrange(args.persons)}"  # noqa: E731
                _time(client, [f"/api/people/{pick()}" for _ in range(50)] + [f"/people/{pick()}" for _ in range(50)])
                person = _time(client, [f"/api/people/{pick()}" for _ in range(args.requests)])
                page = _time(client, [f"/people/{pick()}" for _ in range(args.requests)])
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{args.requests} requests each, sequential, one keep-alive connection, loopback")
    print(f"api: person p50={_p(person, 50):.1f}ms p95={_p(person, 95):.1f}ms | "
          f"page p50={_p(page, 50):.1f}ms p95={_p(page, 95):.1f}ms")


if __name__ == "__main__":
    main()
