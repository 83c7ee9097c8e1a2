"""factoid: a sourced knowledge base of people, built from raw noisy documents.

The public API (pinned by tests/test_public_api.py):

    from factoid import open_store, ingest
    with open_store("kb.db") as store:
        report = ingest(["docs/"], store)
"""
from __future__ import annotations

from .errors import FactoidError, NotFound, SourceError, StoreError
from .model import Conflict, Date, Document, Factoid, Mention, Person, Span

__version__ = "0.1.0"


def open_store(path, readonly: bool = False):
    """Open (creating and migrating if needed) a factoid database."""
    from .store import Store
    return Store(path, readonly=readonly)


def ingest(paths, store, force: bool = False, progress=None, on_error=None, jobs: int = 1):
    """Read, process and store documents; see pipeline.ingest."""
    from . import pipeline
    return pipeline.ingest(paths, store, force=force, progress=progress, on_error=on_error, jobs=jobs)


def process(documents):
    """Run the document stages (clean, nlp, extract) over raw Documents, storing nothing."""
    from . import pipeline
    return pipeline.process(list(documents))


__all__ = [
    "Conflict", "Date", "Document", "Factoid", "FactoidError", "Mention", "NotFound", "Person",
    "SourceError", "Span", "StoreError", "__version__", "ingest", "open_store", "process",
]
