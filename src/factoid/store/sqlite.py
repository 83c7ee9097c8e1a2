"""The SQLite backend: one file, WAL mode, one writer (BEGIN IMMEDIATE), read-only connections
for serving. Every open checks what the file is before SQLite writes anything to it."""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from ..errors import StoreError
from . import fulltext
from .migrations import Schema, migrate, schema

SQLITE_HEADER = b"SQLite format 3\x00"
_connections = count(1)  # numbers each connection: its data_version means something to itself only


class SqliteDb:
    """The connection the store's modules speak SQL through (`?` parameters, rows readable by
    name and by position). Nothing outside `store/` sees it."""

    kind = "sqlite"
    # what writing one document can raise because of that document's values (a type SQLite
    # cannot bind), as opposed to the database failing
    data_errors: tuple = (sqlite3.InterfaceError,)
    integrity_errors: tuple = (sqlite3.IntegrityError,)

    def __init__(self, path: str, readonly: bool):
        self.path, self.readonly = path, readonly
        self.migrated: list[str] = []
        _sniff(path)
        self.conn = None
        try:
            self.conn = _connect_readonly(path) if readonly else _connect_writable(path)
            self.conn.row_factory = sqlite3.Row
            _check(path, schema(self.conn), readonly)
            if not readonly:  # only now, so a refused file is left exactly as it was
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.migrated = migrate(self.conn)
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{path}: not a factoid database ({exc})") from None
        except BaseException:
            self.close()
            raise
        self._depth = 0
        self._number = next(_connections)

    def change_token(self) -> str:
        """A value that differs after every commit by any other connection or process (SQLite's
        data_version, counted per connection, so the token names its connection too)."""
        return f"{self._number}:{self.conn.execute('PRAGMA data_version').fetchone()[0]}"

    # -- statements ---------------------------------------------------------------------------
    def execute(self, sql: str, args=()):
        return self.conn.execute(sql, args)

    def executemany(self, sql: str, rows) -> None:
        self.conn.executemany(sql, rows)

    def stream(self, sql: str, args=()):
        """Rows one at a time, never all in memory (SQLite steps its cursor lazily)."""
        return self.conn.execute(sql, args)

    def insert_id(self, sql: str, args) -> int:
        """Run an INSERT into a table with an integer `id` and return the new row's id."""
        return self.conn.execute(sql, args).lastrowid

    @contextmanager
    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (KeyboardInterrupt included).
        Nested uses join the outer transaction, so a caller can make several writes one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    @contextmanager
    def exclusive(self, what: str):
        """One ingest at a time: SQLite's single writer already serialises every write."""
        yield

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    # -- what differs between backends --------------------------------------------------------
    @staticmethod
    def nocase(expr: str) -> str:
        """An expression compared and ordered without case (indexed: migration 0003)."""
        return f"{expr} COLLATE NOCASE"

    @staticmethod
    def among(column: str, ids: list[str]) -> tuple[str, tuple]:
        """`column` IN ids, as one JSON argument: a filter may keep more persons than SQLite
        takes bound parameters."""
        import json
        return f"{column} IN (SELECT value FROM json_each(?))", (json.dumps(ids),)

    def search(self, query: str, limit: int, offset: int, marks: tuple[str, str], words: int) -> tuple[int, bool, list]:
        """(total, capped, rows of id, uri, title, snippet) for our query syntax (fulltext.py),
        best first: at most fulltext.RANKED matches (the newest) are counted and ranked."""
        match = fulltext.to_fts5(fulltext.parse(query))
        if not match:
            return 0, False, []
        # the matches counted up to RANKED + 1 in the index alone (no ranking); past RANKED only
        # the newest RANKED are ranked: `floor` is the oldest of them
        newest = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC"
        found = self.conn.execute(f"SELECT COUNT(*) FROM ({newest} LIMIT ?)",
                                  (match, fulltext.RANKED + 1)).fetchone()[0]
        capped = found > fulltext.RANKED
        floor = self.conn.execute(f"{newest} LIMIT 1 OFFSET ?",
                                  (match, fulltext.RANKED - 1)).fetchone()[0] if capped else 0
        # the page is ranked in the index too, so snippets are cut for its rows only
        rows = self.conn.execute(
            f"SELECT d.id, d.uri, d.title, hit.snippet FROM (SELECT rowid, rank,"
            f" snippet(documents_fts, 1, ?, ?, ' … ', {int(words)}) AS snippet FROM documents_fts"
            " WHERE documents_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ? OFFSET ?) hit"
            " JOIN documents d ON d.rowid = hit.rowid ORDER BY hit.rank",
            (*marks, match, floor, limit, offset)).fetchall()
        return min(found, fulltext.RANKED), capped, rows


def _sniff(path: str) -> None:
    """Refuse a file that is not SQLite (or a folder) before SQLite sees it; an empty file is
    an empty database."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path}: a folder, not a factoid database") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{path}: not a factoid database (not an SQLite file)")


def _connect_writable(path: str) -> sqlite3.Connection:
    p = Path(path)
    folder = p.resolve().parent
    if not folder.is_dir():
        raise StoreError(f"{path}: cannot create the database: no folder {folder}")
    if (p.exists() and not os.access(p, os.W_OK)) or not os.access(folder, os.W_OK):
        raise StoreError(f"{path}: cannot write the database here (read-only file or folder); "
                         "reading commands still work")
    return sqlite3.connect(path, isolation_level=None)


def _connect_readonly(path: str) -> sqlite3.Connection:
    """mode=ro where SQLite can keep its shared-memory file beside the database; in a folder
    we cannot write, immutable=1 (nothing can be changing a file there through us), unless a
    write-ahead log holds changes the immutable view would miss."""
    p = Path(path)
    if not p.exists():
        raise StoreError(f"{path}: no such database")
    uri = p.resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = Path(path + "-wal")
        if os.access(p.resolve().parent, os.W_OK):
            raise
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(f"{path}: the folder is read-only and {wal.name} holds changes not yet in the "
                             "database; open it once where the folder is writable") from None
    return sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def check_schema(where: str, found: Schema, readonly: bool, foreign: str = "an SQLite file") -> None:
    """Refuse another program's database, a newer schema, and (for readers) an empty or older one."""
    if found.kind == "foreign":
        raise StoreError(f"{where}: not a factoid database ({foreign} with another program's tables; "
                         "left as it is)")
    if found.unknown:
        raise StoreError(f"{where}: made by a newer version of factoid (schema {found.unknown[-1]}); "
                         "upgrade factoid to use it")
    if readonly and found.kind == "empty":
        raise StoreError(f"{where}: an empty database (run `factoid ingest PATH --db {where}` first)")
    if readonly and found.missing:
        raise StoreError(f"{where}: made by an older version of factoid (lacks {', '.join(found.missing)}); "
                         f"run `factoid migrate --db {where}` to upgrade it")


_check = check_schema
