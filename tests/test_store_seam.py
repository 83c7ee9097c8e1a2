"""The storage seam (docs/ARCHITECTURE.md): the library reaches the database only through
`factoid.store`; no module outside it imports a database driver, holds a connection or
writes SQL."""
import re
from pathlib import Path

import factoid

PACKAGE = Path(factoid.__file__).parent
DRIVER = re.compile(r"^\s*(import|from)\s+(sqlite3|psycopg)\b", re.M)
SQL = re.compile(r"\b(SELECT\s+[\w*(]|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(TABLE|INDEX))")
CONNECTION = re.compile(r"\w\.(conn|db)\.\w|\.execute(many)?\(")


def _library_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "store" not in path.relative_to(PACKAGE).parts[:1]:
            yield path.relative_to(PACKAGE), path.read_text(encoding="utf-8")


def test_no_driver_connection_or_sql_outside_the_store():
    offenders = []
    for name, text in _library_modules():
        for pattern, what in ((DRIVER, "imports a driver"), (SQL, "writes SQL"), (CONNECTION, "uses a connection")):
            if pattern.search(text):
                offenders.append(f"{name}: {what}")
    assert not offenders, offenders


def test_the_store_never_calls_the_judge():
    """The pipeline drives source criticism (pipeline.rebuild); the store only stores."""
    calls = re.compile(r"\bfrom \.\.judge\b|\bimport judge\b|\bjudge\s*\(")
    for path in (PACKAGE / "store").glob("*.py"):
        assert not calls.search(path.read_text(encoding="utf-8")), path.name
