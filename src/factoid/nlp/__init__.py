"""The NLP stage: sentences, entity mentions (spaCy NER), date mentions (our grammar) and the
dependency parse of the sentences the relation classifier reads (syntax.py)."""
from __future__ import annotations

from typing import Sequence

from ..model import Document
from .dates import find_dates
from .entities import find_entities
from .sentences import split_sentences
from .syntax import parse


def annotate(docs: Sequence[Document], parse_first: int | None = None) -> list[Document]:
    """Add sentences and mentions to a batch of cleaned documents (batched for spaCy), and the
    parse of each one's first `parse_first` sentences (every sentence if None)."""
    out = []
    for doc, entities in zip(docs, find_entities(d.clean for d in docs)):
        mentions = sorted(entities + find_dates(doc.clean), key=lambda m: (m.start, -m.end))
        out.append(doc.with_changes(sentences=tuple(split_sentences(doc.clean)), mentions=tuple(mentions)))
    return parse(out, parse_first) if parse_first != 0 else out
