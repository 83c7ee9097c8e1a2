"""DOCX (Word): the body's paragraphs and tables, in their order, read with python-docx.

The raw text is our own layout of the body, as the HTML reader makes one of a page: each
paragraph (a heading too) is a line, a blank line between paragraphs, as sentence splitting
expects; a table is one line per row, its cells apart by a tab (a merged cell once). Headers,
footers, footnotes, comments and text boxes are not read. The core properties give the title,
author and date (`created`) of the source. python-docx is imported on the first DOCX.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import PurePath

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.base import TITLE_MAX, doc_id, first_line, read_bytes
from factoid.sources.metadata import clean
from factoid.sources.registry import zip_holds

BLOCK_BREAK, ROW_BREAK, CELL_BREAK = "\n\n", "\n", "\t"


def sniff(head: bytes, path: str) -> bool:
    return head.startswith(b"PK\x03\x04") and zip_holds(path, "word/document.xml")


def read(path: str, options=None) -> Iterator[Document | SourceError]:
    try:
        data = read_bytes(path)
    except SourceError as e:
        yield e
        return
    import docx
    try:
        document = docx.Document(io.BytesIO(data))
        raw = BLOCK_BREAK.join(b for b in map(_block, document.iter_inner_content()) if b)
        info = _info(document)
    except Exception as e:  # a bad ZIP, missing part or broken XML: each is one line
        yield SourceError(path, f"damaged DOCX, cannot read it: {' '.join(str(e).split()) or e.__class__.__name__}")
        return
    if not raw.strip():
        yield SourceError(path, "no text in the DOCX's body: nothing stored")
        return
    line = first_line(raw)
    title = info.get("title") or (line if line and len(line) < TITLE_MAX else PurePath(path).stem)
    yield Document(id=doc_id(data), uri=path, raw=raw, title=title,
                   metadata={"format": "docx", "path": path, **info})


def _block(block) -> str:
    """A paragraph's text as a line (its own line breaks kept), or a table's rows."""
    if hasattr(block, "rows"):
        rows = (CELL_BREAK.join(_cells(row)) for row in block.rows)
        return ROW_BREAK.join(r for r in rows if r.strip())
    return block.text.strip()


def _cells(row) -> list[str]:
    out, previous = [], None
    for cell in row.cells:
        if cell._tc is previous:  # python-docx repeats a merged cell in each grid column it spans
            continue
        previous = cell._tc
        out.append(_cell_text(cell))
    return out


def _cell_text(cell) -> str:
    """A cell's paragraphs (and nested tables' cells) on one line, apart by spaces."""
    parts = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            parts.extend(_cell_text(c) for row in block.rows for c in row.cells)
        else:
            parts.append(block.text)
    return " ".join(" ".join(parts).split())


def _info(document) -> dict:
    props = document.core_properties
    created = props.created.date().isoformat() if props.created else None
    return clean({"title": props.title, "author": props.author, "date": created})
