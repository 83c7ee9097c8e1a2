"""XLSX rows for the register reader, streamed with openpyxl's read-only mode.

A spreadsheet has no text of its own, so each row's text is made here, the same way every
time: its cells' values joined by tabs (a date as ISO 8601, a whole number without ".0"), and
the spans of a row point into that text. The row number and sheet go with the document.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from factoid.errors import SourceError


def sheet_rows(path: str, sheet: str | None) -> Iterator[tuple | SourceError]:
    """(row text, row number, 0, len, cell spans) per row, or one SourceError."""
    from openpyxl import load_workbook
    try:
        handle = open(path, "rb")  # a file object: openpyxl would refuse a name not ending .xlsx
    except OSError as e:
        yield SourceError(path, f"cannot read: {e.strerror or e}")
        return
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as e:  # openpyxl's own errors for a damaged workbook have no common base
        handle.close()
        yield SourceError(path, f"cannot read the workbook: {' '.join(str(e).split())[:200]}")
        return
    try:
        if sheet is not None and sheet not in book.sheetnames:
            yield SourceError(path, f"no sheet {sheet!r}; the sheets are {', '.join(book.sheetnames)}")
            return
        ws = book[sheet] if sheet else book.worksheets[0]
        for number, values in enumerate(ws.iter_rows(values_only=True), 1):
            cells, parts, pos = [], [], 0
            for value in values:
                text = _text(value).replace("\t", " ").replace("\n", " ")
                cells.append((pos, pos + len(text)))
                parts.append(text)
                pos += len(text) + 1
            row = "\t".join(parts)
            yield row, number, 0, len(row), cells
    finally:
        book.close()
        handle.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
