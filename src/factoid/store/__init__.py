"""Storage: SQLite by default. `Store` writes; `queries` names every read of the CLI, API and
pages; `corpus` the reads of the corpus stages (resolution and source criticism)."""
from . import corpus, queries
from .database import Store

__all__ = ["Store", "corpus", "queries"]
