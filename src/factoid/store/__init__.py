"""Storage behind one seam: `Store` (database.py) writes, and the named reads take a Store:
`queries` (the CLI, API and pages), `corpus` (resolution and source criticism), `exporting`
(the exports). Two backends speak SQL under it: SQLite (sqlite.py, the default: one file) and
PostgreSQL (postgres.py, for a postgresql:// URL). No SQL lives outside this package."""
from . import corpus, queries
from .database import Store, is_postgres, shown

__all__ = ["Store", "corpus", "is_postgres", "queries", "shown"]
