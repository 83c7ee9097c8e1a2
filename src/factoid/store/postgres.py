"""The PostgreSQL backend (psycopg 3), for a knowledge base several people share: readers never
wait (MVCC), writes are serialised as SQLite's are (a transaction-level advisory lock), and a
second ingest is refused while one runs (a session-level one). The store's modules speak the
same SQL to both backends: `?` parameters become `%s` here."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from itertools import count

import psycopg
from psycopg import errors as pg_errors

from ..errors import StoreError
from . import fulltext
from .keys import shown
from .migrations import classify
from .pg_schema import MIGRATIONS, SEARCHED_CHARS
from .sqlite import check_schema

# advisory lock keys (any constant bigint; these spell "factoid" and its purpose)
WRITE_LOCK, INGEST_LOCK, MIGRATE_LOCK = 0x666163746F6901, 0x666163746F6902, 0x666163746F6903
CONNECT_SECONDS = 10


class Row(tuple):
    """A row readable by position and by column name, like sqlite3.Row (dict(row) works)."""
    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):
        return tuple.__getitem__(self, self._index[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type:
    return type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor):
    if cursor.description is None:
        return tuple
    return _row_class(tuple(c.name for c in cursor.description))


@lru_cache(maxsize=1024)
def _sql(text: str) -> str:
    """Our SQL (sqlite3's `?` parameters) as psycopg's: a literal % doubled, `?` -> %s. No
    statement of the store has a `?` inside a string literal."""
    return text.replace("%", "%%").replace("?", "%s")


class PostgresDb:
    kind = "postgresql"
    # what writing one document can raise because of its values: a NUL character (PostgreSQL
    # text holds none), a number out of range, a text too long to index
    data_errors: tuple = (psycopg.DataError, pg_errors.ProgramLimitExceeded)
    integrity_errors: tuple = (psycopg.IntegrityError,)

    def __init__(self, url: str, readonly: bool):
        self.path, self.readonly, self.name = url, readonly, shown(url)
        self.migrated: list[str] = []
        self._depth = 0
        self._cursors = count()
        self.conn = None
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_SECONDS,
                                        row_factory=_row_factory, application_name="factoid")
        except (psycopg.Error, ValueError) as exc:
            raise StoreError(f"{self.name}: cannot connect to PostgreSQL: {_one_line(exc)}") from None
        try:
            if readonly:
                self.conn.execute("SET default_transaction_read_only = on")
            check_schema(self.name, self._schema(), readonly, foreign="a PostgreSQL database")
            if not readonly:
                self.migrated = self._migrate()
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"{self.name}: {_one_line(exc)}") from None
        except BaseException:
            self.close()
            raise

    # -- schema -----------------------------------------------------------------------------------
    def _schema(self):
        tables = {r[0] for r in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
        done: list[str] = []
        if "migrations" in tables:
            columns = {r[0] for r in self.conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = 'migrations'")}
            if "name" in columns:
                done = [r[0] for r in self.conn.execute("SELECT name FROM migrations")]
        return classify(tables, done, [name for name, _ in MIGRATIONS])

    def _migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in one transaction, one process at a
        time (a second opener waits, then finds them applied)."""
        ran = []
        self.conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
        try:
            self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY,"
                              " applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'utc',"
                              " 'YYYY-MM-DD HH24:MI:SS'))")
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
            for name, script in MIGRATIONS:
                if name in done:
                    continue
                with self.conn.transaction():
                    self.conn.execute(script)
                    self.conn.execute("INSERT INTO migrations(name) VALUES (%s)", (name,))
                ran.append(name)
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
        return ran

    def change_token(self) -> str:
        """A value that differs after every commit to the server: a new snapshot's text (its
        horizon and the transactions still running), which says exactly which transactions a
        read sees; reads (no transaction id) leave it as it is."""
        return self.conn.execute("SELECT pg_current_snapshot()::text").fetchone()[0]

    # -- statements -------------------------------------------------------------------------------
    def execute(self, sql: str, args=()):
        return self.conn.execute(_sql(sql), tuple(args))

    def executemany(self, sql: str, rows) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_sql(sql), rows)

    def stream(self, sql: str, args=()):
        """Rows one at a time through a server-side cursor, never the whole result in memory;
        outside a transaction it is held past the statement's own (WITH HOLD)."""
        with self.conn.cursor(f"factoid_{next(self._cursors)}", withhold=not self._depth) as cur:
            cur.itersize = 2000
            cur.execute(_sql(sql), tuple(args))
            yield from cur

    def insert_id(self, sql: str, args) -> int:
        return self.conn.execute(_sql(sql) + " RETURNING id", tuple(args)).fetchone()[0]

    @contextmanager
    def transaction(self):
        """BEGIN ... COMMIT, rolled back on any exception; writers take the write lock first, so
        two never interleave (one resolution replacing another's half-way). Nested uses join."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN")
        self._depth = 1
        try:
            if not self.readonly:
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield
        except BaseException:
            self._depth = 0
            try:
                self.conn.execute("ROLLBACK")
            except psycopg.Error:
                pass  # the connection is gone: the server rolled back
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    @contextmanager
    def exclusive(self, what: str):
        """One ingest at a time on this database; a second is refused at once, naming it."""
        got = self.conn.execute("SELECT pg_try_advisory_lock(%s)", (INGEST_LOCK,)).fetchone()[0]
        if not got:
            raise StoreError(f"{self.name}: another {what} is writing to this database; "
                             "try again when it has finished")
        try:
            yield
        finally:
            if not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s)", (INGEST_LOCK,))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    # -- what differs between backends ------------------------------------------------------------
    @staticmethod
    def nocase(expr: str) -> str:
        return f"lower({expr})"

    @staticmethod
    def among(column: str, ids: list[str]) -> tuple[str, tuple]:
        return f"{column} = ANY(?)", (list(ids),)

    def search(self, query: str, limit: int, offset: int, marks: tuple[str, str], words: int) -> tuple[int, bool, list]:
        """(total, capped, rows of id, uri, title, snippet) for our query syntax (fulltext.py),
        best first: at most fulltext.RANKED matches (the newest) are counted and ranked."""
        tsquery = fulltext.to_tsquery(fulltext.parse(query))
        if not tsquery:
            return 0, False, []
        match = "FROM documents d WHERE d.search @@ to_tsquery('simple', ?)"
        # the newest matches by the index alone; ts_rank reads each document's vector, so past
        # RANKED matches only the newest RANKED are ranked (`floor`: the oldest of them)
        newest = self.execute(f"SELECT d.rowid {match} ORDER BY d.rowid DESC LIMIT ?",
                              (tsquery, fulltext.RANKED + 1)).fetchall()
        capped = len(newest) > fulltext.RANKED
        floor = newest[fulltext.RANKED - 1][0] if capped else 0
        options = (f'StartSel="{marks[0]}", StopSel="{marks[1]}", MaxWords={int(words)}, '
                   f'MinWords={max(1, int(words) // 2)}, FragmentDelimiter=" … ", MaxFragments=1')
        rows = self.execute(
            f"SELECT d.id, d.uri, d.title, ts_headline('simple', left(d.clean, {SEARCHED_CHARS}),"
            f" to_tsquery('simple', ?), ?) AS snippet {match} AND d.rowid >= ?"
            " ORDER BY ts_rank(d.search, to_tsquery('simple', ?)) DESC, d.id LIMIT ? OFFSET ?",
            (tsquery, options, tsquery, floor, tsquery, limit, offset)).fetchall()
        return min(len(newest), fulltext.RANKED), capped, rows


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:300] + "…") if len(text) > 300 else text
