"""The document stages, each behind one contract: a name, the Document fields it requires and
those it assigns, and `pipe(docs) -> docs` over a batch. A language is one explicit tuple of
stages (no registration by import side effects); `pipeline.process` runs whichever tuple a
document's language needs. This module and pipeline.py are the only ones that wire stages."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .clean import clean
from .wikitext import clean_wikitext
from .extract import extract, prepare
from .extract.frame_table import may_frame, may_frame_words
from .extract.learned import IN_DOCUMENTS
from .extract.relations import find_relations_many
from .extract.records import read_records
from .extract.russian import extract_russian
from .model import Document
from .nlp import annotate
from .nlp.dates import find_dates, find_ranges
from .nlp.russian import annotate_russian, lemma
from .nlp.russian_dates import find_dates as find_russian_dates
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
        return [d.with_changes(relations=tuple(r)) for d, r in zip(docs, found)]
    return run


def _clean_one(doc: Document) -> Document:
    # a wiki page's raw is its wikitext: cleaned as plain text, offsets carried back (wikitext.py)
    return clean_wikitext(doc, clean) if doc.metadata.get("format") == "mediawiki" else clean(doc)


def _clean() -> Stage:
    return Stage("clean", ("raw",), ("clean", "offsets", "regions", "hints", "quality"),
                 lambda docs: [_clean_one(d) for d in docs])


def english(passage: bool = False, classify: bool = True) -> tuple[Stage, ...]:
    """The English document stages. `passage`: each document is one short text whose pronouns
    may have no named antecedent; not `classify`: the rules alone (as the relation
    classifier's training reads them)."""
    classified = classify and bool(passage or IN_DOCUMENTS)  # documents keep none of it (extract/learned.py)
    # in a document without the classifier only the event frames read the parse: a sentence none
    # of them could fire on is not parsed (about two in five; the output is the same): first by
    # its text, then by its tokens' words (frame_table.may_frame_words). Passages
    # are parsed whole: the classifier, and its training (classify=False), read every sentence.
    needed = None if classified or passage else may_frame
    stages = [
        _clean(),
        Stage("annotate", ("clean",), ("sentences", "mentions"), lambda docs: annotate(docs, 0)),
        Stage("parse", ("sentences",), ("sentences.tokens",),
              lambda docs: parse(docs, needed=needed, needed_words=None if needed is None else may_frame_words)),
        Stage("names", ("mentions", "sentences"), ("mentions",), lambda docs: [prepare(d) for d in docs]),
    ]
    if classified:
        stages.append(Stage("relations", ("sentences", "mentions"), ("relations",), _relations(passage)))
    stages.append(Stage("extract", ("sentences", "mentions", "hints") + (("relations",) if classified else ()),
                        ("subject", "persons", "factoids"),
                        lambda docs: [extract(d, find_dates, find_ranges, passage=passage) for d in docs]))
    return tuple(stages)


def russian(passage: bool = False, classify: bool = True) -> tuple[Stage, ...]:
    """The Russian document stages: the same cleaner, then natasha's sentences, names and
    morphology with our date grammar (nlp/russian.py), then the Russian rules (extract/russian.py).
    There is no parse and no relation classifier: both are English models."""
    return (
        _clean(),
        Stage("annotate", ("clean",), ("sentences", "mentions"), annotate_russian),
        Stage("extract", ("sentences", "mentions"), ("subject", "persons", "factoids"),
              lambda docs: [extract_russian(d, lemma) for d in docs]),
    )


def unread(passage: bool = False, classify: bool = True) -> tuple[Stage, ...]:
    """A language factoid does not read: cleaned, so it is stored and searchable, and no more."""
    return (_clean(),)


def records(passage: bool = False, classify: bool = True) -> tuple[Stage, ...]:
    """A document a structured reader filled (a register row, a family tree): its records and
    statements become persons and factoids as written; there is no prose to parse."""
    return (Stage("records", ("raw", "records", "statements"), ("clean", "subject", "persons", "factoids"),
                  lambda docs: [read_records(d, (find_dates, find_russian_dates)) for d in docs]),)


RECORDS = "records"  # the route of a document of records, whatever its language


def route(doc: Document) -> str:
    """Which stage tuple a document takes: its records', else its language's."""
    return RECORDS if doc.records else doc.language


# the languages factoid extracts from, each with its stage tuple; a document whose language is
# undetermined ("und": no letters of a known script) is read as English, as it always was
READ = {"en": english, "ru": russian, "und": english}


def for_language(code: str, passage: bool = False, classify: bool = True) -> tuple[Stage, ...]:
    """The stage tuple of a language code, or of the RECORDS route."""
    return (records if code == RECORDS else READ.get(code, unread))(passage, classify)


__all__ = ["Stage", "english", "russian", "unread", "records", "route", "for_language", "READ", "IN_DOCUMENTS",
           "RELATION_THRESHOLD"]
