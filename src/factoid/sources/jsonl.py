"""JSON Lines: one document per line, read one line at a time so a corpus of any size
streams. A bad line is reported and skipped; the rest of the file goes on."""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.base import SAMPLE, cannot_read, doc_id, first_line, looks_binary, shorten


def read(path: str) -> Iterator[Document | SourceError]:
    try:
        f = open(path, "rb")
    except OSError as e:
        yield cannot_read(path, e)
        return
    with f:
        try:
            if looks_binary(f.peek(SAMPLE)[:SAMPLE]):  # else every line would be an error
                yield SourceError(path, "binary file, not text")
                return
            seen = False
            for line_no, line in enumerate(f, 1):
                if line_no == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8):]
                line = line.rstrip(b"\r\n")  # the id must not depend on the line ending
                if not line.strip():
                    continue
                seen = True
                yield _document(path, line_no, line)
        except OSError as e:
            yield cannot_read(path, e)
            return
    if not seen:
        yield SourceError(path, "empty file")


def _document(path: str, line_no: int, line: bytes) -> Document | SourceError:
    def bad(problem: str) -> SourceError:
        return SourceError(f"{path}:{line_no}", f"line {line_no}: {problem}")

    try:
        record = json.loads(line)  # bytes: json detects UTF-8 itself
    except UnicodeDecodeError as e:
        return bad(f"not valid UTF-8 text (byte 0x{line[e.start]:02X} at column {e.start})")
    except ValueError as e:
        return bad(f"invalid JSON ({getattr(e, 'msg', e)})")
    if not isinstance(record, dict):
        return bad(f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return bad('missing or empty "text"')
    rid = record.get("id")
    rid = str(rid) if isinstance(rid, (str, int)) and not isinstance(rid, bool) and str(rid) else None
    title = record.get("title")
    title = title.strip() if isinstance(title, str) and title.strip() else shorten(first_line(text))
    metadata = {"format": "jsonl", "path": path, "line": line_no}
    if rid is not None:
        metadata["record_id"] = rid
    if isinstance(record.get("url"), str):
        metadata["url"] = record["url"]
    return Document(id=doc_id(line), uri=f"{path}#{rid or line_no}", raw=text, title=title,
                    metadata=metadata)
