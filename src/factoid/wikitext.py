"""Wikitext to plain text with an offset map back to the wikitext (our own small converter:
mwparserfromhell gives no offsets, and what a reader needs here is little).

Dropped: templates `{{...}}` (nested; an infobox is read as structure by sources/mediawiki.py),
tables `{|...|}`, references `<ref>...</ref>`, comments, files and categories. Kept: a link's
label (`[[target|label]]` -> label), an external link's label, headings' words, the text.
Bold and italic quotes and other tags go, their content stays. `offsets[i]` is the wikitext
offset of text character i, and `offsets[len(text)]` the end, as Document.offsets.
"""
from __future__ import annotations

import re
from array import array

_DROP_LINK = re.compile(r"\[\[\s*(?:File|Image|Category|Файл|Изображение|Категория)\s*:", re.IGNORECASE)
_REF = re.compile(r"<ref\b[^>]*?/>|<ref\b[^>]*>.*?</ref\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_QUOTES = re.compile(r"'{2,5}")
_EXTERNAL = re.compile(r"\[(?:https?:)?//[^\s\]]+\s*([^\]]*)\]")
_HEADING = re.compile(r"^(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$", re.MULTILINE)


def to_text(wiki: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offsets: list[int] = []
    _convert(wiki, 0, len(wiki), out, offsets)
    text = "".join(out)
    offsets.append(offsets[-1] + 1 if offsets else 0)
    return text, offsets


def clean_wikitext(doc, clean):
    """The cleaning stage for a wiki page: `clean` (clean.py) over the page's plain text, its
    offsets, regions and hints then carried back to the wikitext, which stays the raw."""
    from dataclasses import replace
    text, to_wiki = to_text(doc.raw)
    plain = clean(replace(doc, raw=text))
    offsets = plain.offsets or tuple(range(len(text) + 1))

    def back(start: int, end: int) -> tuple[int, int]:
        return to_wiki[start], (to_wiki[end - 1] + 1 if end > start else to_wiki[start])

    return replace(plain, raw=doc.raw, offsets=array("q", (to_wiki[o] for o in offsets)),
                   regions=tuple(replace(r, start=back(r.start, r.end)[0], end=back(r.start, r.end)[1])
                                 for r in plain.regions),
                   hints=tuple(replace(h, start=back(h.start, h.end)[0], end=back(h.start, h.end)[1])
                               for h in plain.hints))


def _emit(wiki: str, start: int, end: int, out: list[str], offsets: list[int]) -> None:
    """Copy wiki[start:end] less its quotes and tags, keeping each character's offset."""
    pos = start
    for m in _inline(wiki, start, end):
        out.append(wiki[pos:m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    out.append(wiki[pos:end])
    offsets.extend(range(pos, end))


def _inline(wiki: str, start: int, end: int):
    found = sorted([*_QUOTES.finditer(wiki, start, end), *_TAG.finditer(wiki, start, end)], key=lambda m: m.start())
    last = start
    for m in found:
        if m.start() >= last:
            last = m.end()
            yield m


def _convert(wiki: str, start: int, end: int, out: list[str], offsets: list[int]) -> None:
    pos = start
    while pos < end:
        nxt = _next_markup(wiki, pos, end)
        if nxt is None:
            _emit(wiki, pos, end, out, offsets)
            return
        at, kind = nxt
        _emit(wiki, pos, at, out, offsets)
        if kind == "template":
            pos = _skip_nested(wiki, at, end, "{{", "}}")
        elif kind == "table":
            pos = _skip_nested(wiki, at, end, "{|", "|}")
        elif kind in ("ref", "comment"):
            m = (_REF if kind == "ref" else _COMMENT).match(wiki, at)
            pos = m.end() if m else at + 1
        elif kind == "link":
            close = _skip_nested(wiki, at, end, "[[", "]]")
            if not _DROP_LINK.match(wiki, at):
                inner_start, inner_end = at + 2, max(at + 2, close - 2)
                bar = wiki.rfind("|", inner_start, inner_end)
                label = bar + 1 if bar != -1 else inner_start
                _convert(wiki, label, inner_end, out, offsets)
            pos = close
        elif kind == "external":
            m = _EXTERNAL.match(wiki, at)
            if m and m.group(1):
                _emit(wiki, m.start(1), m.end(1), out, offsets)
            pos = m.end() if m else at + 1
        elif kind == "heading":
            m = _HEADING.match(wiki, at)
            _emit(wiki, m.start(2), m.end(2), out, offsets)
            pos = m.end()


_OPENERS = (("{{", "template"), ("{|", "table"), ("<ref", "ref"), ("<!--", "comment"), ("[[", "link"),
            ("[http", "external"), ("[//", "external"))


def _next_markup(wiki: str, pos: int, end: int) -> tuple[int, str] | None:
    best = None
    for opener, kind in _OPENERS:
        at = wiki.find(opener, pos, end)
        if at != -1 and (best is None or at < best[0]):
            best = (at, kind)
    heading = _HEADING.search(wiki, pos, end)
    if heading and (best is None or heading.start() < best[0]):
        best = (heading.start(), "heading")
    return best


def _skip_nested(wiki: str, at: int, end: int, opener: str, closer: str) -> int:
    """The offset just past the closer matching the opener at `at` (or `end` if unclosed)."""
    depth, pos = 0, at
    while pos < end:
        o, c = wiki.find(opener, pos, end), wiki.find(closer, pos, end)
        if c == -1:
            return end
        if o != -1 and o < c:
            depth, pos = depth + 1, o + len(opener)
        else:
            depth, pos = depth - 1, c + len(closer)
            if depth == 0:
                return pos
    return end
