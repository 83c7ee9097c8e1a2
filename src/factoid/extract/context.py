"""What every extractor reads, in one object: the document after the NLP stage, its subject,
the names and pronouns that may hold a clause, its date mentions and spans of time, its places,
and the date grammar (passed in by the pipeline, so extraction imports no other stage)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Document, Mention
from .grammar import Occurrence
from .subject import Subject


@dataclass(frozen=True)
class Context:
    doc: Document
    subject: Subject | None
    occurrences: list[Occurrence]
    dates: list[Mention]
    ranges: list            # (whole, first, second) date mentions of each span of time
    places: list[Mention]
    find_dates: Callable
    find_ranges: Callable
    passage: bool = False
