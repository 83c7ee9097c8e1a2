"""The data model: plain frozen dataclasses, no I/O.

Offsets: `Span` is always in the *raw* document text. Stages that work on the clean text
(clean, nlp, extract) carry clean offsets and convert with `Document.raw_span` at the edge.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

PROPERTIES = (
    "birth", "death", "alias", "parent", "child", "sibling", "spouse", "education", "party",
    "membership", "position", "employment", "residence", "nationality", "founded", "arrest",
    "imprisonment", "exile", "emigration", "trial", "sentence", "execution", "rehabilitation",
    "burial",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A character range [start, end) in the raw text of one document."""
    doc_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Date:
    """A date as EDTF. `edtf` is always the Gregorian value (`1924-03-05`, `1924-03`, `1892~`,
    `1920/1924`, `1918-21` for a season). `calendar` is the calendar the source wrote it in:
    "gregorian", or "julian" for an Old Style date, whose Julian reading is kept in `julian`."""
    edtf: str
    text: str = ""
    calendar: str = "gregorian"
    julian: str | None = None

    @property
    def year(self) -> int | None:
        digits = self.edtf.lstrip("-")[:4]
        return int(digits) if digits.isdigit() else None


@dataclass(frozen=True)
class Region:
    """A stretch of raw text set apart by cleaning. kind: "gloss" (a link's text followed by
    the opening of the linked article: it speaks of `label`, not of the document's subject),
    "chrome" (navigation, edit links, citation markers), "references", "infobox", "lost"
    (characters lost to bad decoding, U+FFFD)."""
    kind: str
    start: int
    end: int
    label: str = ""


@dataclass(frozen=True)
class Hint:
    """A flattened infobox row kept as structure: key ("born", "died", "in office", ...) and
    its value text, with the raw span the value came from."""
    key: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    """One value of a `Statement`: its role ("date", "start", "end", "place", "object", "note")
    and the raw span of its text. `date` is set where the reader already read the date in its
    format's own grammar (GEDCOM's "ABT 1850"); otherwise the date grammar reads the span.
    `text` is set where the span holds a pointer and the value is what it points to (a GEDCOM
    family's "@I2@" and that person's name)."""
    role: str
    start: int
    end: int
    date: Date | None = None
    text: str = ""


@dataclass(frozen=True)
class Statement:
    """A fact a structured source states in a slot of its own (a register's cell, a GEDCOM
    event, an infobox parameter): read as written, never guessed from prose. `person` is the
    key of its `Record`; start/end the raw span of its quote."""
    person: str
    property: str
    start: int
    end: int
    values: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Record:
    """A person as a structured source names them: a register row, a GEDCOM individual, the
    subject of an infobox. `key` is unique within the document; `names` its written forms,
    the preferred first; `spans` the raw spans they were read from."""
    key: str
    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)  # millions of them in a long document
class Token:
    """A token of a parsed sentence: clean-text offsets, its syntactic head (an index into the
    sentence's tokens; the root is its own head) and the dependency label."""
    start: int
    end: int
    head: int
    dep: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # clean-text offsets
    end: int
    tokens: tuple[Token, ...] = ()  # its dependency parse, where the nlp stage parsed it


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or date found in the clean text. kind: "person", "place", "org", "date".
    start/end are clean-text offsets; `date` is set for date mentions."""
    kind: str
    start: int
    end: int
    text: str
    date: Date | None = None
    normal: str = ""  # the name in its dictionary form where the text inflects it ("Самаре" -> "Самара")


@dataclass(frozen=True)
class Factoid:
    """One source's assertion about one person. `person` is the person key within the
    document until resolution replaces it with a corpus-wide person id."""
    person: str
    property: str
    span: Span
    quote: str
    extractor: str
    confidence: float
    date: Date | None = None
    start: Date | None = None
    end: Date | None = None
    place: str | None = None
    object: str | None = None
    object_person: str | None = None
    note: str | None = None  # a detail that is no name: a term's length, a prison term's duration
    person_name: str = ""
    # (role, raw start, raw end) for the parts of the quote: "subject", "date", "place", ...
    evidence: tuple[tuple[str, int, int], ...] = ()
    id: str = ""


@dataclass(frozen=True)
class Person:
    """A person: stable id, preferred name, every name seen and the spans where seen."""
    id: str
    name: str
    names: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Conflict:
    person: str
    properties: tuple[str, ...]
    kind: str
    factoids: tuple[str, ...]
    explanation: str
    id: str = ""


@dataclass(frozen=True)
class Document:
    """A document as it moves through the document stages. `offsets[i]` is the raw offset of
    clean character i; `offsets[len(clean)]` is the raw offset just past the last one."""
    id: str
    uri: str
    raw: str
    title: str = ""
    html: str | None = None
    metadata: dict = field(default_factory=dict, hash=False, compare=False)
    clean: str = ""
    offsets: Sequence[int] = ()  # a packed array("q") from the cleaner: 8 bytes a character
    quality: float = 1.0
    regions: tuple[Region, ...] = ()
    hints: tuple[Hint, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    subject: str = ""
    persons: tuple[Person, ...] = ()
    factoids: tuple[Factoid, ...] = ()
    # the relation classifier's findings (extract/relations.py Relation), set by its stage
    relations: tuple = ()
    unparsed: int = 0  # sentences too long for the parser (nlp/syntax.py MAX_CHARS): rules only
    signature: bytes | None = None  # the clean text's MinHash (families.py), to find its copies
    # ISO 639-1 code decided at ingest (language.py); it chooses the stage tuple (stages.py)
    language: str = ""
    # what a structured reader (sources/registers.py, gedcom.py, mediawiki.py) read in the
    # source's own fields: its persons and their statements (extract/records.py makes factoids)
    records: tuple[Record, ...] = ()
    statements: tuple[Statement, ...] = ()

    def raw_span(self, start: int, end: int) -> Span:
        """The raw span of clean text [start, end)."""
        if not self.offsets:
            return Span(self.id, start, end)
        if end <= start:
            pos = self.offsets[start]
            return Span(self.id, pos, pos)
        return Span(self.id, self.offsets[start], self.offsets[end - 1] + 1)

    def with_changes(self, **changes) -> Document:
        """A copy with `changes`, as dataclasses.replace makes it, without running __init__ over
        the 22 fields again: replace cost 9 µs a call, and each document is copied at every stage."""
        if not changes.keys() <= _DOCUMENT_FIELDS:
            raise TypeError(f"Document has no field {sorted(changes.keys() - _DOCUMENT_FIELDS)[0]!r}")
        copy = object.__new__(Document)
        copy.__dict__.update(self.__dict__, **changes)
        return copy


_DOCUMENT_FIELDS = frozenset(Document.__dataclass_fields__)
