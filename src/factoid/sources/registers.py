"""Registers: a memorial list, an archive register, as CSV, TSV or XLSX, read through the
user's column mapping (mapping.py). Facts come from the cells the mapping names, never from
guessing at prose.

Each row is one document whose `raw` is the row exactly as the file writes it (for XLSX,
which has no text of its own, the row's cells joined by tabs), so a cell's span is an offset
into that row; `metadata["offset"]` is where the row starts in the decoded file, so
`file_text[offset + start:offset + end]` is the same quote. A row's document id hashes the
header with the row: one line read under two headers means two things.

A mapped column missing from the header is reported on one line and its facts are not read;
every other column still is. Only when no name column is left is nothing read, since a fact
must belong to someone.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from factoid.errors import SourceError
from factoid.model import Document, Record, Statement, Value
from factoid.sources.base import decode, doc_id, read_bytes
from factoid.sources.mapping import NAME_ROLES, Mapping, fact_role
from factoid.sources.registry import ReadOptions, zip_holds

_DELIMITERS = ",;\t|"
Cell = tuple[int, int]  # a cell's content as a raw span of the file text (quotes left out)


def sniff(head: bytes, path: str) -> bool:
    return head.startswith(b"PK\x03\x04") and zip_holds(path, "xl/")


def count(path: str) -> int | None:
    if path.lower().endswith(".xlsx"):
        return None
    with open(path, "rb") as f:
        return max(1, sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")))


def read(path: str, options: ReadOptions) -> Iterator[Document | SourceError]:
    mapping = options.mapping
    if not isinstance(mapping, Mapping):
        yield SourceError(path, "a register needs a column mapping: factoid ingest FILE --mapping MAPPING.json")
        return
    if path.lower().endswith(".xlsx") or sniff(_head(path), path):
        from factoid.sources.spreadsheet import sheet_rows
        rows = sheet_rows(path, mapping.sheet)
        fmt = "xlsx"
    else:
        try:
            text, encoding = decode(path, read_bytes(path))
        except SourceError as e:
            yield e
            return
        rows = ((text, line, start, end, cells) for line, start, end, cells in
                split_rows(text, mapping.delimiter or _delimiter(text)))
        fmt = "csv"
    yield from _documents(path, rows, mapping, fmt)


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(8)
    except OSError:
        return b""


def _documents(path, rows, mapping: Mapping, fmt: str) -> Iterator[Document | SourceError]:
    """One document per data row; `rows` yields (text, line, start, end, cells): the row is
    text[start:end] (the whole file's text for CSV, the row's own for XLSX), cells span text."""
    header = None
    for item in rows:
        if isinstance(item, SourceError):
            yield item
            return
        text, line, start, end, cells = item
        if header is None:  # the first row names the columns
            header = [_cell_text(text, c) for c in cells]
            columns, problems = _resolve(mapping, header)
            for problem in problems:
                yield SourceError(path, problem)
            if not any(role in NAME_ROLES[:4] for role, _ in columns):
                return
            header_raw = text[start:end]
            continue
        raw = text[start:end]
        if not raw.strip():
            continue
        local = [(s - start, e - start) for s, e in cells]
        doc = _row_document(path, line, raw, local, columns, header_raw, start, fmt, mapping)
        yield doc
    if header is None:
        yield SourceError(path, "empty file")


def _resolve(mapping: Mapping, header: list[str]) -> tuple[list[tuple[str, int]], list[str]]:
    """(role, column index) for each mapped column the header has; a problem per missing one."""
    index = {h.strip().casefold(): i for i, h in reversed(list(enumerate(header)))}
    found, missing = [], []
    for role, column in mapping.columns:
        i = column - 1 if isinstance(column, int) else index.get(column.strip().casefold())
        if i is None or i >= len(header):
            missing.append(f"{column!r} ({role})")
        else:
            found.append((role, i))
    problems = []
    if missing:
        named = any(role in NAME_ROLES[:4] for role, _ in found)
        rest = "its facts are not read, the other columns are" if named else "no name column is left: nothing is read"
        problems.append(f"mapped column{'s' if len(missing) > 1 else ''} {', '.join(missing)} not in the header "
                        f"({os.path.basename(mapping.path)}); {rest}")
    return found, problems


def _row_document(path, line, raw, cells, columns, header_raw, offset, fmt, mapping) -> Document | SourceError:
    parts: dict[str, tuple[int, int]] = {}
    facts: dict[str, list[Value]] = {}
    for role, i in columns:
        if i >= len(cells):
            continue
        s, e = _strip(raw, *cells[i])
        if s == e:
            continue
        fact = fact_role(role)
        if fact is None:
            parts.setdefault(role, (s, e))
        else:  # a quoted cell's doubled quotes are one quote in its value
            text = raw[s:e].replace('""', '"') if '""' in raw[s:e] else ""
            facts.setdefault(fact[0], []).append(Value(fact[1], s, e, text=text))
    names = _names(raw, parts)
    if not names:
        return SourceError(f"{path}:{line}", f"line {line}: no name in the mapped name columns; row not read")
    record = Record("row", names, tuple(parts[r] for r in NAME_ROLES if r in parts))
    statements = tuple(Statement("row", prop, *_extent(raw, values), tuple(values)) for prop, values in facts.items())
    metadata = {"format": fmt, "path": path, "line": line, **dict(mapping.metadata)}
    if fmt == "csv":
        metadata["offset"] = offset
    else:
        metadata["row"] = line
    return Document(id=doc_id((header_raw + "\n" + raw).encode("utf-8", "surrogatepass")),
                    uri=f"{path}#row={line}", raw=raw, title=names[0], metadata=metadata,
                    records=(record,), statements=statements)


def _extent(raw: str, values: list[Value]) -> tuple[int, int]:
    """A statement's quote: its one cell's content, or from its first cell to its last with
    the quotes that enclose them (never half a quoted cell)."""
    start, end = min(v.start for v in values), max(v.end for v in values)
    if len(values) > 1:
        start -= start > 0 and raw[start - 1] == '"'
        end += end < len(raw) and raw[end] == '"'
    return start, end


def _names(raw: str, parts: dict[str, tuple[int, int]]) -> tuple[str, ...]:
    """The row's person's names: given (patronymic) surname first, then the register's own
    order (surname given patronymic), then a whole-name column and an alias as written."""
    word = {role: " ".join(raw[s:e].replace('""', '"').split()) for role, (s, e) in parts.items()}
    natural = " ".join(word[r] for r in ("given", "patronymic", "surname") if r in word)
    listed = " ".join(word[r] for r in ("surname", "given", "patronymic") if r in word)
    out = []
    for name in (natural, listed, word.get("name", ""), word.get("alias", "")):
        if name and name not in out:
            out.append(name)
    return tuple(out)


def _strip(raw: str, s: int, e: int) -> tuple[int, int]:
    while s < e and raw[s].isspace():
        s += 1
    while e > s and raw[e - 1].isspace():
        e -= 1
    return s, e


def _cell_text(text: str, cell: Cell) -> str:
    return text[cell[0]:cell[1]].replace('""', '"')


def _delimiter(text: str) -> str:
    """The delimiter of the first line: the candidate it holds most of, outside quotes."""
    first = text[:text.find("\n") if "\n" in text else len(text)]
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def split_rows(text: str, delimiter: str) -> Iterator[tuple[int, int, int, list[Cell]]]:
    """(line number, row start, row end, cells) of each row in CSV `text`, offsets into it.
    RFC 4180: a quoted cell may hold delimiters, doubled quotes and line breaks; its span
    leaves the enclosing quotes out. The row end leaves the line break out."""
    pos, n, line = 0, len(text), 1
    while pos < n:
        start, first_line, cells = pos, line, []
        while True:
            if pos < n and text[pos] == '"':
                close = pos + 1
                while True:
                    close = text.find('"', close)
                    if close == -1 or close + 1 >= n or text[close + 1] != '"':
                        break
                    close += 2
                end = n if close == -1 else close
                cells.append((pos + 1, end))
                line += text.count("\n", pos, end)
                pos = n if close == -1 else close + 1
                # anything between the closing quote and the delimiter is kept out of the cell
                while pos < n and text[pos] not in delimiter + "\r\n":
                    pos += 1
            else:
                stop = pos
                while stop < n and text[stop] not in delimiter + "\r\n":
                    stop += 1
                cells.append((pos, stop))
                pos = stop
            if pos < n and text[pos] == delimiter:
                pos += 1
                continue
            break
        end = pos
        if pos < n and text[pos] == "\r":
            pos += 1
        if pos < n and text[pos] == "\n":
            pos += 1
        line += 1
        yield first_line, start, end, cells
