"""JSON Lines: one document per line, read one line at a time so a corpus of any size
streams. A bad line is reported and skipped; the rest of the file goes on.

The file's encoding is judged once from its first bytes (decode.sniff): UTF-8 as the format
asks, or UTF-16/32 with a byte-order mark (what some Windows tools write), or a legacy code
page. A line that is not valid in it is decoded on its own if it can be, else reported."""
from __future__ import annotations

import io
import json
from collections.abc import Iterator

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.base import cannot_read, doc_id, first_line, shorten
from factoid.sources.decode import ODD_MAX, SAMPLE, decode, label, oddity, sniff
from factoid.sources.metadata import from_record


def read(path: str) -> Iterator[Document | SourceError]:
    try:
        f = open(path, "rb")
    except OSError as e:
        yield cannot_read(path, e)
        return
    with f:
        try:
            try:
                encoding, skip = sniff(f.peek(SAMPLE)[:SAMPLE])
            except ValueError as e:  # binary: else every line would be an error
                yield SourceError(path, str(e))
                return
            f.read(skip)
            seen = False
            for line_no, line in _lines(f, encoding):
                if isinstance(line, SourceError):
                    yield SourceError(f"{path}:{line_no}", f"line {line_no}: {line.problem}")
                    return
                raw, text = line
                if isinstance(text, str) and not text.strip():
                    continue
                seen = True
                yield _document(path, line_no, raw, text)
        except OSError as e:
            yield cannot_read(path, e)
            return
    if not seen:
        yield SourceError(path, "empty file")


def _lines(f, encoding: str):
    """(line number, (raw bytes, text) or a line's decoding problem), without line endings
    (the id must not depend on them). Wide encodings go through a text wrapper; the raw
    bytes of a line are then its text re-encoded, which is exact for UTF-16/32."""
    if encoding.startswith(("utf-16", "utf-32")):
        wrapper = io.TextIOWrapper(f, encoding=encoding, errors="strict", newline="")
        line_no = 0
        try:
            for line_no, text in enumerate(wrapper, 1):
                text = text.rstrip("\r\n")
                yield line_no, (text.encode(encoding), text)
        except UnicodeDecodeError:
            yield line_no + 1, SourceError("", f"not valid {label(encoding)} text; the rest of the file is skipped")
        finally:
            wrapper.detach()
        return
    for line_no, raw in enumerate(f, 1):
        raw = raw.rstrip(b"\r\n")
        try:
            text = raw.decode(encoding)
            # a legacy code page decodes any bytes: a line it reads as nonsense is judged alone
            if encoding != "utf-8" and not raw.isascii() and oddity(text) > ODD_MAX:
                text = _alone(raw)
        except UnicodeDecodeError:
            text = _alone(raw)
        yield line_no, (raw, text)


def decode_line(raw: bytes) -> str:
    """One UTF-8 line (as JSON Lines asks), else the line decoded alone when that is sure;
    ValueError with the problem otherwise."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        text = _alone(raw)
    if isinstance(text, SourceError):
        raise ValueError(text.problem)
    return text


def _alone(raw: bytes) -> str | SourceError:
    """A line that is not in the file's encoding, decoded by itself when that is sure."""
    try:
        return decode("", raw)[0]
    except SourceError as e:
        return SourceError("", e.problem.replace(" at offset ", " at column "))


def load_object(text: str) -> dict:
    """One JSON object from a line, or ValueError with a one-line problem: invalid JSON,
    nesting too deep for the parser, not an object, a string SQLite could not store."""
    try:
        record = json.loads(text)
    except RecursionError:
        raise ValueError("invalid JSON (nested too deeply)") from None
    except ValueError as e:
        raise ValueError(f"invalid JSON ({getattr(e, 'msg', e)})") from None
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {type(record).__name__}")
    for key, value in record.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as e:  # "\ud800": a lone surrogate, not a character
                raise ValueError(f'"{key}" holds a lone surrogate (\\u{ord(value[e.start]):04x} '
                                 f"at character {e.start}), not text") from None
    return record


def _document(path: str, line_no: int, raw: bytes, text: str | SourceError) -> Document | SourceError:
    def bad(problem: str) -> SourceError:
        return SourceError(f"{path}:{line_no}", f"line {line_no}: {problem}")

    if isinstance(text, SourceError):
        return bad(text.problem)
    try:
        record = load_object(text)
    except ValueError as e:
        return bad(str(e))
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
    metadata.update(from_record(record))
    return Document(id=doc_id(raw), uri=f"{path}#{rid or line_no}", raw=text, title=title,
                    metadata=metadata)


def count(path: str) -> int:
    """The file's lines, by a byte scan (no parsing): a progress bar's total."""
    lines, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    # A last line without a newline still counts; an empty file still yields one error.
    return max(1, lines + (last != b"\n"))
