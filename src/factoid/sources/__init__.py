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
from factoid.sources import gedcom, html, jsonl, mediawiki, pdf, registers, text, word
from factoid.sources.metadata import MANIFEST, read_manifest
from factoid.sources.registry import Reader, ReadOptions, by_extension, choose


def _html(path, options):
    return html.read(path)


def _jsonl(path, options):
    return jsonl.read(path)


def _text(fmt):
    return lambda path, options: text.read(path, fmt)


# The readers, in the order their sniffers are asked; `--format NAME` forces one.
READERS: dict[str, Reader] = {r.name: r for r in (
    Reader("text", (".txt", ".text"), _text("text"), "plain text"),
    Reader("markdown", (".md", ".markdown"), _text("markdown"), "Markdown, kept as written"),
    Reader("html", (".html", ".htm"), _html, "a web page", sniff=html.sniff),
    Reader("jsonl", (".jsonl", ".ndjson"), _jsonl, "JSON Lines, one document a line", count=jsonl.count),
    Reader("register", (".csv", ".tsv", ".xlsx"), registers.read,
           "a register (CSV, TSV or XLSX) read through a column mapping (--mapping FILE)",
           sniff=registers.sniff, count=registers.count),
    Reader("gedcom", (".ged", ".gedcom"), gedcom.read, "a GEDCOM 5.5.1 or 7 family tree", sniff=gedcom.sniff),
    # a plain .xml is sniffed, not claimed: only a dump opens with <mediawiki
    Reader("mediawiki", (".xml.bz2", ".xml.gz"), mediawiki.read, "a MediaWiki XML dump, plain or compressed",
           sniff=mediawiki.sniff, count=lambda path: None),
    Reader("pdf", (".pdf",), pdf.read, "a PDF's text layer, page by page (scanned pages need OCR first)",
           sniff=pdf.sniff),
    Reader("docx", (".docx",), word.read, "a Word document (.docx): its paragraphs and tables", sniff=word.sniff),
)}
# extension -> format name, for callers that only need to know what a folder walk takes
FORMATS = {ext: r.name for r in READERS.values() for ext in r.extensions}

__all__ = ["FORMATS", "READERS", "ReadOptions", "count_sources", "read_sources"]


def read_sources(paths: Iterable[str | Path], options: ReadOptions | None = None
                 ) -> Iterator[Document | SourceError]:
    """Every document in `paths` (files or folders), in order; a `SourceError` for each input
    (or record) that cannot be read, and for each file in a folder that no reader takes."""
    options = options or ReadOptions()
    manifests: dict[str, dict[str, dict]] = {}
    for path, problem, named in _files(paths):
        if problem:
            yield SourceError(path, problem)
            continue
        reader = choose(path, options, named, READERS)
        if reader is None:  # a database beside the sources
            continue
        if isinstance(reader, str):
            yield SourceError(path, reader)
            continue
        folder, name = os.path.split(path)
        if folder not in manifests:  # sources.csv beside the files: read once per folder
            manifests[folder], problems = read_manifest(folder or ".")
            yield from problems
        described = manifests[folder].get(os.path.normpath(name), {})
        try:
            for item in reader.read(path, options):
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


def count_sources(paths: Iterable[str | Path], options: ReadOptions | None = None) -> int | None:
    """A cheap estimate of how many items `read_sources` will yield, for a progress bar:
    a file counts 1, a JSONL file or a register its lines (a byte scan, no parsing). None where
    counting would consume the input (a pipe such as /dev/stdin) or a file cannot be scanned."""
    options = options or ReadOptions()
    total = 0
    for path, problem, _ in _files(paths):
        if problem == _SPECIAL:
            return None
        reader = None if problem else (READERS[options.format] if options.format else by_extension(path, READERS))
        if reader is None:
            total += 1
            continue
        try:
            n = reader.count(path)
        except OSError:
            return None
        if n is None:
            return None
        total += n
    return total


_SPECIAL = "cannot read: not a regular file"


def _files(paths: Iterable[str | Path]) -> Iterator[tuple[str, str | None, bool]]:
    """(path, None, named) for each file to read, (path, problem, named) for each that cannot
    be; `named`: the user named the file itself rather than a folder holding it."""
    if isinstance(paths, (str, Path)):  # a lone path is a path, not a string of characters
        paths = [paths]
    for given in paths:
        path = os.fspath(given)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            yield path, "no such file or folder", True
            continue
        except OSError as e:
            yield path, f"cannot read: {e.strerror or e}", True
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield path, None, True
        else:  # opening a FIFO or device would block or never end
            yield path, _SPECIAL, True


def _walk(folder: str) -> Iterator[tuple[str, str | None, bool]]:
    """Every file under `folder`, recursively, sorted by name at each level (the registry
    says which it reads; the others are reported). Hidden entries (.git, .DS_Store) and the
    folder's sources.csv manifest are skipped, and so are symlinked folders (loops)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield folder, f"cannot read: {e.strerror or e}", False
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == MANIFEST:
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
            elif entry.is_file():
                yield path, None, False
        except OSError as e:
            yield path, f"cannot read: {e.strerror or e}", False
