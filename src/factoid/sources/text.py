"""Plain text and Markdown: one file, one document. Markdown is kept as written; the
cleaning stage deals with markup."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.base import TITLE_MAX, decode, doc_id, first_line, read_bytes


def read(path: str, fmt: str = "text") -> Iterator[Document | SourceError]:
    try:
        data = read_bytes(path)
        text, encoding = decode(path, data)
    except SourceError as e:
        yield e
        return
    line = first_line(text, markdown=fmt == "markdown")
    # A long first line is a paragraph, not a heading: the file name says more.
    title = line if line and len(line) < TITLE_MAX else PurePath(path).stem
    yield Document(id=doc_id(data), uri=path, raw=text, title=title,
                   metadata={"format": fmt, "path": path, "encoding": encoding})
