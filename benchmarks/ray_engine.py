#!/usr/bin/env python3
"""`--engine ray` against one machine's own parallelism, same run: ingest and resolution.

usage: benchmarks/ray_engine.py [CORPUS] [--mb 1] [--jobs 2] [--only ingest|resolution] [--ray-first] [--limit N]

Ingest: the corpus of benchmarks/throughput.py (CORPUS, else about --mb MB of KnowledgeNet
documents) is ingested with `--jobs N` worker processes, then with a local Ray of N CPUs
(`--engine ray`), each into a new SQLite database, the whole command each time (reading,
the document stages, writing, resolution). Ray's rate is given twice: counting the start of
the local Ray (as a command line run pays it), and from a started Ray (as on a cluster that
is already up).

Resolution: the records of ../shared/eval/resolution/historical_figures_with_errors_50k.parquet
(as benchmarks/resolution.py feeds them) are resolved in this process, then with blocking and
scoring on Ray; the two clusterings must be identical.

The last lines printed are
`ingest: jobs<N>=<words/s> ray=<words/s> ray_started=<words/s> ratio=<ray/jobs> ratio_started=<..>`
`resolution: records=<n> single=<s>s ray=<s>s identical=<yes|no>`.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from resolution import DEFAULT, read, resolution_input  # noqa: E402
from throughput import build_corpus, texts_of  # noqa: E402


def ingest_rates(args) -> None:
    from factoid import open_store
    from factoid.engines import start
    from factoid.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus) if args.corpus else build_corpus(Path(tmp), args.mb)
        texts = texts_of(corpus)
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {corpus} ({len(texts)} documents, {sum(map(len, texts)) / 1e6:.2f} MB, {words} words)")
        def with_jobs() -> float:
            with open_store(Path(tmp) / "jobs.db") as store:
                began = time.perf_counter()
                report = ingest([corpus], store, jobs=args.jobs)
                rate = words / (time.perf_counter() - began)
            print(f"ingest --jobs {args.jobs}: {rate:,.0f} words/s ({report.added} documents)")
            return rate

        def on_ray() -> tuple[float, float]:
            began = time.perf_counter()
            with start("ray", workers=args.jobs) as engine:
                ready = time.perf_counter()
                with open_store(Path(tmp) / "ray.db") as store:
                    report = ingest([corpus], store, engine=engine)
                ended = time.perf_counter()
            print(f"ingest --engine ray ({args.jobs} CPUs): {words / (ended - began):,.0f} words/s, "
                  f"{words / (ended - ready):,.0f} words/s once Ray is up ({ready - began:.1f}s to start it; "
                  f"{report.added} documents, {len(report.failed)} failed)")
            return words / (ended - began), words / (ended - ready)

        if args.ray_first:
            ray_rate, started_rate = on_ray()
            jobs_rate = with_jobs()
        else:
            jobs_rate = with_jobs()
            ray_rate, started_rate = on_ray()
    print(f"ingest: jobs{args.jobs}={jobs_rate:.0f} ray={ray_rate:.0f} ray_started={started_rate:.0f} "
          f"ratio={ray_rate / jobs_rate:.2f} ratio_started={started_rate / jobs_rate:.2f}")


def resolution(args) -> None:
    from factoid.engines import start
    from factoid.resolve import resolve

    if not args.parquet.exists():
        print(f"{args.parquet}: absent, resolution not measured", file=sys.stderr)
        return
    persons, facts = resolution_input(read(args.parquet, args.limit))
    began = time.perf_counter()
    local = resolve(persons, facts)
    single = time.perf_counter() - began
    with start("ray", workers=args.jobs) as engine:
        began = time.perf_counter()
        distributed = resolve(persons, facts, engine=engine)
        on_ray = time.perf_counter() - began
    same = (local.assignment == distributed.assignment and local.near == distributed.near
            and [(x.a, x.b, x.score) for x in local.links] == [(x.a, x.b, x.score) for x in distributed.links])
    print(f"resolution: records={len(rows)} persons={len(local.persons)} single={single:.1f}s "
          f"ray={on_ray:.1f}s identical={'yes' if same else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes, and Ray's CPUs")
    parser.add_argument("--only", choices=("ingest", "resolution"))
    parser.add_argument("--ray-first", action="store_true", help="ingest on Ray before --jobs (alternate runs)")
    parser.add_argument("--parquet", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, help="resolution: only the first N records")
    args = parser.parse_args()
    if args.only != "resolution":
        ingest_rates(args)
    if args.only != "ingest":
        resolution(args)


if __name__ == "__main__":
    main()
