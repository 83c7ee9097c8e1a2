#!/usr/bin/env python3
"""Concurrent load on `factoid serve`: many clients at once against a large database.

usage: benchmarks/load.py [--persons 20000] [--clients 20] [--seconds 30] [--db FILE] [--workers 1] [--cache-mb N]

Builds (or reuses, with --db) the synthetic database of benchmarks/api.py (ten factoids a
person: 20,000 persons = 200,000 factoids), serves it with `factoid serve` (--workers processes;
--cache-mb: its page cache, 0 for none, the server's default if not given) on loopback, and runs
--clients threads for --seconds, each sending in turn: a page of the people list, the people
list with a date filter, a random person's page, and a full-text search. Every
request is timed from send to the last byte; a status other than 200 is an error. Each kind's
p50 and p95 go to standard error; the last line printed is
`load: rps=<n> p50=<ms>ms p95=<ms>ms p99=<ms>ms errors=<n>` (issue 15's target: p95 <= 100 ms,
0 errors)."""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import _free_port, _p, _serve, _wait_ready, build  # noqa: E402

WORDS = ("Committee", "Party", "Petrov", "Orlov", "born", "arrested", "Volkov")


def _paths(rng: random.Random, persons: list[str]):
    """An endless round of the four requests a reader makes, each with its kind."""
    while True:
        yield "list", f"/?page={rng.randint(1, 50)}"
        year = rng.randint(1880, 1930)
        yield "dated", f"/api/people?from={year}&to={year + 5}&limit=50"
        yield "person", f"/people/{rng.choice(persons)}"
        yield "search", f"/api/search?q={rng.choice(WORDS)}&limit=20"


def _client(base: str, persons: list[str], until: float, seed: int, out: list, errors: list) -> None:
    rng = random.Random(seed)
    with httpx2.Client(base_url=base, timeout=30) as client:
        for kind, path in _paths(rng, persons):
            if time.monotonic() >= until:
                return
            started = time.perf_counter()
            try:
                response = client.get(path)
                response.read()
                ok = response.status_code == 200
            except httpx2.HTTPError:
                ok = False
            out.append((kind, (time.perf_counter() - started) * 1000))
            if not ok:
                errors.append(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=20_000, help="persons, ten factoids each")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--db", type=Path, help="build here, or reuse when it exists")
    parser.add_argument("--workers", type=int, default=1, help="server processes (`factoid serve --workers`)")
    parser.add_argument("--cache-mb", type=int, help="`factoid serve --cache-mb` (0: no page cache)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.db"
        if not db.exists():
            started = time.perf_counter()
            build(db, args.persons)
            print(f"built {db} in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        from factoid.store import Store
        with Store(db, readonly=True) as store:
            persons = [r[0] for r in store.db.execute("SELECT id FROM persons")]
        port = _free_port()
        server = _serve(db, port, args.workers, args.cache_mb)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx2.Client(base_url=base, timeout=30) as client:
                _wait_ready(client, server)
            times: list[tuple[str, float]] = []
            errors: list[str] = []
            until = time.monotonic() + args.seconds
            threads = [threading.Thread(target=_client, args=(base, persons, until, seed, times, errors))
                       for seed in range(args.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(timeout=10)
    if errors:
        print(f"first errors: {errors[:5]}", file=sys.stderr)
    for kind in ("list", "dated", "person", "search"):  # which request is slow, before the total
        mine = [ms for k, ms in times if k == kind]
        if len(mine) > 1:
            print(f"  {kind}: n={len(mine)} p50={_p(mine, 50):.1f}ms p95={_p(mine, 95):.1f}ms", file=sys.stderr)
    every = [ms for _, ms in times]
    print(f"load: rps={len(every) / args.seconds:.0f} p50={_p(every, 50):.1f}ms p95={_p(every, 95):.1f}ms "
          f"p99={_p(every, 99):.1f}ms errors={len(errors)}")


if __name__ == "__main__":
    main()
