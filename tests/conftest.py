"""Fixtures shared by the test files: the backends a store test runs against.

`store_target` is parametrised over both backends (as Splink runs its tests per backend): an
SQLite file in the test's folder, or a fresh database on a throwaway PostgreSQL server that
this session starts (initdb in a temporary folder, a free port, password authentication) and
stops at its end. Where no server can be started the PostgreSQL cases skip, saying why.
FACTOID_TEST_POSTGRES=postgresql://user:password@host:port/db uses a server you run instead."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

import pytest

PASSWORD = "factoid-test"
_numbers = count(1)


def _binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin (newest)."""
    found = shutil.which("pg_ctl")
    folders = ([Path(found).parent] if found else []) + [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
                                reverse=True)]
    return next((f for f in folders if (f / "initdb").exists() and (f / "pg_ctl").exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """A PostgreSQL server in a temporary folder. initdb refuses to run as root, so as root the
    server runs as the unprivileged user `nobody` (runuser), owning only its folder."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="factoid-pg-"))
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise RuntimeError("tests run as root and runuser is missing: cannot start PostgreSQL as another user")
            self.as_user = [runuser, "-u", "nobody", "--"]
        (self.folder / "password").write_text(PASSWORD + "\n")
        if self.as_user:
            shutil.chown(self.folder, "nobody")
            shutil.chown(self.folder / "password", "nobody")

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            tail = " ".join((done.stderr or done.stdout).split())[-300:]
            raise RuntimeError(f"{Path(args[0]).name} failed: {tail}")

    def start(self) -> str:
        data = self.folder / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "factoid", "--auth=scram-sha-256",
                  f"--pwfile={self.folder / 'password'}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-o", options,
                  "-w", "-t", "60", "start")
        return f"postgresql://factoid:{PASSWORD}@127.0.0.1:{self.port}"

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    """The base URL (no database name) of a PostgreSQL server for this test session."""
    given = os.environ.get("FACTOID_TEST_POSTGRES")
    if given:
        yield given.rsplit("/", 1)[0]
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    bin_dir = _binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (`make test` installs Debian's postgresql-15 with apt-get)")
    try:
        server = _Server(bin_dir)
    except (RuntimeError, OSError, LookupError) as exc:
        pytest.skip(f"cannot prepare a PostgreSQL server: {exc}")
    try:
        url = server.start()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        server.stop()
        pytest.skip(f"cannot start a PostgreSQL server: {exc}")
    yield url
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's server."""
    import psycopg
    name = f"factoid_test_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """Where a test's store lives: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("postgres_url")
