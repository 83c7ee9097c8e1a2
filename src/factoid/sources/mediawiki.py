"""MediaWiki XML dumps (plain, .bz2 or .gz), streamed page by page with the standard library's
iterparse; each page's element is cleared once read, so memory stays bounded whatever the
dump's size (benchmarks/mediawiki.py measures it).

Each article (namespace 0, not a redirect) is one document whose `raw` is its wikitext: every
span points into it (the cleaning stage reads its plain text through wikitext.py's offset
map). An infobox's parameters are read as structured statements about the page's subject:
birth and death (dates, places; {{birth date}}, {{death date and age}} and written dates, Old
Style pairs included) and offices with their terms. A dump cut short is one line; the pages
before the cut are kept.
"""
from __future__ import annotations

import bz2
import gzip
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from factoid.errors import SourceError
from factoid.model import Date, Document, Statement, Value
from factoid.sources.base import doc_id
from factoid.sources.registry import ReadOptions

SUBJECT = "subject"  # extract/records.py gives these statements to the page's subject
_INFOBOX = re.compile(r"\{\{\s*Infobox\b", re.IGNORECASE)
_PARAM = re.compile(r"\|\s*([^=|{}\[\]]+?)\s*=")
_DATE_TEMPLATE = re.compile(r"\{\{\s*(birth|death)[ _]date(?:[ _]and[ _]age)?\s*((?:\|[^{}]*)?)\}\}", re.IGNORECASE)
_LIFE = {"birth_date": ("birth", "date"), "birth_place": ("birth", "place"),
         "death_date": ("death", "date"), "death_place": ("death", "place"),
         "resting_place": ("burial", "place")}
_OFFICE = re.compile(r"(office|term_start|term_end)(\d*)$")


def sniff(head: bytes, path: str) -> bool:
    if head.startswith(b"BZh"):
        head = _peek(bz2.open, path)
    elif head.startswith(b"\x1f\x8b"):
        head = _peek(gzip.open, path)
    return b"<mediawiki" in head[:2048]


def _peek(opener, path: str) -> bytes:
    try:
        with opener(path, "rb") as f:
            return f.read(2048)
    except (OSError, EOFError, ValueError):
        return b""


def _open(path: str):
    with open(path, "rb") as f:
        magic = f.read(3)
    if magic == b"BZh":
        return bz2.open(path, "rb")
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def read(path: str, options: ReadOptions) -> Iterator[Document | SourceError]:
    pages = 0
    try:
        with _open(path) as stream:
            context = ET.iterparse(stream, events=("start", "end"))
            root = None
            for event, elem in context:
                if root is None:
                    root = elem
                if event != "end" or _local(elem.tag) != "page":
                    continue
                doc = _page(path, elem)
                pages += 1
                elem.clear()
                root.clear()  # drop the pages read so far: bounded memory
                if doc is not None:
                    yield doc
    except (ET.ParseError, EOFError, OSError, ValueError) as e:
        where = f"after {pages} page{'s' if pages != 1 else ''}" if pages else "before its first page"
        yield SourceError(path, f"dump cut short or malformed {where} ({' '.join(str(e).split())[:120]}); "
                                f"the pages before are kept")
        return
    if pages == 0:
        yield SourceError(path, "no pages in this MediaWiki dump")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(elem, name: str):
    return next((c for c in elem if _local(c.tag) == name), None)


def _page(path: str, page) -> Document | None:
    title = (_child(page, "title").text or "") if _child(page, "title") is not None else ""
    ns = _child(page, "ns")
    if (ns is not None and (ns.text or "0").strip() != "0") or _child(page, "redirect") is not None:
        return None
    revisions = [c for c in page if _local(c.tag) == "revision"]
    if not revisions:
        return None
    text_elem = _child(revisions[-1], "text")
    wiki = text_elem.text if text_elem is not None and text_elem.text else ""
    if not wiki.strip() or wiki.lstrip().upper().startswith("#REDIRECT"):
        return None
    page_id = _child(page, "id")
    rev_id = _child(revisions[-1], "id")
    metadata = {"format": "mediawiki", "path": path, "kind": "encyclopedia", "title": title,
                "page_id": page_id.text if page_id is not None else None,
                "revision_id": rev_id.text if rev_id is not None else None}
    return Document(id=doc_id(wiki.encode("utf-8", "surrogatepass")), uri=f"{path}#{title}", raw=wiki,
                    title=title, metadata=metadata, statements=tuple(infobox_statements(wiki)))


