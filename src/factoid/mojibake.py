"""Mojibake repair with an offset map, one line at a time.

ftfy undoes text that was decoded with the wrong codec ("Ã©" for "é", "Ð¡" for "С"). Only
the stretches that show a telltale pair are handed to ftfy (a run of words holding
non-ASCII characters), which keeps the slow part off ordinary text and lets everything
else map one to one.
"""
from __future__ import annotations

import functools
import re

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)

# A lead character of a two-to-four-byte UTF-8 sequence read as Latin-1/cp1252, followed
# by a continuation byte read the same way; or the cp1251 reading of UTF-8 Cyrillic.
_TELLTALE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0420\u0421][\u0080-\u00bf\u0402-\u040f\u0452-\u045f\u2013\u2014\u2018-\u201e"
    "\u2020-\u2026\u2030\u2039\u203a\u20ac\u2116\u2122]")
# Words holding non-ASCII characters, with the spaces between such words.
_STRETCH = re.compile(r"[^\s]*[^\x00-\x7f][^\s]*(?:\s+[^\s]*[^\x00-\x7f][^\s]*)*")


def repair(text: str, start: int) -> tuple[str, list[int] | None]:
    """(repaired text, raw offset of each of its chars plus one past the end), or
    (text, None) when nothing needed repair. `start` is the raw offset of text[0]."""
    if text.isascii() or not _TELLTALE.search(text):
        return text, None
    out, rmap, pos = [], [], 0
    for m in _STRETCH.finditer(text):
        a, b = m.span()
        piece = m.group()
        fixed = ftfy.fix_encoding(piece) if _TELLTALE.search(piece) else piece
        walk = align(piece, fixed) if fixed != piece else None
        if walk is None:
            continue
        out.append(text[pos:a])
        rmap.extend(range(start + pos, start + a))
        out.append(fixed)
        rmap.extend(start + a + k for k in walk[:-1])
        pos = b
    if not out:
        return text, None
    out.append(text[pos:])
    rmap.extend(range(start + pos, start + len(text) + 1))
    return "".join(out), rmap


def align(src: str, dst: str) -> list[int] | None:
    """For each char of `dst` (and one past its end) the offset of the `src` char it came
    from, such that every repaired char is exactly `ftfy.fix_encoding` of the src chars it
    spans (a character's UTF-8 bytes read as cp1252 once or twice over: 2 to 15 chars), and a
    U+FFFD spans the src chars up to where the next char aligns. None when no such walk
    exists: the caller then leaves the stretch unrepaired rather than map it wrongly."""
    rmap, i = [], 0
    for k, ch in enumerate(dst):
        rmap.append(i)
        if i < len(src) and src[i] == ch:
            i += 1
            continue
        step = _span(src, i, ch)
        if step is None and ch == "\ufffd":
            nxt = dst[k + 1] if k + 1 < len(dst) else None
            step = next((n for n in range(1, _LONGEST + 1) if i + n <= len(src)
                         and (src[i + n:i + n + 1] == nxt or nxt is not None and _span(src, i + n, nxt)
                              or nxt is None and i + n == len(src))), None)
        if step is None:
            return None
        i += step
    if i != len(src):
        return None
    rmap.append(len(src))
    return rmap


_LONGEST = 15   # a 4-byte character encoded twice: up to 4 x 3 chars, with slack


def _span(src: str, i: int, ch: str) -> int | None:
    """How many src chars from i spell `ch` as mojibake (the fewest), if any. ftfy repairs
    a short slice less readily than a word ("Ðµ" alone stays), so the usual spellings are
    tried first."""
    for spelled in _spellings(ch):
        if src.startswith(spelled, i):
            return len(spelled)
    for n in range(2, min(_LONGEST, len(src) - i) + 1):
        if ftfy.fix_encoding(src[i:i + n]) == ch:
            return n
    return None


@functools.lru_cache(maxsize=4096)
def _spellings(ch: str) -> tuple[str, ...]:
    """`ch`'s UTF-8 bytes read in a Windows code page, once and twice over (ftfy's "sloppy"
    codecs keep the bytes those pages leave undefined as the matching C1 characters)."""
    out = []
    for codec in ("sloppy-windows-1252", "sloppy-windows-1251", "latin-1"):
        once = ch.encode("utf-8").decode(codec)
        out += [once, once.encode("utf-8").decode(codec)]
    return tuple(sorted(set(out) - {ch}, key=len))
