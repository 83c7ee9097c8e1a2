"""The document stages, each behind one contract: a name, the Document fields it requires and
those it assigns, and `pipe(docs) -> docs` over a batch. A language is one explicit tuple of
stages (no registration by import side effects); `pipeline.process` runs whichever tuple a
document's language needs. This module and pipeline.py are the only ones that wire stages."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from .clean import clean
from .extract import extract, prepare
from .extract.learned import IN_DOCUMENTS
from .extract.relations import find_relations_many
from .model import Document
from .nlp import annotate
from .nlp.dates import find_dates, find_ranges
from .nlp.syntax import parse

# the relation classifier's threshold: a knowledge base wants sure facts (a document keeps only
# what IN_DOCUMENTS allows); the benchmark's passage mode is scored on F1, where a lower
# threshold gains recall (training/README in the script's --sweep output)
RELATION_THRESHOLD = {False: 0.6, True: 0.4}


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[list[Document]], list[Document]]

    def pipe(self, docs: Sequence[Document]) -> list[Document]:
        return self.run(list(docs))


def _relations(passage: bool):
    def run(docs: list[Document]) -> list[Document]:
        # a document keeps only what the classifier finds in its lead (extract/learned.py)
        found = find_relations_many(docs, RELATION_THRESHOLD[passage], lead_only=not passage)
        return [replace(d, relations=tuple(r)) for d, r in zip(docs, found)]
    return run


def english(passage: bool = False, classify: bool = True) -> tuple[Stage, ...]:
    """The English document stages. `passage`: each document is one short text whose pronouns
    may have no named antecedent; not `classify`: the rules alone (as the relation
    classifier's training reads them)."""
    stages = [
        Stage("clean", ("raw",), ("clean", "offsets", "regions", "hints", "quality"),
              lambda docs: [clean(d) for d in docs]),
        Stage("annotate", ("clean",), ("sentences", "mentions"), lambda docs: annotate(docs, 0)),
        Stage("parse", ("sentences",), ("sentences.tokens",), parse),
        Stage("names", ("mentions", "sentences"), ("mentions",), lambda docs: [prepare(d) for d in docs]),
    ]
    if classify:
        stages.append(Stage("relations", ("sentences", "mentions"), ("relations",), _relations(passage)))
    stages.append(Stage("extract", ("sentences", "mentions", "hints", "relations"), ("subject", "persons", "factoids"),
                        lambda docs: [extract(d, find_dates, find_ranges, passage=passage) for d in docs]))
    return tuple(stages)


__all__ = ["Stage", "english", "IN_DOCUMENTS", "RELATION_THRESHOLD"]