def infobox_statements(wiki: str) -> Iterator[Statement]:
    """Statements about the subject from the first infobox's parameters."""
    m = _INFOBOX.search(wiki)
    if not m:
        return
    end = _close(wiki, m.start())
    params = list(_params(wiki, m.end(), end))
    offices: dict[str, dict[str, tuple[int, int]]] = {}
    for name, start, stop in params:
        key = name.lower().replace(" ", "_")
        if key in _LIFE:
            prop, role = _LIFE[key]
            value = _value(wiki, start, stop, role)
            if value:
                yield Statement(SUBJECT, prop, value.start, value.end, (value,))
        elif _OFFICE.match(key):
            kind, number = _OFFICE.match(key).groups()
            offices.setdefault(number, {})[kind] = (start, stop)
    for number, parts in offices.items():
        if "office" not in parts:
            continue
        office = _value(wiki, *parts["office"], "object")
        if office is None:
            continue
        values = [office]
        for kind, role in (("term_start", "start"), ("term_end", "end")):
            if kind in parts:
                v = _value(wiki, *parts[kind], role)
                if v:
                    values.append(v)
        span = (min(v.start for v in values), max(v.end for v in values))
        yield Statement(SUBJECT, "position", *span, tuple(values))


def _value(wiki: str, start: int, stop: int, role: str) -> Value | None:
    """A parameter's value: trimmed; a date template read here (the grammar reads the rest)."""
    while start < stop and wiki[start].isspace():
        start += 1
    while stop > start and wiki[stop - 1].isspace():
        stop -= 1
    if start == stop:
        return None
    if role in ("place", "object"):  # a link's label is the value: "[[Kashira]], [[Russian Empire]]" -> Kashira
        link = re.match(r"\[\[([^|\]]*\|)?([^\]]*)\]\]", wiki[start:stop]) if role == "place" else None
        text = link.group(2) if link else re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", wiki[start:stop])
        return Value(role, start, stop, text=" ".join(text.split()))
    t = _DATE_TEMPLATE.match(wiki, start, stop)
    if t and role in ("date", "start", "end"):
        numbers = [p.strip() for p in t.group(2).split("|")[1:] if p.strip() and "=" not in p][:3]
        if numbers and all(n.isdigit() for n in numbers):
            edtf = "-".join(n.zfill(4 if i == 0 else 2) for i, n in enumerate(numbers))
            return Value(role, start, stop, date=Date(edtf, wiki[start:stop]))
    return Value(role, start, stop)


def _params(wiki: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """(name, value start, value end) of each top-level `| name = value` of a template."""
    bars, depth, pos = [], 0, start
    while pos < end - 2:
        two = wiki[pos:pos + 2]
        if two in ("{{", "[["):
            depth, pos = depth + 1, pos + 2
            continue
        if two in ("}}", "]]"):
            depth, pos = depth - 1, pos + 2
            continue
        if wiki[pos] == "|" and depth == 0:
            bars.append(pos)
        pos += 1
    bars.append(end - 2)
    for a, b in zip(bars, bars[1:]):
        m = _PARAM.match(wiki, a, b)
        if m:
            yield m.group(1).strip(), m.end(), b


def _close(wiki: str, at: int) -> int:
    depth, pos = 0, at
    while pos < len(wiki) - 1:
        two = wiki[pos:pos + 2]
        if two == "{{":
            depth, pos = depth + 1, pos + 2
        elif two == "}}":
            depth, pos = depth - 1, pos + 2
            if depth == 0:
                return pos
        else:
            pos += 1
    return len(wiki)
