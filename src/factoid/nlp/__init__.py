"""The NLP stage: sentences, entity mentions (spaCy NER) and date mentions (our grammar)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..model import Document
from .dates import find_dates
from .entities import find_entities
from .sentences import split_sentences


def annotate(docs: Sequence[Document]) -> list[Document]:
    """Add sentences and mentions to a batch of cleaned documents (batched for spaCy)."""
    out = []
    for doc, entities in zip(docs, find_entities(d.clean for d in docs)):
        mentions = sorted(entities + find_dates(doc.clean), key=lambda m: (m.start, -m.end))
        out.append(replace(doc, sentences=tuple(split_sentences(doc.clean)), mentions=tuple(mentions)))
    return out
