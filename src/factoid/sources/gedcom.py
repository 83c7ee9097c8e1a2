"""GEDCOM 5.5.1 and 7.0 family trees, parsed from the line grammar here (level, optional
@XREF@, tag, optional value; CONT and CONC continue a value).

The whole file is one document (people point at each other across it); each individual is a
Record, and each event, family tie and name a Statement whose quote is a citation's TEXT when
the event cites one (one factoid per citing text), else the event's own lines. Spans are into
the raw file text. A malformed line is reported with its number and skipped together with the
lines under it; everything else is kept.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from factoid.errors import SourceError
from factoid.model import Document, Record, Statement, Value
from factoid.sources.base import decode, doc_id, read_bytes
from factoid.sources.gedcom_dates import gedcom_date
from factoid.sources.registry import ReadOptions

_LINE = re.compile(r"[ \t]*(\d{1,2}) +(?:(@[^@\s]+@) +)?([A-Za-z0-9_]+)(?: (.*))?$")
# individual events -> property; EVEN/FACT take theirs from the words of their TYPE
_EVENTS = {"BIRT": "birth", "DEAT": "death", "BURI": "burial", "CREM": "burial", "RESI": "residence",
           "EMIG": "emigration", "EDUC": "education", "NATI": "nationality"}
_TYPE_WORDS = (("arrest", "arrest"), ("imprison", "imprisonment"), ("prison", "imprisonment"),
               ("exile", "exile"), ("deport", "exile"), ("trial", "trial"), ("sentence", "sentence"),
               ("execut", "execution"), ("shot", "execution"), ("rehabilit", "rehabilitation"),
               ("emigra", "emigration"), ("арест", "arrest"), ("ссылк", "exile"), ("приговор", "sentence"),
               ("расстрел", "execution"), ("реабилит", "rehabilitation"))
# the value of these events is their object (a school, a nationality), of the others nothing
_OBJECT_VALUE = {"education", "nationality"}


@dataclass
class Node:
    level: int
    xref: str
    tag: str
    start: int          # the line's start in the raw text
    end: int            # the end of its last subordinate line
    value: tuple[int, int] | None = None  # the raw span of its value (first line's, or all of it)
    children: list["Node"] = field(default_factory=list)

    def first(self, tag: str) -> "Node | None":
        return next((c for c in self.children if c.tag == tag), None)


def sniff(head: bytes, path: str) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").lstrip()[:6] == b"0 HEAD"


def read(path: str, options: ReadOptions) -> Iterator[Document | SourceError]:
    try:
        data = read_bytes(path)
        text, encoding = decode(path, data)
    except SourceError as e:
        yield e
        return
    roots, problems = parse(text)
    for line, problem in problems:
        yield SourceError(f"{path}:{line}", f"line {line}: {problem}")
    if not any(r.tag == "HEAD" for r in roots[:1]):
        yield SourceError(path, "not a GEDCOM file: it does not open with 0 HEAD")
        return
    records, statements = _read_tree(text, roots)
    head = roots[0]
    version = _value(text, head.first("GEDC").first("VERS")) if head.first("GEDC") and head.first("GEDC").first("VERS") else ""
    yield Document(id=doc_id(data), uri=path, raw=text, title=PurePath(path).stem,
                   metadata={"format": "gedcom", "path": path, "encoding": encoding, "gedcom_version": version,
                             "individuals": len(records)},
                   records=tuple(records), statements=tuple(statements))


def parse(text: str) -> tuple[list[Node], list[tuple[int, str]]]:
    """The level-0 records of `text`, and (line number, problem) for each malformed line."""
    roots: list[Node] = []
    stack: list[Node] = []
    problems: list[tuple[int, str]] = []
    skip_under = None  # the level of a skipped line: its subordinate lines go with it
    pos = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        m = _LINE.match(body.lstrip("\ufeff"))
        level = int(m.group(1)) if m else None
        if skip_under is not None and (level is None or level > skip_under):
            continue
        skip_under = None
        if m is None or level > len(stack):
            problems.append((number, f"malformed GEDCOM line {_show(body)}; skipped with the lines under it"
                             if m is None else f"level {level} with no line at level {level - 1} above it; skipped"))
            skip_under = level if level is not None else 99
            continue
        del stack[level:]
        offset = start + (len(line) - len(line.lstrip("\ufeff")))
        value = (offset + m.start(4), offset + m.end(4)) if m.group(4) is not None else None
        tag = m.group(3).upper()
        if tag in ("CONT", "CONC") and stack:
            parent = stack[-1]
            parent.value = (parent.value[0] if parent.value else (value or (start, start))[0],
                            value[1] if value else start + len(body))
            _extend(stack, start + len(body))
            continue
        node = Node(level, m.group(2) or "", tag, start, start + len(body), value)
        (stack[-1].children if stack else roots).append(node)
        _extend(stack, node.end)
        stack.append(node)
    return roots, problems


def _extend(stack: list[Node], end: int) -> None:
    for n in stack:
        n.end = max(n.end, end)


def _show(body: str) -> str:
    return repr(body[:60] + ("…" if len(body) > 60 else ""))


def _value(text: str, node: Node | None) -> str:
    if node is None or node.value is None:
        return ""
    return _join(text[node.value[0]:node.value[1]])


def _join(raw: str) -> str:
    """A value with its CONT lines as line breaks and CONC lines run on."""
    raw = re.sub(r"\r?\n[ \t]*\d{1,2} +CONC ?", "", raw)
    return re.sub(r"\r?\n[ \t]*\d{1,2} +CONT ?", "\n", raw)


def _name(text: str, node: Node) -> tuple[str, str]:
    """("Given Surname", "Surname Given") of a NAME value "Given /Surname/"."""
    raw = _value(text, node)
    m = re.match(r"\s*([^/]*?)\s*/([^/]*)/\s*(.*)$", raw)
    if not m:
        return " ".join(raw.split()), ""
    given, surname, suffix = (" ".join(g.split()) for g in m.groups())
    natural = " ".join(p for p in (given, surname, suffix) if p)
    listed = " ".join(p for p in (surname, given, suffix) if p)
    return natural, listed if listed != natural else ""


def _read_tree(text: str, roots: list[Node]) -> tuple[list[Record], list[Statement]]:
    people = [r for r in roots if r.tag == "INDI" and r.xref]
    names: dict[str, str] = {}
    records = []
    for person in people:
        forms, spans = [], []
        for n in (c for c in person.children if c.tag == "NAME" and c.value):
            for form in _name(text, n):
                if form and form not in forms:
                    forms.append(form)
            spans.append(n.value)
        if not forms:
            forms = [f"unnamed {person.xref}"]
        names[person.xref] = forms[0]
        records.append(Record(person.xref, tuple(forms), tuple(spans)))
    statements = [s for p in people for s in _events(text, p)]
    for family in (r for r in roots if r.tag == "FAM"):
        statements += _family(text, family, names)
    return records, statements


def _events(text: str, person: Node) -> Iterator[Statement]:
    for event in person.children:
        prop = _EVENTS.get(event.tag)
        if event.tag in ("EVEN", "FACT"):
            kind = _value(text, event.first("TYPE")).casefold()
            prop = next((p for word, p in _TYPE_WORDS if word in kind), None)
        if prop is None:
            continue
        values = []
        date, place = event.first("DATE"), event.first("PLAC")
        if date is not None and date.value:
            values.append(Value("date", *date.value, date=gedcom_date(_value(text, date))))
        if place is not None and place.value:
            values.append(Value("place", *place.value))
        if prop in _OBJECT_VALUE and event.value:
            values.append(Value("object", *event.value))
        if event.tag in ("EVEN", "FACT") and prop == "sentence" and event.value:
            values.append(Value("note", *event.value))
        if values:
            yield from _cited(person.xref, prop, event, tuple(values))


def _cited(person: str, prop: str, event: Node, values: tuple[Value, ...]) -> Iterator[Statement]:
    """One statement per citation that quotes its source (SOUR ... DATA/TEXT, or TEXT under
    an inline SOUR), its quote that text; else one whose quote is the event's own lines."""
    texts = []
    for sour in (c for c in event.children if c.tag == "SOUR"):
        data = sour.first("DATA")
        for node in (data.children if data else []) + sour.children:
            if node.tag == "TEXT" and node.value:
                texts.append(node.value)
    for start, end in texts or [(event.start, event.end)]:
        yield Statement(person, prop, start, end, values)


