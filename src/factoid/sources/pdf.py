"""PDF: the text layer, read page by page with pypdf, is the document's raw text.

The pages' texts are joined by a blank line, so a span is an offset into that text; which page
each stretch came from is kept as `metadata["pages"]`, a list of `[start, end, page]` (page
numbers from 1, as a viewer counts them), and `page_at` maps an offset back to its page.
A page without a text layer (a scan) cannot be read: such pages are reported in one line and
the others kept. pypdf is imported on the first PDF, so other ingests do not pay for it.
"""
from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.base import TITLE_MAX, doc_id, first_line, read_bytes
from factoid.sources.metadata import clean

PAGE_BREAK = "\n\n"


def sniff(head: bytes, path: str) -> bool:
    # readers accept a few bytes of junk before the header; 1024 is where they stop looking
    return b"%PDF-" in head[:1024]


def page_at(metadata: dict, offset: int) -> int | None:
    """The page holding raw offset `offset` of a PDF's document, or None (not a PDF)."""
    for start, end, page in metadata.get("pages") or ():
        if start <= offset < end:
            return page
    return None


@contextmanager
def _quiet():
    """pypdf logs and warns about every repair it makes (to stderr, through logging's last
    resort); a file's problems are reported by us, once, as a SourceError instead."""
    logger = logging.getLogger("pypdf")  # its modules log to children of this one
    sink, saved = logging.NullHandler(), logger.propagate
    logger.addHandler(sink)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(sink)
        logger.propagate = saved


def read(path: str, options=None) -> Iterator[Document | SourceError]:
    try:
        data = read_bytes(path)
    except SourceError as e:
        yield e
        return
    with _quiet():
        opened = _open(path, data)
        if isinstance(opened, SourceError):
            yield opened
            return
        texts, info = _pages(opened), _info(opened)
    yield from _document(path, data, texts, info)


def _open(path: str, data: bytes):
    """The pypdf reader, decrypted when it opens without a password; else a SourceError."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return SourceError(path, "encrypted PDF that needs a password to open; "
                                     "save a copy without the password and ingest that")
        len(reader.pages)  # the page tree is read lazily: a damaged one fails here, not later
    except DependencyError as e:
        return SourceError(path, f"encrypted PDF that cannot be opened here: {e}")
    except Exception as e:  # pypdf raises many kinds on a damaged file; each is one line
        return SourceError(path, f"damaged or cut short PDF, cannot read it: {_why(e)}")
    return reader


def _why(e: Exception) -> str:
    return " ".join(str(e).split()) or e.__class__.__name__


def _pages(reader) -> list[str | Exception]:
    """Each page's text (stripped; "" when it has none), or the error reading it raised."""
    out: list[str | Exception] = []
    for number in range(len(reader.pages)):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception as e:  # one damaged page costs that page
            out.append(e)
            continue
        # a broken font map can give NULs or lone surrogates, which the store cannot keep as text
        out.append(text.replace("\0", "").encode("utf-8", "replace").decode("utf-8").strip())
    return out


def _info(reader) -> dict:
    """Title and author from the PDF's document information, as source metadata."""
    try:
        meta = reader.metadata or {}
        return clean({"title": meta.get("/Title"), "author": meta.get("/Author")})
    except Exception:  # a damaged info dictionary is no reason to lose the text
        return {}


def _document(path: str, data: bytes, texts: list, info: dict) -> Iterator[Document | SourceError]:
    total = len(texts)
    damaged = [n for n, t in enumerate(texts, 1) if isinstance(t, Exception)]
    blank = [n for n, t in enumerate(texts, 1) if t == ""]
    if not total:
        yield SourceError(path, "a PDF with no pages: nothing stored")
        return
    if len(blank) + len(damaged) == total:  # nothing to keep: one line says why
        if not damaged:
            where = "on its one page" if total == 1 else f"on any of its {total} pages"
            yield SourceError(path, f"no text layer {where} (a scan?): run OCR on it first; nothing stored")
        elif not blank:
            yield SourceError(path, f"damaged PDF: none of its pages can be read ({_why(texts[0])}); nothing stored")
        else:
            yield SourceError(path, f"no text to keep: {_count(len(blank), total)} without a text layer "
                                    f"({_numbers(blank)}: run OCR on them first), the others damaged; nothing stored")
        return
    if damaged:
        yield SourceError(path, f"{_count(len(damaged), total)} cannot be read (damaged: "
                                f"{_numbers(damaged)}); the other pages are kept")
    if blank:
        have, them = ("has", "it") if len(blank) == 1 else ("have", "them")
        yield SourceError(path, f"{_count(len(blank), total)} {have} no text layer ({_numbers(blank)}): "
                                f"run OCR on {them} first; the other pages are kept")
    raw, pages = "", []
    for n, text in enumerate(texts, 1):
        if isinstance(text, str) and text:
            if raw:
                raw += PAGE_BREAK
            pages.append([len(raw), len(raw) + len(text), n])
            raw += text
    line = first_line(raw)
    title = info.get("title") or (line if line and len(line) < TITLE_MAX else PurePath(path).stem)
    yield Document(id=doc_id(data), uri=path, raw=raw, title=title,
                   metadata={"format": "pdf", "path": path, "page_count": total, "pages": pages, **info})


def _count(n: int, total: int) -> str:
    return f"{n} of {total} page{'s' if total != 1 else ''}"


def _numbers(pages: list[int]) -> str:
    """'page 3' or 'pages 2-4, 7': consecutive pages as ranges."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    spelled = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
    return f"page{'s' if len(pages) > 1 else ''} {spelled}"
