#!/usr/bin/env python3
"""Is the cost of a document linear in its length? The same text ingested as one document and as
100 documents, for each size, in the same run.

usage: benchmarks/long_documents.py [--sizes 0.1,1,10] [CORPUS]

The text is the KnowledgeNet passages in ../shared (or CORPUS, a text file), repeated to the size.
Each size ends with `long: size=<MB> one_doc=<s>s many_docs=<s>s ratio=<one/many> peak_rss=<MB>MB`
(peak_rss of the one-document run, measured in a child process). Issue 15's target: ratio <= 1.5
at every size, peak memory under 1 GB for 10 MB.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KNET = HERE.parent.parent / "shared" / "eval" / "knowledgenet" / "dev.jsonl"


def source_text(corpus: str | None) -> str:
    if corpus:
        return Path(corpus).read_text(encoding="utf-8")
    if not KNET.exists():
        sys.exit(f"no corpus given and {KNET} is absent: pass a text file")
    with open(KNET, encoding="utf-8") as handle:
        return "\n\n".join(json.loads(line)["passageText"] for line in handle)


def sized(text: str, megabytes: float) -> str:
    want = int(megabytes * 1_000_000)
    return (text * (want // len(text) + 1))[:want]


def ingest(paths: list[Path], db: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of `factoid ingest` over `paths` in a child process."""
    code = ("import resource, sys; from factoid.cli import main; sys.argv = ['factoid', 'ingest', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths), "--db", str(db), "-q"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"long: ingest failed: {done.stderr.strip()[-500:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--sizes", default="0.1,1,10", help="sizes in MB, comma-separated")
    args = parser.parse_args()
    text = source_text(args.corpus)
    for size in (float(x) for x in args.sizes.split(",")):
        body = sized(text, size)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            one = root / "one.txt"
            one.write_text(body, encoding="utf-8")
            many = root / "many"
            many.mkdir()
            step = len(body) // 100 + 1
            for i in range(100):
                (many / f"part{i:03d}.txt").write_text(f"Part {i}.\n" + body[i * step:(i + 1) * step], encoding="utf-8")
            one_s, rss = ingest([one], root / "one.db")
            many_s, _ = ingest([many], root / "many.db")
        print(f"long: size={size:g} one_doc={one_s:.1f}s many_docs={many_s:.1f}s ratio={one_s / many_s:.2f} "
              f"peak_rss={rss:.0f}MB", flush=True)


if __name__ == "__main__":
    main()
