"""Reading sources: files and folders in, documents out, one at a time.

`read_sources` is a generator and never holds more than one document: folders are walked
lazily and JSON Lines files are read line by line. An input that cannot be read is yielded
as a `SourceError`, not raised, so the caller reports it and goes on with the rest.
"""
from __future__ import annotations

import os
import stat
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path

from factoid.errors import SourceError, printable
from factoid.model import Document
from factoid.sources import html, jsonl, text
from factoid.sources.metadata import read_manifest

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}

__all__ = ["FORMATS", "count_sources", "read_sources"]


def read_sources(paths: Iterable[str | Path]) -> Iterator[Document | SourceError]:
    """Every document in `paths` (files or folders), in order; a `SourceError` for each input
    (or JSONL line) that cannot be read."""
    manifests: dict[str, dict[str, dict]] = {}
    for path, problem in _files(paths):
        if problem:
            yield SourceError(path, problem)
            continue
        folder, name = os.path.split(path)
        if folder not in manifests:  # sources.csv beside the files: read once per folder
            manifests[folder], problems = read_manifest(folder or ".")
            yield from problems
        described = manifests[folder].get(os.path.normpath(name), {})
        # A file named explicitly with an unknown extension is tried as plain text.
        fmt = FORMATS.get(os.path.splitext(path)[1].lower(), "text")
        reader = html.read(path) if fmt == "html" else jsonl.read(path) if fmt == "jsonl" else text.read(path, fmt)
        try:
            for item in reader:
                if described and not isinstance(item, SourceError):
                    item = replace(item, metadata={**item.metadata, **described})
                yield item if isinstance(item, SourceError) else _storable(item)
        except Exception as e:  # a reader's bug (or MemoryError, RecursionError) costs one file, not the run
            yield SourceError(path, f"internal error while reading: {e.__class__.__name__}: {e}")


def _storable(doc: Document) -> Document:
    """A file name that is not UTF-8 (bytes from an old archive) is kept spelled out (\\xD1),
    since the database stores text; the file itself is read by its real name."""
    fields = {"uri": doc.uri, "title": doc.title,
              **{k: v for k, v in doc.metadata.items() if isinstance(v, str)}}
    if all(printable(v) == v for v in fields.values()):
        return doc
    metadata = {k: printable(v) if isinstance(v, str) else v for k, v in doc.metadata.items()}
    return replace(doc, uri=printable(doc.uri), title=printable(doc.title), metadata=metadata)


def count_sources(paths: Iterable[str | Path]) -> int | None:
    """A cheap estimate of how many items `read_sources` will yield, for a progress bar:
    a file counts 1, a JSONL file its lines (a byte scan, no parsing). None where counting
    would consume the input (a pipe such as /dev/stdin) or a JSONL file cannot be scanned."""
    total = 0
    for path, problem in _files(paths):
        if problem == _SPECIAL:
            return None
        if problem or FORMATS.get(os.path.splitext(path)[1].lower()) != "jsonl":
            total += 1
            continue
        try:
            total += _count_lines(path)
        except OSError:
            return None
    return total


_SPECIAL = "cannot read: not a regular file"


def _files(paths: Iterable[str | Path]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file to read, (path, problem) for each that cannot be."""
    if isinstance(paths, (str, Path)):  # a lone path is a path, not a string of characters
        paths = [paths]
    for given in paths:
        path = os.fspath(given)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            yield path, "no such file or folder"
            continue
        except OSError as e:
            yield path, f"cannot read: {e.strerror or e}"
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield path, None
        else:  # opening a FIFO or device would block or never end
            yield path, _SPECIAL


def _walk(folder: str) -> Iterator[tuple[str, str | None]]:
    """Files of known formats under `folder`, recursively, sorted by name at each level.
    Hidden entries (.git, .DS_Store) are skipped, and so are symlinked folders (loops)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield folder, f"cannot read: {e.strerror or e}"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
            elif (entry.is_file() and
                  os.path.splitext(entry.name)[1].lower() in FORMATS):
                yield path, None
        except OSError as e:
            yield path, f"cannot read: {e.strerror or e}"


def _count_lines(path: str) -> int:
    lines, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    # A last line without a newline still counts; an empty file still yields one error.
    return max(1, lines + (last != b"\n"))
