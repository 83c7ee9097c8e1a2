"""What every file reader shares: ids, reading bytes, titles (decoding is in decode.py).

Readers keep `raw` exactly as decoded (no newline or Unicode normalisation) because every
span downstream is an offset into it.
"""
from __future__ import annotations

import hashlib

from factoid.errors import SourceError
from factoid.sources.decode import SAMPLE, decode, looks_binary  # noqa: F401  (the readers' one seam)

TITLE_MAX = 120


def doc_id(data: bytes) -> str:
    """Content address: the same bytes always give the same id."""
    return hashlib.sha256(data).hexdigest()[:32]


def cannot_read(path, error: OSError) -> SourceError:
    return SourceError(path, f"cannot read: {error.strerror or error}")


def read_bytes(path: str) -> bytes:
    """A whole single-document file (never a corpus: JSONL streams instead)."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise cannot_read(path, e) from None


def first_line(text: str, markdown: bool = False) -> str:
    """The first line with a letter or digit in it (skips rules like '---'), stripped."""
    for line in text[:20000].splitlines():  # a title is near the top: don't split a huge text
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if any(c.isalnum() for c in line):
            return line
    return ""


def shorten(text: str, limit: int = TITLE_MAX) -> str:
    """Cut to under `limit` characters at a word boundary."""
    if len(text) < limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip()
    return (cut or text[: limit - 1]) + "…"
