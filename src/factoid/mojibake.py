"""Mojibake repair with an offset map, one line at a time.

ftfy undoes text that was decoded with the wrong codec ("Ã©" for "é", "Ð¡" for "С"). Only
the stretches that show a telltale pair are handed to ftfy (a run of words holding
non-ASCII characters), which keeps the slow part off ordinary text and lets everything
else map one to one.
"""
from __future__ import annotations

import re

import ftfy

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
        if fixed == piece:
            continue
        out.append(text[pos:a])
        rmap.extend(range(start + pos, start + a))
        out.append(fixed)
        rmap.extend(start + a + k for k in align(piece, fixed)[:-1])
        pos = b
    if not out:
        return text, None
    out.append(text[pos:])
    rmap.extend(range(start + pos, start + len(text) + 1))
    return "".join(out), rmap


def align(src: str, dst: str) -> list[int]:
    """For each char of `dst` (and one past its end) the offset of the `src` char it came
    from. The usual mojibake spells each character's UTF-8 bytes as one char apiece, so a
    repaired char stands for as many src chars as it has bytes. When that walk does not
    come out even, the stretch between the common prefix and suffix maps proportionally."""
    rmap, i = [], 0
    for ch in dst:
        rmap.append(i)
        i += 1 if i < len(src) and src[i] == ch else len(ch.encode("utf-8"))
    if i != len(src):
        n = min(len(src), len(dst))
        head = next((k for k in range(n) if src[k] != dst[k]), n)
        tail = 0
        while tail < n - head and src[-1 - tail] == dst[-1 - tail]:
            tail += 1
        n_src, n_dst = len(src) - head - tail, len(dst) - head - tail
        rmap = (list(range(head)) + [head + k * n_src // n_dst for k in range(n_dst)]
                + list(range(len(src) - tail, len(src))))
    rmap.append(len(src))
    return rmap
