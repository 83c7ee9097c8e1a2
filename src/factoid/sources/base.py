"""Bytes in, text out: the checks every file reader shares.

Readers keep `raw` exactly as decoded (no newline or Unicode normalisation) because every
span downstream is an offset into it.
"""
from __future__ import annotations

import codecs
import hashlib
import re

from factoid.errors import SourceError

SAMPLE = 1 << 16          # bytes inspected to decide "binary"
CONTROL_SHARE = 0.05      # text has almost no C0 controls besides tab/CR/LF/FF; binaries many
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# A well-formed UTF-8 multibyte sequence: if a failing file has even one, it is UTF-8 with
# damage, not a legacy single-byte encoding, so we report it rather than guess cp1252.
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
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


def looks_binary(sample: bytes) -> bool:
    return b"\0" in sample or len(_CONTROL.findall(sample)) > CONTROL_SHARE * len(sample)


def decode(path: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) or SourceError. A UTF-8 BOM is dropped, so offsets count from after it."""
    if not data:
        raise SourceError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # would look binary (NULs)
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise SourceError(path, "not valid UTF-16 text") from None
    elif looks_binary(data[:SAMPLE]):
        raise SourceError(path, "binary file, not text")
    else:
        text, encoding = _decode_8bit(path, data, declared)
    if not text.strip():
        raise SourceError(path, "empty file")
    return text, encoding


def _decode_8bit(path: str, data: bytes, declared: str | None) -> tuple[str, str]:
    base = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if declared and not base and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies; judge the bytes themselves
    try:
        return data[base:].decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        offset = base + e.start
    if not base and not _UTF8_SEQ.search(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    raise SourceError(path, f"not valid UTF-8 text (byte 0x{data[offset]:02X} at offset {offset})")


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
