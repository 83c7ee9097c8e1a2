"""Signals and processes: SIGTERM ends an ingest as Ctrl-C does, workers never outlive their
parent, and an ingest killed before its rebuild leaves a database that says so."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factoid import pipeline
from factoid.cli import main

SRC = str(Path(__file__).resolve().parents[1] / "src")
TEXTS = {
    "a.txt": "Marta Kowalska (2 May 1880 – 7 June 1940) was a Polish chemist. She was born in Lublin.",
    "b.txt": "Henrik Dahl (1 March 1850 – 4 April 1910) was a Danish architect. Dahl was born in Aarhus.",
    "c.txt": "Oskar Lind (9 September 1870 – 1 October 1930) was a Swedish printer. Lind was born in Lund.",
}
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of process group `pgid`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _wait_gone(pgid: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:  # leave nothing behind, whatever the test says
        os.kill(pid, signal.SIGKILL)
    return left


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# an ingest in batches of one that signals itself right after its first document is stored
# (a batch's documents are committed together: pipeline._write_batch)
_SIGNAL_AFTER_FIRST_WRITE = """
import os, signal, sys
sys.path.insert(0, {src!r})
from factoid import pipeline
from factoid.cli import main
pipeline.BATCH = 1
original = pipeline._write_batch
def write_batch(store, docs):
    written = original(store, docs)
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    return written
pipeline._write_batch = write_batch
main(sys.argv[2:])
"""


def _ingest_signalled(sig: str, docs: Path, db: Path, jobs: int) -> tuple[int, str, list[int]]:
    """Exit status, stderr, and the processes of its group left after it ended."""
    proc = subprocess.Popen([sys.executable, "-c", _SIGNAL_AFTER_FIRST_WRITE.format(src=SRC), sig,
                             "ingest", str(docs), "--db", str(db), "-q", "--jobs", str(jobs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err, _wait_gone(proc.pid)


def test_sigterm_in_process_is_handled_like_ctrl_c(docs, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH", 1)
    original, calls = pipeline.process, []

    def process(batch):
        calls.append(batch)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        return original(batch)

    monkeypatch.setattr(pipeline, "process", process)
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["ingest", str(docs), "--db", str(db), "-q"])
    assert result.exit_code == 143, result.output
    assert result.stderr.strip() == "factoid: terminated; every document already stored is complete"
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(1,)]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is this command's only


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigterm_stops_an_ingest_cleanly_and_its_workers_with_it(docs, tmp_path, jobs):
    db = tmp_path / "kb.db"
    code, err, left = _ingest_signalled("SIGTERM", docs, db, jobs)
    assert code == 143, err
    assert left == []
    assert err.strip() == "factoid: terminated; every document already stored is complete"
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(1,)]
    people = CliRunner().invoke(main, ["people", "--db", str(db), "--all"])
    assert people.exit_code == 0 and people.stderr == ""  # the interrupted ingest rebuilt persons
    assert "Kowalska" in people.stdout


def test_a_killed_ingest_leaves_no_workers_and_says_its_persons_are_stale(docs, tmp_path):
    db = tmp_path / "kb.db"
    code, _, left = _ingest_signalled("SIGKILL", docs, db, jobs=2)
    assert code == -signal.SIGKILL
    assert left == []  # the two workers died with their parent
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(db, "SELECT COUNT(*) FROM documents") == [(1,)]

    people = CliRunner().invoke(main, ["people", "--db", str(db), "--all"])
    assert people.exit_code == 0
    assert "out of date" in people.stderr and "factoid rebuild" in people.stderr
    again = CliRunner().invoke(main, ["ingest", str(docs), "--db", str(db), "-q"])
    assert again.exit_code == 0, again.output
    after = CliRunner().invoke(main, ["people", "--db", str(db)])
    assert after.stderr == "" and all(name in after.stdout for name in ("Kowalska", "Dahl", "Lind"))


# workers that sleep; the parent prints their pids and waits to be killed
_PARENT_OF_SLEEPERS = """
import os, sys, time
sys.path.insert(0, {src!r})
from factoid import workers
if sys.argv[1] == "watch":
    workers._pdeathsig = lambda: False  # as where prctl is missing: the watching thread
def slow(seconds):
    time.sleep(seconds)
    return os.getpid()
results = workers.map_batches(slow, iter([0.5, 0.5, 600, 600, 600]), jobs=2)
print(next(results), next(results), flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("how", ["prctl", "watch"])
def test_workers_die_when_their_parent_is_killed(how):
    proc = subprocess.Popen([sys.executable, "-c", _PARENT_OF_SLEEPERS.format(src=SRC), how],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        pids = {int(p) for p in proc.stdout.readline().split()}
        assert len(pids) == 2 and set(_group(proc.pid)) == {proc.pid, *pids}
    finally:
        proc.kill()
        proc.wait()
    assert _wait_gone(proc.pid) == []
