#!/usr/bin/env python3
"""Peak memory of `factoid ingest` over a large corpus: documents must stream through.

usage: benchmarks/memory.py [--mb 100] [--jobs 1] [CORPUS]

Without CORPUS, builds a JSON Lines corpus of about --mb MB from the KnowledgeNet passages in
../shared (the passages grouped into their documents, repeated with a copy number so every
document is new), then runs `factoid ingest` on it in a child process and samples the resident
memory of that process and its workers (summed) every half second. Last line:
`memory: corpus=<MB>MB documents=<n> peak_rss=<MB>MB time=<s>s`.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build_corpus  # noqa: E402


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus) if args.corpus else build_corpus(Path(tmp), args.mb)
        size = corpus.stat().st_size / 1e6 if corpus.is_file() else sum(
            p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
        factoid = Path(sys.executable).parent / "factoid"
        started = time.perf_counter()
        child = subprocess.Popen([str(factoid), "ingest", str(corpus), "--db", str(Path(tmp) / "m.db"), "-q",
                                  "--jobs", str(args.jobs)], stdout=subprocess.PIPE, text=True)
        peak = [0.0]

        def sample():
            while child.poll() is None:
                peak[0] = max(peak[0], tree_rss_mb(child.pid))
                time.sleep(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, _ = child.communicate()
        sampler.join()
        elapsed = time.perf_counter() - started
        print(out.strip())
        documents = out.split(" added")[0].strip() if " added" in out else "?"
    print(f"memory: corpus={size:.1f}MB documents={documents} peak_rss={peak[0]:.0f}MB time={elapsed:.0f}s")


if __name__ == "__main__":
    main()
