"""Storage: SQLite by default. `Store` writes; `queries` names every read."""
from . import queries
from .database import Store

__all__ = ["Store", "queries"]
