"""HTML: the text layer is the page's main text, laid out as lines and paragraphs, so that
sentence splitting downstream sees the same breaks a reader does. `html` keeps the original."""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import PurePath

from selectolax.lexbor import LexborHTMLParser

from factoid.errors import SourceError
from factoid.model import Document
from factoid.sources.base import decode, doc_id, read_bytes
from factoid.sources.metadata import from_html

DROP = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                  "svg", "template", "head", "iframe", "object", "select", "button"})
PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "blockquote", "pre",
                       "table", "ul", "ol", "dl", "figure", "hr", "article", "main"})
LINE = frozenset({"div", "li", "tr", "br", "dd", "dt", "caption", "figcaption", "address"})
CELL = frozenset({"td", "th"})  # cells of one row stay on one line, apart by a space
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# WHATWG: a page labelled Latin-1 or ASCII is decoded as windows-1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252"}


def read(path: str) -> Iterator[Document | SourceError]:
    try:
        data = read_bytes(path)
        source, encoding = decode(path, data, _declared(data))
        tree = LexborHTMLParser(source)
        text = main_text(tree)
    except SourceError as e:
        yield e
        return
    except Exception as e:  # a parser failure on one page must not stop the run
        yield SourceError(path, f"cannot parse HTML: {e}")
        return
    if not text:
        yield SourceError(path, "no readable text in HTML")
        return
    yield Document(id=doc_id(data), uri=path, raw=text, title=title(tree) or PurePath(path).stem,
                   html=source, metadata={"format": "html", "path": path, "encoding": encoding,
                                          **from_html(tree)})


def _declared(data: bytes) -> str | None:
    """The charset a <meta> near the top declares, if Python knows it."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None


def _words(node) -> str:
    return " ".join((node.text(separator=" ") or "").split()) if node is not None else ""


def title(tree: LexborHTMLParser) -> str:
    return _words(tree.css_first("title")) or _words(tree.css_first("h1"))


def _root(tree: LexborHTMLParser):
    """One <article> is the content; several (a listing) or none: <main>, else <body>."""
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    return tree.css_first("main") or tree.body


def main_text(tree: LexborHTMLParser) -> str:
    root = _root(tree)
    if root is None:
        return ""
    out: list[str] = []    # finished lines, with the breaks between them
    buf: list[str] = []    # text of the block being read
    brk = 0                # break owed before the next text: 1 newline, 2 blank line
    in_article = in_pre = 0

    def flush():
        nonlocal brk
        words = " ".join("".join(buf).split())
        buf.clear()
        if words:
            if out:
                out.append("\n" * max(brk, 1))
            out.append(words)
            brk = 0

    def block(tag: str):
        nonlocal brk
        level = 2 if tag in PARAGRAPH else 1 if tag in LINE else 0
        if level:
            flush()
            brk = max(brk, level)

    # An explicit stack, not recursion: real pages nest deeper than Python's recursion limit.
    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            block(tag)
            in_article -= tag == "article"
            in_pre -= tag == "pre"
            if tag in CELL:
                buf.append(" ")
            continue
        if node.is_text_node:
            text = node.text_content or ""
            if in_pre:  # keep a <pre>'s own line breaks
                for i, part in enumerate(text.split("\n")):
                    if i:
                        block("br")
                    buf.append(part)
            else:
                buf.append(text)
            continue
        if not node.is_element_node or (node is not root and _dropped(tag, in_article)):
            continue
        block(tag)
        in_article += tag == "article"
        in_pre += tag == "pre"
        if tag in CELL:
            buf.append(" ")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    flush()
    return "".join(out)


def _dropped(tag: str, in_article: int) -> bool:
    # Inside an <article>, <header> holds the article's own heading: keep it.
    return tag in DROP and not (tag == "header" and in_article)


def sniff(head: bytes, path: str) -> bool:
    """A page saved without an .html extension: it opens with a doctype or an <html> tag."""
    start = head.lstrip(codecs.BOM_UTF8).lstrip()[:15].lower()
    return start.startswith((b"<!doctype html", b"<html"))
