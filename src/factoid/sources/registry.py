"""The registry of readers: which reader takes a file, by its extension, else by its first bytes.

The readers are one explicit table (sources/__init__.py READERS); a format is one `Reader`: its name (what `factoid ingest --format NAME` forces), the
extensions it owns, a sniffer over the file's first bytes, and `read(path, options)`, a
generator of Documents and SourceErrors. `choose` is the one place that decides; a file no
reader takes gets a one-line reason (an image, an unknown binary), never silence.
"""
from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.decode import looks_binary

HEAD = 4096  # bytes read to sniff a file's type


@dataclass(frozen=True)
class ReadOptions:
    """What the user said about how to read: a forced format, and a register's column mapping
    (sources/mapping.py), or None."""
    format: str | None = None
    mapping: object | None = None


@dataclass(frozen=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    read: Callable[[str, ReadOptions], Iterator[Document | SourceError]]
    description: str
    sniff: Callable[[bytes, str], bool] = field(default=lambda head, path: False)
    # documents per file, cheaply, for a progress bar (None: cannot tell without reading it)
    count: Callable[[str], int | None] = field(default=lambda path: 1)


def by_extension(path: str, readers: dict[str, Reader]) -> Reader | None:
    name = os.path.basename(path).lower()
    # the longest extension wins: "dump.xml.bz2" is a wiki dump before it is anything else
    best = None
    for reader in readers.values():
        for ext in reader.extensions:
            if name.endswith(ext) and (best is None or len(ext) > len(best[0])):
                best = (ext, reader)
    return best[1] if best else None


# signatures of files that hold no text factoid could read; each gets its own reason
_PICTURES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
             (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"))
_OTHER_BINARIES = ((b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
                   (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls): save it as .docx/.xlsx"),
                   (b"{\\rtf", "an RTF file: save it as .docx or text"))


def unreadable(head: bytes) -> str | None:
    """Why a file with these first bytes cannot be read, or None when it may be."""
    for magic, kind in _PICTURES:
        if head.startswith(magic):
            return f"cannot read: an image ({kind}), not text; run OCR on it first"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "cannot read: an image (WebP), not text; run OCR on it first"
    for magic, kind in _OTHER_BINARIES:
        if head.startswith(magic):
            return f"cannot read: {kind}"
    if head.startswith(b"PK\x03\x04"):
        return "cannot read: a ZIP archive that is neither .docx nor .xlsx; unpack it first"
    return None


def zip_holds(path: str, member_prefix: str) -> bool:
    """Whether the ZIP file at `path` has a member under `member_prefix` ("word/", "xl/")."""
    try:
        with zipfile.ZipFile(path) as z:
            return any(n.startswith(member_prefix) for n in z.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


_DATABASE_FILES = ("-wal", "-shm", "-journal")


def choose(path: str, options: ReadOptions, named: bool, readers: dict[str, Reader]) -> Reader | str | None:
    """The reader for `path`, or a one-line reason none reads it, or None for a database found
    in a folder (factoid's own, often kept beside the sources: not a source, and no failure).
    A forced format wins; then the extension; then the first bytes. A file named by the user
    with an unknown extension whose bytes look like text is read as text; in a folder it is
    reported, not guessed."""
    if options.format:
        return readers[options.format]
    known = by_extension(path, readers)
    if known is not None:
        return known
    if not named and path.endswith(_DATABASE_FILES):
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD)
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    if head.startswith(b"SQLite format 3\x00"):
        return None if not named else "cannot read: an SQLite database, not a source (it is given with --db)"
    for reader in readers.values():
        if reader.sniff(head, path):
            return reader
    reason = unreadable(head)
    if reason:
        return reason
    if named or not head:
        return readers["text"]  # it says "binary file, not text" where that is so
    if looks_binary(head):
        return "binary file, not text"
    ext = os.path.splitext(path)[1] or "(none)"
    return (f"not read: a text file with the extension {ext}, which factoid does not take from a folder; "
            f"name the file, or use --format text")