def _family(text: str, family: Node, names: dict[str, str]) -> Iterator[Statement]:
    """Spouses (with the marriage's date and place) and parents and children, each quoting
    the family record's lines; the other person's name is the object."""
    def pointer(node):
        xref = _value(text, node).strip()
        return (xref, node) if xref in names else None

    spouses = [p for p in (pointer(c) for c in family.children if c.tag in ("HUSB", "WIFE")) if p]
    children = [p for p in (pointer(c) for c in family.children if c.tag == "CHIL") if p]
    marriage = family.first("MARR")
    extra = ()
    if marriage is not None:
        date, place = marriage.first("DATE"), marriage.first("PLAC")
        extra = tuple(v for v in (
            Value("date", *date.value, date=gedcom_date(_value(text, date))) if date is not None and date.value else None,
            Value("place", *place.value) if place is not None and place.value else None) if v)
    for xref, node in spouses:
        for other, other_node in spouses:
            if other != xref:
                yield Statement(xref, "spouse", family.start, family.end,
                                (Value("object", *other_node.value, text=names[other]),) + extra)
    for parent, parent_node in spouses:
        for child, child_node in children:
            yield Statement(child, "parent", family.start, family.end,
                            (Value("object", *parent_node.value, text=names[parent]),))
            yield Statement(parent, "child", family.start, family.end,
                            (Value("object", *child_node.value, text=names[child]),))
