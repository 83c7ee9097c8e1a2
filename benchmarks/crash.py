#!/usr/bin/env python3
"""Kill ingests at random moments and check what they leave behind.

usage: benchmarks/crash.py [CORPUS] [--n 100] [--copies 4] [--seed 1] [--keep DIR]

CORPUS (default: examples/) is copied --copies times, each copy's bytes made different, so
the ingest stores several batches. An uninterrupted ingest makes the reference database. Then
N times: a fresh ingest (every other one with `--jobs 2`) gets SIGKILL at a random moment:
while it starts (1 in 10), right after a random number of its documents is stored (8 in 10),
or while it rebuilds persons after the last one (1 in 10). Then the harness checks
- integrity: `PRAGMA integrity_check` and `foreign_key_check` pass, and no document is half
  written: each stored document has exactly the factoids, mentions, regions and document
  persons the reference stores for it;
- stale: when the killed run left persons out of date, `factoid people` says so;
- orphans: no process of the killed ingest's process group (its workers) is alive 5 s later;
- resumption: the same ingest run again completes, and its export is identical to the
  reference's export (sorted lines: the order of equal-keyed rows is not part of the contract).
The last line is `crash: n=<N> consistent=<k> identical=<k> orphans=<k>`.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
PER_DOCUMENT = ("factoids", "mentions", "regions", "doc_persons")


def factoid(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "factoid.cli", *args], capture_output=True, text=True, env=ENV)
    if check and done.returncode != 0:
        sys.exit(f"crash: factoid {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def build_corpus(source: Path, folder: Path, copies: int) -> Path:
    """`copies` copies of every file; each copy differs in its bytes (a trailing newline for
    texts, a suffixed record id for JSON Lines), so each is a new document."""
    files = [p for p in sorted(source.rglob("*")) if p.is_file()] if source.is_dir() else [source]
    for k in range(copies):
        for path in files:
            data = path.read_bytes()
            if path.suffix == ".jsonl":
                lines = []
                for line in data.decode("utf-8").splitlines():
                    record = json.loads(line)
                    record["id"] = f"{record.get('id', len(lines))}-copy{k}"
                    lines.append(json.dumps(record, ensure_ascii=False))
                data = ("\n".join(lines) + "\n").encode("utf-8")
            else:
                data += b"\n" * k
            dest = folder / f"copy{k}" / path.relative_to(source if source.is_dir() else source.parent)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
    return folder


def count_documents(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def ingest_command(corpus: Path, db: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "factoid.cli", "ingest", str(corpus), "--db", str(db), "-q", "--jobs", str(jobs)]


def timeline(corpus: Path, db: Path, jobs: int) -> tuple[float, float]:
    """An uninterrupted ingest: seconds to its first stored document, and to its end."""
    start = time.monotonic()
    proc = subprocess.Popen(ingest_command(corpus, db, jobs), env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    first = None
    while proc.poll() is None:
        if first is None and count_documents(db) > 0:
            first = time.monotonic() - start
        time.sleep(0.02)
    end = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"crash: the reference ingest failed: {proc.stderr.read().strip()}")
    return (first if first is not None else end), end


def kill_moment(proc: subprocess.Popen, db: Path, rng: random.Random, total: int,
                timing: tuple[float, float]) -> str:
    """Wait for a random moment of this ingest (see the module's description); say which."""
    first, end = timing
    phase = rng.random()
    if phase < 0.1:
        delay = rng.uniform(0, first)
        time.sleep(delay)
        return f"while starting ({delay:.2f}s)"
    target = rng.randint(1, total) if phase < 0.9 else total
    while proc.poll() is None and count_documents(db) < target:
        time.sleep(0.01)
    if phase < 0.9:
        return f"after {target} documents"
    delay = rng.uniform(0, max(0.0, end - first) / 2)
    time.sleep(delay)
    return f"while rebuilding ({delay:.2f}s after the last document)"


def group(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group `pgid` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
    return found


def orphans_after(pgid: int, seconds: float = 5.0) -> int:
    deadline = time.monotonic() + seconds
    while (left := group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(left)


def per_document(db: Path) -> dict[str, tuple]:
    """For each document: the sorted ids of its factoids and the counts of its other rows."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for (doc,) in conn.execute("SELECT id FROM documents"):
            facts = tuple(r[0] for r in conn.execute("SELECT id FROM factoids WHERE doc_id=? ORDER BY id", (doc,)))
            counts = tuple(conn.execute(f"SELECT COUNT(*) FROM {t} WHERE doc_id=?", (doc,)).fetchone()[0]
                           for t in PER_DOCUMENT[1:])
            out[doc] = (facts, counts)
        return out
    finally:
        conn.close()


def consistent(db: Path, reference: dict[str, tuple]) -> tuple[bool, str]:
    if not db.exists():
        return True, "no database yet"
    conn = sqlite3.connect(db)  # a writable connection: it recovers the write-ahead log as any opener would
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            return False, "integrity_check failed"
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            return False, "foreign_key_check failed"
        if "documents" not in tables:
            return True, "killed while creating the schema"
        for table in PER_DOCUMENT:
            stray = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)")
            if stray.fetchone()[0]:
                return False, f"{table} rows of no stored document"
    finally:
        conn.close()
    for doc, rows in per_document(db).items():
        if reference.get(doc) != rows:
            return False, f"document {doc} half written"
    return True, ""


def is_stale(db: Path) -> bool:
    try:
        conn = sqlite3.connect(db)
        try:
            row = conn.execute("SELECT value FROM state WHERE key='resolution'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == "stale")


def export_lines(db: Path) -> list[str]:
    return sorted(factoid("export", "--db", str(db)).stdout.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "examples"))
    parser.add_argument("--n", type=int, default=100, help="kills")
    parser.add_argument("--copies", type=int, default=4, help="copies of the corpus ingested")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="keep the databases of inconsistent or differing runs here")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        sys.exit("crash: needs Linux (/proc) to find orphan workers")
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="factoid-crash-"))
    try:
        corpus = build_corpus(Path(args.corpus), work / "corpus", args.copies)
        ref = work / "reference.db"
        timing = {1: timeline(corpus, ref, 1), 2: timeline(corpus, work / "jobs2.db", 2)}
        reference, expected = per_document(ref), export_lines(ref)
        if export_lines(work / "jobs2.db") != expected:
            sys.exit("crash: --jobs 2 and one process store different things; nothing to compare against")
        print(f"reference: {len(reference)} documents, {len(expected)} export lines; first document stored "
              f"after {timing[1][0]:.1f}s, end {timing[1][1]:.1f}s (--jobs 2: {timing[2][0]:.1f}s, {timing[2][1]:.1f}s)",
              flush=True)
        n_consistent = n_identical = n_orphans = stale_runs = stale_told = 0
        for i in range(args.n):
            jobs = 2 if i % 2 else 1
            db = work / f"kill{i}.db"
            proc = subprocess.Popen(ingest_command(corpus, db, jobs), env=ENV, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            moment = kill_moment(proc, db, rng, len(reference), timing[jobs])
            finished = proc.poll() is not None
            if not finished:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            orphans = orphans_after(proc.pid)
            stored = count_documents(db)
            ok, why = consistent(db, reference)
            if ok and is_stale(db):
                stale_runs += 1
                stale_told += "factoid rebuild" in factoid("people", "--db", str(db), check=False).stderr
            factoid(*ingest_command(corpus, db, jobs)[3:])
            identical = export_lines(db) == expected
            n_consistent += ok
            n_identical += identical
            n_orphans += orphans
            print(f"kill {i + 1}: jobs={jobs} {moment}{' (had finished)' if finished else ''}, "
                  f"{stored} documents stored; {'consistent' if ok else 'INCONSISTENT: ' + why}, "
                  f"{'identical' if identical else 'DIFFERENT'} after resuming, {orphans} orphans", flush=True)
            if args.keep and not (ok and identical):
                shutil.copy(db, Path(args.keep) / db.name)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        print(f"stale: {stale_told} of {stale_runs} runs killed before their rebuild said so on the next read")
        print(f"crash: n={args.n} consistent={n_consistent} identical={n_identical} orphans={n_orphans}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
