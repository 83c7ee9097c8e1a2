#!/usr/bin/env python3
"""Time and peak memory of each export format on a synthetic database.

usage: benchmarks/exports.py [--persons 10000] [--db FILE] [--formats NAME ...]

The database is benchmarks/api.py's (ten factoids per person: life events, an alias, kin linked
by person id, party and office held over spans of time in shared bodies). Each format runs as
its own `factoid export` process, so its peak resident memory (ru_maxrss of the child) is its
own. One line per format: `exports: FORMAT seconds=S peak_mb=M bytes=B`.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api import build  # noqa: E402  (the same synthetic database as the API benchmark)

from factoid.exports import FORMATS  # noqa: E402

RUN = ("import resource, sys\nfrom factoid.cli import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
       "    print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="use (or build) this database")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS), choices=list(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build(db, args.persons)
        for name in args.formats:
            fmt = FORMATS[name]
            out = Path(tmp) / f"out-{name}{'' if fmt.tables else fmt.suffix}"
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", RUN, "export", "--db", str(db), "--format", name,
                                   "--out", str(out)], capture_output=True, text=True)
            seconds = time.perf_counter() - began
            if done.returncode:
                sys.exit(f"{name}: {done.stderr.strip()}")
            peak = int(done.stderr.split("peak_kb")[-1].split()[0]) / 1024
            print(f"exports: {name} seconds={seconds:.1f} peak_mb={peak:.0f} bytes={_size(out)}", flush=True)


if __name__ == "__main__":
    main()
