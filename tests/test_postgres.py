"""The PostgreSQL backend end to end, through the `factoid` command: the same knowledge base as
SQLite from the same documents, chosen by --db URL or $FACTOID_DB; and bad input (a server that
cannot be reached, a wrong password, another program's or a newer factoid's database, a second
ingest) as one clear line, a non-zero exit and nothing written. Runs on conftest's throwaway
server and skips, saying why, where none can be started."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factoid.cli import main
from factoid.store import Store, queries

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _one_line_error(result, *needles) -> str:
    assert result.exit_code not in (0, None), result.output
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _documents(url: str) -> int:
    with Store(url) as store:
        return queries.counts(store)["documents"]


def _knowledge(target: str) -> list:
    with Store(target, readonly=True) as store:
        return sorted((r["type"], r["id"], str(sorted(r.items()))) for r in queries.export_rows(store))


def test_the_examples_make_the_same_knowledge_base_on_both_backends(postgres_url, tmp_path):
    sqlite_db = tmp_path / "kb.db"
    for target in (sqlite_db, postgres_url):
        result = _run("ingest", EXAMPLES, "--db", target, "--quiet")
        assert result.exit_code == 0, result.output
    assert _knowledge(postgres_url) == _knowledge(str(sqlite_db))
    # chosen by $FACTOID_DB as well as --db, and the readers agree line for line
    for command in (["people"], ["conflicts"], ["search", "Sokol'nikov OR Сокольников"]):
        on_sqlite = _run(*command, "--db", sqlite_db)
        on_postgres = _run(*command, env={"FACTOID_DB": postgres_url})
        assert on_sqlite.exit_code == on_postgres.exit_code == 0, on_postgres.output
        if command[0] == "search":  # the two engines rank and cut snippets their own ways
            assert sorted(line.split(":")[0] for line in on_postgres.stdout.splitlines()) == \
                sorted(line.split(":")[0] for line in on_sqlite.stdout.splitlines()) != []
        else:
            assert on_postgres.stdout == on_sqlite.stdout
    _same_api_answers(str(sqlite_db), postgres_url)
    again = _run("ingest", EXAMPLES, "--db", postgres_url, "--quiet")
    assert again.exit_code == 0 and "0 added" in again.stdout  # the same bytes are not stored twice
    assert _knowledge(postgres_url) == _knowledge(str(sqlite_db))


def test_an_unreachable_server_is_one_line(postgres_server):
    closed = "postgresql://factoid:secret@127.0.0.1:1/kb"
    line = _one_line_error(_run("people", "--db", closed), "cannot connect to PostgreSQL")
    assert "secret" not in line


def test_a_wrong_password_is_one_line_and_not_shown(postgres_url):
    wrong = postgres_url.replace(":factoid-test@", ":not-the-password@")
    line = _one_line_error(_run("ingest", EXAMPLES, "--db", wrong, "--quiet"), "password authentication failed")
    assert "not-the-password" not in line


def test_a_newer_schema_is_refused_and_left_alone(postgres_url):
    _run("ingest", EXAMPLES / "armand.txt", "--db", postgres_url, "--quiet")
    with Store(postgres_url) as store:
        store.db.execute("INSERT INTO migrations(name) VALUES ('9999_from_the_future')")
    before = _documents_raw(postgres_url)
    _one_line_error(_run("ingest", EXAMPLES, "--db", postgres_url, "--quiet"), "newer version of factoid")
    _one_line_error(_run("people", "--db", postgres_url), "newer version of factoid")
    assert _documents_raw(postgres_url) == before


def _documents_raw(url: str) -> int:
    import psycopg
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_another_programs_database_is_refused_untouched(postgres_url):
    import psycopg
    with psycopg.connect(url := postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    _one_line_error(_run("ingest", EXAMPLES, "--db", url, "--quiet"), "not a factoid database")
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables"
                                             " WHERE table_schema = 'public'")}
    assert tables == {"invoices"}


def test_reading_an_empty_database_names_the_ingest(postgres_url):
    _one_line_error(_run("people", "--db", postgres_url), "an empty database", "factoid ingest")


def test_a_second_ingest_is_refused_while_one_runs(postgres_url):
    """Two ingests into one database would interleave their rebuilds: the second is refused at
    once with one line, and writes nothing; a correction or a reader is not held up."""
    with Store(postgres_url) as running, running.exclusive("ingest"):
        _one_line_error(_run("ingest", EXAMPLES, "--db", postgres_url, "--quiet"), "another ingest is writing")
        assert _documents(postgres_url) == 0
        assert _run("people", "--db", postgres_url).exit_code == 0  # a reader is not held up
    result = _run("ingest", EXAMPLES, "--db", postgres_url, "--quiet")
    assert result.exit_code == 0, result.output
    assert _documents(postgres_url) > 0


def _timeless(value):
    """An answer without the times each store was written at (a source's `retrieved`)."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k != "retrieved"}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def _same_api_answers(sqlite_db: str, postgres_url: str) -> None:
    """The REST API and the pages over PostgreSQL answer as over SQLite."""
    from starlette.testclient import TestClient

    from factoid.api import create_app
    with TestClient(create_app(sqlite_db)) as lite, TestClient(create_app(postgres_url)) as pg:
        people = pg.get("/api/people").json()
        assert people["total"] > 0 and people == lite.get("/api/people").json()
        first = people["items"][0]["id"]
        assert _timeless(pg.get(f"/api/people/{first}").json()) == _timeless(lite.get(f"/api/people/{first}").json())
        for path in ("/api/factoids", "/api/conflicts", "/api/people?q=sokolnikov", "/api/people?from=1900&to=1920"):
            assert pg.get(path).json() == lite.get(path).json(), path
        hits = pg.get("/api/search", params={"q": "Sokol'nikov"}).json()
        assert hits["total"] > 0 and hits["total"] == lite.get("/api/search", params={"q": "Sokol'nikov"}).json()["total"]
        lines = [[_timeless(json.loads(line)) for line in client.get("/api/export/jsonl").text.splitlines()]
                 for client in (pg, lite)]
        assert lines[0] == lines[1] and len(lines[0]) > 10
        page = pg.get(f"/people/{first}")
        assert page.status_code == 200 and people["items"][0]["name"].split()[0] in page.text


def test_a_nul_character_costs_that_document_only(postgres_url):
    """PostgreSQL text holds no NUL: writing such a document is a ValueError (the ingest reports
    that document and goes on), and nothing of it is stored."""
    from factoid.model import Document
    with Store(postgres_url) as store:
        with pytest.raises(ValueError, match="NUL"):
            store.write_document(Document(id="d0", uri="/tmp/nul.txt", raw="a\x00b", clean="a b"))
        assert not store.has_document("d0") and queries.counts(store)["documents"] == 0
